import AnswerLanguage
import Foundation
import Wording

/// A size in bytes said in another unit than the calculation's: the reference ends by dividing
/// by the bytes of a unit (`/ 2 ** 20`, `/ 1024 / 1024`, `/ 1e6`), the answer ends by dividing by
/// another unit's bytes (`/ 2 ** 10`, `/ 1e6`, `/ 1024 ** 3`), and what both divide is the same
/// number of bytes — the answer times its divisor over the calculation's is the expected value.
/// Both divisors are typed, so the reading is the learner's own, on any course: KiB for MiB, MB
/// (10⁶ bytes) for MiB (2²⁰ bytes). The calculation's unit must be a power of 1024, which says
/// bytes for certain; a division by a thousand or a million may count anything. Where the divisors agree but the answer is 8 times the
/// expected value and multiplies by 8 times a number the calculation multiplies by (`* 32` for
/// `* 4`), it counts bits, 8 to a byte.
extension PreparedExercise {
    /// The units a number of bytes is said in, by how many bytes each holds.
    static let byteUnits: [(bytes: Double, name: String)] = [
        (1024, "KiB"), (1_048_576, "MiB"), (1_073_741_824, "GiB"), (1_099_511_627_776, "TiB"),
        (1e3, "kB"), (1e6, "MB"), (1e9, "GB"), (1e12, "TB"),
    ]

    /// The story of an answer that says the calculation's bytes in another unit, or in bits.
    func memoryUnit(
        _ typed: TypedAnswer, _ number: Double?, _ target: Double?, comparer: Comparer, _ text: GradingText
    ) -> (Diagnosis.Finding, Phrase)? {
        guard let number, let target, number.isFinite, target.isFinite, target != 0,
            let reference = exercise.solution?.reference.text, let theirs = TypedAnswer(reference)
        else { return nil }
        guard let their = Self.unitDivisor(theirs) else {
            return plainBits(typed, theirs, number, target, comparer: comparer, text)
        }
        guard
            // Only a power of 1024 says bytes for certain: a thousand or a million may count
            // anything (parameters in thousands, a rate per million).
            their.bytes.significandBitPattern == 0, their.bytes >= 1024
        else { return nil }
        let mine = Self.unitDivisor(typed)
        let close = { (value: Double) in comparer.matches(.float(value), .float(target)) }
        if let mine, mine.bytes != their.bytes, close(number * mine.bytes / their.bytes) {
            return (
                .memoryUnit,
                text.relation(
                    .otherUnit,
                    [
                        "yours": mine.written, "unit": mine.name, "theirs": their.written,
                        "theirUnit": their.name,
                    ])
            )
        }
        // Bits: the same unit, eight times the value, and a factor typed eight times the
        // calculation's (the bits of the number the calculation counts in bytes).
        guard mine?.bytes ?? their.bytes == their.bytes, close(number / 8),
            let factor = Self.bitFactor(typed, theirs)
        else { return nil }
        return (.memoryUnit, text.relation(.bitsForBytes, ["yours": factor.yours, "theirs": factor.theirs]))
    }

    /// Bits for bytes where the calculation counts plain bytes (no unit divisor on either side):
    /// the exercise asks for bytes in its prompt, the answer is 8 times the expected value, and
    /// it multiplies by a factor typed 8 times the calculation's whose numbers are all byte
    /// widths of a value (1, 2, 4, 8: `(4 - 1)` written `(32 - 8)`, `(4 + 4)` written `64`) — the
    /// same data counted in bits. A factor of other numbers (`* 3` for `* 24`) could be any count.
    private func plainBits(
        _ typed: TypedAnswer, _ theirs: TypedAnswer, _ number: Double, _ target: Double, comparer: Comparer,
        _ text: GradingText
    ) -> (Diagnosis.Finding, Phrase)? {
        let prompt = exercise.prompt.lowercased()
        guard Self.unitDivisor(typed) == nil, prompt.contains("byte") || prompt.contains("바이트"),
            comparer.matches(.float(number / 8), .float(target)),
            let factor = Self.bitFactor(typed, theirs, widthsOnly: true)
        else { return nil }
        return (.memoryUnit, text.relation(.bitsForBytes, ["yours": factor.yours, "theirs": factor.theirs]))
    }

