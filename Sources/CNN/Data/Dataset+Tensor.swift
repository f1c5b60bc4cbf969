import Wording

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

extension Dataset {
    /// A data set from tensors, as a learner holds them: images `[N, …]` (e.g. `[N, C, H, W]` or
    /// `[N, features]`) and labels `[N]` of whole numbers in `0 ..< classCount`.
    /// - Parameters:
    ///   - classCount: number of classes; nil means one more than the largest label.
    /// - Throws: `CNNError.shape` when the first dimensions differ or labels are not 1-D;
    ///   `CNNError.argument` for a label that is negative, fractional or not below `classCount`.
    public init(name: String = "tensors", images: Tensor, labels: Tensor, classCount: Int? = nil)
        throws(CNNError)
    {
        guard images.rank >= 2 else {
            throw CNNError.shape(.imagesMustBeSamplesWith, ["imagesShape": images.shape])
        }
        guard labels.rank == 1, labels.shape[0] == images.shape[0] else {
            throw CNNError.shape(
                .labelsMustBeSamplesTo,
                [
                    "value": images.shape[0], "imagesShape": images.shape,
                    "labelsShape": labels.shape,
                ])
        }
        let values = labels.scalarsAsDoubles()
        if let bad = values.first(where: { $0 < 0 || $0 != $0.rounded() }) {
            throw CNNError.argument(.labelsMustBeWholeNumbers, ["bad": bad])
        }
        let indices = values.map { Int($0) }
        let classes = classCount ?? ((indices.max() ?? -1) + 1)
        try self.init(
            name: name, sampleShape: Array(images.shape.dropFirst()),
            classNames: (0..<classes).map(String.init),
            images: images.scalarsAsFloats(), labels: indices)
    }
}
