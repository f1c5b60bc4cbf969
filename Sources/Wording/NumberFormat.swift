import Foundation

/// The one number formatter of the package: how every number the tool writes looks.
///
/// A picture's numbers share one format chosen for all of them (`suited(to:precision:)`, so columns
/// align); single numbers in sentences, reports and answer keys are `short` (the same on every
/// machine); charts' axis labels are `compact`; ratios a learner would say are `ratio`.
public enum NumberFormat: Sendable, Equatable {
    /// Whole numbers without a decimal point.
    case integer
    /// A fixed number of decimals.
    case fixed(Int)
    /// Scientific notation with this many decimals in the mantissa.
    case scientific(Int)

    /// The format suited to `values`: `.integer` when every finite value is whole, scientific when
    /// the largest magnitude is ≥ 1e5 or so small that `precision` decimals would show only zeros,
    /// `.fixed(precision)` otherwise.
    public static func suited(to values: [Double], precision: Int) -> NumberFormat {
        let finite = values.filter(\.isFinite)
        if finite.allSatisfy({ $0 == $0.rounded() && abs($0) < 1e15 }) { return .integer }
        let largest = finite.map(abs).max() ?? 0
        let smallestShown = pow(10, -Double(precision))
        if largest >= 1e5 || (largest > 0 && largest < smallestShown) {
            return .scientific(max(1, precision - 1))
        }
        return .fixed(precision)
    }

    /// `value` written in this format (`nan`, `inf`, `-inf` for non-finite values; never `-0`).
    public func format(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        let text: String
        switch self {
        case .integer: text = String(format: "%.0f", value)
        case .fixed(let decimals): text = String(format: "%.\(decimals)f", value)
        case .scientific(let decimals): text = String(format: "%.\(decimals)e", value)
        }
        return Self.droppingNegativeZero(text)
    }

    /// "-0.00" means zero to a reader; the sign of a rounded-away value is noise.
    private static func droppingNegativeZero(_ text: String) -> String {
        guard text.hasPrefix("-"), !text.contains(where: { "123456789".contains($0) }) else { return text }
        return String(text.dropFirst())
    }

    /// A short form for single numbers in charts: three significant digits, scientific outside
    /// 0.001 ≤ |v| < 10000.
    public static func compact(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if value == 0 { return "0" }
        let magnitude = abs(value)
        if magnitude >= 1e4 || magnitude < 1e-3 { return String(format: "%.2e", value) }
        return droppingNegativeZero(String(format: "%.3g", value))
    }

    /// Numbers as sentences and reports write them: integers without a point, others with up to 4
    /// significant decimals, so a report or answer key is the same on every machine.
    /// `3`, `-0.5`, `0.3333`, `1.2e-07`.
    public static func short(_ value: Double) -> String {
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

    /// A count too large to read digit by digit: `4.0 × 10¹²` from 10 000 on, the plain integer
    /// below (work estimates in refusals, where only the order of magnitude matters).
    public static func magnitude(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : value < 0 ? "-inf" : "inf" }
        guard value >= 10_000 else { return String(Int(value.rounded())) }
        var exponent = 0
        var scaled = value
        while scaled >= 10 {
            scaled /= 10
            exponent += 1
        }
        // Divided once by an exact power of ten, so that 4e12 is 4.0, not 3.9999….
        var mantissa = value / (0..<exponent).reduce(1.0) { power, _ in power * 10 }
        if mantissa >= 9.95 {
            mantissa /= 10
            exponent += 1
        }
        let tenths = Int((mantissa * 10).rounded())
        let digits = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        let power = String(exponent).map { digits[$0.wholeNumberValue ?? 0] }.joined()
        return "\(tenths / 10).\(tenths % 10) × 10\(power)"
    }

    /// Seconds as limits are said: to the hundredth, without trailing zeros (`2`, `0.5`, `1.25`).
    public static func seconds(_ value: Double) -> String {
        guard value.isFinite, abs(value) < 1e13 else { return short(value) }
        let hundredths = Int((value * 100).rounded())
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = abs(hundredths)
        if magnitude % 100 == 0 { return sign + String(magnitude / 100) }
        if magnitude % 10 == 0 { return "\(sign)\(magnitude / 100).\(magnitude % 100 / 10)" }
        return "\(sign)\(magnitude / 100).\(magnitude % 100 < 10 ? "0" : "")\(magnitude % 100)"
    }

    /// `1.5 GiB`, `512 MiB`, `100 B`: binary units with one decimal, symbols every language reads.
    public static func bytes(_ count: Int) -> String {
        let units = ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
        guard count >= 1024 else { return "\(count) B" }
        var value = Double(count)
        var unit = -1
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        let tenths = Int((value * 10).rounded())
        return tenths % 10 == 0
            ? "\(tenths / 10) \(units[unit])" : "\(tenths / 10).\(tenths % 10) \(units[unit])"
    }

    /// A ratio as a learner would say it: `1/9`, `2`, `-1`, `0.5`.
    public static func ratio(_ value: Double) -> String {
        if abs(value) < 1, let whole = smallWholeNumber(abs(1 / value)) {
            return "\(value < 0 ? "-" : "")1/\(whole)"
        }
        return short(value)
    }

    /// The value as a whole number from 1 to 1000 when it is one (within 1e-3), else nil.
    public static func smallWholeNumber(_ value: Double) -> Int? {
        guard value.isFinite, value >= 1, value <= 1000, abs(value - value.rounded()) < 1e-3 else {
            return nil
        }
        return Int(value.rounded())
    }

    /// The nearest integer, when the value is finite and small enough to be one (a learner's
    /// answer can be anything, including 1e300 or NaN, and must never crash the grader).
    public static func integer(_ value: Double) -> Int? {
        guard value.isFinite, abs(value) < 1e15 else { return nil }
        return Int(value.rounded())
    }
}
