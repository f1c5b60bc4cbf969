extension Conv2dGeometry {
    /// The geometry `conv2d` computes with for these arguments, with the same checks and messages:
    /// the one place a picture of a convolution (`:step`) gets its window positions from, so it
    /// cannot disagree with the engine.
    ///
    /// - Parameters: as ``conv2d(_:_:bias:stride:padding:dilation:groups:)``; `input` is
    ///   `[batch, in_channels, height, width]` or unbatched `[in_channels, height, width]`.
    /// - Throws: `CNNError` for every mismatch `conv2d` refuses.
    public static func conv2d(
        input: [Int], weight: [Int], bias: [Int]? = nil, stride: Size2D = 1, padding: ConvPadding = 0,
        dilation: Size2D = 1, groups: Int = 1
    ) throws(CNNError) -> Conv2dGeometry {
        let words = Vocabulary.conv2d
        guard input.count == 4 || input.count == 3 else {
            // The same refusal as `conv2d` itself, so `:step` says it in the session's language.
            throw CNNError.shape(.conv2dInputRank, ["shape": input])
        }
        return try resolve(
            input: input.count == 4 ? input : [1] + input, weight: weight, bias: bias, stride: stride,
            padding: padding, dilation: dilation, groups: groups, words)
    }
}
