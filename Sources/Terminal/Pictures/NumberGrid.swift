/// A matrix of numbers to draw: row-major values and a shape.
///
/// The Terminal module does not know the engine's tensors; callers pass plain numbers, so the
/// engine and the pictures stay independent.
public struct NumberGrid: Sendable, Equatable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let cols: Int
    /// The values, row after row (`rows * cols` of them).
    public let values: [Double]

    /// A grid of `rows` × `cols` row-major `values`.
    ///
    /// - Precondition: `values.count == rows * cols`.
    public init(values: [Double], rows: Int, cols: Int) {
        precondition(
            rows >= 0 && cols >= 0 && values.count == rows * cols,
            "NumberGrid: \(values.count) values do not make a \(rows)×\(cols) grid")
        self.values = values
        self.rows = rows
        self.cols = cols
    }

    /// A grid from its rows; all rows must be equally long.
    public init(_ rowValues: [[Double]]) {
        let cols = rowValues.first?.count ?? 0
        precondition(
            rowValues.allSatisfy { $0.count == cols },
            "NumberGrid: rows of different lengths \(rowValues.map(\.count))")
        self.init(values: rowValues.flatMap { $0 }, rows: rowValues.count, cols: cols)
    }

    /// The value at `row`, `col`.
    public subscript(row: Int, col: Int) -> Double {
        values[row * cols + col]
    }

    /// The smallest and largest finite values, or nil when there are none.
    public var finiteRange: ClosedRange<Double>? {
        let finite = values.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else { return nil }
        return low...high
    }
}
