import Wording

/// Tensors as aligned matrices of text: one matrix per `[height, width]` plane, each labelled with
/// the index of its leading dimensions.
enum MatrixText {
    /// Planes beyond this many are summarised, not printed.
    static let planeLimit = 8
    /// Rows or columns beyond this many are summarised.
    static let sideLimit = 16

    /// The matrices, or a summary line for a tensor too large to print whole.
    static func render(_ array: NumericArray) -> String {
        if array.rank == 0 { return NumberFormat.short(array.values.first ?? 0) }
        let (height, width) = array.spatial
        var lines: [String] = []
        if array.rank > 1 || array.values.count > 1 { lines.append("shape \(array.shape)") }
        guard height <= sideLimit, width <= sideLimit else {
            return (lines + [summary(array)]).joined(separator: "\n")
        }
        let shown = min(array.planes, planeLimit)
        for plane in 0..<shown {
            if array.planes > 1 { lines.append(label(plane, of: array) + ":") }
            lines += rows(array, plane: plane)
        }
        if array.planes > shown { lines.append("… \(array.planes - shown) more planes; \(summary(array))") }
        return lines.joined(separator: "\n")
    }

    /// The rows of one plane, right-aligned in columns.
    static func rows(_ array: NumericArray, plane: Int) -> [String] {
        let (height, width) = array.spatial
        let texts = (0..<height).map { row in (0..<width).map { NumberFormat.short(array.at(plane, row, $0)) }
        }
        let cellWidth = texts.flatMap { $0 }.map(\.count).max() ?? 1
        return texts.map { row in
            "[" + row.map { String(repeating: " ", count: cellWidth - $0.count) + $0 }.joined(separator: " ")
                + "]"
        }
    }

    /// `[0, 2]` for plane 2 of a `[1, 3, H, W]` tensor.
    static func label(_ plane: Int, of array: NumericArray) -> String {
        let leading = Array(array.shape.dropLast(2))
        var rest = plane
        var index = Array(repeating: 0, count: leading.count)
        for dim in stride(from: leading.count - 1, through: 0, by: -1) {
            index[dim] = rest % leading[dim]
            rest /= leading[dim]
        }
        return "[" + index.map(String.init).joined(separator: ", ") + "]"
    }

    static func summary(_ array: NumericArray) -> String {
        let values = array.values
        let mean = values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
        return
            "min \(NumberFormat.short(values.min() ?? 0)), max \(NumberFormat.short(values.max() ?? 0)), mean \(NumberFormat.short(mean))"
    }
}
