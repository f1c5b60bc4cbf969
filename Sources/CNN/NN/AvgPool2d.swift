import Wording

/// 2-D average pooling, PyTorch's `torch.nn.functional.avg_pool2d`: the mean of each window.
///
/// Layout and output size as `maxPool2d` (without dilation). The divisor of a window is, as in
/// PyTorch: `divisorOverride` when given; else, with `countIncludePad`, the window's size clipped
/// to the padded input (so a ceil_mode window hanging past the padding counts only what lies
/// inside it); else the number of real input elements in the window.
///
/// - Parameters:
///   - input: the images, `[batch, channels, height, width]` or `[channels, height, width]`.
///   - kernelSize: the window, an int or (height, width).
///   - stride: step between windows; nil (PyTorch's default) means `kernelSize`.
///   - padding: zero border on each side, at most half the kernel.
///   - ceilMode: round the output size up instead of down.
///   - countIncludePad: whether the zero padding counts in the divisor.
///   - divisorOverride: a fixed divisor for every window (not 0).
/// - Throws: `CNNError` for a bad argument or a window larger than the padded input.
public func avgPool2d(
    _ input: Tensor, kernelSize: Size2D, stride: Size2D? = nil, padding: Size2D = 0, ceilMode: Bool = false,
    countIncludePad: Bool = true, divisorOverride: Int? = nil
) throws -> Tensor {
    if let divisorOverride, divisorOverride == 0 {
        throw CNNError.argument(.avgPoolDDivisorOverride)
    }
    let x = try Pool2dGeometry.batched(input, "avg_pool2d")
    let g = try Pool2dGeometry.resolve(
        "avg_pool2d", input: x.shape, kernel: kernelSize, stride: stride, padding: padding, dilation: 1,
        ceilMode: ceilMode)
    func forward<T: TensorScalar>(_: T.Type) throws -> Tensor {
        try x.withUnsafeBufferPointer(as: T.self) { src in
            try Tensor(shape: g.outputShape, of: T.self) { out in
                try ReferencePool2d.avgForward(
                    input: src, output: out, geometry: g, countIncludePad: countIncludePad,
                    divisorOverride: divisorOverride)
            }
        }
    }
    let y = try x.dtype == .float32 ? forward(Float.self) : forward(Double.self)
    let pooled = y.recordingGradient(of: [x], op: "avg_pool2d") { gradient in
        func backward<T: TensorScalar>(_: T.Type) throws -> Tensor {
            try gradient.withUnsafeBufferPointer(as: T.self) { gy in
                try Tensor(shape: x.shape, of: T.self) { gx in
                    try ReferencePool2d.avgBackward(
                        gradOutput: gy, gradInput: gx, geometry: g, countIncludePad: countIncludePad,
                        divisorOverride: divisorOverride)
                }
            }
        }
        return [try gradient.dtype == .float32 ? backward(Float.self) : backward(Double.self)]
    }
    return try Pool2dGeometry.unbatched(pooled, like: input)
}
