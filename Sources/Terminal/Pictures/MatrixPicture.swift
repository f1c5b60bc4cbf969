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
    public func lines(colorLevel: ColorLevel) -> [String] {
        let (rows, cols) = (grid.rows, grid.cols)
        guard rows > 0 && cols > 0 else { return ["[ ]"] }
        let texts = grid.values.indices.map { hidden.contains($0) ? "·" : format.format(grid.values[$0]) }
        let widths = (0..<cols).map { col in
            (0..<rows).map { displayWidth(texts[$0 * cols + col]) }.max() ?? 1
        }
        return (0..<rows).map { row in
            let cells = (0..<cols).map { col -> String in
                let index = row * cols + col
                let text = TextLayout.pad(texts[index], toWidth: widths[col], alignment: .right)
                guard let style = marks[index] else { return " " + text + " " }
                return "[" + style.apply(text, at: colorLevel) + "]"
            }.joined()
            let (left, right) = Self.brackets(row: row, of: rows)
            return left + cells + right
        }
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
/// - Returns: one string per matrix row.
public func formatMatrix(
    values: [Double], rows: Int, cols: Int, precision: Int = 4, colorLevel: ColorLevel = .none,
    marked: Set<Int> = []
) -> [String] {
    let grid = NumberGrid(values: values, rows: rows, cols: cols)
    let marks = Dictionary(uniqueKeysWithValues: marked.map { ($0, Theme.highlight) })
    return MatrixPicture(grid: grid, format: .suited(to: values, precision: precision), marks: marks)
        .lines(colorLevel: colorLevel)
}
