import Foundation

/// How the numbers of one picture are written, chosen once for all of them so columns align.
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
}
