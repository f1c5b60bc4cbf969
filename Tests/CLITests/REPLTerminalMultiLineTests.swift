#if os(Linux)
    import Foundation
    import Testing

    /// Multi-line input on a real pseudo-terminal: the continuation prompt, a bracketed paste of
    /// a block taken as one input, and a block recalled whole from history.
    @Suite("cnntutor learn on a terminal: multi-line input", .serialized)
    struct REPLTerminalMultiLineTests {
        @Test func blocksOnATerminal() throws {
            let data = REPLBinaryTests.temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: data) }

            let session = try TerminalSession(["learn", "--data-dir", data])
            try session.waitFor("cnn> ")
            // An open bracket continues at "... ".
            try session.type("v = [20,\r")
            try session.waitFor("... ")
            try session.type("1.5]\r")
            try session.waitForPrompt(count: 2)
            // The program turned bracketed paste on for the prompt.
            #expect(session.output.contains("\u{1B}[?2004h"))
            // A pasted block (as a terminal sends it: wrapped in ESC[200~ … ESC[201~, lines ended
            // by carriage returns) is one input, run as soon as the paste ends.
            try session.type("\u{1B}[200~def twice(x):\r    return x * 2\r\rtwice(sum(v))\u{1B}[201~")
            try session.waitFor("43.")
            try session.waitForPrompt(count: 3)
            // Taken whole: no continuation prompt between the paste and its result.
            let afterPaste = session.output.components(separatedBy: "def twice").last ?? ""
            #expect(!afterPaste.contains("... "))
            // Up recalls the whole block; Enter runs it again.
            try session.type("\u{1B}[A\r")
            try session.waitFor("43.", after: "43.")
            try session.type(":quit\r")
            try session.waitFor("Bye!")
            #expect(session.finish() == 0)
        }
    }
#endif
