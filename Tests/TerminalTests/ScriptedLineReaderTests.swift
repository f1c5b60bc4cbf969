import Testing

@testable import Terminal

@Suite struct ScriptedLineReaderTests {
    @Test func answersInOrderThenEndOfInput() {
        let reader = ScriptedLineReader([.line("x = 1"), .interrupted, .line(":quit")])
        #expect(reader.readLine(prompt: "> ") == .line("x = 1"))
        #expect(reader.readLine(prompt: "> ") == .interrupted)
        #expect(reader.readLine(prompt: ">> ") == .line(":quit"))
        #expect(reader.readLine(prompt: "> ") == .endOfInput)
        #expect(reader.prompts == ["> ", "> ", ">> ", "> "])
    }

    @Test func echoWritesATranscript() {
        let screen = MemoryScreen()
        let reader = ScriptedLineReader(lines: ["합성곱"], echo: screen)
        reader.addHistory("합성곱")
        _ = reader.readLine(prompt: "> ")
        _ = reader.readLine(prompt: "> ")
        #expect(screen.text == "> 합성곱\n> \n")
        #expect(reader.history == ["합성곱"])
    }
}
