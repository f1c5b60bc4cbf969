import AnswerLanguage

/// An answer of numbers alone that writes exactly the numbers a right calculation writes, only
/// arranged otherwise (`64 - 5 * (10 - 1)` for `64 - 10 * (5 - 1)`: the layer count and the
/// kernel size exchanged), changed none of those numbers and dropped none: a mutant found by its
/// value that changes or drops a number ("the count `10` one too high or too low and the `- 1`
/// left out") is not what it typed, however its value fits. Nothing moves a typed number, so
/// only the typing can tell; the answer is then told a less specific message.
extension PreparedExercise {
    /// Whether the answer typed as `source`, a calculation on numbers alone, writes the same
    /// numbers (as many times each) as the reference or a right alternative, and `mutant` writes
    /// other numbers than that calculation.
    func rearrangesNumbers(_ source: String, of mutant: Mutant) -> Bool {
        guard let formula = Formula.parse(source), formula.names.isEmpty,
            let operators = Self.binaryOperators(in: source), !operators.isEmpty,
            let typed = Self.numbers(in: source), let changed = Self.numbers(in: mutant.source),
            let solution = exercise.solution
        else { return false }
        return ([solution.reference] + solution.alternatives).contains { right in
            guard let numbers = Self.numbers(in: right.text) else { return false }
            return numbers == typed && numbers != changed
        }
    }

    /// The number literals `source` writes, sorted (a multiset); nil when it does not parse.
    static func numbers(in source: String) -> [Double]? {
        guard let program = try? Parser.parse(source) else { return nil }
        var found: [Double] = []
        func visit(_ node: ExpressionSyntax) {
            switch node.kind {
            case .integer(let value): found.append(Double(value))
            case .float(let value): found.append(value)
            default: break
            }
            for child in node.kind.children { visit(child) }
        }
        program.valueExpressions.forEach(visit)
        return found.sorted()
    }
}
