import Wording

/// Reshaping and broadcasting a tensor to a new shape.
extension Tensor {
    /// The same elements in row-major order with a new shape (PyTorch `reshape`); one dimension may
    /// be `-1` and is then inferred. Backward: the gradient reshaped back.
    /// - Complexity: O(1); the storage is shared.
    /// - Throws: `CNNError` when the element counts differ or the shape is invalid.
    public func reshape(_ newShape: [Int]) throws -> Tensor {
        let resolved = try resolvedShape(newShape)
        if resolved == shape { return self }
        let inputShape = shape
        let y = Tensor(storage: storage, shape: resolved, kind: kind)
        return y.recordingGradient(of: [self], op: "reshape") { g in [try g.reshape(inputShape)] }
    }

    /// Same as `reshape(_:)` (every tensor is contiguous, so PyTorch's `view` never needs to copy).
    public func view(_ newShape: [Int]) throws -> Tensor { try reshape(newShape) }

    /// `newShape` with a `-1` replaced by the size that keeps the element count.
    func resolvedShape(_ newShape: [Int]) throws(CNNError) -> [Int] {
        try Tensor.checkRank(newShape)
        let inferred = newShape.indices.filter { newShape[$0] == -1 }
        guard inferred.count <= 1 else {
            throw .argument(.inferredTwice, ["shape": newShape])
        }
        guard newShape.allSatisfy({ $0 >= -1 }) else {
            throw .argument(.invalidShapeDimensionIn, ["newShape": newShape])
        }
        var resolved = newShape
        if let dim = inferred.first {
            let known = newShape.enumerated().filter { $0.offset != dim }.reduce(1) { $0 * $1.element }
            guard known != 0, count % known == 0 else {
                throw .shape(.reshape(shape: newShape, count: count, from: shape))
            }
            resolved[dim] = count / known
        }
        guard Tensor.product(resolved) == count else {
            throw .shape(.reshape(shape: newShape, count: count, from: shape))
        }
        return resolved
    }

    /// This tensor repeated along broadcast dimensions to `shape` (PyTorch `expand` /
    /// `broadcast_to`): sizes of 1 may grow and new dimensions may be added in front.
    /// Backward: the gradient summed back to this tensor's shape.
    /// - Throws: `CNNError` when this shape cannot be broadcast to `shape`.
    public func expand(to target: [Int]) throws -> Tensor {
        if target == shape { return self }
        guard (try? Broadcasting.shape(shape, target)) == target else {
            throw CNNError.shape(.expandSize, ["target": target, "shape": shape])
        }
        let inputShape = shape
        let y = try ElementwiseKernels.gather(
            self, offset: 0, strides: Broadcasting.strides(of: shape, broadcastTo: target), shape: target)
        return y.recordingGradient(of: [self], op: "expand") { g in [try g.sumToShape(inputShape)] }
    }

    /// This tensor summed down to `target`, undoing broadcasting: leading dimensions are summed
    /// away and dimensions where `target` has 1 are summed with `keepDim`. What a backward closure
    /// calls to return the gradient of a broadcast input.
    /// - Throws: `CNNError` when `target` does not broadcast to this tensor's shape.
    public func sumToShape(_ target: [Int]) throws -> Tensor {
        if target == shape { return self }
        let lead = rank - target.count
        guard lead >= 0, (try? Broadcasting.shape(target, shape)) == shape else {
            throw CNNError.shape(.cannotSumATensorOf, ["shape": shape, "target": target])
        }
        let dims = shape.indices.filter { $0 < lead || (target[$0 - lead] == 1 && shape[$0] != 1) }
        return try sum(dims: dims, keepDim: true).reshape(target)
    }
}
