import Wording

/// 2-D cross-correlation, PyTorch's `torch.nn.functional.conv2d`.
///
/// Layout: input `[batch, in_channels, height, width]` (or unbatched `[in_channels, height,
/// width]`), weight `[out_channels, in_channels/groups, kH, kW]`, bias `[out_channels]`; output
/// `[batch, out_channels, outH, outW]` with, per axis,
/// `out = ⌊(in + padBefore + padAfter − dilation·(k − 1) − 1) / stride⌋ + 1`.
///
/// Float32 runs on the fast kernels (`conv2dForward`, im2col + BLAS); float64 on the readable
/// seven-loop `ReferenceConv2d`, which the fast path is tested against.
///
///     let y = try conv2d(x, w, padding: .same)            // keeps height and width
///     let z = try conv2d(x, w, stride: 2, padding: 1)      // halves them (3×3 kernel)
///
/// - Parameters:
///   - input: the images.
///   - weight: the filters.
///   - bias: one value added per output channel, or nil.
///   - stride: step between windows, an int or (height, width).
///   - padding: zeros added on each side, `.valid` (none) or `.same` (stride 1 only).
///   - dilation: spacing between kernel taps.
///   - groups: split channels into this many independent convolutions.
/// - Throws: `CNNError` naming expected and actual shapes when they do not fit.
public func conv2d(
    _ input: Tensor, _ weight: Tensor, bias: Tensor? = nil, stride: Size2D = 1,
    padding: ConvPadding = 0, dilation: Size2D = 1, groups: Int = 1
) throws -> Tensor {
    let words = Conv2dGeometry.Vocabulary.conv2d
    guard input.rank == 4 || input.rank == 3 else {
        throw CNNError.shape(.conv2dInputRank, ["shape": input.shape])
    }
    let batched = input.rank == 4 ? input : try input.reshape([1] + input.shape)
    try requireSameDType(input, weight, bias, function: "conv2d")
    let g = try Conv2dGeometry.resolve(
        input: batched.shape, weight: weight.shape, bias: bias?.shape, stride: stride, padding: padding,
        dilation: dilation, groups: groups, words)
    let y = try Conv2dOperation(geometry: g).apply(batched, weight, bias)
    return input.rank == 4 ? y : try y.reshape(Array(y.shape.dropFirst()))
}

/// 1-D cross-correlation, PyTorch's `torch.nn.functional.conv1d`: input `[batch, in_channels,
/// length]` (or `[in_channels, length]`), weight `[out_channels, in_channels/groups, kW]`, output
/// `[batch, out_channels, ⌊(length + 2·padding − dilation·(kW − 1) − 1) / stride⌋ + 1]`.
///
/// Runs as a `conv2d` of height 1, so both share one kernel and one backward.
/// - Parameters: as `conv2d`, with single ints; `padding` is an amount, `.valid` or `.same`.
/// - Throws: `CNNError` naming expected and actual shapes when they do not fit.
public func conv1d(
    _ input: Tensor, _ weight: Tensor, bias: Tensor? = nil, stride: Int = 1,
    padding: ConvPadding = 0, dilation: Int = 1, groups: Int = 1
) throws -> Tensor {
    let words = Conv2dGeometry.Vocabulary.conv1d
    guard input.rank == 3 || input.rank == 2 else {
        throw CNNError.shape(
            .convDExpectsInputOr,
            ["wordsInputLayout": "\(words.inputLayout)", "inputShape": input.shape])
    }
    let batched = input.rank == 3 ? input : try input.reshape([1] + input.shape)
    try requireSameDType(input, weight, bias, function: "conv1d")
    var padding2d = padding
    if case .explicit(let amount) = padding {
        guard amount.height == amount.width else {
            throw CNNError.argument(.convDExpectsPaddingTo, ["amount": amount])
        }
        padding2d = .explicit(Size2D(0, amount.width))
    }
    // Checked here so that messages show single ints, not the (1, x) pairs of the 2-D call.
    _ = try padding.resolved(
        kernel: Size2D(weight.shape.last ?? 1), stride: Size2D(stride), dilation: Size2D(dilation),
        function: "conv1d")
    let g = try Conv2dGeometry.resolve(
        input: batched.shape, weight: weight.shape, bias: bias?.shape, stride: Size2D(1, stride),
        padding: padding2d, dilation: Size2D(1, dilation), groups: groups, words)
    let x4 = try batched.reshape([g.batch, g.inChannels, 1, g.inWidth])
    let w4 = try weight.reshape(g.weightShape)
    let y = try Conv2dOperation(geometry: g).apply(x4, w4, bias)
    let y3 = try y.reshape([g.batch, g.outChannels, g.outWidth])
    return input.rank == 3 ? y3 : try y3.reshape([g.outChannels, g.outWidth])
}

/// Throws unless the tensors share one dtype, as PyTorch's convolutions and linear layers demand.
func requireSameDType(_ input: Tensor, _ weight: Tensor, _ bias: Tensor?, function: String) throws(CNNError) {
    for (name, other) in [("weight", weight), ("bias", bias)] {
        guard let other, other.dtype != input.dtype else { continue }
        throw .argument(
            .needsInputAndOfThe,
            [
                "function": function, "name": name, "inputDtype": "\(input.dtype.rawValue)",
                "otherDtype": "\(other.dtype.rawValue)",
            ])
    }
}

/// One validated convolution: its forward and, beside it, its backward.
struct Conv2dOperation: Sendable {
    let geometry: Conv2dGeometry

    /// The forward pass's multiply-adds, known from the shapes alone.
    var work: WorkEstimate { WorkEstimate(.convolution, geometry.forwardFlops / 2) }

