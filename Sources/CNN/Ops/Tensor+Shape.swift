import Wording

/// Rearranging dimensions: flatten, permute, transpose, squeeze/unsqueeze, flip.
extension Tensor {
    /// Dimensions `startDim ... endDim` merged into one (PyTorch `flatten`); `[N, C, H, W]` with the
    /// defaults `startDim: 0` becomes `[N·C·H·W]`, with `startDim: 1` it becomes `[N, C·H·W]`.
    /// A scalar becomes `[1]`.
    /// - Throws: `CNNError` for out-of-range dimensions or `startDim` after `endDim`.
    public func flatten(startDim: Int = 0, endDim: Int = -1) throws -> Tensor {
        if rank == 0 { return try reshape([1]) }
        let start = try normalizedDim(startDim)
        let end = try normalizedDim(endDim)
        guard start <= end else {
            throw CNNError.argument(
                .flattenHasInvalidArgsStart2, ["startDim": startDim, "endDim": endDim])
        }
        let merged = shape[start...end].reduce(1, *)
        return try reshape(Array(shape[..<start]) + [merged] + Array(shape[(end + 1)...]))
    }

    /// The dimensions reordered: result dimension `i` is input dimension `dims[i]` (PyTorch
    /// `permute`); `[N, H, W, C].permute([0, 3, 1, 2])` gives NCHW. Backward: the inverse permutation.
    /// - Throws: `CNNError` unless `dims` names every dimension exactly once.
    /// - Complexity: O(count); the result is a contiguous copy.
    public func permute(_ dims: [Int]) throws -> Tensor {
        guard dims.count == rank else {
            throw CNNError.argument(.permuteLength, ["rank": rank, "count": dims.count])
        }
        let order = try dims.map { try normalizedDim($0) }
        guard Set(order).count == rank else {
            throw CNNError.argument(.permuteDuplicateDimsAreNot, ["dims": dims])
        }
        if order == Array(0..<rank) { return self }
        let own = strides
        let y = try ElementwiseKernels.gather(
            self, offset: 0, strides: order.map { own[$0] }, shape: order.map { shape[$0] })
        var inverse = [Int](repeating: 0, count: rank)
        for (position, dim) in order.enumerated() { inverse[dim] = position }
        let undo = inverse
        return y.recordingGradient(of: [self], op: "permute") { g in [try g.permute(undo)] }
    }

    /// Dimensions `dim0` and `dim1` swapped (PyTorch `transpose`).
    /// - Throws: `CNNError` for out-of-range dimensions.
    public func transpose(_ dim0: Int, _ dim1: Int) throws -> Tensor {
        let (a, b) = (try normalizedDim(dim0), try normalizedDim(dim1))
        if rank < 2 || a == b { return self }
        var order = Array(0..<rank)
        order.swapAt(a, b)
        return try permute(order)
    }

    /// All dimensions reversed (PyTorch `.T`): the transpose of a matrix, unchanged for 0-d and 1-d.
    /// PyTorch deprecates `.T` beyond 2-d; here it simply reverses, without a warning.
    public var T: Tensor {
        get throws { try permute(Array((0..<rank).reversed())) }
    }

    /// The tensor without its dimensions of size 1 (PyTorch `squeeze()`).
    public func squeeze() throws -> Tensor {
        try reshape(shape.filter { $0 != 1 })
    }

    /// The tensor without dimension `dim` if its size is 1, unchanged otherwise (PyTorch `squeeze(dim)`).
    /// - Throws: `CNNError` for an out-of-range `dim`.
    public func squeeze(dim: Int) throws -> Tensor {
        let d = try normalizedDim(dim)
        guard rank > 0, shape[d] == 1 else { return self }
        var newShape = shape
        newShape.remove(at: d)
        return try reshape(newShape)
    }

    /// A new dimension of size 1 inserted at `dim`, which ranges over `-(rank+1) ... rank`
    /// (PyTorch `unsqueeze`): `[3].unsqueeze(0)` is `[1, 3]`, `unsqueeze(-1)` is `[3, 1]`.
    /// - Throws: `CNNError` for an out-of-range `dim`.
    public func unsqueeze(_ dim: Int) throws -> Tensor {
        let d = try normalizedDim(dim, rank: rank + 1)
        var newShape = shape
        newShape.insert(1, at: d)
        return try reshape(newShape)
    }

    /// The elements in reverse order along each of `dims` (PyTorch `flip`). Backward: flip again.
    /// - Throws: `CNNError` for out-of-range or repeated dimensions.
    public func flip(_ dims: [Int]) throws -> Tensor {
        let flipped = try reducedFlags(dims)
        if !flipped.contains(true) { return self }
        var strides = self.strides
        var offset = 0
        for d in 0..<rank where flipped[d] {
            offset += (shape[d] - 1) * strides[d]
            strides[d] = -strides[d]
        }
        if count == 0 { offset = 0 }
        let y = try ElementwiseKernels.gather(self, offset: offset, strides: strides, shape: shape)
        return y.recordingGradient(of: [self], op: "flip") { g in [try g.flip(dims)] }
    }

    /// The upper triangle of the last two dimensions (PyTorch `triu`): elements with
    /// `column − row ≥ diagonal` are kept, the rest set to 0. Backward: the gradient, masked the same.
    /// - Throws: `CNNError` for a tensor of fewer than 2 dimensions.
    public func triu(diagonal: Int = 0) throws -> Tensor {
        try triangle(diagonal: diagonal, upper: true)
    }

    /// The lower triangle of the last two dimensions (PyTorch `tril`): elements with
    /// `column − row ≤ diagonal` are kept, the rest set to 0.
    /// - Throws: `CNNError` for a tensor of fewer than 2 dimensions.
    public func tril(diagonal: Int = 0) throws -> Tensor {
        try triangle(diagonal: diagonal, upper: false)
    }

    private func triangle(diagonal: Int, upper: Bool) throws -> Tensor {
        guard rank >= 2 else {
            throw CNNError.argument(
                .inputTensorMustHaveAt, ["value": "\(upper ? "triu" : "tril")", "shape": shape])
        }
        let (rows, columns) = (shape[rank - 2], shape[rank - 1])
        let mask = try Tensor.filled(shape: [rows, columns], dtype: dtype, kind: .real) { i in
            let offset = i % columns - i / columns
            return (upper ? offset >= diagonal : offset <= diagonal) ? 1 : 0
        }
        // `where`, not a product with the mask, so NaN and infinity outside the triangle become 0.
        var result = try Tensor.where(mask, self, scalarLike(0))
        if kind != .real { result.kind = kind }
        return result
    }
}
