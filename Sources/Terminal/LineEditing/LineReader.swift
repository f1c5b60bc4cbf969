#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What one attempt to read a line produced.
public enum LineReadResult: Sendable, Equatable {
    /// A line, without its newline.
    case line(String)
    /// Ctrl-C at the prompt: the typed text is discarded and a fresh prompt expected.
    case interrupted
    /// Ctrl-D on an empty line, or the end of piped input.
    case endOfInput
}

/// Reads lines from the learner: libedit on a terminal, plain lines from a pipe, a script in tests.
public protocol LineReader: AnyObject {
    /// Shows `prompt` and reads one line.
    func readLine(prompt: String) -> LineReadResult
    /// Remembers `line` for history recall (and, where the reader has a history file, saves it).
    func addHistory(_ line: String)
}

/// Chooses the line reader for the process's standard input.
public enum LineReaders {
    /// libedit when standard input and output are terminals, plain lines otherwise (piped input
    /// then replays exactly, echoed to `screen` so the transcript reads like a session).
    ///
    /// - Parameters:
    ///   - screen: the screen the program writes to (completion lists, echoes of piped input).
    ///   - historyFile: the history file for the terminal case; nil for none.
    ///   - completer: tab completion for the terminal case.
    ///   - echoPipedInput: whether piped lines are written back after their prompt.
    public static func standard(
        screen: any TerminalScreen, historyFile: String?, completer: LineCompleter? = nil,
        echoPipedInput: Bool = true
    ) -> any LineReader {
        if isatty(0) == 1 && isatty(1) == 1 {
            return EditLineReader(historyFile: historyFile, completer: completer, output: screen)
        }
        return PipeLineReader(echo: echoPipedInput ? screen : nil)
    }
}