    /// The unit an expression ends by dividing by: the product of the number-only divisors at
    /// its end (`x / 1024 / 1024`, `x / (1024 * 1024)`, `x / 2 ** 20`), when that product is a
    /// unit's bytes, with its text as typed.
    static func unitDivisor(_ typed: TypedAnswer) -> (bytes: Double, name: String, written: String)? {
        var node = typed.last
        var bytes = 1.0
        var written: [String] = []
        while case .binary(.divide, let left, let right) = node.kind, TypedAnswer.isNumeric(right),
            let divisor = constant(right)
        {
            bytes *= divisor
            // A divisor that is itself a product keeps its brackets (`/ (1024 * 1024)`).
            var divisor = typed.text(right)
            if case .binary(let op, _, _) = right.kind, op != .power, !divisor.hasPrefix("(") {
                divisor = "(" + divisor + ")"
            }
            written.insert(divisor, at: 0)
            node = left
        }
        guard !written.isEmpty, let unit = byteUnits.first(where: { $0.bytes == bytes }) else { return nil }
        return (bytes, unit.name, "/ " + written.joined(separator: " / "))
    }

    /// A number typed in the answer's outermost product that is 8 times one typed in the
    /// reference's (`32` for `4`), the rest of the two products alike as typed.
    /// With `widthsOnly`, the reference's factor must type only byte widths of a value (1, 2, 4,
    /// 8) and nothing but numbers.
    static func bitFactor(_ typed: TypedAnswer, _ reference: TypedAnswer, widthsOnly: Bool = false) -> (
        yours: String, theirs: String
    )? {
        let mine = factors(undivided(typed.last)).map { (typed.text($0), constant($0)) }
        let theirsFactors = factors(undivided(reference.last))
        let theirs = theirsFactors.map { (reference.text($0), constant($0)) }
        guard mine.count == theirs.count, mine.count >= 2 else { return nil }
        let others = { (list: [(String, Double?)], skip: Int) in
            list.enumerated().filter { $0.offset != skip }.map { $0.element.0.filter { !$0.isWhitespace } }
                .sorted()
        }
        for (i, m) in mine.enumerated() {
            guard let value = m.1 else { continue }
            for (j, t) in theirs.enumerated() {
                guard let their = t.1, their > 0, value == 8 * their, others(mine, i) == others(theirs, j),
                    !widthsOnly || byteWidthsOnly(theirsFactors[j])
                else { continue }
                return (m.0, t.0)
            }
        }
        return nil
    }

    /// Whether every number typed in `node` is a byte width of a value (1, 2, 4 or 8).
    private static func byteWidthsOnly(_ node: ExpressionSyntax) -> Bool {
        switch node.kind {
        case .integer(let value): return [1, 2, 4, 8].contains(value)
        case .binary(let op, let left, let right):
            return (op == .add || op == .subtract || op == .multiply) && byteWidthsOnly(left)
                && byteWidthsOnly(right)
        default: return false
        }
    }

    /// What an expression divides at its end, without those number-only divisors.
    private static func undivided(_ node: ExpressionSyntax) -> ExpressionSyntax {
        var node = node
        while case .binary(.divide, let left, let right) = node.kind, TypedAnswer.isNumeric(right) {
            node = left
        }
        return node
    }

    /// The factors of a product as typed (`B * C * 4` → B, C, 4); the node alone otherwise.
    private static func factors(_ node: ExpressionSyntax) -> [ExpressionSyntax] {
        guard case .binary(.multiply, let left, let right) = node.kind else { return [node] }
        return factors(left) + factors(right)
    }

    /// The value of arithmetic on numbers only (`2 ** 20`, `1e6`, `1024 * 1024`); nil for anything
    /// with a name or a call.
    private static func constant(_ node: ExpressionSyntax) -> Double? {
        switch node.kind {
        case .integer(let value): return Double(value)
        case .float(let value): return value
        case .unary(.negate, let operand): return constant(operand).map { -$0 }
        case .binary(let op, let left, let right):
            guard let a = constant(left), let b = constant(right) else { return nil }
            switch op {
            case .add: return a + b
            case .subtract: return a - b
            case .multiply: return a * b
            case .divide: return b == 0 ? nil : a / b
            case .power: return pow(a, b)
            default: return nil
            }
        default: return nil
        }
    }
}
