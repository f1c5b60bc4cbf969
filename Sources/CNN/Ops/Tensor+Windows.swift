/// Strided views a learner reaches for instead of slicing: `narrow`, `unfold` (every window of a
/// dimension) and `trace` (the diagonal's sum). Each is one `gather` of the storage with other
/// strides, and its backward the matching `scatter`, which adds: overlapping windows send the
/// sum of their gradients back to the element they share.
extension Tensor {
    /// The elements `start ..< start + length` of dimension `dim`, PyTorch's `narrow`: the same as
    /// `x[:, start:start + length]` for `dim = 1`, but refusing a range that leaves the dimension
    /// instead of clamping it as a slice does. A negative `start` counts from the end.
    /// - Throws: `CNNError` for an out-of-range `dim` or `start`, a negative `length`, or a range
    ///   past the end of the dimension.
    public func narrow(dim: Int, start: Int, length: Int) throws -> Tensor {
        guard rank > 0 else { throw CNNError.argument(.narrowScalar) }
        let d = try normalizedDim(dim)
        let size = shape[d]
        guard start >= -size, start <= size else {
            throw CNNError.argument(.narrowStart, ["start": start, "size": size])
        }
        guard length >= 0 else { throw CNNError.argument(.narrowLength, ["length": length]) }
        let first = start < 0 ? start + size : start
        guard first + length <= size else {
            throw CNNError.argument(.narrowPastEnd, ["start": first, "length": length, "size": size])
        }
        var items = Array(repeating: TensorIndex.all, count: rank)
        items[d] = .slice(first, first + length)
        return try indexed(items)
    }

    /// Every window of `size` elements of dimension `dim`, `step` apart, PyTorch's
    /// `Tensor.unfold(dimension, size, step)`: dimension `dim` becomes the number of windows,
    /// `(shape[dim] − size) / step + 1` (rounded down), and a last dimension of `size` holds each
    /// window. `x.unfold(2, 2, 2).unfold(3, 2, 2)` cuts an `[N, C, H, W]` batch into 2 × 2 patches.
    /// Backward: each window's gradient added back where it came from.
    /// - Throws: `CNNError` for an out-of-range `dim`, a window larger than the dimension, a
    ///   negative size or a step that is not positive.
    public func unfold(dim: Int, size: Int, step: Int) throws -> Tensor {
        let d = try normalizedDim(dim)
        let length = rank == 0 ? 1 : shape[d]
        guard size >= 0 else { throw CNNError.argument(.unfoldNegativeSize, ["size": size]) }
        guard size <= length else {
            throw CNNError.argument(.unfoldSize, ["dim": d, "length": length, "size": size])
        }
        guard step > 0 else { throw CNNError.argument(.unfoldStep, ["step": step]) }
        let own = strides
        let windows = (length - size) / step + 1
        var outShape = shape
        var outStrides = own
        if rank > 0 {
            outShape[d] = windows
            outStrides[d] = own[d] * step
        }
        outShape.append(size)
        outStrides.append(rank == 0 ? 1 : own[d])
        let (inputShape, windowStrides) = (shape, outStrides)
        let y = try ElementwiseKernels.gather(self, offset: 0, strides: windowStrides, shape: outShape)
        return y.recordingGradient(of: [self], op: "unfold") { g in
            [try ElementwiseKernels.scatter(g, into: inputShape, offset: 0, strides: windowStrides)]
        }
    }

    /// The sum of a matrix's diagonal, PyTorch's `trace`: `x[0, 0] + x[1, 1] + …` for the first
    /// `min(rows, columns)` positions. Backward: the gradient on the diagonal, zero elsewhere.
    /// - Throws: `CNNError` for a tensor that is not 2-dimensional.
    public func trace() throws -> Tensor {
        guard rank == 2 else { throw CNNError.argument(.traceRank, ["rank": rank]) }
        let length = Swift.min(shape[0], shape[1])
        let diagonalStrides = [strides[0] + strides[1]]
        let inputShape = shape
        let diagonal = try ElementwiseKernels.gather(
            self, offset: 0, strides: diagonalStrides, shape: [length])
        let recorded = diagonal.recordingGradient(of: [self], op: "diagonal") { g in
            [try ElementwiseKernels.scatter(g, into: inputShape, offset: 0, strides: diagonalStrides)]
        }
        return try recorded.sum()
    }
}

/// Every `kernelSize` patch of a batch of images as a column, PyTorch's
/// `torch.nn.functional.unfold` (im2col): input `[N, C, H, W]` (or `[C, H, W]`), output
/// `[N, C·kH·kW, L]` (or `[C·kH·kW, L]`), where `L` is the number of patch positions,
/// `⌊(H + 2·padding − dilation·(kH − 1) − 1) / stride⌋ + 1` times the same for the width. Each
/// column lists a patch channel by channel, row by row, so `weight.view(out, -1) @ unfold(x, k)`
/// is the convolution. Built from `pad`, `Tensor.unfold`, slicing and `permute`, so its gradient
/// is theirs.
/// - Throws: `CNNError` for an input that is not 3- or 4-dimensional, a setting that is not
///   positive (padding: negative), or a kernel that does not fit the padded input.
public func unfoldPatches(
    _ input: Tensor, kernelSize: Size2D, dilation: Size2D = 1, padding: Size2D = 0, stride: Size2D = 1
) throws -> Tensor {
    guard input.rank == 3 || input.rank == 4 else {
        throw CNNError.argument(.unfoldPatchesRank, ["shape": input.shape])
    }
    let settings = [
        kernelSize.height, kernelSize.width, dilation.height, dilation.width, stride.height, stride.width,
    ]
    guard settings.allSatisfy({ $0 > 0 }), padding.height >= 0, padding.width >= 0 else {
        throw CNNError.argument(
            .unfoldPatchesSettings,
            ["kernel": kernelSize, "dilation": dilation, "padding": padding, "stride": stride])
    }
    let batch = input.rank == 4 ? input : try input.unsqueeze(0)
    let spanH = dilation.height * (kernelSize.height - 1) + 1
    let spanW = dilation.width * (kernelSize.width - 1) + 1
    let (height, width) = (batch.shape[2] + 2 * padding.height, batch.shape[3] + 2 * padding.width)
    guard spanH <= height, spanW <= width else {
        throw CNNError.argument(
            .unfoldPatchesTooSmall,
            [
                "height": batch.shape[2], "width": batch.shape[3], "kernel": kernelSize, "dilation": dilation,
                "padding": padding,
            ])
    }
    let padded =
        padding == 0
        ? batch : try pad(batch, [padding.width, padding.width, padding.height, padding.height])
    // [N, C, rows, columns, spanH, spanW], then every dilation-th tap of each window.
    let windows = try padded.unfold(dim: 2, size: spanH, step: stride.height)
        .unfold(dim: 3, size: spanW, step: stride.width)
    let taps = try windows.indexed([
        .ellipsis, .slice(nil, nil, step: dilation.height), .slice(nil, nil, step: dilation.width),
    ])
    let (n, c, rows, columns) = (taps.shape[0], taps.shape[1], taps.shape[2], taps.shape[3])
    let columnsFirst = try taps.permute([0, 1, 4, 5, 2, 3]).reshape([
        n, c * kernelSize.height * kernelSize.width, rows * columns,
    ])
    return input.rank == 4 ? columnsFirst : try columnsFirst.squeeze(dim: 0)
}
