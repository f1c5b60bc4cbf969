#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Formats the numbers of one tensor the way PyTorch's `_Formatter` (torch/_tensor_str.py) does,
/// so that a printed tensor reads exactly like the PyTorch output a learner has seen:
/// all-integer reals as `1.`, others with 4 decimals, scientific notation (`1.0000e-05`) when
/// the nonzero magnitudes span more than 1000× or leave `[1e-4, 1e8]`; every entry right-aligned
/// to the widest.
struct ScalarFormatter {
    private enum Mode { case integerValued, fixed, scientific, integer, boolean }
    private let mode: Mode
    /// Characters of the widest entry.
    let width: Int

    /// A formatter for `values` (the summarised values when the tensor is summarised).
    init(values: [Double], kind: ElementKind) {
        switch kind {
        case .boolean:
            mode = .boolean
            width = values.contains(0) ? 5 : 4
            return
        case .integer, .integer32, .int16, .int8, .uint8:
            mode = .integer
            width = values.map { ScalarFormatter.render($0, .integer).count }.max() ?? 1
            return
        case .real:
            break
        }
        let magnitudes = values.filter { $0.isFinite && $0 != 0 }.map(Swift.abs)
        guard let smallest = magnitudes.min(), let largest = magnitudes.max() else {
            mode = .integerValued
            width = 1
            return
        }
        let integerValued = values.allSatisfy { !$0.isFinite || $0 == $0.rounded(.up) }
        let wide = largest / smallest > 1000 || largest > 1e8
        let chosen: Mode =
            if integerValued { wide ? .scientific : .integerValued } else {
                wide || smallest < 1e-4 ? .scientific : .fixed
            }
        mode = chosen
        let finite = values.filter { $0.isFinite && $0 != 0 }
        width = finite.map { ScalarFormatter.render($0, chosen).count }.max() ?? 1
    }

    /// `value` formatted and padded on the left to `width`.
    func format(_ value: Double) -> String {
        let text = ScalarFormatter.render(value, mode)
        return String(repeating: " ", count: Swift.max(0, width - text.count)) + text
    }

    private static func render(_ value: Double, _ mode: Mode) -> String {
        switch mode {
        case .boolean: return value != 0 ? "True" : "False"
        case .integer: return Swift.abs(value) < 0x1p62 ? String(Int(value)) : cFormat("%.0f", value)
        case .integerValued:
            return value.isFinite ? cFormat("%.0f", value) + "." : cFormat("%.0f", value)
        case .fixed: return cFormat("%.4f", value)
        case .scientific: return cFormat("%.4e", value)
        }
    }

    /// C's printf formatting, which Python's `format` matches for these conversions (and which
    /// prints `inf` and `-inf` as Python does). A NaN is `nan` whatever its sign bit: glibc prints
    /// `-nan` for `0 · -inf` and the like, Python and PyTorch never do.
    private static func cFormat(_ format: String, _ value: Double) -> String {
        if value.isNaN { return "nan" }
        var buffer = [CChar](repeating: 0, count: 64)
        _ = withVaList([value]) { arguments in vsnprintf(&buffer, buffer.count, format, arguments) }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
