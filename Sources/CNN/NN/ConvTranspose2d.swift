import Wording

/// 2-D transposed convolution, PyTorch's `torch.nn.functional.conv_transpose2d` (the gradient of
/// `conv2d` with respect to its input, used to upsample).
///
/// Layout: input `[batch, in_channels, H, W]` (or unbatched `[in_channels, H, W]`), weight
/// `[in_channels, out_channels/groups, kH, kW]` (in and out the other way round from `conv2d`),
/// bias `[out_channels]`; output `[batch, out_channels, H′, W′]` with, per axis,
/// `H′ = (H − 1)·stride − 2·padding + dilation·(kH − 1) + output_padding + 1`.
///
/// Each input pixel adds its value times the whole kernel into the output, windows placed
/// `stride` apart; `padding` then crops that many rows and columns from every side, and
/// `output_padding` adds back rows and columns at the bottom and right only (it picks one of
/// the sizes a strided `conv2d` maps to the same input size).
///
/// Built from primitives, so its gradient is theirs: zeros inserted between the input's pixels
/// (`stride − 1` per gap), a zero border of `dilation·(k − 1)` less `padding`, then `conv2d`
/// with each group's kernel transposed and turned by 180°.
///
///     let up = try convTranspose2d(x, w, stride: 2)   // [1, 4, 3, 3], w [4, 2, 2, 2] → [1, 2, 6, 6]
///
/// - Throws: `CNNError` for an input that is not 3- or 4-dimensional, a weight that is not
///   4-dimensional or whose first size is not the input's channels, channels not divisible by
///   `groups`, a setting out of range, an `output_padding` not smaller than the stride or the
///   dilation, or an output size below 1 — PyTorch's checks.
public func convTranspose2d(
    _ input: Tensor, _ weight: Tensor, bias: Tensor? = nil, stride: Size2D = 1, padding: Size2D = 0,
    outputPadding: Size2D = 0, groups: Int = 1, dilation: Size2D = 1
) throws -> Tensor {
    let function = "conv_transpose2d"
    guard input.rank == 4 || input.rank == 3 else {
        throw CNNError.shape(.convTransposeInputRank, ["shape": input.shape])
    }
    guard weight.rank == 4 else {
        throw CNNError.shape(.convTransposeWeightRank, ["shape": weight.shape])
    }
    try requireSameDType(input, weight, bias, function: function)
    let settings = ConvTransposeSettings(
        stride: stride, padding: padding, outputPadding: outputPadding, dilation: dilation)
    try settings.validate(for: function)
    guard groups > 0 else {
        throw CNNError.argument(.convTransposeGroups, ["groups": groups])
    }
    let batched = input.rank == 4 ? input : try input.unsqueeze(0)
    let channels = batched.shape[1]
    guard weight.shape[0] == channels else {
        throw CNNError.shape(
            .convTransposeChannels,
            ["weight": weight.shape, "input": input.shape, "channels": weight.shape[0], "got": channels])
    }
    guard channels % groups == 0 else {
        throw CNNError.argument(.inChannelsMustBeDivisible)
    }
    let outChannels = weight.shape[1] * groups
    if let bias, bias.shape != [outChannels] {
        throw CNNError.shape(.convTransposeBias, ["shape": bias.shape, "channels": outChannels])
    }
    let (kernelHeight, kernelWidth) = (weight.shape[2], weight.shape[3])
    let outHeight =
        (batched.shape[2] - 1) * stride.height - 2 * padding.height + dilation.height * (kernelHeight - 1)
        + outputPadding.height + 1
    let outWidth =
        (batched.shape[3] - 1) * stride.width - 2 * padding.width + dilation.width * (kernelWidth - 1)
        + outputPadding.width + 1
    guard outHeight > 0, outWidth > 0, batched.shape[2] > 0, batched.shape[3] > 0 else {
        throw CNNError.argument(
            .convTransposeOutputTooSmall,
            [
                "height": batched.shape[2], "width": batched.shape[3], "outHeight": outHeight,
                "outWidth": outWidth,
            ])
    }
    let spread = try withZerosBetweenPixels(batched, stride: stride)
    // Zeros around as for a full convolution (the bottom and right `output_padding` more), then
    // `padding` cropped from every side: the crop never reaches past the zeros into nothing,
    // because the output has at least one row.
    let (spanHeight, spanWidth) = (dilation.height * (kernelHeight - 1), dilation.width * (kernelWidth - 1))
    let framed = try pad(
        spread, [spanWidth, spanWidth + outputPadding.width, spanHeight, spanHeight + outputPadding.height]
    )
    .indexed([
        .all, .all,
        .slice(
            padding.height, paddedLength(spread.shape[2], spanHeight, outputPadding.height) - padding.height),
        .slice(padding.width, paddedLength(spread.shape[3], spanWidth, outputPadding.width) - padding.width),
    ])
    // [in, out/g, kH, kW] → [out, in/g, kH, kW], each group's block transposed, then turned 180°.
    let perGroup = channels / groups
    let kernel = try weight.reshape([groups, perGroup, weight.shape[1], kernelHeight, kernelWidth])
        .transpose(1, 2)
        .reshape([outChannels, perGroup, kernelHeight, kernelWidth])
        .flip([2, 3])
    let y = try conv2d(framed, kernel, bias: bias, dilation: dilation, groups: groups)
    return input.rank == 4 ? y : try y.squeeze(dim: 0)
}

/// `x` `[N, C, H, W]` with `stride − 1` zero rows between its rows and zero columns between its
/// columns: `[N, C, (H − 1)·sH + 1, (W − 1)·sW + 1]`.
private func withZerosBetweenPixels(_ x: Tensor, stride: Size2D) throws -> Tensor {
    var y = x
    let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
    if stride.width > 1 {
        // Each pixel followed by sW − 1 zeros along a new last axis, flattened into the row.
        let zeros = try Tensor.zeros([n, c, h, w, stride.width - 1], dtype: x.dtype)
        y = try Tensor.cat([y.unsqueeze(4), zeros], dim: 4).reshape([n, c, h, w * stride.width])
            .indexed([.ellipsis, .slice(0, (w - 1) * stride.width + 1)])
    }
    if stride.height > 1 {
        let width = y.shape[3]
        let zeros = try Tensor.zeros([n, c, h, stride.height - 1, width], dtype: x.dtype)
        y = try Tensor.cat([y.unsqueeze(3), zeros], dim: 3).reshape([n, c, h * stride.height, width])
            .indexed([.all, .all, .slice(0, (h - 1) * stride.height + 1)])
    }
    return y
}

/// The length of an axis of `size` with `span` zeros on each side and `extra` more after.
private func paddedLength(_ size: Int, _ span: Int, _ extra: Int) -> Int { size + 2 * span + extra }
