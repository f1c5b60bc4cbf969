/// Rounding, running sums and diagonals, built from the engine's differentiable ops: `floor`
/// (PyTorch's gradient of rounding is zero, which `floorDivide` already records), `round` half to
/// even as PyTorch rounds, `cumsum` as a product with a triangle of ones, and `diagonal` as one
/// strided gather.
extension Tensor {
    /// The largest integer ≤ each element (PyTorch `torch.floor`); integer tensors are unchanged.
    public func floor() throws -> Tensor {
        guard kind == .real else { return self }
        return try Tensor.floorDivide(self, Tensor(1.0, dtype: dtype))
    }

    /// Each element rounded toward zero (PyTorch `torch.trunc`).
    public func truncated() throws -> Tensor {
        guard kind == .real else { return self }
        return try sign().detach() * abs().floor()
    }

    /// Each element rounded to the nearest integer, halves to the even one (PyTorch
    /// `torch.round`: 0.5 → 0, 1.5 → 2, −2.5 → −2).
    public func roundedHalfToEven() throws -> Tensor {
        guard kind == .real else { return self }
        let low = try floor()
        let fraction = try (self - low).detach()
        let half = Tensor(0.5, dtype: dtype)
        let lowIsOdd = try Tensor.remainder(low.detach(), Tensor(2.0, dtype: dtype)).eq(
            Tensor(1.0, dtype: dtype))
        let up = try Tensor.bitwiseOr(fraction.gt(half), Tensor.bitwiseAnd(fraction.eq(half), lowIsOdd))
        return try low + up.converted(to: scalarType)
    }

    /// Running sums along `dim` (PyTorch `torch.cumsum`): element `i` is the sum of elements
    /// `0 ... i`. Integer and bool tensors sum to int64. Backward: the reversed running sums.
    /// - Throws: `CNNError` for an out-of-range `dim`.
    public func cumulativeSum(dim: Int) throws -> Tensor {
        let d = try normalizedDim(dim)
        guard rank > 0 else { return kind == .real ? self : try converted(to: .int64) }
        let values = kind == .real ? self : try converted(to: .float64)
        let n = shape[d]
        let last = try values.transpose(d, rank - 1)
        let triangle = try Tensor.ones([n, n], dtype: values.dtype).triu()
        let sums = try Tensor.matmul(last, triangle).transpose(d, rank - 1)
        return kind == .real ? sums : try sums.converted(to: .int64)
    }

    /// The diagonal of dimensions `dim1` and `dim2`, `offset` above it (below when negative), as a
    /// new last dimension (PyTorch `torch.diagonal`). Backward: the gradient put back on it.
    /// - Throws: `CNNError` for out-of-range or equal dimensions.
    public func diagonal(offset: Int = 0, dim1: Int = 0, dim2: Int = 1) throws -> Tensor {
        let (d1, d2) = (try normalizedDim(dim1), try normalizedDim(dim2))
        guard d1 != d2 else { throw CNNError.argument(.diagonalDims, ["dim1": d1, "dim2": d2]) }
        let others = (0..<rank).filter { $0 != d1 && $0 != d2 }
        let moved = try permute(others + [d1, d2])
        let (rows, columns) = (shape[d1], shape[d2])
        let length = Swift.max(
            0, offset >= 0 ? Swift.min(rows, columns - offset) : Swift.min(rows + offset, columns))
        let own = moved.strides
        let start = length == 0 ? 0 : (offset >= 0 ? offset * own[rank - 1] : -offset * own[rank - 2])
        let outStrides = Array(own.prefix(rank - 2)) + [own[rank - 2] + own[rank - 1]]
        let outShape = others.map { shape[$0] } + [length]
        let movedShape = moved.shape
        let y = try ElementwiseKernels.gather(moved, offset: start, strides: outStrides, shape: outShape)
        return y.recordingGradient(of: [moved], op: "diagonal") { g in
            [try ElementwiseKernels.scatter(g, into: movedShape, offset: start, strides: outStrides)]
        }
    }
}
