/// Shows long text a screenful at a time, asking "-- more --" through the line reader.
///
/// Pages only on a terminal: piped output gets everything at once, and piped input is then never
/// consumed by a pager prompt, so scripted sessions replay the same way.
public struct Pager {
    /// How a paged display ended.
    public enum Outcome: Sendable, Equatable {
        /// Every line was shown.
        case finished
        /// The reader typed `q` (or pressed Ctrl-C) at a "-- more --" prompt.
        case stopped
        /// Input ended at a "-- more --" prompt.
        case endOfInput
    }

    /// The screen written to; its height is read afresh for each page.
    public let screen: any TerminalScreen
    /// The reader asked at each "-- more --".
    public let reader: any LineReader
    /// The prompt between pages.
    public let prompt: String

    /// A pager writing to `screen` and asking `reader` between pages.
    public init(
        screen: any TerminalScreen, reader: any LineReader,
        prompt: String = "-- more -- (Enter: next page, q: stop)"
    ) {
        self.screen = screen
        self.reader = reader
        self.prompt = prompt
    }

    /// Writes `lines`, pausing after each screenful (the terminal's height less one line for the
    /// prompt); the prompt line is erased again once answered.
    public func show(_ lines: [String]) -> Outcome {
        let capabilities = screen.capabilities
        guard capabilities.isTTY else {
            screen.writeLines(lines)
            return .finished
        }
        var start = 0
        while start < lines.count {
            let pageHeight = max(1, capabilities.size.rows - 1)
            let end = min(lines.count, start + pageHeight)
            screen.writeLines(Array(lines[start..<end]))
            start = end
            guard start < lines.count else { break }
            let styledPrompt = Theme.frame.apply(prompt, at: capabilities.colorLevel)
            let answer = reader.readLine(prompt: styledPrompt)
            // Cursor up one line and clear it: the prompt should not stay between two pages.
            screen.write("\u{1B}[1A\u{1B}[2K")
            switch answer {
            case .line(let text) where text.trimmingWhitespace().lowercased() == "q": return .stopped
            case .line: continue
            case .interrupted: return .stopped
            case .endOfInput: return .endOfInput
            }
        }
        return .finished
    }
}
