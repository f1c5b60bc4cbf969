import Testing

@testable import Terminal

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct ColorLevelTests {
    /// The rules: no-color.org for NO_COLOR, COLORTERM for 24-bit, TERM *256color* for 256.
    @Test(arguments: [
        ([String: String](), true, ColorLevel.ansi16),
        (["TERM": "xterm-256color"], true, .ansi256),
        (["TERM": "xterm-256color", "COLORTERM": "truecolor"], true, .trueColor),
        (["TERM": "tmux-256color", "COLORTERM": "24bit"], true, .trueColor),
        (["TERM": "xterm-256color", "COLORTERM": "truecolor"], false, .none),
        (["TERM": "xterm-256color", "NO_COLOR": "1"], true, .none),
        (["TERM": "xterm-256color", "NO_COLOR": ""], true, .ansi256),
        (["TERM": "dumb"], true, .none),
        (["TERM": "screen"], true, .ansi16),
    ])
    func detection(environment: [String: String], isTTY: Bool, expected: ColorLevel) {
        #expect(ColorLevel.detect(environment: environment, isTTY: isTTY) == expected)
    }

    @Test func systemCapabilitiesOfAPipeHaveNoColour() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer {
            close(fds[0])
            close(fds[1])
        }
        let capabilities = SystemTerminalCapabilities(
            fileDescriptor: fds[1], environment: ["TERM": "xterm-256color", "COLUMNS": "57", "LINES": "9"])
        #expect(!capabilities.isTTY)
        #expect(capabilities.colorLevel == .none)
        #expect(capabilities.size == TerminalSize(columns: 57, rows: 9))
    }

    @Test func stylesDegradeWithTheLevel() {
        let style = TextStyle(bold: true, foreground: RGB(255, 0, 0))
        #expect(style.apply("x", at: .none) == "x")
        #expect(style.apply("x", at: .ansi16) == "\u{1B}[1;31mx\u{1B}[0m")
        #expect(style.apply("x", at: .ansi256) == "\u{1B}[1;38;5;196mx\u{1B}[0m")
        #expect(style.apply("x", at: .trueColor) == "\u{1B}[1;38;2;255;0;0mx\u{1B}[0m")
    }

    /// xterm palette: index 196 is (255,0,0), 16 is black, 231 white, 244 is grey 128.
    @Test(arguments: [
        (RGB(255, 0, 0), 196), (RGB(0, 0, 0), 16), (RGB(255, 255, 255), 231), (RGB(128, 128, 128), 244),
    ])
    func palette256(color: RGB, index: Int) {
        #expect(color.xterm256Index == index)
    }
}
