import Wording

/// Merges dimensions `startDim … endDim` into one (PyTorch `nn.Flatten`, default `1 … −1`), so
/// `[N, C, H, W]` becomes `[N, C·H·W]` for a following `Linear`.
public final class Flatten: Layer {
    public let mode = TrainingMode()
    /// First dimension merged (may be negative to count from the end).
    public let startDim: Int
    /// Last dimension merged (may be negative).
    public let endDim: Int

    /// Flattens `startDim … endDim`.
    public init(startDim: Int = 1, endDim: Int = -1) {
        self.startDim = startDim
        self.endDim = endDim
    }

    /// The input reshaped with dimensions `startDim … endDim` multiplied together.
    /// - Throws: `CNNError.argument` when a dimension is out of range or `startDim` comes after
    ///   `endDim`.
    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        let rank = max(input.rank, 1)
        let start = startDim < 0 ? startDim + rank : startDim
        let end = endDim < 0 ? endDim + rank : endDim
        guard (0..<rank).contains(start), (0..<rank).contains(end) else {
            throw CNNError.argument(
                .flattenDimensionOutOfRange,
                [
                    "value": -rank, "value2": rank - 1, "startDim": startDim,
                    "endDim": endDim,
                ])
        }
        guard start <= end else {
            throw CNNError.argument(.flattenHasInvalidArgsStart)
        }
        if input.rank == 0 { return try input.reshape([1]) }
        let shape = input.shape
        let merged = shape[start...end].reduce(1, *)
        return try input.reshape(Array(shape[..<start]) + [merged] + Array(shape[(end + 1)...]))
    }

    public var settingsDescription: String { "start_dim=\(startDim), end_dim=\(endDim)" }
}
