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
}
