import Synchronization
import Wording

/// Batch normalisation over `[N, C, H, W]` per channel (PyTorch `nn.BatchNorm2d`):
/// `y = (x − mean) / √(var + eps) · weight + bias`.
///
/// In training mode the mean and (biased) variance come from the batch, and the running
/// statistics move toward the batch's: `running = (1 − momentum)·running + momentum·batch`, with
/// the *unbiased* batch variance (`n/(n−1)`, `n = N·H·W`), as PyTorch does; `momentum` nil gives a
/// cumulative average over the batches seen. In evaluation mode the running statistics are used.
/// `weight` starts at 1 and `bias` at 0; the running mean at 0 and variance at 1.
public final class BatchNorm2d: Layer {
    public let mode = TrainingMode()
    public let numFeatures: Int
    public let eps: Double
    /// Weight of the newest batch in the running statistics, or nil for a cumulative average.
    public let momentum: Double?
    /// `[numFeatures]` scale, or nil without `affine`.
    public let weight: Parameter?
    /// `[numFeatures]` shift, or nil without `affine`.
    public let bias: Parameter?
    /// Whether running statistics are kept (without them, evaluation also uses batch statistics).
    public let trackRunningStats: Bool

    private struct RunningStatistics: Sendable {
        var mean: Tensor
        var variance: Tensor
        var batchesTracked = 0
    }
    private let running: Mutex<RunningStatistics>

    /// Creates the layer.
    /// - Throws: `CNNError.argument` for a non-positive feature count or negative `eps`.
    public init(
        _ numFeatures: Int, eps: Double = 1e-5, momentum: Double? = 0.1, affine: Bool = true,
        trackRunningStats: Bool = true
    ) throws {
        guard numFeatures > 0 else {
            throw CNNError.argument(.batchnormDNeedsNumFeatures, ["numFeatures": numFeatures])
        }
        guard eps >= 0 else { throw CNNError.argument(.batchnormDNeedsEpsGot, ["eps": eps]) }
        self.numFeatures = numFeatures
        self.eps = eps
        self.momentum = momentum
        self.trackRunningStats = trackRunningStats
        weight = affine ? try Parameter(Tensor.ones([numFeatures])) : nil
        bias = affine ? try Parameter(Tensor.zeros([numFeatures])) : nil
        running = Mutex(
            RunningStatistics(
                mean: try Tensor.zeros([numFeatures]), variance: try Tensor.ones([numFeatures])))
    }

    public var ownParameters: [(name: String, parameter: Parameter)] {
        (weight.map { [("weight", $0)] } ?? []) + (bias.map { [("bias", $0)] } ?? [])
    }

    /// The running mean, `[numFeatures]`.
    public var runningMean: Tensor { running.withLock { $0.mean } }

    /// The running variance, `[numFeatures]`.
    public var runningVar: Tensor { running.withLock { $0.variance } }

    /// Number of training batches folded into the running statistics.
    public var numBatchesTracked: Int { running.withLock { $0.batchesTracked } }

    /// Replaces the running statistics given (PyTorch `load_state_dict` writing the buffers
    /// `running_mean`, `running_var`, `num_batches_tracked`), each in this layer's dtype.
    /// - Throws: `CNNError.shape` when a statistic is not `[numFeatures]`.
    public func setRunningStatistics(mean: Tensor?, variance: Tensor?, batchesTracked: Int?) throws {
        for statistic in [mean, variance].compactMap({ $0 }) where statistic.shape != [numFeatures] {
            throw CNNError.shape(
                .cannotAssignATensorOf, ["newValueShape": statistic.shape, "shape": [numFeatures]])
        }
        let dtype = runningMean.dtype
        let newMean = try mean.map { try $0.detach().converted(to: ScalarType(storage: dtype, kind: .real)) }
        let newVariance = try variance.map {
            try $0.detach().converted(to: ScalarType(storage: dtype, kind: .real))
        }
        running.withLock { stats in
            if let newMean { stats.mean = newMean }
            if let newVariance { stats.variance = newVariance }
            if let batchesTracked { stats.batchesTracked = batchesTracked }
        }
    }

    /// Normalises `input` `[N, numFeatures, H, W]`.
    /// - Throws: `CNNError.shape` for a wrong rank or channel count; `CNNError.argument` in
    ///   training mode when a channel has a single value.
    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        guard input.rank == 4 else {
            throw CNNError.shape(.batchNormRank, ["shape": input.shape])
        }
        guard input.shape[1] == numFeatures else {
            throw CNNError.shape(.batchNormChannels, ["features": numFeatures, "shape": input.shape])
        }
        guard trackRunningStats else {
            return try batchNorm(input, weight: weight?.value, bias: bias?.value, eps: eps)
        }
        let training = isTraining
        return try running.withLock { stats throws in
            // momentum nil: a cumulative average, the newest of k batches weighing 1/k.
            let factor = momentum ?? 1 / Double(stats.batchesTracked + 1)
            if stats.mean.dtype != input.dtype {
                stats.mean = try stats.mean.to(input.dtype)
                stats.variance = try stats.variance.to(input.dtype)
            }
            let output = try batchNorm(
                input, runningMean: &stats.mean, runningVar: &stats.variance, weight: weight?.value,
                bias: bias?.value,
                training: training, momentum: factor, eps: eps)
            if training { stats.batchesTracked += 1 }
            return output
        }
    }

    /// As PyTorch 2.15 prints it: `bias=` follows `affine=` (both the same here, since the layer
    /// has a shift exactly when it has a scale).
    public var settingsDescription: String {
        let affine = weight != nil ? "True" : "False"
        return "\(numFeatures), eps=\(eps), momentum=\(momentum.map { "\($0)" } ?? "None"), "
            + "affine=\(affine), bias=\(affine), track_running_stats=\(trackRunningStats ? "True" : "False")"
    }
}
