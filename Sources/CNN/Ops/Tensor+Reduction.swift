import Wording

/// Reductions: sums and means over the whole tensor or chosen dimensions.
///
/// `dims` may be negative (counted from the end); with `keepDim` the reduced dimensions stay as
/// size 1 so the result broadcasts against the input. Sums accumulate in Double.
extension Tensor {
    /// The sum of all elements, a scalar tensor. Backward: `g` broadcast to every element.
    public func sum() throws -> Tensor {
        try sum(dims: Array(shape.indices), keepDim: false)
    }

    /// The sum over dimension `dim` (PyTorch `sum(dim, keepdim)`).
    /// - Throws: `CNNError` when `dim` is out of range.
    public func sum(dim: Int, keepDim: Bool = false) throws -> Tensor {
        try sum(dims: [dim], keepDim: keepDim)
    }

    /// The sum over each dimension in `dims`. Output shape: the input's with `dims` removed (or
    /// set to 1 with `keepDim`). Backward: `g` broadcast back over the reduced dimensions.
    /// - Throws: `CNNError` for an out-of-range or repeated dimension.
    public func sum(dims: [Int], keepDim: Bool = false) throws -> Tensor {
        let reduced = try reducedFlags(dims)
        let kept = try ElementwiseKernels.sum(self, reduced: reduced)
        let outShape = keepDim ? kept.shape : Tensor.removing(reduced, from: shape)
        let y = Tensor(storage: kept.storage, shape: outShape, kind: kept.kind)
        let keptShape = kept.shape
        let inputShape = shape
        return y.recordingGradient(of: [self], op: "sum") { g in
            [try g.reshape(keptShape).expand(to: inputShape)]
        }
    }

    /// The mean of all elements, a scalar tensor (NaN for an empty tensor, as PyTorch).
    public func mean() throws -> Tensor {
        try mean(dims: Array(shape.indices), keepDim: false)
    }

    /// The mean over dimension `dim`.
    /// - Throws: `CNNError` when `dim` is out of range.
    public func mean(dim: Int, keepDim: Bool = false) throws -> Tensor {
        try mean(dims: [dim], keepDim: keepDim)
    }

    /// The mean over `dims`: their sum divided by the number of elements summed. One op of its
    /// own (`grad_fn=<MeanBackward0>`, as PyTorch), not a sum and a division. Backward: `g / n`
    /// broadcast back over the reduced dimensions.
    /// - Throws: `CNNError` for an out-of-range or repeated dimension, or an integer tensor
    ///   (PyTorch refuses `mean` of integers too; call `.float()` first).
    public func mean(dims: [Int], keepDim: Bool = false) throws -> Tensor {
        guard kind == .real else {
            throw CNNError.argument(.meanCouldNotInferOutput, ["kind": scalarType])
        }
        let reduced = try reducedFlags(dims)
        let n = Double(shape.indices.filter { reduced[$0] }.reduce(1) { $0 * shape[$1] })
        let kept = try ElementwiseKernels.sum(self, reduced: reduced)
        let outShape = keepDim ? kept.shape : Tensor.removing(reduced, from: shape)
        // The sum and the division without recording either: the mean records itself below.
        let y = try Tensor(storage: kept.storage, shape: outShape, kind: kept.kind) / n
        let keptShape = kept.shape
        let inputShape = shape
        return y.recordingGradient(of: [self], op: "mean") { g in
            [try (g / n).reshape(keptShape).expand(to: inputShape)]
        }
    }

    /// Which dimensions `dims` names, validated.
    func reducedFlags(_ dims: [Int]) throws(CNNError) -> [Bool] {
        var reduced = [Bool](repeating: false, count: rank)
        for dim in dims {
            let d = try normalizedDim(dim)
            if rank == 0 { continue }
            guard !reduced[d] else { throw .argument(.repeatedDim, ["dim": d]) }
            reduced[d] = true
        }
        return reduced
    }

    /// `shape` without the flagged dimensions.
    static func removing(_ flags: [Bool], from shape: [Int]) -> [Int] {
        shape.indices.filter { !flags[$0] }.map { shape[$0] }
    }
}
