import AnswerLanguage

extension PreparedExercise {
    /// Operands a formula may have for its other bracketings to be tried: 6 have 42 bracketings.
    static let precedenceOperandLimit = 6

    /// Whether the answer typed as `source` is a precedence slip: the same numbers and operators,
    /// bracketed otherwise, give the expected value (`7 - 1 // 2` is 7; `(7 - 1) // 2` is 3, the
    /// expected padding). A named mistake matched by the answer's value alone is then not the
    /// learner's: their value comes from the order the operators were done in, whatever number
    /// the course's mistake names (`answer == f`). False for anything but plain arithmetic in
    /// literals and the setup's whole numbers, and for a formula of more than
    /// `precedenceOperandLimit` operands.
    func isPrecedenceSlip(_ source: String?) -> Bool {
        guard let source, let typed = Formula.parse(source),
            let expected = ValueConversion.numeric(expected)?.scalarOrSelf, expected.rank == 0
        else { return false }
        var integers: [String: Int] = [:]
        var reals: [String: Double] = [:]
        for name in typed.names {
            switch base[name] {
            case .int(let value)?: integers[name] = value
            // A real number of the setup (a probability) is written in as the number it is.
            case .float(let value)?: reals[name] = value
            default: return false
            }
        }
        let formula = typed.substituting(reals)
        guard let (operands, operators) = formula.chain, operators.count >= 2,
            operands.count <= Self.precedenceOperandLimit,
            let typed = formula.evaluate(integers)
        else { return false }
        let target = expected.values[0]
        let tolerance = exercise.tolerance
        func isExpected(_ number: Formula.Number) -> Bool {
            abs(number.double - target) <= tolerance.atol + tolerance.rtol * abs(target)
        }
        guard !isExpected(typed) else { return false }
        // Only brackets that override precedence were forgotten (`(7 - 1) // 2`): a bracketing
        // that regroups operators of one level (`n - (f - 1)` for `n - f - 1`) or undoes the
        // answer's own brackets (`(n - f) + 1` for `n - (f + 1)`) tells another slip.
        // One pair of brackets forgotten, not a formula rebuilt: with many operands some
        // bracketing lands on any small number.
        let typedGroups = formula.precedenceOverrides
        return Formula.bracketings(operands, operators).contains { tree in
            tree.precedenceOverrides.subtracting(typedGroups).count == 1
                && tree.evaluate(integers).map(isExpected) ?? false
        }
    }

    /// Whether the answer typed as `source` is, as written (up to the order of terms and
    /// factors), the formula a value test `answer == …` names: the mistake is then the answer's
    /// own, whatever its brackets.
    static func writesMistakesFormula(_ source: String?, when: String) -> Bool {
        guard let source, let answer = Formula.parse(source) else { return false }
        let sides = when.components(separatedBy: "==")
        guard sides.count == 2 else { return false }
        let named = sides.map { $0.trimmingCharacters(in: .whitespaces) }
        guard let formula = Formula.parse(named[0] == "answer" ? named[1] : named[0]) else { return false }
        return answer.canonical == formula.canonical
    }

    /// Whether the answer typed as `source` is the formula a value test names (`answer == …`,
    /// `allclose(answer, …)`), as written (`writesMistakesFormula`) or as the same function of the
    /// names it reads: with each of them moved to other real numbers, the names only the mistake
    /// reads kept at their setup values, the two still agree (`Formula.sameAsReals`). So
    /// `0.1 * g + 0.9 * v` is `mu * v + (1 - mu) * g` where mu = 0.9 (its complement typed as a
    /// number), and `theta - eta * g + eta * lam * theta` is `theta - eta * (g - lam * theta)`
    /// (multiplied out): the mistake is the answer's own, whatever its typing shows. A tensor of
    /// the setup is read as a factor (the formula works element by element). False when either
    /// is no formula, reads no name, or reads a setup value that is neither a number nor a tensor,
    /// and when the answer works a part out in numbers to 0 or 1 (`f - 1 // 2` is `f` as a
    /// function, but writes another calculation).
    func isMistakesFormula(_ source: String?, when: String) -> Bool {
        if Self.writesMistakesFormula(source, when: when) { return true }
        guard let source, let answer = Formula.parse(source), !answer.names.isEmpty,
            !answer.worksOutToNothing,
            let (named, typed) = Self.testedFormula(when), let mistake = Formula.parse(typed.text(named)),
            !mistake.names.isEmpty
        else { return false }
        var setup: [String: Double] = [:]
        for name in answer.names.union(mistake.names) {
            switch base[name] {
            case .int(let value)?: setup[name] = Double(value)
            case .float(let value)?: setup[name] = value
            case .tensor?: continue
            default: return false
            }
        }
        return Formula.sameAsReals(answer, mistake, setup: setup) == true
    }

