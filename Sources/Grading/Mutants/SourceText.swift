import AnswerLanguage

/// Source text addressed by the parser's ranges: a range's offsets count Unicode scalars.
struct SourceText {
    let scalars: [Unicode.Scalar]

    init(_ source: String) { scalars = Array(source.unicodeScalars) }

    init(scalars: [Unicode.Scalar]) { self.scalars = scalars }

    /// The text `range` covers, clamped to the source.
    func callAsFunction(_ range: SourceRange) -> String {
        let lower = max(0, min(range.lowerBound.offset, scalars.count))
        let upper = max(lower, min(range.upperBound.offset, scalars.count))
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[lower..<upper])
        return String(view)
    }

    /// The text of `node` as typed.
    func callAsFunction(_ node: ExpressionSyntax) -> String { self(node.range) }

    /// The source with each range replaced by its text, as a mutant is written; empty when two
    /// ranges overlap or one runs past the end.
    func replacing(_ edits: [(SourceRange, String)]) -> String {
        var result = String.UnicodeScalarView()
        var position = 0
        for (range, replacement) in edits.sorted(by: { $0.0.lowerBound.offset < $1.0.lowerBound.offset }) {
            let lower = range.lowerBound.offset
            guard lower >= position, range.upperBound.offset <= scalars.count else { return "" }
            result.append(contentsOf: scalars[position..<lower])
            result.append(contentsOf: replacement.unicodeScalars)
            position = range.upperBound.offset
        }
        result.append(contentsOf: scalars[position...])
        return String(result)
    }
}
