import Testing

@testable import Terminal

@Suite struct TextLayoutTests {
    @Test func padCountsWideCharactersAsTwo() {
        #expect(TextLayout.pad("한글", toWidth: 6) == "한글  ")
        #expect(TextLayout.pad("ab", toWidth: 5, alignment: .right) == "   ab")
        #expect(TextLayout.pad("ab", toWidth: 5, alignment: .center) == " ab  ")
    }

    @Test func truncateEndsInAnEllipsis() {
        #expect(TextLayout.truncate("abcdef", toWidth: 4) == "abc…")
        #expect(TextLayout.truncate("한글입니다", toWidth: 6) == "한글…")
        #expect(TextLayout.truncate("abc", toWidth: 3) == "abc")
    }

    @Test func truncateKeepsEscapesAndResets() {
        let styled = "\u{1B}[1mabcdef\u{1B}[0m"
        #expect(TextLayout.truncate(styled, toWidth: 3) == "\u{1B}[1mab…\u{1B}[0m")
    }

    @Test func sideBySidePadsEachBlock() {
        let lines = TextLayout.sideBySide([["a", "bbb"], ["한"]], gap: 2)
        #expect(lines == ["a    한", "bbb"])
    }

    @Test func hardWrapKeepsSpaces() {
        #expect(TextLayout.hardWrap("a  b\tc", toWidth: 3) == ["a  ", "b  ", "  c"])
    }
}
