import Testing

@testable import Terminal

@Suite struct PipeLineReaderTests {
    @Test func readsLinesVerbatimAndEchoes() {
        var input = ["a = 1\r", "한글 입력", "  spaced  "]
        let screen = MemoryScreen()
        let reader = PipeLineReader(echo: screen) { input.isEmpty ? nil : input.removeFirst() }
        #expect(reader.readLine(prompt: ">>> ") == .line("a = 1"))
        #expect(reader.readLine(prompt: ">>> ") == .line("한글 입력"))
        #expect(reader.readLine(prompt: ">>> ") == .line("  spaced  "))
        #expect(reader.readLine(prompt: ">>> ") == .endOfInput)
        #expect(screen.text == ">>> a = 1\n>>> 한글 입력\n>>>   spaced  \n>>> \n")
    }

    @Test func withoutEchoNothingIsWritten() {
        let reader = PipeLineReader { nil }
        #expect(reader.readLine(prompt: "> ") == .endOfInput)
    }
}
