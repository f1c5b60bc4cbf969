import CBLAS

// The Float32 convolution kernels: the engine's fast path. Signatures (stable; `Tensor`'s conv2d
// and its autograd call these for Float32, the reference loop serves Float64):
//
//   conv2dForward(input:weight:bias:output:geometry:)                      output  = conv(input)
//   conv2dBackwardInput(gradOutput:weight:gradInput:geometry:)             gradInput  = ∂/∂input
//   conv2dBackwardWeight(input:gradOutput:gradWeight:gradBias:geometry:)   gradWeight, gradBias
//
// All buffers are contiguous row-major NCHW Float32 of exactly the sizes `geometry` gives
// (`inputShape`, `weightShape`, `outputShape`, bias `[outChannels]`). Results are *written*, never
// accumulated: the caller adds them to existing gradients. Each function throws only what
// `ComputeBudget.checkpoint()` throws (cancel, time limit), checked between batch items.
// The path is chosen from the geometry alone. 3×3 stride-1 undilated ungrouped convs with at
// least 8 channels each way run Winograd: F(4×4, 3×3) for the forward pass and the weight
// gradient, F(4×4) or (below 16 channels) F(2×2) for the input gradient; error ≤ 1e-5 of the
// result's scale (see FastConv2dTests). Ungrouped convs with at most 4 input channels (first
// layers) run a direct register-blocked loop (FastConv2d+Direct.swift) forward and for the weight
// gradient, and for the input gradient at stride 1 from 3 channels. 1×1 stride-1 unpadded convs
// are plain GEMMs, the rest im2col + GEMM, small images stacked side by side. BLAS is pinned to
// one thread; the engine threads over batch items or tile blocks (`Parallelism.threadCount`).
// Work is split by shape only, so results are bit-identical for every thread count.

/// Computes `output = conv2d(input, weight) + bias` (cross-correlation, as PyTorch defines it).
///
/// - Parameters:
///   - input: `[N, C, H, W]`.
///   - weight: `[K, C/groups, kH, kW]`.
///   - bias: `[K]`, or nil for none.
///   - output: `[N, K, OH, OW]`, overwritten.
///   - geometry: the shapes, strides, per-side padding, dilation and groups.
/// - Throws: `CNNError` from the bound `ComputeBudget` (cancelled, time limit).
package func conv2dForward(
    input: UnsafeBufferPointer<Float>, weight: UnsafeBufferPointer<Float>,
    bias: UnsafeBufferPointer<Float>?, output: UnsafeMutableBufferPointer<Float>,
    geometry: Conv2dGeometry
) throws(CNNError) {
    geometry.checkBuffers(input: input.count, weight: weight.count, output: output.count)
    precondition(bias.map { $0.count == geometry.outChannels } ?? true, "conv2d bias size")
    guard let output = output.baseAddress else { return }
    guard geometry.hasPixels else {
        // An image of height or width 0 with padding: every tap reads the zero border.
        for plane in 0..<(geometry.batch * geometry.outChannels) {
            let value = bias.map { $0[plane % geometry.outChannels] } ?? 0
            (output + plane * geometry.outPixels).update(repeating: value, count: geometry.outPixels)
        }
        return
    }
    guard let input = input.baseAddress, let weight = weight.baseAddress else { return }
    try FastConv2d(geometry).forward(
        input: input, weight: weight, bias: bias?.baseAddress, output: output)
}

/// Computes `gradInput = ∂L/∂input` from `gradOutput = ∂L/∂output` (a transposed convolution).
///
/// - Parameters:
///   - gradOutput: `[N, K, OH, OW]`.
///   - weight: `[K, C/groups, kH, kW]`.
///   - gradInput: `[N, C, H, W]`, overwritten.
///   - geometry: as for the forward pass.
/// - Throws: `CNNError` from the bound `ComputeBudget`.
package func conv2dBackwardInput(
    gradOutput: UnsafeBufferPointer<Float>, weight: UnsafeBufferPointer<Float>,
    gradInput: UnsafeMutableBufferPointer<Float>, geometry: Conv2dGeometry
) throws(CNNError) {
    geometry.checkBuffers(input: gradInput.count, weight: weight.count, output: gradOutput.count)
    // An input of height or width 0 has no pixel to receive a gradient.
    guard geometry.hasPixels else { return }
    guard let gradOutput = gradOutput.baseAddress, let weight = weight.baseAddress,
        let gradInput = gradInput.baseAddress
    else { return }
    try FastConv2d(geometry).backwardInput(
        gradOutput: gradOutput, weight: weight, gradInput: gradInput)
}

