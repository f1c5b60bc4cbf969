import CEditLine
import Foundation
import Synchronization
import Testing

@testable import Terminal

#if canImport(Glibc)
    import Glibc
#endif

extension ProcessWideTests {
    /// libedit on a real pseudo-terminal: the reader edits on the slave side; the keys are typed
    /// on the master side once the prompt has appeared (libedit switches the terminal to raw mode
    /// before drawing the prompt; keys typed earlier would meet the cooked line discipline).
    @Suite struct EditLineReaderTests {
        @Test func editsKoreanAsWholeSyllables() throws {
            let terminal = try PseudoTerminal()
            let reader = terminal.reader()
            // Type, then Ctrl-B (back one character), Backspace (deletes 한), type 국, Enter.
            #expect(terminal.readLine(with: reader, typing: "héllo 한글\u{2}\u{7F}국\r") == .line("héllo 국글"))
            #expect(terminal.output.contains("héllo"))
        }

        @Test func ctrlCDiscardsTheLineAndCtrlDEndsInput() throws {
            let terminal = try PseudoTerminal()
            let reader = terminal.reader()
            #expect(terminal.readLine(with: reader, typing: "half typed\u{3}") == .interrupted)
            #expect(terminal.readLine(with: reader, typing: "next\r") == .line("next"))
            #expect(terminal.readLine(with: reader, typing: "\u{4}") == .endOfInput)
        }

        @Test func historyIsSavedAndRecalledAcrossReaders() throws {
            let path = "/tmp/cnntutor-terminal-history-\(getpid())"
            unlink(path)
            defer { unlink(path) }
            let terminal = try PseudoTerminal()
            do {
                let first = terminal.reader(historyFile: path)
                first.addHistory("x = 합성곱(1)")
                first.addHistory(":hint")
            }
            let second = terminal.reader(historyFile: path)
            #expect(second.historyEntries == ["x = 합성곱(1)", ":hint"])
            // Ctrl-P twice goes back two entries; Ctrl-R searches backwards for "합성".
            #expect(terminal.readLine(with: second, typing: "\u{10}\u{10}\r") == .line("x = 합성곱(1)"))
            #expect(terminal.readLine(with: second, typing: "\u{12}합성\r") == .line("x = 합성곱(1)"))
        }

        @Test func tabCompletesThroughTheCompleter() throws {
            let terminal = try PseudoTerminal()
            let seen = LineLog()
            let reader = terminal.reader { line, cursor in
                seen.lines.append("\(line)|\(cursor)")
                return [":hint", ":help", ":next"]
            }
            #expect(terminal.readLine(with: reader, typing: ":hi\t\r") == .line(":hint"))
            #expect(terminal.readLine(with: reader, typing: ":h\te\t\r") == .line(":help"))
            #expect(seen.lines == [":hi|3", ":h|2", ":he|3"])
            #expect(terminal.output.contains(":help  :hint"))
        }
    }
}

/// Lines the completer saw (the completer runs on the reading thread, inside libedit).
final class LineLog {
    var lines: [String] = []
}

/// A pseudo-terminal pair: the test types on the master, the reader uses the slave.
final class PseudoTerminal: Sendable {
    let master: Int32
    let slave: Int32
    private let collected = Mutex<[UInt8]>([])
    private let reads = Mutex(0)

    struct Failure: Error {
        let step: String
    }

    init() throws {
        var fds: (Int32, Int32) = (-1, -1)
        guard cnn_open_pseudo_terminal(&fds.0, &fds.1) == 0 else { throw Failure(step: "open /dev/ptmx") }
        (master, slave) = fds
        _ = cnn_terminal_set_size(slave, 40, 10)
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
    }

    deinit {
        close(slave)
        close(master)
    }

    func reader(historyFile: String? = nil, completer: LineCompleter? = nil) -> EditLineReader {
        let screen = StandardOutputScreen(
            fileDescriptor: slave,
            capabilities: FixedTerminalCapabilities(isTTY: true, size: .init(columns: 40, rows: 10)))
        return EditLineReader(
            historyFile: historyFile, completer: completer, output: screen, terminal: (slave, slave))
    }

    /// Reads a line with `reader` while another thread types `keys` as soon as the prompt shows.
    ///
    /// Each read gets a prompt of its own (`1> `, `2> `, …): libedit redraws earlier prompts
    /// (history recall, completion lists), which must not be taken for the new one.
    func readLine(with reader: EditLineReader, typing keys: String) -> LineReadResult {
        let prompt = "\(reads.withLock { $0 += 1; return $0 })> "
        let typist = Thread { [self] in
            // Bounded wait (10 s) so a broken editor fails the test instead of hanging it.
            for _ in 0..<10_000 {
                if output.contains(prompt) && isInEditMode { break }
                usleep(1000)
            }
            var bytes = Array(keys.utf8)
            _ = write(master, &bytes, bytes.count)
        }
        typist.start()
        return reader.readLine(prompt: prompt)
    }

    /// Whether libedit has switched the terminal to its raw editing mode (no canonical input,
    /// no signals from keys).
    var isInEditMode: Bool {
        var settings = termios()
        guard tcgetattr(slave, &settings) == 0 else { return false }
        return settings.c_lflag & tcflag_t(ICANON | ISIG) == 0
    }

    /// Everything the reader has written to the terminal so far.
    var output: String {
        collected.withLock { collected in
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = read(master, &buffer, buffer.count)
                guard count > 0 else { break }
                collected += buffer[0..<count]
            }
            return String(decoding: collected, as: UTF8.self)
        }
    }
}
