import Testing

@testable import Wording

@Suite struct DisplayWidthTests {
    /// Expected widths follow Unicode's EastAsianWidth.txt (W/F = 2) and general categories
    /// (Mn/Me/Cf = 0); they agree with glibc's `wcwidth` for these code points.
    @Test(arguments: [
        ("a", 1), ("한", 2), ("ᄀ", 2), ("ㄱ", 2), ("漢", 2), ("か", 2), ("Ａ", 2), ("！", 2),
        ("é", 1), ("e\u{301}", 1), ("\u{200B}", 0), ("😀", 2), ("❤️", 2), ("🇰🇷", 2),
        ("\u{1100}\u{1161}\u{11A8}", 2), ("─", 1), ("⎡", 1), ("\u{7}", 0),
    ])
    func characterWidths(character: String, expected: Int) {
        #expect(displayWidth(Character(character)) == expected)
    }

    @Test(arguments: [
        ("", 0), ("hello", 5), ("안녕하세요", 10), ("합성곱 신경망", 13), ("x = 한글", 8),
        ("\u{1B}[1mbold\u{1B}[0m", 4), ("\u{1B}[38;2;1;2;3m한\u{1B}[0m", 2),
        ("\u{1B}]8;;http://x\u{7}link\u{1B}]8;;\u{7}", 4), ("tab\u{301}", 3),
    ])
    func stringWidths(text: String, expected: Int) {
        #expect(displayWidth(text) == expected)
    }
}
