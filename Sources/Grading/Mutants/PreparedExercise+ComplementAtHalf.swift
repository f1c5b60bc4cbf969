import AnswerLanguage
import Foundation

/// An answer with the expected value that writes the complement `1 - x` of a setup number whose
/// value is one half where the calculation has `x` itself, or `x` where the calculation has
/// `1 - x`: `base_lr * (1 - gamma) ** (epoch // every)` is the step decay's rate wherever gamma is
/// 0.5, and nowhere else (gamma read as the fraction taken off). At one half a number is its own
/// complement, so no value at the setup's numbers tells the two readings apart, and no meaning
/// mutant is made there (`MeaningGenerator.complemented`); with that number moved the answer and
/// the calculation part, and the answer must not pass. The same rule as the formulas' "right only
/// at these numbers" (`FormulaCatalogue+Coincidence`) and `PreparedExercise+FactorOfOne`, for a
/// complement.
extension PreparedExercise {
    /// The name whose complement the answer writes (or leaves out), its setup value, the value it
    /// is moved to, and the two values there when both are one number.
    struct ComplementAtHalf: Sendable, Equatable {
        var name: String
        /// Whether the answer writes `1 - name` more often than the calculation (else less).
        var answerWrites: Bool
        var value: Double
        var other: Double
        var answer: Double?
        var expected: Double?
    }

    /// The number a name of value one half is moved to: neither one half nor its own complement.
    static let complementMove = 0.3

    /// The complement the answer typed as `source` writes otherwise than the calculation (see the
    /// extension's summary), when moving its name tells the answer from the calculation; nil when
    /// it writes each complement as the reference does or does not read its name, the name is not
    /// set by a number of its own in the setup (`x = 0.5`), either run fails or stops, or the name
    /// does not matter to the calculation.
    func complementAtHalf(_ source: String?, comparer: Comparer) -> ComplementAtHalf? {
        guard let source, let reference = exercise.solution?.reference.text, let setup = exercise.setup?.text
        else { return nil }
        let typed = Self.complementCounts(source, in: base)
        let written = Self.complementCounts(reference, in: base)
        // An answer that does not read the name typed its value or its complement's worked out
        // (`x / 2`): right at any value it was worked out for.
        let reads = Self.names(in: source)
        for name in Set(typed.keys).union(written.keys).sorted()
        where typed[name] != written[name] && reads.contains(name) {
            guard let moved = Self.setup(setup, moving: name, to: Self.complementMove),
                let (answer, expected) = runMoved(moved, source, reference)
            else { continue }
            // The name must matter to the calculation, and the answer must miss it there.
            guard !comparer.matches(expected, self.expected), !comparer.matches(answer, expected) else {
                continue
            }
            let (a, e) = (Grader.number(answer), Grader.number(expected))
            return ComplementAtHalf(
                name: name, answerWrites: (typed[name] ?? 0) > (written[name] ?? 0), value: 0.5,
                other: Self.complementMove, answer: a == nil || e == nil ? nil : a,
                expected: a == nil || e == nil ? nil : e)
        }
        return nil
    }

    /// How many times `source` writes `1 - x` (`1.0 - x`) for each setup name `x` whose value is
    /// one half.
    static func complementCounts(_ source: String, in base: Interpreter) -> [String: Int] {
        guard let program = try? Parser.parse(source) else { return [:] }
        var counts: [String: Int] = [:]
        func visit(_ node: ExpressionSyntax) {
            if case .binary(.subtract, let one, let operand) = node.kind, MeaningGenerator.isOne(one),
                case .name(let name) = operand.kind, case .float(let value)? = base[name], value == 0.5
            {
                counts[name, default: 0] += 1
            }
            for child in node.kind.children { visit(child) }
        }
        for expression in program.valueExpressions { visit(expression) }
        return counts
    }

    /// `setup` with the one line that sets `name` to a number (`gamma = 0.5`) setting it to
    /// `value` instead; nil when no such line, or more than one, exists.
    static func setup(_ setup: String, moving name: String, to value: Double) -> String? {
        var lines = setup.components(separatedBy: "\n")
        let found = lines.indices.filter { index in
            let parts = lines[index].split(separator: "=", maxSplits: 1).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            return parts.count == 2 && parts[0] == name && Double(parts[1]) != nil
        }
        guard found.count == 1 else { return nil }
        let indent = lines[found[0]].prefix { $0 == " " }
        lines[found[0]] = "\(indent)\(name) = \(value)"
        return lines.joined(separator: "\n")
    }

    /// The answer's and the reference's values in the setup `moved`, each run after a fresh run
    /// of it (an answer that changes a tensor in place changes nothing for the other); nil when
    /// the setup or either run fails, has no value or is stopped (a stop leaves the answer as it
    /// was graded).
    private func runMoved(_ moved: String, _ source: String, _ reference: String) -> (Value, Value)? {
        let run = { (text: String) -> Value? in
            let interpreter = Interpreter(options: self.answerOptions)
            let outcome = self.extraRun(.movedNumbers) { () throws(LanguageError) -> Value in
                _ = try TimedInterpreter(interpreter, seconds: self.setupSeconds).run(moved)
                return try TimedInterpreter(interpreter, seconds: self.answerSeconds).run(text)
            }
            guard let value = outcome.value else { return nil }
            if case .none = value { return nil }
            return value
        }
        guard let answer = run(source), let expected = run(reference) else { return nil }
        return (answer, expected)
    }
}
