/// 2-D max pooling, PyTorch's `torch.nn.functional.max_pool2d`: the largest value in each window.
///
/// Layout: input `[batch, channels, height, width]` (or `[channels, height, width]`), output
/// `[batch, channels, outH, outW]` with, per axis,
/// `out = ⌊(in + 2·padding − dilation·(kernel − 1) − 1 + (ceil_mode ? stride − 1 : 0)) / stride⌋ + 1`,
/// less one when ceil_mode would start the last window beyond the input and its left padding.
/// Padding counts as −∞, never as a maximum. The gradient flows only to each window's maximum
/// (the first one on ties).
///
/// - Parameters:
///   - input: the images.
///   - kernelSize: the window, an int or (height, width).
///   - stride: step between windows; nil (PyTorch's default) means `kernelSize`.
///   - padding: −∞ border on each side, at most half the kernel.
///   - dilation: spacing between window taps.
///   - ceilMode: round the output size up instead of down, keeping a last partial window.
/// - Throws: `CNNError` for a bad argument or a window larger than the padded input.
public func maxPool2d(
    _ input: Tensor, kernelSize: Size2D, stride: Size2D? = nil, padding: Size2D = 0, dilation: Size2D = 1,
    ceilMode: Bool = false
) throws -> Tensor {
    let x = try Pool2dGeometry.batched(input, "max_pool2d")
    let g = try Pool2dGeometry.resolve(
        "max_pool2d", input: x.shape, kernel: kernelSize, stride: stride, padding: padding,
        dilation: dilation,
        ceilMode: ceilMode)
    // The winners' indices (8 bytes per output element) are kept for the backward pass as long
    // as the graph lives: charged to the session's memory like a tensor, before they are allocated,
    // and given back with the closure that holds them.
    let outputCount = try Tensor.checkedCount(g.outputShape)
    // Work the time left cannot hold is refused before the indices are allocated (a 1000×1000
    // window over a 10000² image allocated 648 MB of them, then was refused by the kernel).
    try ComputeBudget.requireTime(for: g.work)
    let charge = try MemoryCharge(
        count: outputCount, bytesPerElement: MemoryLayout<Int>.size, shape: g.outputShape)
    var winners = [Int](repeating: -1, count: outputCount)
    func forward<T: TensorScalar>(_: T.Type) throws -> Tensor {
        try x.withUnsafeBufferPointer(as: T.self) { src in
            try Tensor(shape: g.outputShape, of: T.self, kind: x.kind) { out in
                try winners.withUnsafeMutableBufferPointer { idx in
                    try ReferencePool2d.maxForward(input: src, output: out, indices: idx, geometry: g)
                }
            }
        }
    }
    let y = try x.dtype == .float32 ? forward(Float.self) : forward(Double.self)
    let indices = winners
    let pooled = y.recordingGradient(of: [x], op: "max_pool2d") { gradient in
        withExtendedLifetime(charge) {}
        func backward<T: TensorScalar>(_: T.Type) throws -> Tensor {
            try gradient.withUnsafeBufferPointer(as: T.self) { gy in
                try Tensor(shape: x.shape, of: T.self) { gx in
                    indices.withUnsafeBufferPointer { idx in
                        ReferencePool2d.maxBackward(gradOutput: gy, indices: idx, gradInput: gx, geometry: g)
                    }
                }
            }
        }
        return [try gradient.dtype == .float32 ? backward(Float.self) : backward(Double.self)]
    }
    return try Pool2dGeometry.unbatched(pooled, like: input)
}
