import Wording

/// A height and a width: what PyTorch's `kernel_size`, `stride`, `padding` and `dilation`
/// arguments hold when they take "an int or a pair". `3` means `(3, 3)`; `[2, 1]` means
/// height 2, width 1.
public struct Size2D: Hashable, Sendable, ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral,
    CustomStringConvertible
{
    /// The first (vertical) value.
    public var height: Int
    /// The second (horizontal) value.
    public var width: Int

    /// `(height, width)`.
    public init(_ height: Int, _ width: Int) {
        self.height = height
        self.width = width
    }

    /// The same value for both axes.
    public init(_ both: Int) { self.init(both, both) }

    /// `3` → `(3, 3)`.
    public init(integerLiteral value: Int) { self.init(value) }

    /// `[2, 1]` → `(2, 1)`; a literal of another length is a programming error.
    public init(arrayLiteral elements: Int...) {
        precondition(
            elements.count == 2 || elements.count == 1, "Size2D takes one or two values, got \(elements)")
        self.init(elements[0], elements.count == 2 ? elements[1] : elements[0])
    }

    /// A learner's list of one or two values, as PyTorch's `_pair` accepts it.
    /// - Throws: `CNNError` naming `argument` and `function` for any other length.
    public init(_ values: [Int], argument: String, function: String) throws(CNNError) {
        guard values.count == 1 || values.count == 2 else {
            throw .argument(
                .expectsToBeAnInt,
                ["function": function, "argument": argument, "values": values])
        }
        self.init(values[0], values.count == 2 ? values[1] : values[0])
    }

    /// `3` when both values agree, else `(2, 1)`, as PyTorch prints them.
    public var description: String { height == width ? "\(height)" : "(\(height), \(width))" }

    /// Throws unless both values are at least `minimum` and at most `Size2D.largest`, in
    /// PyTorch's words where it has them.
    func require(atLeast minimum: Int, _ argument: String, of function: String) throws(CNNError) {
        guard height >= minimum, width >= minimum else {
            throw .argument(.tooSmall(function: function, argument: argument, minimum: minimum, got: self))
        }
        guard height <= Size2D.largest, width <= Size2D.largest else {
            throw .argument(
                .isTooLargeGot, ["function": function, "argument": argument, "value": self])
        }
    }

    /// The largest size, stride, padding or dilation accepted: far beyond any tensor that fits in
    /// memory, and small enough that output-size arithmetic cannot overflow.
    static let largest = 1 << 24
}

/// The `padding` argument of `conv2d`: explicit amounts per side, or PyTorch's `'valid'` (none)
/// or `'same'` (output as large as the input, stride 1 only).
public enum ConvPadding: Hashable, Sendable, ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral,
    CustomStringConvertible
{
    /// The same zero padding before and after: `height` rows on top and bottom, `width` columns on
    /// left and right.
    case explicit(Size2D)
    /// No padding (`padding='valid'`).
    case valid
    /// Enough padding that the output has the input's size; for an even total the extra row or
    /// column goes after (bottom/right), as PyTorch does.
    case same

    /// `1` → one row and column of zeros on every side.
    public init(integerLiteral value: Int) { self = .explicit(Size2D(value)) }

    /// `[1, 2]` → one row top and bottom, two columns left and right.
    public init(arrayLiteral elements: Int...) {
        self = .explicit(Size2D(arrayLiteral: elements[0], elements.last!))
    }

    /// `'valid'` or `'same'` as a learner writes it.
    /// - Throws: `CNNError` for any other string, in PyTorch's words.
    public init(_ name: String) throws(CNNError) {
        switch name {
        case "valid": self = .valid
        case "same": self = .same
        default:
            throw .argument(.paddingString, ["name": name])
        }
    }

    public var description: String {
        switch self {
        case .explicit(let size): size.description
        case .valid: "'valid'"
        case .same: "'same'"
        }
    }
}

/// In a sentence, as PyTorch prints the argument: `3` when both values agree, else `(2, 1)`.
extension Size2D: MessageArgument {
    public var messageValue: MessageValue { height == width ? .integer(height) : .tuple([height, width]) }
}
