/// A position in answer-language source: 1-based line and column, counted in Unicode scalars.
///
/// Columns count scalars rather than bytes so that a caret lines up under Korean or accented
/// text; `offset` is the scalar index from the start of the whole source, for slicing.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// 1-based line number.
    public var line: Int
    /// 1-based column, in Unicode scalars from the start of the line.
    public var column: Int
    /// 0-based scalar index from the start of the source.
    public var offset: Int

    /// Creates a location.
    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    /// The start of any source.
    public static let start = SourceLocation(line: 1, column: 1, offset: 0)

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool { lhs.offset < rhs.offset }

    /// `line:column`, as compilers print it.
    public var description: String { "\(line):\(column)" }
}

/// A half-open span of source, `lowerBound ..< upperBound`.
public struct SourceRange: Hashable, Sendable, CustomStringConvertible {
    /// The first scalar of the span.
    public var lowerBound: SourceLocation
    /// Just past the last scalar of the span.
    public var upperBound: SourceLocation

    /// Creates a range; `upperBound` must not precede `lowerBound`.
    public init(_ lowerBound: SourceLocation, _ upperBound: SourceLocation) {
        precondition(lowerBound <= upperBound, "source range \(lowerBound) ..< \(upperBound) is reversed")
        self.lowerBound = lowerBound
        self.upperBound = upperBound
    }

    /// An empty range at one location (the end of input, a missing token).
    public init(at location: SourceLocation) {
        self.init(location, location)
    }

    /// The smallest range covering both.
    public func union(_ other: SourceRange) -> SourceRange {
        SourceRange(min(lowerBound, other.lowerBound), max(upperBound, other.upperBound))
    }

    /// `line:column`, the start of the range.
    public var description: String { lowerBound.description }
}
