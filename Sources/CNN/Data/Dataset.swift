import Wording

/// A labelled set of equally shaped images held as one flat Float32 buffer, the form every data
/// set of the course takes (the 8×8 digits, the synthetic bars, edges and shapes).
///
/// Layout: `images` holds `count` samples one after another, each `sampleShape`
/// (`[channels, height, width]`) in row-major order, so sample `i` is
/// `images[i·sampleSize ..< (i+1)·sampleSize]`. `labels[i]` is sample `i`'s class index into
/// `classNames`. Kept as plain arrays rather than one big tensor so that subsets, shuffles and
/// batches copy only what a batch needs.
public struct Dataset: Sendable, Equatable {
    /// A short name for messages and summaries (`"digits-train"`, `"bars"`).
    public let name: String
    /// Shape of one sample, `[channels, height, width]`.
    public let sampleShape: [Int]
    /// Human-readable class names; `labels` index into this.
    public let classNames: [String]
    /// All samples' pixels, `count · sampleSize` values, sample after sample.
    public let images: [Float]
    /// Each sample's class index in `0 ..< classNames.count`.
    public let labels: [Int]

    /// Creates a data set, checking that the buffer and labels agree with the shapes.
    /// - Throws: `CNNError.shape` when `images.count` is not `labels.count · sampleSize`, or
    ///   `CNNError.argument` when a label is outside `0 ..< classNames.count`.
    public init(
        name: String, sampleShape: [Int], classNames: [String], images: [Float], labels: [Int]
    ) throws(CNNError) {
        let sampleSize = sampleShape.reduce(1, *)
        guard sampleShape.allSatisfy({ $0 > 0 }) else {
            throw CNNError.argument(
                .dataSetSampleShapeHas, ["name": name, "sampleShape": sampleShape])
        }
        guard images.count == labels.count * sampleSize else {
            throw CNNError.shape(
                .dataSetLabelsOfSamples,
                [
                    "name": name, "labelsCount": labels.count, "sampleShape": sampleShape,
                    "value": labels.count * sampleSize, "imagesCount": images.count,
                ])
        }
        if let bad = labels.first(where: { $0 < 0 || $0 >= classNames.count }) {
            throw CNNError.argument(
                .dataSetLabelIsOutside,
                ["name": name, "bad": bad, "classNamesCount": classNames.count])
        }
        self.init(
            validatedName: name, sampleShape: sampleShape, classNames: classNames, images: images,
            labels: labels)
    }

    /// Creates a data set whose shapes and labels the caller has already checked.
    init(
        validatedName name: String, sampleShape: [Int], classNames: [String], images: [Float],
        labels: [Int]
    ) {
        self.name = name
        self.sampleShape = sampleShape
        self.classNames = classNames
        self.images = images
        self.labels = labels
    }

    /// Number of samples.
    public var count: Int { labels.count }

    /// Number of values in one sample (`channels · height · width`).
    public var sampleSize: Int { sampleShape.reduce(1, *) }

    /// Number of samples of each class, indexed by class.
    public var classCounts: [Int] {
        var counts = [Int](repeating: 0, count: classNames.count)
        for label in labels { counts[label] += 1 }
        return counts
    }

    /// The pixels of sample `index`, `sampleSize` values in row-major `[C, H, W]` order.
    /// - Complexity: O(`sampleSize`).
    public func pixels(of index: Int) -> ArraySlice<Float> {
        precondition(index >= 0 && index < count, "sample \(index) of a data set of \(count)")
        return images[index * sampleSize..<(index + 1) * sampleSize]
    }

    /// The samples at `indices`, in that order (indices may repeat), as a new data set.
    /// - Complexity: O(`indices.count · sampleSize`).
    public func subset(_ indices: [Int], name: String? = nil) -> Dataset {
        let size = sampleSize
        var pixels = [Float]()
        pixels.reserveCapacity(indices.count * size)
        for index in indices { pixels.append(contentsOf: self.pixels(of: index)) }
        // The checks of `init` hold by construction: labels come from this set, sizes agree.
        return Dataset(
            validatedName: name ?? self.name, sampleShape: sampleShape, classNames: classNames,
            images: pixels, labels: indices.map { labels[$0] })
    }

    /// This set with every pixel mapped through `transform` (for example scaling 0–16 to 0–1).
    public func mapPixels(_ transform: (Float) -> Float) -> Dataset {
        Dataset(
            validatedName: name, sampleShape: sampleShape, classNames: classNames,
            images: images.map(transform), labels: labels)
    }
}
