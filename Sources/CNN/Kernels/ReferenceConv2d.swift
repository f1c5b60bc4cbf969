/// The textbook 2-D convolution: seven nested loops of cross-correlation, the version lessons show.
///
/// Layout (all contiguous row-major, NCHW): input `[batch, inChannels, inHeight, inWidth]`, weight
/// `[outChannels, inChannels / groups, kernelHeight, kernelWidth]`, output
/// `[batch, outChannels, outHeight, outWidth]` with
/// `out = ⌊(in + padBefore + padAfter − dilation·(kernel − 1) − 1) / stride⌋ + 1`.
///
/// Like PyTorch (and unlike the mathematicians' convolution) the kernel is *not* flipped:
/// `out[n, k, y, x] = bias[k] + Σ_c Σ_i Σ_j in[n, c, y·s − p + i·d, x·s − p + j·d] · w[k, c, i, j]`,
/// where positions outside the input read as zero (zero padding).
///
/// Every function is generic over `TensorScalar`, so the same loop serves Float32 answers and the
/// Float64 gradient checks. Callers validate shapes; these functions trap on a mismatch (a bug).
/// (`@_specialize` below: debug builds compile each file on its own, so without it the callers in
/// `NN/` would run these loops through generic witness calls, about five times slower.)
enum ReferenceConv2d {
    /// Computes the cross-correlation of `input` with `weight`, plus `bias` per output channel.
    /// - Complexity: O(batch · outChannels · outHeight · outWidth · inChannels/groups · kH · kW).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func forward<T: TensorScalar>(
        input: UnsafeBufferPointer<T>, weight: UnsafeBufferPointer<T>, bias: UnsafeBufferPointer<T>?,
        output: UnsafeMutableBufferPointer<T>, geometry g: Conv2dGeometry
    ) throws(CNNError) {
        checkSizes(g, input: input.count, weight: weight.count, output: output.count)
        let plane = g.outHeight * g.outWidth
        for n in 0..<g.batch {
            for k in 0..<g.outChannels {
                let start = (n * g.outChannels + k) * plane
                for p in 0..<plane { output[start + p] = bias?[k] ?? 0 }
            }
        }
        try forEachTap(g) { out, inp, w in output[out] += input[inp] * weight[w] }
    }

    /// The gradient with respect to the input: every output gradient flows back, through the
    /// same weight it was multiplied by, to the input position it read.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func backwardInput<T: TensorScalar>(
        gradOutput: UnsafeBufferPointer<T>, weight: UnsafeBufferPointer<T>,
        gradInput: UnsafeMutableBufferPointer<T>, geometry g: Conv2dGeometry
    ) throws(CNNError) {
        checkSizes(g, input: gradInput.count, weight: weight.count, output: gradOutput.count)
        gradInput.initialize(repeating: 0)
        try forEachTap(g) { out, inp, w in gradInput[inp] += gradOutput[out] * weight[w] }
    }

    /// The gradient with respect to the weight: each weight collects output gradient × the input
    /// value it was multiplied by, summed over every position and batch element.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func backwardWeight<T: TensorScalar>(
        gradOutput: UnsafeBufferPointer<T>, input: UnsafeBufferPointer<T>,
        gradWeight: UnsafeMutableBufferPointer<T>, geometry g: Conv2dGeometry
    ) throws(CNNError) {
        checkSizes(g, input: input.count, weight: gradWeight.count, output: gradOutput.count)
        gradWeight.initialize(repeating: 0)
        try forEachTap(g) { out, inp, w in gradWeight[w] += gradOutput[out] * input[inp] }
    }

    /// The gradient with respect to the bias: the output gradient summed over batch and positions.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func backwardBias<T: TensorScalar>(
        gradOutput: UnsafeBufferPointer<T>, gradBias: UnsafeMutableBufferPointer<T>,
        geometry g: Conv2dGeometry
    ) {
        precondition(
            gradBias.count == g.outChannels, "conv2d bias gradient size \(gradBias.count) ≠ \(g.outChannels)")
        let plane = g.outHeight * g.outWidth
        gradBias.initialize(repeating: 0)
        for n in 0..<g.batch {
            for k in 0..<g.outChannels {
                let start = (n * g.outChannels + k) * plane
                var sum: T = 0
                for p in 0..<plane { sum += gradOutput[start + p] }
                gradBias[k] += sum
            }
        }
    }

    /// The seven loops of cross-correlation, once: calls `body(output, input, weight)` with the flat
    /// indices of every product `in[n, c, y·s − p + i·d, x·s − p + j·d] · w[k, c, i, j]` that
    /// contributes to `out[n, k, y, x]`, skipping taps that land in the zero padding. Forward and
    /// both gradients are this traversal with a different accumulation, which is the point of
    /// backpropagation through a sum of products.
    @inline(__always)
    private static func forEachTap(
        _ g: Conv2dGeometry, _ body: (_ output: Int, _ input: Int, _ weight: Int) -> Void
    ) throws(CNNError) {
        let (outH, outW) = (g.outHeight, g.outWidth)
        // Checked per output pixel's worth of taps, so one huge kernel's row cannot run for seconds.
        var meter = WorkMeter(ComputeBudget.current)
        let tapsPerPixel = Double(g.inChannelsPerGroup * g.kernelHeight * g.kernelWidth)
        for n in 0..<g.batch {
            for k in 0..<g.outChannels {
                let group = k / g.outChannelsPerGroup
                for y in 0..<outH {
                    try ComputeBudget.checkpoint()
                    for x in 0..<outW {
                        try meter.add(tapsPerPixel)
                        let output = ((n * g.outChannels + k) * outH + y) * outW + x
                        for cInGroup in 0..<g.inChannelsPerGroup {
                            let c = group * g.inChannelsPerGroup + cInGroup
                            for i in 0..<g.kernelHeight {
                                let row = y * g.strideH - g.padTop + i * g.dilationH
                                if row < 0 || row >= g.inHeight { continue }  // zero padding
                                for j in 0..<g.kernelWidth {
                                    let col = x * g.strideW - g.padLeft + j * g.dilationW
                                    if col < 0 || col >= g.inWidth { continue }
                                    body(
                                        output, inputIndex(g, n, c, row, col),
                                        weightIndex(g, k, cInGroup, i, j))
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @inline(__always)
    private static func inputIndex(_ g: Conv2dGeometry, _ n: Int, _ c: Int, _ row: Int, _ col: Int) -> Int {
        ((n * g.inChannels + c) * g.inHeight + row) * g.inWidth + col
    }

    @inline(__always)
    private static func weightIndex(_ g: Conv2dGeometry, _ k: Int, _ c: Int, _ i: Int, _ j: Int) -> Int {
        ((k * g.inChannelsPerGroup + c) * g.kernelHeight + i) * g.kernelWidth + j
    }

    private static func checkSizes(_ g: Conv2dGeometry, input: Int, weight: Int, output: Int) {
        precondition(
            g.groups > 0 && g.inChannels % g.groups == 0 && g.outChannels % g.groups == 0,
            "conv2d groups \(g.groups) must divide channels \(g.inChannels) and \(g.outChannels)")
        precondition(g.outHeight > 0 && g.outWidth > 0, "conv2d output is empty: \(g)")
        precondition(
            input == g.inputShape.reduce(1, *),
            "conv2d input has \(input) elements, \(g) needs \(g.inputShape)")
        precondition(
            weight == g.weightShape.reduce(1, *),
            "conv2d weight has \(weight) elements, \(g) needs \(g.weightShape)")
        precondition(
            output == g.outputShape.reduce(1, *),
            "conv2d output has \(output) elements, \(g) needs \(g.outputShape)")
    }
}
