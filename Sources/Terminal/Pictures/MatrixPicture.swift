import Wording

/// A matrix drawn with aligned columns between tall brackets, some cells possibly marked.
///
/// ```
/// ⎡ 1  2  3 ⎤
/// ⎢ 4 [5] 6 ⎥
/// ⎣ 7  8  9 ⎦
/// ```
/// Marked cells are bracketed in every colour level (so the mark survives without colour and for
/// colour-blind readers) and also styled when colour is allowed.
public struct MatrixPicture: Sendable {
    /// The numbers.
    public var grid: NumberGrid
    /// How numbers are written (shared with a neighbouring picture so both align alike).
    public var format: NumberFormat
    /// Marked cells by row-major index, each with the style it gets when colour is allowed.
    public var marks: [Int: TextStyle]
    /// Cells shown as `·` rather than their value (an output not yet computed).
    public var hidden: Set<Int>

    /// A picture of `grid` written in `format`, with `marks` and `hidden` cells.
    public init(grid: NumberGrid, format: NumberFormat, marks: [Int: TextStyle] = [:], hidden: Set<Int> = [])
    {
        self.grid = grid
        self.format = format
        self.marks = marks
        self.hidden = hidden
    }

    /// The picture as lines at `colorLevel`.
    ///
    /// - Parameters:
    ///   - maxWidth: when the picture would be wider, middle columns give way to one `…` column
    ///     (as numpy summarises), keeping as many columns from both ends as fit (at least one).
    ///   - maxRows: when there are more rows, middle rows give way to one `⋮` row.
    public func lines(colorLevel: ColorLevel, maxWidth: Int? = nil, maxRows: Int? = nil) -> [String] {
        let (rows, cols) = (grid.rows, grid.cols)
        guard rows > 0 && cols > 0 else { return ["[ ]"] }
        let texts = grid.values.indices.map { hidden.contains($0) ? "·" : format.format(grid.values[$0]) }
        let widths = (0..<cols).map { col in
            (0..<rows).map { displayWidth(texts[$0 * cols + col]) }.max() ?? 1
        }
        let shownCols = Self.visible(cols, fitting: maxWidth.map { $0 - 2 }, elisionSize: 3) {
            widths[$0] + 2
        }
        let shownRows = Self.visible(rows, fitting: maxRows, elisionSize: 1) { _ in 1 }
        return shownRows.enumerated().map { position, row in
            let cells = shownCols.map { col -> String in
                guard let row, let col else {
                    let width = col.map { widths[$0] } ?? 1
                    return " " + TextLayout.pad(row == nil ? "⋮" : "…", toWidth: width, alignment: .right)
                        + " "
                }
                let index = row * cols + col
                let text = TextLayout.pad(texts[index], toWidth: widths[col], alignment: .right)
                guard let style = marks[index] else { return " " + text + " " }
                return "[" + style.apply(text, at: colorLevel) + "]"
            }.joined()
            let (left, right) = Self.brackets(row: position, of: shownRows.count)
            return left + cells + right
        }
    }

    /// The indices shown along one axis: all when they fit in `limit`, else as many from both
    /// ends as fit around one elision (nil), at least one from each end.
    private static func visible(_ count: Int, fitting limit: Int?, elisionSize: Int, size: (Int) -> Int)
        -> [Int?]
    {
        let all = (0..<count).map { Optional($0) }
        guard let limit, (0..<count).map(size).reduce(0, +) > limit, count > 2 else { return all }
        var keep = 1
        while keep + 1 < (count + 1) / 2 {
            let next = keep + 1
            let used = (0..<next).map(size).reduce(0, +) + ((count - next)..<count).map(size).reduce(0, +)
            if used + elisionSize > limit { break }
            keep = next
        }
        return Array(all.prefix(keep)) + [nil] + Array(all.suffix(keep))
    }

    /// Bracket pieces for one row: one-row matrices get plain square brackets.
    private static func brackets(row: Int, of rows: Int) -> (String, String) {
        if rows == 1 { return ("[", "]") }
        if row == 0 { return ("⎡", "⎤") }
        if row == rows - 1 { return ("⎣", "⎦") }
        return ("⎢", "⎥")
    }
}

/// A matrix as aligned lines; whole numbers print without decimals when every value is whole.
///
/// - Parameters:
///   - values: row-major values, `rows * cols` of them.
///   - precision: decimals for non-integral values.
///   - colorLevel: the output's colour level (marks are styled only when colour is allowed).
///   - marked: row-major indices of cells to bracket (and highlight with colour).
///   - maxWidth: the widest the picture may be; middle columns are elided with `…` beyond it.
///   - maxRows: the most rows shown; middle rows are elided with `⋮` beyond it.
/// - Returns: one string per shown matrix row.
public func formatMatrix(
    values: [Double], rows: Int, cols: Int, precision: Int = 4, colorLevel: ColorLevel = .none,
    marked: Set<Int> = [], maxWidth: Int? = nil, maxRows: Int? = nil
) -> [String] {
    let grid = NumberGrid(values: values, rows: rows, cols: cols)
    let marks = Dictionary(uniqueKeysWithValues: marked.map { ($0, Theme.highlight) })
    return MatrixPicture(grid: grid, format: .suited(to: values, precision: precision), marks: marks)
        .lines(colorLevel: colorLevel, maxWidth: maxWidth, maxRows: maxRows)
}
