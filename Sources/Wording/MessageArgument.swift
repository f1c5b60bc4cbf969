/// A value filling a placeholder: typed, so that numbers are written by one `NumberFormat` and
/// plural variants are chosen by the language's `PluralRule`.
public enum MessageValue: Sendable, Hashable, Codable {
    /// Words or code, inserted as they are (a name, a code span, an already said sentence).
    case text(String)
    /// A count or any whole number: written in full, and selects plural variants.
    case integer(Int)
    /// A measured or computed real number, written by `NumberFormat.short`.
    case number(Double)
    /// A tensor shape, written as the engine prints shapes: `[2, 3]`.
    case shape([Int])
    /// A tuple of whole numbers as Python writes it: `(2, 1)`.
    case tuple([Int])
    /// A spatial size, one number per axis joined by `×`: `5×5` (a kernel, a padded input), `5`.
    case extent([Int])
    /// A size in bytes, written in binary units by `NumberFormat.bytes` (`1.5 GiB`).
    case bytes(Int)
    /// A duration, written by `NumberFormat.seconds` (`2`, `0.5`, `1.25`); the unit is the sentence's.
    case seconds(Double)
    /// A count too large to read digit by digit, written by `NumberFormat.magnitude` (`4.0 × 10¹²`).
    case magnitude(Double)

    /// The value as it appears in a sentence.
    public var formatted: String {
        switch self {
        case .text(let text): text
        case .integer(let value): String(value)
        case .number(let value): NumberFormat.short(value)
        case .shape(let shape): "[" + shape.map(String.init).joined(separator: ", ") + "]"
        case .tuple(let values): "(" + values.map(String.init).joined(separator: ", ") + ")"
        case .extent(let sizes): sizes.map(String.init).joined(separator: "×")
        case .bytes(let count): NumberFormat.bytes(count)
        case .seconds(let value): NumberFormat.seconds(value)
        case .magnitude(let value): NumberFormat.magnitude(value)
        }
    }
}

/// A Swift value that can fill a placeholder (`["count": 3, "shape": [2, 3], "name": "conv2d"]`).
public protocol MessageArgument: Sendable {
    /// The value as the catalogs see it.
    var messageValue: MessageValue { get }
}

extension MessageValue: MessageArgument {
    public var messageValue: MessageValue { self }
}

extension String: MessageArgument {
    public var messageValue: MessageValue { .text(self) }
}

extension Substring: MessageArgument {
    public var messageValue: MessageValue { .text(String(self)) }
}

extension Int: MessageArgument {
    public var messageValue: MessageValue { .integer(self) }
}

extension Double: MessageArgument {
    public var messageValue: MessageValue { .number(self) }
}

extension Float: MessageArgument {
    public var messageValue: MessageValue { .number(Double(self)) }
}

extension Array: MessageArgument where Element == Int {
    public var messageValue: MessageValue { .shape(self) }
}