    /// Runs the convolution on `[N, C, H, W]` tensors and records its gradient.
    func apply(_ input: Tensor, _ weight: Tensor, _ bias: Tensor?) throws -> Tensor {
        try ComputeBudget.requireTime(for: work)
        let y: Tensor =
            switch input.dtype {
            case .float32: try forward(input, weight, bias, as: Float.self)
            case .float64: try forward(input, weight, bias, as: Double.self)
            }
        let inputs = [input, weight] + (bias.map { [$0] } ?? [])
        return y.recordingGradient(of: inputs, op: "conv2d") { g in
            switch g.dtype {
            case .float32: try backward(g, input, weight, bias, as: Float.self)
            case .float64: try backward(g, input, weight, bias, as: Double.self)
            }
        }
    }

    private func forward<T: TensorScalar>(_ input: Tensor, _ weight: Tensor, _ bias: Tensor?, as: T.Type)
        throws -> Tensor
    {
        try input.withUnsafeBufferPointer(as: T.self) { x in
            try weight.withUnsafeBufferPointer(as: T.self) { w in
                try withOptionalBuffer(bias, as: T.self) { b in
                    try convResult(geometry.outputShape, of: T.self) { out in
                        if let (x, w, b, out) = asFloat(x, w, b, out) {
                            try conv2dForward(input: x, weight: w, bias: b, output: out, geometry: geometry)
                        } else {
                            try ReferenceConv2d.forward(
                                input: x, weight: w, bias: b, output: out, geometry: geometry)
                        }
                    }
                }
            }
        }
    }

    private func backward<T: TensorScalar>(
        _ gradient: Tensor, _ input: Tensor, _ weight: Tensor, _ bias: Tensor?, as: T.Type
    ) throws -> [Tensor?] {
        let g = geometry
        // Each gradient costs about what the forward pass did.
        let gradients = (input.requiresGrad ? 1.0 : 0) + (weight.requiresGrad ? 1 : 0)
        try ComputeBudget.requireTime(for: WorkEstimate(.convolution, gradients * work.amount))
        return try gradient.withUnsafeBufferPointer(as: T.self) { gy in
            try input.withUnsafeBufferPointer(as: T.self) { x in
                try weight.withUnsafeBufferPointer(as: T.self) { w in
                    let gradInput: Tensor? =
                        input.requiresGrad
                        ? try convResult(g.inputShape, of: T.self) { gx in
                            if let (gy, w, _, gx) = asFloat(gy, w, nil, gx) {
                                try conv2dBackwardInput(gradOutput: gy, weight: w, gradInput: gx, geometry: g)
                            } else {
                                try ReferenceConv2d.backwardInput(
                                    gradOutput: gy, weight: w, gradInput: gx, geometry: g)
                            }
                        } : nil
                    let gradWeight: Tensor? =
                        weight.requiresGrad
                        ? try convResult(g.weightShape, of: T.self) { gw in
                            if let (gy, x, _, gw) = asFloat(gy, x, nil, gw) {
                                try conv2dBackwardWeight(
                                    input: x, gradOutput: gy, gradWeight: gw, gradBias: nil, geometry: g)
                            } else {
                                try ReferenceConv2d.backwardWeight(
                                    gradOutput: gy, input: x, gradWeight: gw, geometry: g)
                            }
                        } : nil
                    let gradBias: Tensor? =
                        bias?.requiresGrad == true
                        ? try Tensor(shape: [g.outChannels], of: T.self) { gb in
                            ReferenceConv2d.backwardBias(gradOutput: gy, gradBias: gb, geometry: g)
                        } : nil
                    return [gradInput, gradWeight] + (bias == nil ? [] : [gradBias])
                }
            }
        }
    }
}

/// A new tensor that `fill` sets: not zeroed first for Float32, whose fast kernels overwrite every
/// element (FastConv2dTests fill their outputs with NaN beforehand to hold them to it); zeroed for
/// Float64, whose reference loops accumulate. Zeroing was ~3% of a 32×32 training step.
private func convResult<T: TensorScalar>(
    _ shape: [Int], of: T.Type, _ fill: (UnsafeMutableBufferPointer<T>) throws -> Void
) throws -> Tensor {
    T.self == Float.self
        ? try Tensor(uninitializedShape: shape, of: T.self, fill: fill)
        : try Tensor(shape: shape, of: T.self, fill: fill)
}

/// Calls `body` with the tensor's elements, or with nil when there is no tensor.
func withOptionalBuffer<T: TensorScalar, R>(
    _ tensor: Tensor?, as: T.Type, _ body: (UnsafeBufferPointer<T>?) throws -> R
) rethrows -> R {
    guard let tensor else { return try body(nil) }
    return try tensor.withUnsafeBufferPointer(as: T.self) { try body($0) }
}

/// The same buffers seen as Float when `T` is Float (the fast kernels' type), else nil.
private func asFloat<T: TensorScalar>(
    _ a: UnsafeBufferPointer<T>, _ b: UnsafeBufferPointer<T>, _ c: UnsafeBufferPointer<T>?,
    _ out: UnsafeMutableBufferPointer<T>
) -> (
    UnsafeBufferPointer<Float>, UnsafeBufferPointer<Float>, UnsafeBufferPointer<Float>?,
    UnsafeMutableBufferPointer<Float>
)? {
    guard T.self == Float.self else { return nil }
    return (
        unsafeBitCast(a, to: UnsafeBufferPointer<Float>.self),
        unsafeBitCast(b, to: UnsafeBufferPointer<Float>.self),
        c.map { unsafeBitCast($0, to: UnsafeBufferPointer<Float>.self) },
        unsafeBitCast(out, to: UnsafeMutableBufferPointer<Float>.self)
    )
}
