/// NumPy/PyTorch broadcasting: shapes are aligned at their last dimension; each pair of sizes must
/// be equal or one of them 1, and the result takes the larger.
enum Broadcasting {
    /// The shape of `a ⊕ b`.
    /// - Throws: `CNNError` naming both shapes when they cannot be broadcast together.
    static func shape(_ a: [Int], _ b: [Int]) throws(CNNError) -> [Int] {
        if a == b { return a }
        let rank = max(a.count, b.count)
        var result = [Int](repeating: 1, count: rank)
        for i in 0..<rank {
            let sizeA = i < rank - a.count ? 1 : a[i - (rank - a.count)]
            let sizeB = i < rank - b.count ? 1 : b[i - (rank - b.count)]
            guard sizeA == sizeB || sizeA == 1 || sizeB == 1 else {
                throw .shape(.broadcast(a, b, sizes: [sizeA, sizeB], dimension: i))
            }
            result[i] = sizeA == 1 ? sizeB : sizeA
        }
        return result
    }

    /// Strides that read a contiguous tensor of `shape` as if it had `target` shape: 0 along
    /// dimensions that are added in front or stretched from size 1.
    static func strides(of shape: [Int], broadcastTo target: [Int]) -> [Int] {
        let own = Tensor.contiguousStrides(shape)
        let lead = target.count - shape.count
        precondition(lead >= 0, "cannot broadcast \(shape) to \(target)")
        return target.indices.map { i in
            i < lead || (shape[i - lead] == 1 && target[i] != 1) ? 0 : own[i - lead]
        }
    }
}

extension Tensor {
    /// The shape two tensors of shapes `a` and `b` broadcast to (PyTorch's `broadcast_shapes`).
    /// - Throws: `CNNError` naming both shapes when they cannot be broadcast together.
    public static func broadcastShape(_ a: [Int], _ b: [Int]) throws(CNNError) -> [Int] {
        try Broadcasting.shape(a, b)
    }
}
