/// A line reader that replays a fixed script, for tests of whole sessions.
///
/// When `echo` is given, each prompt and answer is written to it as a terminal would show them
/// (the answer after the prompt, `^C` for an interrupt), so a test can assert on one transcript.
public final class ScriptedLineReader: LineReader {
    private var script: [LineReadResult]
    private let echo: (any TerminalScreen)?
    /// Every prompt shown so far, in order.
    public private(set) var prompts: [String] = []
    /// Every line given to `addHistory(_:)`, in order.
    public private(set) var history: [String] = []

    /// A reader that answers with `script`, then `.endOfInput` forever.
    public init(_ script: [LineReadResult], echo: (any TerminalScreen)? = nil) {
        self.script = script
        self.echo = echo
    }

    /// A reader that answers with `lines`, then `.endOfInput` forever.
    public convenience init(lines: [String], echo: (any TerminalScreen)? = nil) {
        self.init(lines.map { .line($0) }, echo: echo)
    }

    /// How many scripted answers are left.
    public var remaining: Int { script.count }

    /// The next scripted answer.
    public func readLine(prompt: String) -> LineReadResult {
        prompts.append(prompt)
        let result = script.isEmpty ? LineReadResult.endOfInput : script.removeFirst()
        if let echo {
            switch result {
            case .line(let line): echo.write(prompt + line + "\n")
            case .interrupted: echo.write(prompt + "^C\n")
            case .endOfInput: echo.write(prompt + "\n")
            }
        }
        return result
    }

    /// Records `line`.
    public func addHistory(_ line: String) {
        history.append(line)
    }
}
