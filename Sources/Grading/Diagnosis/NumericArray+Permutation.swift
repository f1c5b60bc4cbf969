/// Whether an array is another's dimensions put in another order: what a layout story
/// ("the same sizes in another order") presumes of the values, not only of the shape.
extension NumericArray {
    /// Whether some order of this array's dimensions (a `permute`) gives `expected`'s shape and,
    /// within the tolerance, its values.
    func hasPermutation(matching expected: NumericArray, rtol: Double, atol: Double) -> Bool {
        guard rank == expected.rank, values.count == expected.values.count else { return false }
        // Row-major strides of this array, to read a value at a multi-index.
        var strides = Array(repeating: 1, count: rank)
        for dim in stride(from: rank - 2, through: 0, by: -1) {
            strides[dim] = strides[dim + 1] * shape[dim + 1]
        }
        func matches(_ order: [Int]) -> Bool {
            for flat in expected.values.indices {
                let target = expected.index(of: flat)
                var source = 0
                // Dimension `i` of the permuted array is dimension `order[i]` of this one.
                for (i, dim) in order.enumerated() { source += target[i] * strides[dim] }
                if !Self.isClose(values[source], expected.values[flat], rtol: rtol, atol: atol) {
                    return false
                }
            }
            return true
        }
        func search(_ order: [Int], _ unused: [Int]) -> Bool {
            if unused.isEmpty { return matches(order) }
            let position = order.count
            for dim in unused where shape[dim] == expected.shape[position] {
                if search(order + [dim], unused.filter { $0 != dim }) { return true }
            }
            return false
        }
        return search([], Array(0..<rank))
    }
}
