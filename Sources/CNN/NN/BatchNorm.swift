import Wording

/// Batch normalisation, PyTorch's `torch.nn.functional.batch_norm`, updating the running
/// statistics in place while training.
///
/// `y = (x − mean) / √(var + eps) · weight + bias` per channel. In training `mean` and `var`
/// are the batch's own (biased) statistics over batch and spatial positions, and the running
/// statistics move towards them: `running = (1 − momentum)·running + momentum·batch`, with the
/// *unbiased* variance (× M/(M − 1), M values per channel) as PyTorch does. In evaluation the
/// running statistics normalise and stay unchanged.
///
/// Layout: input `[batch, channels]` or `[batch, channels, *]` (e.g. NCHW); every other tensor
/// `[channels]`.
/// - Parameters:
///   - input: the activations.
///   - runningMean: per-channel mean estimate; updated when `training`.
///   - runningVar: per-channel variance estimate; updated when `training`.
///   - weight: per-channel scale γ, or nil for 1.
///   - bias: per-channel shift β, or nil for 0.
///   - training: use (and learn from) the batch's statistics.
///   - momentum: how far one batch moves the running statistics.
///   - eps: added to the variance before the square root.
/// - Throws: `CNNError` when a per-channel tensor's shape is not `[channels]`, or when training
///   sees a single value per channel.
public func batchNorm(
    _ input: Tensor, runningMean: inout Tensor, runningVar: inout Tensor, weight: Tensor? = nil,
    bias: Tensor? = nil, training: Bool = false, momentum: Double = 0.1, eps: Double = 1e-5
) throws -> Tensor {
    let channels = try BatchNormOperation.channels(of: input)
    for (name, t) in [("running_mean", runningMean), ("running_var", runningVar)] where t.shape != [channels]
    {
        throw CNNError.shape(
            .batchNormExpectsChannelsFor,
            [
                "name": name, "channels": channels, "inputShape": input.shape,
                "tShape": t.shape,
            ])
    }
    let op = try BatchNormOperation(input: input, weight: weight, bias: bias, eps: eps)
    guard training else {
        return try op.apply(
            mean: runningMean.scalarsAsDoubles(), variance: runningVar.scalarsAsDoubles(),
            batchStatistics: false)
    }
    let (output, mean, variance) = try op.applyTraining()
    let m = Double(op.batch * op.spatial)
    try BatchNormOperation.update(&runningMean, towards: mean, momentum: momentum)
    try BatchNormOperation.update(&runningVar, towards: variance.map { $0 * m / (m - 1) }, momentum: momentum)
    return output
}

/// Batch normalisation with the batch's own statistics and no running statistics (PyTorch's
/// `batch_norm(x, None, None, training=True)`).
/// - Throws: `CNNError` as the other `batchNorm`.
public func batchNorm(
    _ input: Tensor, weight: Tensor? = nil, bias: Tensor? = nil, eps: Double = 1e-5
) throws -> Tensor {
    _ = try BatchNormOperation.channels(of: input)
    let op = try BatchNormOperation(input: input, weight: weight, bias: bias, eps: eps)
    return try op.applyTraining().output
}

/// One validated batch-norm call: its forward and, beside it, its backward.
struct BatchNormOperation: Sendable {
    let input: Tensor
    let weight: Tensor?
    let bias: Tensor?
    let eps: Double
    let batch: Int
    let channels: Int
    let spatial: Int

    init(input: Tensor, weight: Tensor?, bias: Tensor?, eps: Double) throws {
        let channels = input.shape[1]
        for (name, t) in [("weight", weight), ("bias", bias)] {
            guard let t else { continue }
            guard t.shape == [channels] else {
                throw CNNError.shape(
                    .batchNormExpectsChannelsFor,
                    [
                        "name": name, "channels": channels, "inputShape": input.shape,
                        "tShape": t.shape,
                    ])
            }
        }
        try requireSameDType(input, weight ?? input, bias, function: "batch_norm")
        self.input = input
        self.weight = weight
        self.bias = bias
        self.eps = eps
        self.batch = input.shape[0]
        self.channels = channels
        self.spatial = input.shape.dropFirst(2).reduce(1, *)
    }

    /// The channel count, after checking the input is `[batch, channels, *]`.
    static func channels(of input: Tensor) throws -> Int {
        guard input.rank >= 2 else {
            throw CNNError.shape(.batchNormExpectsInputBatch, ["inputShape": input.shape])
        }
        return input.shape[1]
    }

