/// Where a convolution's padding goes: the one place `padding='same'` is resolved, for the
/// function (`conv2d`), the layer (`Conv2d`) and anything that draws a convolution (the REPL's
/// `:step` walks the geometry the function resolved).
extension ConvPadding {
    /// Checks a convolution's stride, dilation and padding — the same checks and words for the
    /// function and the layer, named `function` — and resolves the padding per side.
    /// - Throws: `CNNError` (`tooSmall`) for a stride or dilation below 1 or a negative padding,
    ///   (`isTooLargeGot`) past `Size2D.largest`, and `sameWithStride` as `sides` does.
    public func resolved(kernel: Size2D, stride: Size2D, dilation: Size2D, function: String) throws(CNNError)
        -> (top: Int, bottom: Int, left: Int, right: Int)
    {
        try stride.require(atLeast: 1, "stride", of: function)
        try dilation.require(atLeast: 1, "dilation", of: function)
        if case .explicit(let amount) = self { try amount.require(atLeast: 0, "padding", of: function) }
        return try sides(kernel: kernel, stride: stride, dilation: dilation)
    }

    /// The zeros added on each side for a kernel of `kernel` × `dilation` at `stride`.
    ///
    /// `'same'` pads `dilation·(kernel − 1)` in all per axis, the smaller half before (top, left),
    /// as PyTorch does; it exists only at stride 1.
    /// - Throws: `CNNError` (`sameWithStride`) for `'same'` with a stride other than 1.
    public func sides(kernel: Size2D, stride: Size2D, dilation: Size2D) throws(CNNError)
        -> (top: Int, bottom: Int, left: Int, right: Int)
    {
        switch self {
        case .explicit(let amount): return (amount.height, amount.height, amount.width, amount.width)
        case .valid: return (0, 0, 0, 0)
        case .same:
            guard stride.height == 1 && stride.width == 1 else {
                throw .argument(.sameWithStride)
            }
            let totalH = dilation.height * (kernel.height - 1)
            let totalW = dilation.width * (kernel.width - 1)
            return (totalH / 2, totalH - totalH / 2, totalW / 2, totalW - totalW / 2)
        }
    }
}
