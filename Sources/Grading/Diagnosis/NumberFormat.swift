import Foundation

/// Numbers as reports print them: integers without a point, others with up to 4 significant
/// decimals, so a report or answer key is the same on every machine.
enum NumberFormat {
    /// `3`, `-0.5`, `0.3333`, `1.2e-07`.
    static func short(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        let magnitude = abs(value)
        if magnitude >= 1e-3, magnitude < 1e6 {
            var text = String(format: "%.4f", value)
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
            return text == "-0" ? "0" : text
        }
        return String(format: "%.3g", value)
    }

    /// A ratio as a learner would say it: `1/9`, `2`, `-1`, `0.5`.
    static func ratio(_ value: Double) -> String {
        if abs(value) < 1, let whole = smallWholeNumber(abs(1 / value)) {
            return "\(value < 0 ? "-" : "")1/\(whole)"
        }
        return short(value)
    }

    /// The value as a whole number from 1 to 1000 when it is one (within 1e-3), else nil.
    static func smallWholeNumber(_ value: Double) -> Int? {
        guard value.isFinite, value >= 1, value <= 1000, abs(value - value.rounded()) < 1e-3 else {
            return nil
        }
        return Int(value.rounded())
    }

    /// The nearest integer, when the value is finite and small enough to be one (a learner's
    /// answer can be anything, including 1e300 or NaN, and must never crash the grader).
    static func integer(_ value: Double) -> Int? {
        guard value.isFinite, abs(value) < 1e15 else { return nil }
        return Int(value.rounded())
    }
}
