import AnswerLanguage
import Terminal

/// Multi-line input at the REPL's prompt: the answer language decides when the lines typed so
/// far are a whole input (`InputCompleteness`); `InputBlockReader` asks for more with `... `.
extension LessonSession {
    /// Python's continuation prompt.
    static let continuationPrompt = "... "

    /// The reader of whole inputs over the session's line reader.
    static func inputReader(_ reader: any LineReader) -> InputBlockReader {
        InputBlockReader(
            reader,
            status: { source in
                // Commands (`:next`) and menu choices are always one line.
                if source.hasPrefix(":") { return .complete }
                switch InputCompleteness.of(source) {
                case .complete: return .complete
                case .incomplete: return .incomplete
                case .block: return .block
                }
            },
            startsNewInput: InputCompleteness.startsNewInput)
    }
}
