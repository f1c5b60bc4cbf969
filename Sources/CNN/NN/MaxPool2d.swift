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
    try maxPool2dWithIndices(
        input, kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation,
        ceilMode: ceilMode
    ).output
}

/// `maxPool2d` and where each maximum came from, PyTorch's `max_pool2d(…, return_indices=True)`:
/// `indices` (int64, the output's shape) holds each window's winner as a flat position within its
/// own `height × width` plane, what `maxUnpool2d` reads.
/// - Throws: as `maxPool2d`.
public func maxPool2dWithIndices(
    _ input: Tensor, kernelSize: Size2D, stride: Size2D? = nil, padding: Size2D = 0, dilation: Size2D = 1,
    ceilMode: Bool = false
) throws -> (output: Tensor, indices: Tensor) {
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
    let positions = try Tensor(indices, shape: g.outputShape)
    return (
        try Pool2dGeometry.unbatched(pooled, like: input),
        try Pool2dGeometry.unbatched(positions, like: input)
    )
}

/// The inverse placement of max pooling, PyTorch's `F.max_unpool2d`: each value of `input` put at
/// the position `indices` names within its plane of an `outputSize` image, zeros elsewhere.
/// `outputSize` defaults to `(in − 1)·stride − 2·padding + kernel` per axis. Backward: the
/// gradient read back from those positions.
/// - Throws: `CNNError` when the input and indices differ in shape, the input is not 3- or
///   4-dimensional, or an index falls outside the output plane.
public func maxUnpool2d(
    _ input: Tensor, indices: Tensor, kernelSize: Size2D, stride: Size2D? = nil, padding: Size2D = 0,
    outputSize: Size2D? = nil
) throws -> Tensor {
    guard input.rank == 3 || input.rank == 4, indices.shape == input.shape else {
        throw CNNError.argument(.maxUnpoolShapes, ["input": input.shape, "indices": indices.shape])
    }
    let x = input.rank == 4 ? input : try input.unsqueeze(0)
    let step = stride ?? kernelSize
    let (inH, inW) = (x.shape[2], x.shape[3])
    let size =
        outputSize
        ?? Size2D(
            (inH - 1) * step.height - 2 * padding.height + kernelSize.height,
            (inW - 1) * step.width - 2 * padding.width + kernelSize.width)
    let plane = size.height * size.width
    let planes = x.shape[0] * x.shape[1]
    let positions = indices.scalarsAsDoubles().map { Int(exactly: $0.rounded()) ?? -1 }
    if let bad = positions.first(where: { $0 < 0 || $0 >= plane }) {
        throw CNNError.argument(.maxUnpoolIndex, ["index": bad, "height": size.height, "width": size.width])
    }
    let perPlane = inH * inW
    // Flat positions in the whole output, one per input element.
    let targets = positions.enumerated().map { $0.offset / Swift.max(perPlane, 1) * plane + $0.element }
    let values = x.scalarsAsDoubles()
    var out = [Double](repeating: 0, count: planes * plane)
    for (value, target) in zip(values, targets) { out[target] = value }
    let outShape = [x.shape[0], x.shape[1], size.height, size.width]
    let y = try Tensor(out, shape: outShape, dtype: x.dtype).converted(to: x.scalarType)
    let inShape = x.shape
    let result = y.recordingGradient(of: [x], op: "max_unpool2d") { g in
        let gradient = g.scalarsAsDoubles()
        return [try Tensor(targets.map { gradient[$0] }, shape: inShape, dtype: g.dtype)]
    }
    return try Pool2dGeometry.unbatched(result, like: input)
}