    /// Whether a named mistake's `when` tests the answer's value alone (`answer == f`,
    /// `allclose(answer, 0.5)`, `abs(answer - f) < 1e-9`): the mistake is then matched by a
    /// number, whatever the answer's own writing says.
    static func isValueTest(_ when: String) -> Bool {
        let condition = when.filter { !$0.isWhitespace }
        if condition.hasPrefix("abs("), condition.contains(")<"),
            condition.hasPrefix("abs(answer-") || condition.contains("-answer)<"),
            condition.components(separatedBy: "answer").count == 2
        {
            return true
        }
        for prefix in ["answer==", "allclose(answer,", "isclose(answer,"] where condition.hasPrefix(prefix) {
            return !condition.dropFirst(prefix.count).contains("answer")
        }
        if condition.hasSuffix("==answer") { return !condition.dropLast(8).contains("answer") }
        return false
    }
}

extension Formula {
    /// Whether a part in numbers alone, with an operation, comes to 0 or 1 (`1 // 2`, `2 - 1`):
    /// as a function it does nothing, but it was written to do something.
    var worksOutToNothing: Bool {
        switch self {
        case .integer, .real, .name: return false
        case .negate(let inner), .call(_, let inner): return inner.worksOutToNothing
        case .binary(_, let a, let b):
            if names.isEmpty, let value = evaluate([:])?.double, value == 0 || value == 1 { return true }
            return a.worksOutToNothing || b.worksOutToNothing
        }
    }

    /// The formula with each name of `values` replaced by its real number.
    func substituting(_ values: [String: Double]) -> Formula {
        guard !values.isEmpty else { return self }
        switch self {
        case .integer, .real: return self
        case .name(let name): return values[name].map(Formula.real) ?? self
        case .negate(let inner): return .negate(inner.substituting(values))
        case .call(let function, let inner): return .call(function, inner.substituting(values))
        case .binary(let op, let a, let b): return .binary(op, a.substituting(values), b.substituting(values))
        }
    }

    /// The operands and operators of the formula read left to right, every bracket forgotten
    /// (`7 - 1 // 2` and `(7 - 1) // 2` are both `[7, 1, 2]`, `[-, //]`); nil when it is no
    /// chain of binary operations (a sign or a call inside are kept whole as an operand).
    var chain: (operands: [Formula], operators: [BinaryOperator])? {
        guard case .binary = self else { return nil }
        var operands: [Formula] = []
        var operators: [BinaryOperator] = []
        func walk(_ formula: Formula) {
            if case .binary(let op, let a, let b) = formula {
                walk(a)
                operators.append(op)
                walk(b)
            } else {
                operands.append(formula)
            }
        }
        walk(self)
        return (operands, operators)
    }

    /// How tightly an operator binds: `+ -` least, then `* / // %`, then `**`.
    static func level(_ op: BinaryOperator) -> Int {
        switch op {
        case .add, .subtract: 1
        case .power: 3
        default: 2
        }
    }

    /// The operations written inside brackets only because they bind less tightly than the
    /// operator they are an operand of (`7 - 1` in `(7 - 1) // 2`).
    var precedenceOverrides: Set<Formula> {
        guard case .binary(let op, let a, let b) = self else { return [] }
        var found = a.precedenceOverrides.union(b.precedenceOverrides)
        for operand in [a, b] {
            if case .binary(let inner, _, _) = operand, Self.level(inner) < Self.level(op) {
                found.insert(operand)
            }
        }
        return found
    }

    /// Every way of bracketing `operands` joined by `operators` in this order.
    static func bracketings(_ operands: [Formula], _ operators: [BinaryOperator]) -> [Formula] {
        guard operands.count > 1 else { return operands }
        var trees: [Formula] = []
        for split in 1..<operands.count {
            for left in bracketings(Array(operands[..<split]), Array(operators[..<(split - 1)])) {
                for right in bracketings(Array(operands[split...]), Array(operators[split...])) {
                    trees.append(.binary(operators[split - 1], left, right))
                }
            }
        }
        return trees
    }
}
