/// The settings a transposed convolution shares between its function and its layer, checked in one
/// place so `F.conv_transpose2d` and `nn.ConvTranspose2d` refuse the same values with the same
/// error (PyTorch's checks).
struct ConvTransposeSettings {
    let stride: Size2D
    let padding: Size2D
    let outputPadding: Size2D
    let dilation: Size2D

    /// Checks every setting's range and that `outputPadding` is smaller than the stride or the
    /// dilation on each axis (otherwise it would not pick one of a strided conv's input sizes).
    ///
    /// - Parameters:
    ///   - function: the PyTorch name quoted in the error (`conv_transpose2d`, `ConvTranspose2d`).
    ///   - outputPaddingAgainstStride: whether to compare `outputPadding` with the stride and
    ///     dilation; PyTorch's layer makes that check only when it runs (in the function).
    /// - Throws: `CNNError.argument` naming the first setting out of range.
    func validate(for function: String, outputPaddingAgainstStride: Bool = true) throws {
        try stride.require(atLeast: 1, "stride", of: function)
        try dilation.require(atLeast: 1, "dilation", of: function)
        try padding.require(atLeast: 0, "padding", of: function)
        try outputPadding.require(atLeast: 0, "output_padding", of: function)
        let fits =
            outputPadding.height < max(stride.height, dilation.height)
            && outputPadding.width < max(stride.width, dilation.width)
        guard fits || !outputPaddingAgainstStride else {
            throw CNNError.argument(
                .convTransposeOutputPadding,
                ["outputPadding": outputPadding, "stride": stride, "dilation": dilation])
        }
    }
}
