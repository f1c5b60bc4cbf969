/// A line reader for standard input that is not a terminal: plain lines, no editing, no escape
/// codes, so a piped session replays exactly what was typed.
///
/// With `echo`, the prompt and the line read are written there, so the output reads like the
/// interactive session would have.
public final class PipeLineReader: LineReader {
    private let echo: (any TerminalScreen)?
    private let nextLine: () -> String?

    /// A reader of standard input, echoing to `echo` if given.
    public convenience init(echo: (any TerminalScreen)? = nil) {
        self.init(echo: echo) { Swift.readLine(strippingNewline: true) }
    }

    /// A reader taking its lines from `nextLine` (nil meaning end of input).
    public init(echo: (any TerminalScreen)? = nil, nextLine: @escaping () -> String?) {
        self.echo = echo
        self.nextLine = nextLine
    }

    /// The next line of input (a trailing carriage return removed), or `.endOfInput`.
    public func readLine(prompt: String) -> LineReadResult {
        guard var line = nextLine() else {
            echo?.write(prompt + "\n")
            return .endOfInput
        }
        if line.hasSuffix("\r") { line.removeLast() }
        echo?.write(prompt + line + "\n")
        return .line(line)
    }

    /// Piped input has no history to recall; nothing to do.
    public func addHistory(_ line: String) {}
}