/// Computes `gradWeight = ∂L/∂weight` and, when asked, `gradBias = ∂L/∂bias` (summed over the
/// batch) from the forward input and `gradOutput`.
///
/// - Parameters:
///   - input: `[N, C, H, W]`, the forward pass's input.
///   - gradOutput: `[N, K, OH, OW]`.
///   - gradWeight: `[K, C/groups, kH, kW]`, overwritten.
///   - gradBias: `[K]`, overwritten, or nil when the convolution has no bias.
///   - geometry: as for the forward pass.
/// - Throws: `CNNError` from the bound `ComputeBudget`.
package func conv2dBackwardWeight(
    input: UnsafeBufferPointer<Float>, gradOutput: UnsafeBufferPointer<Float>,
    gradWeight: UnsafeMutableBufferPointer<Float>, gradBias: UnsafeMutableBufferPointer<Float>?,
    geometry: Conv2dGeometry
) throws(CNNError) {
    geometry.checkBuffers(input: input.count, weight: gradWeight.count, output: gradOutput.count)
    precondition(gradBias.map { $0.count == geometry.outChannels } ?? true, "conv2d bias size")
    guard geometry.hasPixels else {
        // Every tap read the zero border: no weight gradient; the bias still saw every output.
        gradWeight.update(repeating: 0)
        if let gradBias {
            for k in 0..<geometry.outChannels {
                var sum = 0.0
                for n in 0..<geometry.batch {
                    let plane = (n * geometry.outChannels + k) * geometry.outPixels
                    for i in 0..<geometry.outPixels { sum += Double(gradOutput[plane + i]) }
                }
                gradBias[k] = Float(sum)
            }
        }
        return
    }
    guard let input = input.baseAddress, let gradOutput = gradOutput.baseAddress,
        let gradWeight = gradWeight.baseAddress
    else { return }
    try FastConv2d(geometry).backwardWeight(
        input: input, gradOutput: gradOutput, gradWeight: gradWeight,
        gradBias: gradBias?.baseAddress)
}

extension Conv2dGeometry {
    /// Traps (an engine bug, not a learner's) unless the geometry is runnable and the buffer
    /// sizes match it.
    func checkBuffers(input: Int, weight: Int, output: Int) {
        precondition(
            batch >= 0 && inChannels > 0 && outChannels > 0 && groups > 0
                && inChannels % groups == 0 && outChannels % groups == 0
                && kernelHeight > 0 && kernelWidth > 0 && strideH > 0 && strideW > 0
                && dilationH > 0 && dilationW > 0 && outHeight > 0 && outWidth > 0
                && min(padTop, padBottom, padLeft, padRight) >= 0,
            "conv2d kernel called with an invalid geometry: \(self)")
        precondition(
            input == batch * inChannels * inHeight * inWidth
                && weight == outChannels * inChannelsPerGroup * kernelHeight * kernelWidth
                && output == batch * outChannels * outHeight * outWidth,
            "conv2d buffers [\(input), \(weight), \(output)] elements do not match \(self)")
    }

    /// Whether the input planes have any pixel; the kernels' paths assume they do (a padded image
    /// of height 0 has a non-empty output that reads only the border).
    var hasPixels: Bool { inHeight > 0 && inWidth > 0 }

    /// A 1×1 kernel with stride 1 and no padding: the input planes are already the column matrix.
    var isPointwise: Bool {
        kernelHeight == 1 && kernelWidth == 1 && strideH == 1 && strideW == 1
            && padTop == 0 && padBottom == 0 && padLeft == 0 && padRight == 0
    }
}

/// Sets OpenBLAS to one thread, once: the engine threads over batch items itself, and two-thread
/// OpenBLAS on the small GEMMs of a convolution was measured to run several times slower.
let blasPinnedToOneThread: Void = openblas_set_num_threads(1)

/// The Float32 convolution of one geometry: picks a path and runs it on raw NCHW buffers.
struct FastConv2d {
    let g: Conv2dGeometry
    /// The caller's budget, read on the caller's thread: task locals do not reach the pool's
    /// helper threads, which check it between GEMM chunks.
    let budget: ComputeBudget?

    init(_ geometry: Conv2dGeometry) {
        self.g = geometry
        self.budget = ComputeBudget.current
        _ = blasPinnedToOneThread
    }
}
