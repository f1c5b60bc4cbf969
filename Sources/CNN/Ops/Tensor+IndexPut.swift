extension Tensor {
    /// This tensor with the elements `indices` selects replaced by `values` broadcast to their
    /// shape: the value of PyTorch's `x[indices] = values`, as a new tensor (tensors are values in
    /// this engine; the answer language writes the result back to where `x` came from).
    ///
    /// Backward: the gradient flows to this tensor everywhere except the replaced elements, and to
    /// `values` from the replaced elements (summed over broadcast dimensions), as PyTorch's
    /// `CopySlices` does.
    /// - Throws: `CNNError` for an index out of range, too many indices, or `values` that cannot be
    ///   broadcast to the selected shape.
    public func replacing(_ indices: [TensorIndex], with values: Tensor) throws -> Tensor {
        let view = try resolve(indices)
        guard (try? Broadcasting.shape(values.shape, view.shape)) == view.shape else {
            throw CNNError.shape(.indexPutShape, ["values": values.shape, "view": view.shape])
        }
        // Written in this tensor's own type, as PyTorch's copy into it casts: a real written into
        // an integer tensor is cut toward zero, anything written into a bool tensor is `!= 0`.
        let source = try values.converted(to: scalarType).expand(to: view.shape)
        let targetShape = shape
        let mask = try withNoGrad {
            try ElementwiseKernels.scatter(
                try Tensor.ones(view.shape, dtype: dtype), into: targetShape, offset: view.offset,
                strides: view.strides)
        }
        let placed = try ElementwiseKernels.scatter(
            source.detach(), into: targetShape, offset: view.offset, strides: view.strides
        ).recordingGradient(of: [source], op: "index_put") { g in [try g.indexed(indices)] }
        var result = try Tensor.where(mask, placed, self)
        result.kind = kind
        return result
    }
}
