extension Dataset {
    /// The samples at `indices` as a batch: images `[indices.count, C, H, W]` (float32) and labels
    /// `[indices.count]` (an integer tensor, as PyTorch's `cross_entropy` targets are).
    /// - Throws: `CNNError` when a budget refuses the memory.
    /// - Complexity: O(`indices.count · sampleSize`).
    public func batch(_ indices: [Int]) throws -> (images: Tensor, labels: Tensor) {
        let size = sampleSize
        var pixels = [Float]()
        pixels.reserveCapacity(indices.count * size)
        for index in indices { pixels.append(contentsOf: self.pixels(of: index)) }
        let images = try Tensor(pixels, shape: [indices.count] + sampleShape)
        let labels = try Tensor(indices.map { self.labels[$0] }, shape: [indices.count])
        return (images, labels)
    }

    /// The whole set as one batch: images `[count, C, H, W]` and labels `[count]`.
    /// - Throws: `CNNError` when a budget refuses the memory.
    public func tensors() throws -> (images: Tensor, labels: Tensor) {
        let images = try Tensor(images, shape: [count] + sampleShape)
        let labels = try Tensor(labels, shape: [count])
        return (images, labels)
    }
}