    /// Per-channel mean and biased variance of the batch (only the check when not `computing`).
    /// - Throws: `CNNError` for a single value per channel.
    @discardableResult
    func batchStatistics(computing: Bool = true) throws -> (mean: [Double], variance: [Double]) {
        guard batch * spatial > 1 else {
            throw CNNError.shape(.batchNormNeedsMoreThan, ["inputShape": input.shape])
        }
        guard computing else { return ([], []) }
        return switch input.dtype {
        case .float32: statistics(Float.self)
        case .float64: statistics(Double.self)
        }
    }

    private func statistics<T: TensorScalar>(_: T.Type) -> (mean: [Double], variance: [Double]) {
        let (mean, variance) = input.withUnsafeBufferPointer(as: T.self) {
            ReferenceBatchNorm.statistics(input: $0, batch: batch, channels: channels, spatial: spatial)
        }
        return (mean.map(Double.init), variance.map(Double.init))
    }

    /// `running ← (1 − momentum)·running + momentum·batch`, in place in the caller's tensor.
    static func update(_ running: inout Tensor, towards batch: [Double], momentum: Double) throws {
        func blend<T: TensorScalar>(_: T.Type) throws {
            try running.withUnsafeMutableBufferPointer(as: T.self) { r in
                for c in 0..<r.count { r[c] = T((1 - momentum) * Double(r[c]) + momentum * batch[c]) }
            }
        }
        try running.dtype == .float32 ? blend(Float.self) : blend(Double.self)
    }

    /// Normalises with the batch's own statistics and records the backward; also returns the
    /// statistics (mean, biased variance) for the running update.
    func applyTraining() throws -> (output: Tensor, mean: [Double], variance: [Double]) {
        guard input.dtype == .float32 else {
            let (mean, variance) = try batchStatistics()
            return (try apply(mean: mean, variance: variance, batchStatistics: true), mean, variance)
        }
        _ = try batchStatistics(computing: false)
        // Float32 fuses the statistics into the forward: one visit to each channel, not two.
        var mean = [Double](repeating: 0, count: channels)
        var variance = [Double](repeating: 0, count: channels)
        let y = try input.withUnsafeBufferPointer(as: Float.self) { x in
            try withOptionalBuffer(weight, as: Float.self) { w in
                try withOptionalBuffer(bias, as: Float.self) { b in
                    try Tensor(uninitializedShape: input.shape, of: Float.self) { out throws(CNNError) in
                        try mean.withUnsafeMutableBufferPointer { mean throws(CNNError) in
                            try variance.withUnsafeMutableBufferPointer { variance throws(CNNError) in
                                try FastBatchNorm.trainingForward(
                                    input: x.baseAddress!, output: out.baseAddress!, weight: w?.baseAddress,
                                    bias: b?.baseAddress, eps: eps, mean: mean.baseAddress!,
                                    variance: variance.baseAddress!, layout: layout)
                            }
                        }
                    }
                }
            }
        }
        return (recordingBackward(y, mean: mean, variance: variance, batchStatistics: true), mean, variance)
    }

    /// Normalises with the given statistics and records the backward.
    func apply(mean: [Double], variance: [Double], batchStatistics: Bool) throws -> Tensor {
        let invStd = variance.map { 1 / ($0 + eps).squareRoot() }
        let y =
            try input.dtype == .float32
            ? forward(Float.self, mean, invStd) : forward(Double.self, mean, invStd)
        return recordingBackward(y, mean: mean, variance: variance, batchStatistics: batchStatistics)
    }

    /// `y` with this call's backward attached.
    private func recordingBackward(_ y: Tensor, mean: [Double], variance: [Double], batchStatistics: Bool)
        -> Tensor
    {
        let invStd = variance.map { 1 / ($0 + eps).squareRoot() }
        let inputs = [input] + [weight, bias].compactMap { $0 }
        return y.recordingGradient(of: inputs, op: "batch_norm") { g in
            try g.dtype == .float32
                ? backward(Float.self, g, mean, invStd, batchStatistics)
                : backward(Double.self, g, mean, invStd, batchStatistics)
        }
    }

    /// The `[batch, channels, spatial]` view for the Float32 kernels.
    private var layout: FastBatchNorm.Layout {
        FastBatchNorm.Layout(batch: batch, channels: channels, spatial: spatial)
    }

