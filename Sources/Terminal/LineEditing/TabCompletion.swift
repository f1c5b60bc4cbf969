import Wording

/// The pure part of tab completion: which word is being completed and what to do with candidates.
public enum TabCompletion {
    /// Characters that end a word: a completion replaces only the text after the last of them.
    /// `.` and `:` are not among them, so `nn.Con` and `:hi` complete as a whole.
    public static let wordBreaks: Set<Character> = [
        " ", "\t", "(", ")", "[", "]", "{", "}", ",", "=", "+", "*", "/", "<", ">", "!", "&", "|", "^", "~",
        ";", "'", "\"", "@", "%",
    ]

    /// The word that ends at `cursor` (a count of characters from the start of `line`).
    public static func word(in line: String, cursor: Int) -> Substring {
        let end = line.index(line.startIndex, offsetBy: min(max(0, cursor), line.count))
        let before = line[..<end]
        let start =
            before.lastIndex(where: { wordBreaks.contains($0) }).map(before.index(after:))
            ?? before.startIndex
        return before[start...]
    }

    /// What completing `word` with `candidates` does.
    public struct Outcome: Sendable, Equatable {
        /// Text to insert at the cursor (the rest of the only candidate, or the common prefix).
        public var insertion: String
        /// The candidates to list for the learner (when several remain and nothing was inserted).
        public var choices: [String]
    }

    /// Keeps the candidates starting with `word`; inserts the rest of the longest common prefix;
    /// lists the candidates when that adds nothing and more than one remains.
    public static func resolve(word: Substring, candidates: [String]) -> Outcome {
        var seen = Set<String>()
        let matching = candidates.filter { $0.hasPrefix(word) && seen.insert($0).inserted }
        guard let first = matching.first else { return Outcome(insertion: "", choices: []) }
        var prefix = Substring(first)
        for candidate in matching.dropFirst() {
            while !candidate.hasPrefix(prefix) { prefix = prefix.dropLast() }
        }
        let insertion = String(prefix.dropFirst(word.count))
        let choices = insertion.isEmpty && matching.count > 1 ? matching.sorted() : []
        return Outcome(insertion: insertion, choices: choices)
    }

    /// `choices` laid out in columns across `width`, the way shells list completions.
    public static func columns(_ choices: [String], width: Int) -> [String] {
        guard !choices.isEmpty else { return [] }
        let cellWidth = (choices.map { displayWidth($0) }.max() ?? 0) + 2
        // The last column needs no gap after it.
        let perLine = max(1, (width + 2) / cellWidth)
        let lineCount = (choices.count + perLine - 1) / perLine
        return (0..<lineCount).map { line in
            let cells = stride(from: line, to: choices.count, by: lineCount).map {
                TextLayout.pad(choices[$0], toWidth: cellWidth)
            }
            return TextLayout.trimTrailingSpaces(cells.joined())
        }
    }
}
