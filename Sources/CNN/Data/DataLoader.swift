import Wording

/// Cuts a data set into mini-batches, in file order or in a fresh seeded shuffle each epoch, like
/// PyTorch's `DataLoader(dataset, batch_size, shuffle, drop_last, generator=g)`.
///
/// The loader holds no generator: each call to `epoch(using:)` draws that epoch's order from the
/// generator passed in, so a training run seeded once gives the same sequence of batches every time.
public struct DataLoader: Sendable {
    /// The samples batched.
    public let dataset: Dataset
    /// Samples per batch (the last batch may be smaller unless `dropLast`).
    public let batchSize: Int
    /// Whether each epoch visits the samples in a new random order.
    public let shuffle: Bool
    /// Whether a final batch smaller than `batchSize` is left out.
    public let dropLast: Bool

    /// Creates a loader.
    /// - Throws: `CNNError.argument` when `batchSize` is not positive, or when `dropLast` would
    ///   leave no batch at all.
    public init(_ dataset: Dataset, batchSize: Int, shuffle: Bool = false, dropLast: Bool = false)
        throws(CNNError)
    {
        guard batchSize >= 1 else {
            throw CNNError.argument(.batchSizeMustBeAt, ["batchSize": batchSize])
        }
        guard !dropLast || dataset.count >= batchSize else {
            throw CNNError.argument(
                .dropLastWithBatchSize, ["batchSize": batchSize, "datasetCount": dataset.count])
        }
        self.dataset = dataset
        self.batchSize = batchSize
        self.shuffle = shuffle
        self.dropLast = dropLast
    }

    /// Number of batches in one epoch: `⌊n / batchSize⌋` with `dropLast`, else `⌈n / batchSize⌉`.
    public var batchCount: Int {
        dropLast ? dataset.count / batchSize : (dataset.count + batchSize - 1) / batchSize
    }

    /// One epoch's batches as lists of sample indices. With `shuffle`, the order is a Fisher–Yates
    /// permutation drawn from `generator` (which advances); without, the generator is not touched.
    /// - Complexity: O(n).
    public func epochIndices(using generator: inout some RandomNumberGenerator) -> [[Int]] {
        let order =
            shuffle ? SeededDraws.permutation(dataset.count, using: &generator) : Array(0..<dataset.count)
        return (0..<batchCount).map { batch in
            let start = batch * batchSize
            return Array(order[start..<min(start + batchSize, order.count)])
        }
    }
}
