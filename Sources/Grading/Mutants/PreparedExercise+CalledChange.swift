import AnswerLanguage

/// A number computed with calls (`math.exp(z0)`, `torch.softmax(…)`) is no formula the catalogue
/// reads, so the rules that compare a formula's writing with a mutant's pass it by. Matched by
/// value alone, a generic change must still be written: "without the term `1`" of
/// `1 / (1 + math.exp(-z0))` is `1 / math.exp(-z0)`, whose division `math.exp(z0)` does not write
/// (it is e^z0 by algebra, the exponential where the sigmoid belongs); and a change that leaves a
/// number alone by dropping the setup's names (`1`, the divisor dropped from `1 / (…)`) leaves a
/// constant, which an answer computed from the setup equals on this data only.
extension PreparedExercise {
    /// Whether `mutant`, found by its value, may be the story of a number the answer typed as
    /// `source` computes with calls (see the extension's summary). True of every other answer.
    func writesChangeWithCalls(_ source: String, _ mutant: Mutant) -> Bool {
        guard Grader.number(expected) != nil, Formula.parse(source) == nil,
            let typed = TypedAnswer(source), typed.statementCount == 1
        else { return true }
        let reads = { (text: String) in Self.names(in: text).contains { self.base[$0] != nil } }
        guard reads(source) else { return true }
        // A change that dropped every name the calculation reads (`1` of `1 / (1 + math.exp(-z0))`)
        // left a constant; a number worked out with a factor dropped (`4` of `2 * 3 * 4`) is a
        // quantity an answer may read (`x.shape[-1]`).
        if let changed = TypedAnswer(mutant.source), Self.isLiteral(changed.last),
            mutant.changes.contains(where: { reads($0.piece) })
        {
            return false
        }
        guard mutant.changes.contains(where: \.misconception.isGeneric),
            let written = Self.binaryOperators(in: source),
            let changed = Self.binaryOperators(in: mutant.source)
        else { return true }
        // Only a division: a product or a sum is often written as a call (`math.prod`, a loss
        // function's own weighting), a quotient seldom.
        let divides = { (counts: [String: Int]) in counts["/"] != nil || counts["//"] != nil }
        return !divides(changed) || divides(written)
    }

    /// Whether `node` is one number written out (`1`, `-0.5`), no calculation.
    static func isLiteral(_ node: ExpressionSyntax) -> Bool {
        switch node.kind {
        case .integer, .float: true
        case .unary(_, let operand): isLiteral(operand)
        default: false
        }
    }
}