    private func forward<T: TensorScalar>(_: T.Type, _ mean: [Double], _ invStd: [Double]) throws -> Tensor {
        if T.self == Float.self {
            let (mean, invStd) = (mean.map { Float($0) }, invStd.map { Float($0) })
            return try input.withUnsafeBufferPointer(as: Float.self) { x in
                try withOptionalBuffer(weight, as: Float.self) { w in
                    try withOptionalBuffer(bias, as: Float.self) { b in
                        try Tensor(uninitializedShape: input.shape, of: Float.self) { out throws(CNNError) in
                            try FastBatchNorm.forward(
                                input: x.baseAddress!, output: out.baseAddress!, weight: w?.baseAddress,
                                bias: b?.baseAddress, mean: mean, invStd: invStd, layout: layout)
                        }
                    }
                }
            }
        }
        return try input.withUnsafeBufferPointer(as: T.self) { x in
            try withOptionalBuffer(weight, as: T.self) { w in
                try withOptionalBuffer(bias, as: T.self) { b in
                    try Tensor(shape: input.shape, of: T.self) { out in
                        ReferenceBatchNorm.forward(
                            input: x, output: out, mean: mean.map { T($0) }, invStd: invStd.map { T($0) },
                            weight: w,
                            bias: b, batch: batch, channels: channels, spatial: spatial)
                    }
                }
            }
        }
    }

    private func backward<T: TensorScalar>(
        _: T.Type, _ gradient: Tensor, _ mean: [Double], _ invStd: [Double], _ batchStatistics: Bool
    ) throws -> [Tensor?] {
        if T.self == Float.self { return try fastBackward(gradient, mean, invStd, batchStatistics) }
        var gradWeight: [T] = []
        var gradBias: [T] = []
        let gradInput = try gradient.withUnsafeBufferPointer(as: T.self) { gy in
            try input.withUnsafeBufferPointer(as: T.self) { x in
                try withOptionalBuffer(weight, as: T.self) { w in
                    try Tensor(shape: input.shape, of: T.self) { gx in
                        ReferenceBatchNorm.backward(
                            gradOutput: gy, input: x, mean: mean.map { T($0) }, invStd: invStd.map { T($0) },
                            weight: w,
                            batchStatistics: batchStatistics, gradInput: gx, gradWeight: &gradWeight,
                            gradBias: &gradBias, batch: batch, channels: channels, spatial: spatial)
                    }
                }
            }
        }
        var grads: [Tensor?] = [input.requiresGrad ? gradInput : nil]
        if let weight {
            grads.append(
                weight.requiresGrad
                    ? try Tensor(shape: [channels], of: T.self) { _ = $0.update(fromContentsOf: gradWeight) }
                    : nil)
        }
        if let bias {
            grads.append(
                bias.requiresGrad
                    ? try Tensor(shape: [channels], of: T.self) { _ = $0.update(fromContentsOf: gradBias) }
                    : nil)
        }
        return grads
    }

    /// `backward` for Float32, on `FastBatchNorm`.
    private func fastBackward(
        _ gradient: Tensor, _ mean: [Double], _ invStd: [Double], _ batchStatistics: Bool
    ) throws -> [Tensor?] {
        let (mean, invStd) = (mean.map { Float($0) }, invStd.map { Float($0) })
        var gradWeight = [Float](repeating: 0, count: channels)
        var gradBias = [Float](repeating: 0, count: channels)
        let gradInput = try gradient.withUnsafeBufferPointer(as: Float.self) { gy in
            try input.withUnsafeBufferPointer(as: Float.self) { x in
                try withOptionalBuffer(weight, as: Float.self) { w in
                    try Tensor(uninitializedShape: input.shape, of: Float.self) { gx throws(CNNError) in
                        try FastBatchNorm.backward(
                            gradOutput: gy.baseAddress!, input: x.baseAddress!, mean: mean, invStd: invStd,
                            weight: w?.baseAddress, batchStatistics: batchStatistics,
                            gradInput: gx.baseAddress!,
                            gradWeight: &gradWeight, gradBias: &gradBias, layout: layout)
                    }
                }
            }
        }
        var grads: [Tensor?] = [input.requiresGrad ? gradInput : nil]
        if let weight { grads.append(weight.requiresGrad ? try Tensor(gradWeight, shape: [channels]) : nil) }
        if let bias { grads.append(bias.requiresGrad ? try Tensor(gradBias, shape: [channels]) : nil) }
        return grads
    }
}
