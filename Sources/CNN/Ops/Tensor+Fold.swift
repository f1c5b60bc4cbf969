/// The inverse direction of `unfoldPatches` (im2col): PyTorch's `torch.nn.functional.fold`
/// (col2im), and local response normalisation (AlexNet's `nn.LocalResponseNorm`), both built from
/// ops the engine differentiates already.

/// Columns of patches summed back into images, PyTorch's `F.fold`: input `[N, C·kH·kW, L]` (or
/// `[C·kH·kW, L]`), output `[N, C, outputSize]`; where patches overlap their values add up, so
/// `fold(unfold(x))` is `x` times how many patches cover each pixel. It is the adjoint of
/// `unfoldPatches`: computed as that op's backward, and its own backward is `unfoldPatches`.
/// - Throws: `CNNError` when the input's rank is not 2 or 3, its dimension 1 is not a multiple of
///   `kH·kW`, or its last dimension is not the number of patch positions of `outputSize`.
public func foldPatches(
    _ columns: Tensor, outputSize: Size2D, kernelSize: Size2D, dilation: Size2D = 1, padding: Size2D = 0,
    stride: Size2D = 1
) throws -> Tensor {
    guard columns.rank == 2 || columns.rank == 3 else {
        throw CNNError.argument(.foldRank, ["shape": columns.shape])
    }
    let batch = columns.rank == 3 ? columns : try columns.unsqueeze(0)
    let taps = kernelSize.height * kernelSize.width
    guard taps > 0, batch.shape[1] % taps == 0 else {
        throw CNNError.argument(.foldChannels, ["size": batch.shape[1], "kernel": kernelSize])
    }
    func positions(_ size: Int, _ kernel: Int, _ dilation: Int, _ padding: Int, _ stride: Int) -> Int {
        guard stride > 0 else { return 0 }
        let span = size + 2 * padding - dilation * (kernel - 1) - 1
        return span < 0 ? 0 : span / stride + 1
    }
    let rows = positions(
        outputSize.height, kernelSize.height, dilation.height, padding.height, stride.height)
    let columnsAcross = positions(
        outputSize.width, kernelSize.width, dilation.width, padding.width, stride.width)
    guard rows > 0, columnsAcross > 0, batch.shape[2] == rows * columnsAcross else {
        throw CNNError.argument(
            .foldBlocks,
            [
                "output": outputSize, "kernel": kernelSize, "rows": rows, "columns": columnsAcross,
                "given": batch.shape[2],
            ])
    }
    let imageShape = [batch.shape[0], batch.shape[1] / taps, outputSize.height, outputSize.width]
    // unfold of a zero image, differentiated with the columns as the incoming gradient, is fold.
    let folded = try withGradEnabled(true) { () throws -> Tensor in
        let image = try Tensor.zeros(imageShape, dtype: batch.dtype).requiringGrad()
        let patches = try unfoldPatches(
            image, kernelSize: kernelSize, dilation: dilation, padding: padding, stride: stride)
        guard
            let gradient = try Tensor.gradients(
                of: patches, withRespectTo: [image], gradient: batch.detach())[0]
        else { return try Tensor.zeros(imageShape, dtype: batch.dtype) }
        return gradient.detach()
    }
    let result = folded.recordingGradient(of: [batch], op: "col2im") { g in
        [try unfoldPatches(g, kernelSize: kernelSize, dilation: dilation, padding: padding, stride: stride)]
    }
    return columns.rank == 3 ? result : try result.squeeze(dim: 0)
}

/// Local response normalisation across channels, PyTorch's `F.local_response_norm`:
/// `x / (k + α/n · Σ x²)^β`, the sum over the `size` channels around each one (`size / 2`
/// before it, `(size − 1) / 2` after, zeros past the edges), `n` = `size`. Input `[N, C, …]`.
/// - Throws: `CNNError` for an input of fewer than 3 dimensions.
public func localResponseNorm(
    _ input: Tensor, size: Int, alpha: Double = 1e-4, beta: Double = 0.75, k: Double = 1
) throws -> Tensor {
    guard input.rank >= 3 else { throw CNNError.argument(.localResponseNormRank, ["rank": input.rank]) }
    guard size > 0 else { throw CNNError.argument(.localResponseNormSize, ["size": size]) }
    let squares = try input * input
    let channels = input.shape[1]
    // Pad dimension 1 only: PyTorch's pad list runs from the last dimension backwards.
    var widths = Array(repeating: 0, count: 2 * (input.rank - 1))
    widths[widths.count - 2] = size / 2
    widths[widths.count - 1] = (size - 1) / 2
    let padded = try pad(squares, widths)
    var sum = try padded.narrow(dim: 1, start: 0, length: channels)
    for offset in 1..<size { sum = try sum + padded.narrow(dim: 1, start: offset, length: channels) }
    let divisor = try (sum * (alpha / Double(size)) + k).pow(beta)
    return try input / divisor
}
