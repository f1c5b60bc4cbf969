import Wording

/// Two matrices side by side (the learner's and the expected one), differing cells marked.
public struct MatrixComparison: Sendable {
    /// The learner's matrix (left).
    public var actual: NumberGrid
    /// The expected matrix (right).
    public var expected: NumberGrid
    /// Cells count as equal when `|a - e| <= absoluteTolerance + relativeTolerance * |e|`.
    public var absoluteTolerance: Double
    /// See `absoluteTolerance`.
    public var relativeTolerance: Double

    /// A comparison with the given tolerances (by default exact equality).
    public init(
        actual: NumberGrid, expected: NumberGrid, absoluteTolerance: Double = 0, relativeTolerance: Double = 0
    ) {
        self.actual = actual
        self.expected = expected
        self.absoluteTolerance = absoluteTolerance
        self.relativeTolerance = relativeTolerance
    }

    /// Row-major indices of the cells that differ (empty when the shapes differ: cells do not
    /// correspond then).
    public var differingCells: [Int] {
        guard actual.rows == expected.rows && actual.cols == expected.cols else { return [] }
        return actual.values.indices.filter { index in
            let (a, e) = (actual.values[index], expected.values[index])
            if a.isNaN || e.isNaN { return !(a.isNaN && e.isNaN) }
            if a == e { return false }  // equal infinities
            return !(abs(a - e) <= absoluteTolerance + relativeTolerance * abs(e))
        }
    }

    /// Titles over both matrices, the matrices side by side, and a one-line summary.
    ///
    /// - Parameters:
    ///   - titles: the captions above the left and right matrix.
    ///   - precision: decimals for non-integral values (both matrices share one format).
    ///   - colorLevel: differing cells are red on the left and green on the right when allowed;
    ///     they are bracketed at every level.
    ///   - width: the widest the picture may be; when the two matrices do not fit side by side
    ///     they are stacked, and middle columns of a matrix wider than `width` are elided.
    public func lines(
        titles: (String, String) = ("your answer", "expected"), precision: Int = 4,
        colorLevel: ColorLevel = .none, width: Int? = nil
    ) -> [String] {
        let format = NumberFormat.suited(to: actual.values + expected.values, precision: precision)
        let differing = differingCells
        let left = MatrixPicture(
            grid: actual, format: format,
            marks: Dictionary(uniqueKeysWithValues: differing.map { ($0, Theme.bad) }))
        let right = MatrixPicture(
            grid: expected, format: format,
            marks: Dictionary(uniqueKeysWithValues: differing.map { ($0, Theme.good) }))
        let caption = { (text: String) in Theme.frame.apply(text, at: colorLevel) }
        let blocks = [
            [caption(titles.0)] + left.lines(colorLevel: colorLevel, maxWidth: width),
            [caption(titles.1)] + right.lines(colorLevel: colorLevel, maxWidth: width),
        ]
        let body = TextLayout.sideBySide(blocks, gap: 4)
        if let width, body.contains(where: { displayWidth($0) > width }) {
            return blocks[0] + blocks[1] + [summary]
        }
        return body + [summary]
    }

    /// One sentence: how many cells differ, or how the shapes differ.
    public var summary: String {
        guard actual.rows == expected.rows && actual.cols == expected.cols else {
            return "shapes differ: \(actual.rows)×\(actual.cols) vs \(expected.rows)×\(expected.cols)"
        }
        let count = differingCells.count
        if count == 0 { return "all \(actual.values.count) cells match" }
        return "\(count) of \(actual.values.count) cells differ (marked [ ])"
    }
}
