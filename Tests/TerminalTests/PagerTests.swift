import Testing

@testable import Terminal

@Suite struct PagerTests {
    static func terminal(rows: Int) -> MemoryScreen {
        MemoryScreen(
            capabilities: FixedTerminalCapabilities(isTTY: true, size: .init(columns: 40, rows: rows)))
    }

    /// A 4-row terminal shows 3 lines per page and the prompt on the fourth.
    @Test func pagesAScreenfulAtATime() {
        let screen = Self.terminal(rows: 4)
        let reader = ScriptedLineReader(lines: ["", ""])
        let outcome = Pager(screen: screen, reader: reader).show((1...7).map { "line \($0)" })
        #expect(outcome == .finished)
        #expect(reader.prompts.count == 2)
        let erase = "\u{1B}[1A\u{1B}[2K"
        #expect(
            screen.text == "line 1\nline 2\nline 3\n" + erase + "line 4\nline 5\nline 6\n" + erase
                + "line 7\n")
    }

    @Test func qStops() {
        let screen = Self.terminal(rows: 3)
        let reader = ScriptedLineReader(lines: ["q"])
        #expect(Pager(screen: screen, reader: reader).show(["a", "b", "c", "d"]) == .stopped)
        #expect(!screen.text.contains("c"))
    }

    @Test func ctrlCStopsAndCtrlDEnds() {
        #expect(
            Pager(screen: Self.terminal(rows: 2), reader: ScriptedLineReader([.interrupted])).show(["a", "b"])
                == .stopped)
        #expect(
            Pager(screen: Self.terminal(rows: 2), reader: ScriptedLineReader([])).show(["a", "b"])
                == .endOfInput)
    }

    @Test func notATerminalShowsEverythingWithoutAsking() {
        let screen = MemoryScreen()
        let reader = ScriptedLineReader(lines: ["should stay unread"])
        #expect(Pager(screen: screen, reader: reader).show((1...100).map(String.init)) == .finished)
        #expect(reader.remaining == 1)
        #expect(screen.lines.count == 100)
    }
}
