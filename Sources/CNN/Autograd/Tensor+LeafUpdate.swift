extension Tensor {
    /// Overwrites this leaf tensor's elements with `newValue`'s, in place: every copy of the
    /// tensor (the one a `Parameter` holds, a name bound to `model.parameters()`'s item, a view)
    /// sees the new elements, and the leaf keeps its gradient.
    ///
    /// This is what PyTorch's in-place updates under `torch.no_grad()` do to a leaf that requires
    /// grad (`p -= lr * p.grad` in a hand-written training loop, `w[0] = 0`); the answer language
    /// uses it for exactly that case, and treats every other tensor as a value.
    /// - Throws: `CNNError` when the shapes differ, or this tensor is not a leaf.
    public func overwriteLeaf(with newValue: Tensor) throws {
        guard newValue.shape == shape else {
            throw CNNError.shape(.inPlaceShape, ["shape": shape, "broadcast": newValue.shape])
        }
        guard isLeaf else {
            throw CNNError.argument(.overwriteNonLeaf)
        }
        let converted = try newValue.detach().to(dtype)
        storage.base.copyMemory(from: converted.storage.base, byteCount: count * dtype.byteCount)
    }
}
