import Testing

@testable import Terminal

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct ScreenTests {
    @Test func memoryScreenKeepsTextExactly() {
        let screen = MemoryScreen()
        screen.write("a")
        screen.writeLine("b")
        screen.writeLines(["한글", ""])
        #expect(screen.text == "ab\n한글\n\n")
        #expect(screen.lines == ["ab", "한글", ""])
        screen.clear()
        #expect(screen.text.isEmpty)
    }

    @Test func standardOutputScreenWritesAllBytesToItsDescriptor() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]) }
        let screen = StandardOutputScreen(fileDescriptor: fds[1], environment: ["TERM": "xterm-256color"])
        #expect(!screen.capabilities.isTTY)
        #expect(screen.capabilities.colorLevel == .none)
        screen.writeLines(["합성곱", "x"])
        close(fds[1])
        var bytes = [UInt8](repeating: 0, count: 64)
        let count = read(fds[0], &bytes, bytes.count)
        #expect(String(decoding: bytes[0..<max(0, count)], as: UTF8.self) == "합성곱\nx\n")
    }
}
