import AnswerLanguage

/// An answer with the expected value that leaves out a setup name the reference reads, whose
/// value is 1: `n_in * w_std ** 2` for `n_in * w_std ** 2 * x_var` where `x_var = 1.0`. A factor
/// of 1 changes nothing at the setup's numbers, so no mutant and no formula point shows the slip
/// (a setup of real numbers has no whole-number points to move); with that name at 2 the answer
/// and the calculation part, and the answer must not pass. The same rule as the formulas' "right
/// only at these numbers" (`FormulaCatalogue+Coincidence`), said with the name left out.
extension PreparedExercise {
    /// The name left out, its setup value, the value it is moved to, and the two values there.
    struct FactorOfOne: Sendable, Equatable {
        var name: String
        var value: Int
        var other: Int
        var answer: Double
        var expected: Double
    }

    /// The name of value 1 the answer typed as `source` leaves out (see the extension's summary),
    /// when moving it to 2 tells the answer from the reference; nil when the answer reads no setup
    /// name, types a 1 of its own (the name written as its value), either reads a setup name that
    /// is not a number, or a run fails or stops.
    func factorOfOne(_ source: String?, comparer: Comparer) -> FactorOfOne? {
        guard let source, let reference = exercise.solution?.reference.text else { return nil }
        let answerNames = Self.names(in: source).filter { base[$0] != nil }
        let referenceNames = Self.names(in: reference).filter { base[$0] != nil }
        guard !answerNames.isEmpty, !Self.writesOne(source) else { return nil }
        var numbers: [String: Value] = [:]
        for name in answerNames.union(referenceNames) {
            switch base[name] {
            case .int(let value)?: numbers[name] = .int(value)
            case .float(let value)?: numbers[name] = .float(value)
            default: return nil
            }
        }
        for name in referenceNames.subtracting(answerNames).sorted() {
            let moved: Value
            switch numbers[name] {
            case .int(1)?: moved = .int(2)
            case .float(1)?: moved = .float(2)
            default: continue
            }
            let run = { (text: String) -> Double? in
                let interpreter = Interpreter(options: self.answerOptions)
                for (bound, value) in numbers { interpreter.bind(bound, bound == name ? moved : value) }
                let outcome = self.extraRun(.movedNumbers) { () throws(LanguageError) -> Value in
                    try TimedInterpreter(interpreter, seconds: self.answerSeconds).run(text)
                }
                guard let value = outcome.value, let number = ValueConversion.numeric(value),
                    number.values.count == 1, number.values[0].isFinite
                else { return nil }
                return number.values[0]
            }
            guard let expected = run(reference), let answer = run(source) else { continue }
            // The name must matter to the calculation, and the answer must miss it.
            guard !comparer.matches(.float(expected), self.expected),
                !comparer.matches(.float(answer), .float(expected))
            else { continue }
            return FactorOfOne(name: name, value: 1, other: 2, answer: answer, expected: expected)
        }
        return nil
    }

    /// Whether `source` types a number 1 (`1`, `1.0`): it may be the name of value 1 written out.
    static func writesOne(_ source: String) -> Bool {
        guard let program = try? Parser.parse(source) else { return true }
        func visit(_ node: ExpressionSyntax) -> Bool {
            switch node.kind {
            case .integer(1): return true
            case .float(let value) where value == 1: return true
            default: return node.kind.children.contains(where: visit)
            }
        }
        return program.statements.contains { statement in
            switch statement {
            case .expression(let expression), .assignment(_, let expression): visit(expression)
            default: true
            }
        }
    }
}
