/// A tensor's shape and values as Doubles, in row-major order: what the diagnosis compares.
struct NumericArray: Hashable, Sendable {
    var shape: [Int]
    var values: [Double]

    init(shape: [Int], values: [Double]) {
        precondition(
            shape.reduce(1, *) == values.count, "shape \(shape) does not hold \(values.count) values")
        self.shape = shape
        self.values = values
    }

    var rank: Int { shape.count }

    /// Height and width: the last two dimensions (a vector is one row).
    var spatial: (height: Int, width: Int) {
        switch rank {
        case 0: (1, 1)
        case 1: (1, shape[0])
        default: (shape[rank - 2], shape[rank - 1])
        }
    }

    /// How many `height × width` planes the leading dimensions hold.
    var planes: Int { values.count / max(1, spatial.height * spatial.width) }

    /// The value at `plane`, `row`, `column`.
    func at(_ plane: Int, _ row: Int, _ column: Int) -> Double {
        let (height, width) = spatial
        return values[(plane * height + row) * width + column]
    }

    /// A new array of this shape with every cell computed from its plane, row and column.
    func mapped(shape newShape: [Int]? = nil, _ cell: (Int, Int, Int) -> Double) -> NumericArray {
        let result = NumericArray(shape: newShape ?? shape, values: Array(repeating: 0, count: values.count))
        let (height, width) = result.spatial
        var values: [Double] = []
        values.reserveCapacity(result.values.count)
        for plane in 0..<result.planes {
            for row in 0..<height {
                for column in 0..<width { values.append(cell(plane, row, column)) }
            }
        }
        return NumericArray(shape: result.shape, values: values)
    }

    /// Each plane rotated by 180° (both spatial axes reversed): a flipped kernel's effect.
    var rotated180: NumericArray {
        let (height, width) = spatial
        return mapped { at($0, height - 1 - $1, width - 1 - $2) }
    }

    /// Each plane transposed (the last two dimensions swapped).
    var transposed: NumericArray {
        guard rank >= 2 else { return self }
        var newShape = shape
        newShape.swapAt(rank - 2, rank - 1)
        return mapped(shape: newShape) { at($0, $2, $1) }
    }

    /// The multi-index of flat position `index`.
    func index(of flat: Int) -> [Int] {
        var rest = flat
        var result = Array(repeating: 0, count: rank)
        for dim in stride(from: rank - 1, through: 0, by: -1) {
            result[dim] = rest % shape[dim]
            rest /= shape[dim]
        }
        return result
    }

    /// numpy's `isclose`: `|a − b| ≤ atol + rtol·|b|`, NaNs equal to NaNs.
    static func isClose(_ a: Double, _ b: Double, rtol: Double, atol: Double) -> Bool {
        if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
        if a == b { return true }
        return abs(a - b) <= atol + rtol * abs(b)
    }

    /// Same shape and every value close.
    func isClose(to other: NumericArray, rtol: Double, atol: Double) -> Bool {
        shape == other.shape
            && zip(values, other.values).allSatisfy { Self.isClose($0, $1, rtol: rtol, atol: atol) }
    }
}
