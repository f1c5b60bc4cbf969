import Wording

/// Turning a learner's pooling call into a `Pool2dGeometry`, or into a message that names what
/// was expected and what was given.
extension Pool2dGeometry {
    /// Checks a `max_pool2d`/`avg_pool2d` call, as PyTorch's `pool2d_shape_check` does.
    ///
    /// - Parameters:
    ///   - function: `"max_pool2d"` or `"avg_pool2d"`, for messages.
    ///   - input: the batched input shape `[N, C, H, W]`.
    ///   - stride: nil means "same as the kernel", PyTorch's default.
    ///   - dilation: always 1 for average pooling.
    /// - Throws: `CNNError` naming the argument and the sizes that do not fit.
    static func resolve(
        _ function: String, input: [Int], kernel: Size2D, stride: Size2D?, padding: Size2D, dilation: Size2D,
        ceilMode: Bool
    ) throws(CNNError) -> Pool2dGeometry {
        let stride = stride ?? kernel
        try kernel.require(atLeast: 1, "kernel_size", of: function)
        try stride.require(atLeast: 1, "stride", of: function)
        try dilation.require(atLeast: 1, "dilation", of: function)
        try padding.require(atLeast: 0, "padding", of: function)
        // PyTorch bounds padding by half the window so that every window overlaps the input.
        let span = Size2D(dilation.height * (kernel.height - 1) + 1, dilation.width * (kernel.width - 1) + 1)
        guard padding.height <= span.height / 2 && padding.width <= span.width / 2 else {
            throw .argument(
                .paddingIsMoreThanHalf,
                [
                    "function": function, "padding": padding, "span": span,
                    "value": Size2D(span.height / 2, span.width / 2),
                ])
        }
        let g = Pool2dGeometry(
            batch: input[0], channels: input[1], inHeight: input[2], inWidth: input[3],
            kernelHeight: kernel.height, kernelWidth: kernel.width, strideH: stride.height,
            strideW: stride.width,
            padH: padding.height, padW: padding.width, dilationH: dilation.height, dilationW: dilation.width,
            ceilMode: ceilMode)
        guard g.inHeight > 0 && g.inWidth > 0 && g.channels > 0 else {
            throw .shape(.expectsANonEmptyInput, ["function": function, "input": input])
        }
        guard g.outHeight > 0 && g.outWidth > 0 else {
            throw .shape(
                .kernelLargerThanInput(
                    function: function, kernel: [kernel.height, kernel.width],
                    dilated: span == kernel
                        ? nil : .init(dilation: dilation, span: [span.height, span.width]),
                    padded: [g.inHeight + 2 * padding.height, g.inWidth + 2 * padding.width]))
        }
        return g
    }

    /// The input as `[N, C, H, W]`, adding a batch axis to a 3-d one.
    /// - Throws: `CNNError` for any other rank.
    static func batched(_ input: Tensor, _ function: String) throws -> Tensor {
        guard input.rank == 4 || input.rank == 3 else {
            throw CNNError.shape(
                .expectsInputBatchChannelsHeight, ["function": function, "inputShape": input.shape])
        }
        return input.rank == 4 ? input : try input.reshape([1] + input.shape)
    }

    /// `output` with the batch axis removed again when the input had none.
    static func unbatched(_ output: Tensor, like input: Tensor) throws -> Tensor {
        input.rank == 4 ? output : try output.reshape(Array(output.shape.dropFirst()))
    }
}
