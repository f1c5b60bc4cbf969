import Wording

/// Adaptive 2-D average pooling, PyTorch's `torch.nn.functional.adaptive_avg_pool2d`: averages
/// windows chosen so the output has exactly `outputSize`, whatever the input size.
///
/// Output cell `(i, j)` averages input rows `⌊i·H/outH⌋ ..< ⌈(i+1)·H/outH⌉` and the matching
/// columns; windows may overlap or differ in size by one. `outputSize: 1` is global average
/// pooling, the head of a ResNet.
///
/// - Parameters:
///   - input: `[batch, channels, height, width]` or `[channels, height, width]`.
///   - outputSize: the output's (height, width); an int means a square.
/// - Returns: `[batch, channels, outH, outW]` (or without the batch axis).
/// - Throws: `CNNError` for a negative output size or an empty input.
public func adaptiveAvgPool2d(_ input: Tensor, outputSize: Size2D) throws -> Tensor {
    let x = try Pool2dGeometry.batched(input, "adaptive_avg_pool2d")
    try outputSize.require(atLeast: 0, "output_size", of: "adaptive_avg_pool2d")
    let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
    guard h > 0 && w > 0 else {
        throw CNNError.shape(.adaptiveAvgPoolDExpects, ["inputShape": input.shape])
    }
    let (oh, ow) = (outputSize.height, outputSize.width)
    func forward<T: TensorScalar>(_: T.Type) throws -> Tensor {
        try x.withUnsafeBufferPointer(as: T.self) { src in
            try Tensor(shape: [n, c, oh, ow], of: T.self) { out in
                try ReferencePool2d.adaptiveAvgForward(
                    input: src, output: out, planes: n * c, inHeight: h, inWidth: w, outHeight: oh,
                    outWidth: ow)
            }
        }
    }
    let y = try x.dtype == .float32 ? forward(Float.self) : forward(Double.self)
    let pooled = y.recordingGradient(of: [x], op: "adaptive_avg_pool2d") { gradient in
        func backward<T: TensorScalar>(_: T.Type) throws -> Tensor {
            try gradient.withUnsafeBufferPointer(as: T.self) { gy in
                try Tensor(shape: x.shape, of: T.self) { gx in
                    try ReferencePool2d.adaptiveAvgBackward(
                        gradOutput: gy, gradInput: gx, planes: n * c, inHeight: h, inWidth: w, outHeight: oh,
                        outWidth: ow)
                }
            }
        }
        return [try gradient.dtype == .float32 ? backward(Float.self) : backward(Double.self)]
    }
    return try Pool2dGeometry.unbatched(pooled, like: input)
}
