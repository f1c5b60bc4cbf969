import AnswerLanguage

/// The numbers an answer written in numbers alone types, read against the calculation's parts.
/// `9 / 40` for an IoU of `9 / (area_a + area_b - 9)` has the value of the calculation without
/// `box_a[1]` (5 · 5 + 24 − 9 = 40), and of the enclosing box's area (8 · 5) as well: the slip,
/// whichever it was, lies inside the 40 the learner worked out, and no change can be read from
/// it. Where every number typed is a part of the calculation (`9 / (20 + 24)`, `(7 - 2) * 4`
/// with `box[3]` = 4) the change is in what was typed, and a mutant with its value may tell it.
extension PreparedExercise {
    /// Whether the answer typed as `source`, arithmetic on numbers alone, types a number that is
    /// the value of no part of the reference or an alternative (nor a number they type), read in
    /// `session`: a mutant found by its value alone is then a guess at a slip hidden in that
    /// number. A single number typed alone says nothing either way and is not judged.
    func hidesSlipInWorkedNumber(_ source: String, session: TimedInterpreter) -> Bool {
        guard let typed = TypedAnswer(source), typed.statementCount == 1, TypedAnswer.isNumeric(typed.last),
            case .binary = typed.last.kind
        else { return false }
        let parts = partValues(session: session)
        guard !parts.isEmpty else { return false }
        return Self.typedNumbers(typed.last).contains { number in
            !parts.contains { Self.sameNumber(number.value, $0, digits: number.digits) }
        }
    }

    /// The numbers `node` types, each with its significant digits as typed.
    private static func typedNumbers(_ node: ExpressionSyntax) -> [(value: Double, digits: Int)] {
        switch node.kind {
        case .integer(let value): return [(Double(value), 15)]
        case .float(let value): return [(value, max(1, min(15, significantDigits(value))))]
        default: return node.kind.children.flatMap(typedNumbers)
        }
    }

    /// The significant digits a real number is written with (`0.257` has 3).
    private static func significantDigits(_ value: Double) -> Int {
        let written = "\(abs(value))".filter { $0 != "." && $0 != "-" }
        let trimmed = written.drop { $0 == "0" }
        return trimmed.contains("e") ? 15 : trimmed.count
    }

    /// Whether a number typed with `digits` significant digits is `part`, exactly or rounded.
    private static func sameNumber(_ typed: Double, _ part: Double, digits: Int) -> Bool {
        if abs(typed - part) <= 1e-9 * max(1, abs(part)) { return true }
        return digits < 15 && rounds(part, to: digits, giving: typed)
    }

    /// The values of the reference's and the alternatives' parts: every sub-expression that is a
    /// number, with the partial sums and products of their chains of `+`/`-` and `*` (a learner
    /// works `16 * 3 * 3` out as 144 or as 16 · 9), and every number they type. Empty when a part
    /// cannot be read again cheaply (the setup binds a layer).
    private func partValues(session: TimedInterpreter) -> [Double] {
        guard !setupBindsObjects, let solution = exercise.solution else { return [] }
        var values: [Double] = []
        for source in [solution.reference] + solution.alternatives {
            guard let typed = TypedAnswer(source.text), typed.statementCount == 1 else { continue }
            func value(_ node: ExpressionSyntax) -> Double? {
                switch node.kind {
                case .integer(let number): return Double(number)
                case .float(let number): return number
                default:
                    guard let result = try? session.evaluate(typed.text(node)),
                        let number = ValueConversion.numeric(result)?.scalarOrSelf, number.rank == 0
                    else { return nil }
                    return number.values[0]
                }
            }
            func visit(_ node: ExpressionSyntax) {
                if let number = value(node) { values.append(number) }
                if let terms = Self.chain(node, additive: true), terms.count > 2 {
                    values += Self.partialCombinations(
                        terms.compactMap { term in
                            value(term.node).map { term.negated ? -$0 : $0 }
                        }, of: +)
                }
                if let factors = Self.chain(node, additive: false), factors.count > 2 {
                    values += Self.partialCombinations(factors.compactMap { value($0.node) }, of: *)
                }
                for child in node.kind.children { visit(child) }
            }
            visit(typed.last)
        }
        return values
    }

    /// The operands of a chain of `+` and `-` (`additive`) or of `*`, with whether each is
    /// subtracted; nil when `node` is not such an operation.
    private static func chain(_ node: ExpressionSyntax, additive: Bool) -> [(
        node: ExpressionSyntax, negated: Bool
    )]? {
        guard case .binary(let op, let left, let right) = node.kind,
            additive ? (op == .add || op == .subtract) : op == .multiply
        else { return nil }
        let head = chain(left, additive: additive) ?? [(left, false)]
        let tail = chain(right, additive: additive) ?? [(right, false)]
        return head + tail.map { ($0.node, op == .subtract ? !$0.negated : $0.negated) }
    }

    /// The sums (or products) of every subset of two or more of `operands`, for chains of up to
    /// six operands.
    private static func partialCombinations(_ operands: [Double], of combine: (Double, Double) -> Double)
        -> [Double]
    {
        guard operands.count <= 6 else { return [] }
        var found: [Double] = []
        for mask in 1..<(1 << operands.count) where mask.nonzeroBitCount >= 2 {
            let picked = operands.indices.filter { mask & (1 << $0) != 0 }.map { operands[$0] }
            found.append(picked.dropFirst().reduce(picked[0], combine))
        }
        return found
    }
}
