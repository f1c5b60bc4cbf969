import Wording

/// Maximum and minimum: of the whole tensor, along a dimension (with indices), argmax/argmin.
extension Tensor {
    /// The largest element, a scalar tensor (NaN if any element is NaN).
    /// Backward: the gradient shared evenly among the elements equal to the maximum (PyTorch's rule).
    /// - Throws: `CNNError` for an empty tensor.
    public func max() throws -> Tensor { try extremum(largest: true) }

    /// The smallest element, a scalar tensor. Backward as for `max()`.
    /// - Throws: `CNNError` for an empty tensor.
    public func min() throws -> Tensor { try extremum(largest: false) }

    /// The largest elements along `dim` and their positions (PyTorch `max(dim, keepdim)`), with
    /// `dim` removed from both shapes unless `keepDim`. Ties give the first position.
    /// Backward: the gradient goes to the position that was chosen.
    /// - Throws: `CNNError` for an out-of-range `dim` or an empty dimension.
    public func max(dim: Int, keepDim: Bool = false) throws -> (values: Tensor, indices: Tensor) {
        try extremum(dim: dim, keepDim: keepDim, largest: true)
    }

    /// The smallest elements along `dim` and their positions (PyTorch `min(dim, keepdim)`).
    /// - Throws: `CNNError` for an out-of-range `dim` or an empty dimension.
    public func min(dim: Int, keepDim: Bool = false) throws -> (values: Tensor, indices: Tensor) {
        try extremum(dim: dim, keepDim: keepDim, largest: false)
    }

    /// The position of the largest element (PyTorch `argmax`): along `dim`, or in the flattened
    /// tensor when `dim` is nil. An integer tensor; the first position wins ties.
    /// - Throws: `CNNError` for an out-of-range `dim` or an empty tensor.
    public func argmax(dim: Int? = nil, keepDim: Bool = false) throws -> Tensor {
        try argExtremum(dim: dim, keepDim: keepDim, largest: true)
    }

    /// The position of the smallest element (PyTorch `argmin`); see `argmax`.
    /// - Throws: `CNNError` for an out-of-range `dim` or an empty tensor.
    public func argmin(dim: Int? = nil, keepDim: Bool = false) throws -> Tensor {
        try argExtremum(dim: dim, keepDim: keepDim, largest: false)
    }

    private func argExtremum(dim: Int?, keepDim: Bool, largest: Bool) throws -> Tensor {
        guard let dim else {
            let flat = try detach().reshape([count])
            let index = try flat.extremum(dim: 0, keepDim: false, largest: largest).indices
            return keepDim ? try index.reshape([Int](repeating: 1, count: rank)) : index
        }
        return try detach().extremum(dim: dim, keepDim: keepDim, largest: largest).indices
    }

    private func extremum(dim: Int, keepDim: Bool, largest: Bool) throws -> (values: Tensor, indices: Tensor)
    {
        let name = largest ? "max" : "min"
        let source = rank == 0 ? try reshape([1]) : self
        let d = try normalizedDim(dim)
        guard source.shape[d] > 0 else {
            throw CNNError.argument(
                .expectedReductionDimToHave, ["name": name, "d": d, "shape": shape])
        }
        let (values, indices) = try dtype.dispatch(
            ExtremumKernel(x: source.detach(), dim: d, largest: largest))
        let keptShape = values.shape
        let inputShape = source.shape
        let recorded = values.recordingGradient(of: [source], op: name) { g in
            [
                try ElementwiseKernels.scatterAlong(
                    dim: d, gradient: g.reshape(keptShape), indices: indices, shape: inputShape)
            ]
        }
        if rank == 0 { return (try recorded.reshape([]), try indices.reshape([])) }
        if keepDim { return (recorded, indices) }
        return (try recorded.squeeze(dim: d), try indices.squeeze(dim: d))
    }

    private func extremum(largest: Bool) throws -> Tensor {
        guard count > 0 else {
            throw CNNError.argument(.expectedReductionDimToBe, ["value": "\(largest ? "max" : "min")"])
        }
        let x = self
        let y = try withNoGrad {
            try detach().reshape([count]).extremum(dim: 0, keepDim: false, largest: largest)
        }
        .values
        return y.recordingGradient(of: [x], op: largest ? "max" : "min") { g in
            let ties = try (x .== y).float().to(g.dtype)
            return [try g * ties / ties.sum()]
        }
    }

    /// The variance over `dims` (all when nil): `Σ (x − mean)² / (n − correction)`, with PyTorch's
    /// default `correction: 1` (Bessel's correction); use 0 for the population variance.
    /// - Throws: `CNNError` for bad dimensions or an integer tensor.
    public func variance(dims: [Int]? = nil, correction: Int = 1, keepDim: Bool = false) throws -> Tensor {
        let dims = dims ?? Array(shape.indices)
        let reduced = try reducedFlags(dims)
        let n = shape.indices.filter { reduced[$0] }.reduce(1) { $0 * shape[$1] }
        let centered = try self - mean(dims: dims, keepDim: true)
        return try (centered * centered).sum(dims: dims, keepDim: keepDim)
            / Double(Swift.max(n - correction, 0))
    }

    /// The standard deviation: `√variance` with the same arguments (PyTorch `std`).
    /// - Throws: `CNNError` for bad dimensions or an integer tensor.
    public func standardDeviation(dims: [Int]? = nil, correction: Int = 1, keepDim: Bool = false) throws
        -> Tensor
    {
        try variance(dims: dims, correction: correction, keepDim: keepDim).sqrt()
    }
}
