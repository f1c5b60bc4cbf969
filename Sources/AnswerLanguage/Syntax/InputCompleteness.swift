/// Whether typed input is a whole piece of code yet, as Python's interactive prompt decides:
/// the REPL keeps reading lines, with a continuation prompt, while brackets or a triple-quoted
/// string are open, after a line ending in `\` or `:`, and inside an indented block until a
/// blank line ends it.
public enum InputCompleteness: Equatable, Sendable {
    /// Nothing is open: run it (an error in it is shown as usual).
    case complete
    /// More lines are needed.
    case incomplete
    /// A block is open and the lines so far could end here: a blank line ends it, and so does a
    /// line back at the first line's indentation that does not continue the statement (`else:`
    /// continues it, `print(x)` starts the next input).
    case block

    /// How complete `source` (the lines typed so far, joined with newlines) is.
    public static func of(_ source: String) -> InputCompleteness {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        guard let last = lines.last else { return .complete }
        if last.hasSuffix("\\") { return .incomplete }
        switch Result(catching: { () throws(LanguageError) in try Lexer.tokenize(source) }) {
        case .failure(let error):
            switch error.detail {
            case .neverClosed?: return .incomplete
            case .unclosedString(let quote)? where quote.count == 3: return .incomplete
            default: return .complete
            }
        case .success(let tokens):
            let opensBlock = tokens.contains { $0.kind == .indent }
            let endsWithColon = last.trimmingTrailingComment().hasSuffix(":")
            if endsWithColon { return .incomplete }
            guard opensBlock else { return .complete }
            return last.allSatisfy(\.isWhitespace) ? .complete : .block
        }
    }

    /// Whether `line`, typed after the lines of an open block, starts new input instead of
    /// continuing the block: it is not indented, and not `else`/`elif` or a closing bracket.
    public static func startsNewInput(_ line: String) -> Bool {
        guard let first = line.first, !first.isWhitespace else { return false }
        let word = line.prefix { $0.isLetter }
        return !["else", "elif", "except", "finally"].contains(String(word)) && !")]}".contains(first)
            && !line.hasPrefix("#")
    }
}

extension Substring {
    /// The line without a trailing `# comment` (outside strings) and trailing spaces.
    fileprivate func trimmingTrailingComment() -> Substring {
        var quote: Character?
        var end = endIndex
        for index in indices {
            let character = self[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == "#" {
                end = index
                break
            }
        }
        var text = self[startIndex..<end]
        while text.last?.isWhitespace == true { text = text.dropLast() }
        return text
    }
}
