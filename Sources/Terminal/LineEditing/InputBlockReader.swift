/// How complete the lines typed so far are, as the language decides (this module does not know
/// the language; the REPL passes its judgement in).
public enum InputStatus: Sendable, Equatable {
    /// Nothing is open: the input is whole.
    case complete
    /// Something is open (a bracket, a string, a line ending in `:` or `\`): more lines are needed.
    case incomplete
    /// An indented block is open and could end here: a blank line ends it, and so does a line
    /// that starts new input (see `InputBlockReader`).
    case block
}

/// Reads one input that may span several lines, as Python's interactive prompt does: while the
/// lines so far are incomplete it asks for more with a continuation prompt; a blank line ends an
/// indented block. A paste or a recalled history entry that arrives already holding several lines
/// is taken whole.
///
/// A line typed after an open block that starts new input (not indented, not `else:`) ends the
/// block and is kept for the next read, so a pasted block followed by a statement is two inputs
/// rather than an error.
public final class InputBlockReader {
    private let reader: any LineReader
    private let status: (String) -> InputStatus
    private let startsNewInput: (String) -> Bool
    private var pending: String?

    /// - Parameters:
    ///   - reader: where lines come from.
    ///   - status: how complete the lines so far (joined with newlines) are.
    ///   - startsNewInput: whether a line typed after an open block begins the next input.
    public init(
        _ reader: any LineReader, status: @escaping (String) -> InputStatus,
        startsNewInput: @escaping (String) -> Bool
    ) {
        self.reader = reader
        self.status = status
        self.startsNewInput = startsNewInput
    }

    /// Whether a line read ahead (it ended a block) waits to be the next input.
    public var hasPendingLine: Bool { pending != nil }

    /// One whole input: its lines joined with newlines; `.interrupted` when Ctrl-C discards the
    /// lines typed so far; `.endOfInput` at the end with nothing typed.
    public func read(prompt: String, continuationPrompt: String) -> LineReadResult {
        var lines: [String]
        if let line = pending {
            pending = nil
            lines = [line]
        } else {
            switch reader.readLine(prompt: prompt) {
            case .line(let line): lines = [line]
            case let other: return other
            }
        }
        if lines[0].contains("\n"), status(lines[0]) != .incomplete { return .line(lines[0]) }
        while true {
            let source = lines.joined(separator: "\n")
            let state = status(source)
            if state == .complete { return .line(source) }
            switch reader.readLine(prompt: continuationPrompt) {
            case .line(let line):
                if state == .block, startsNewInput(line) {
                    pending = line
                    return .line(source)
                }
                lines.append(line)
            case .interrupted:
                return .interrupted
            case .endOfInput:
                // The end of input ends what is open; the parser says what is missing.
                return .line(source)
            }
        }
    }
}
