import Wording

/// Turning a learner's `conv1d`/`conv2d` call into a `Conv2dGeometry`, or into a message that
/// names what was expected and what was given.
extension Conv2dGeometry {
    /// The names a message uses for a convolution with 1 or 2 spatial axes.
    struct Vocabulary {
        let function: String
        let spatialNames: [String]  // of the input's spatial axes
        let kernelNames: [String]  // of the weight's spatial axes

        static let conv1d = Vocabulary(function: "conv1d", spatialNames: ["length"], kernelNames: ["kW"])
        static let conv2d = Vocabulary(
            function: "conv2d", spatialNames: ["height", "width"], kernelNames: ["kH", "kW"])

        var inputLayout: String { "[batch, in_channels, \(spatialNames.joined(separator: ", "))]" }
        var weightLayout: String {
            "[out_channels, in_channels/groups, \(kernelNames.joined(separator: ", "))]"
        }
    }

    /// Checks a convolution call and resolves its padding.
    ///
    /// - Parameters:
    ///   - input: the batched input shape `[N, C, (H,) W]`.
    ///   - weight: the weight shape `[K, C/groups, (kH,) kW]`.
    ///   - bias: the bias shape, if any.
    ///   - stride, padding, dilation: per spatial axis, `(1, x)` for conv1d.
    /// - Throws: `CNNError` with a learner-worded message for every mismatch PyTorch refuses.
    static func resolve(
        input: [Int], weight: [Int], bias: [Int]?, stride: Size2D, padding: ConvPadding,
        dilation: Size2D, groups: Int, _ words: Vocabulary
    ) throws(CNNError) -> Conv2dGeometry {
        let f = words.function
        let spatial = words.spatialNames.count
        guard weight.count == 2 + spatial else {
            throw .shape(
                .expectsWeightADTensor,
                [
                    "f": f, "wordsWeightLayout": "\(words.weightLayout)", "value": 2 + spatial,
                    "weight": weight,
                ])
        }
        guard !weight.contains(0) else {
            throw .shape(.weightCannotHaveADimension, ["f": f, "weight": weight])
        }
        guard groups > 0 else {
            throw .argument(.groupsMustBeAPositive, ["f": f, "groups": groups])
        }
        // 1-D convolutions run as 2-D ones of height 1.
        let (kH, kW) = spatial == 2 ? (weight[2], weight[3]) : (1, weight[2])
        let sides = try padding.resolved(
            kernel: Size2D(kH, kW), stride: stride, dilation: dilation, function: f)

        let channels = input[1]
        guard channels % groups == 0 else {
            throw .shape(
                .withGroupsNeedsInChannels,
                ["f": f, "groups": groups, "input": input, "channels": channels])
        }
        guard weight[0] % groups == 0 else {
            throw .shape(
                .withGroupsNeedsOutChannels, ["f": f, "groups": groups, "weight": weight])
        }
        guard weight[1] == channels / groups else {
            throw .shape(.convChannels(function: f, input: input, weight: weight, groups: groups))
        }
        if let bias, bias != [weight[0]] {
            throw .shape(
                .expectsBiasOutChannelsGot, ["f": f, "value": weight[0], "bias": bias])
        }

        let (inH, inW) = spatial == 2 ? (input[2], input[3]) : (1, input[2])
        var g = Conv2dGeometry(
            batch: input[0], inChannels: channels, inHeight: inH, inWidth: inW, outChannels: weight[0],
            kernelHeight: kH, kernelWidth: kW, strideH: stride.height, strideW: stride.width,
            dilationH: dilation.height, dilationW: dilation.width, groups: groups)
        (g.padTop, g.padBottom, g.padLeft, g.padRight) = sides
        guard g.outHeight > 0 && g.outWidth > 0 else {
            let kernel = spatial == 2 ? [kH, kW] : [kW]
            let span =
                spatial == 2
                ? [dilation.height * (kH - 1) + 1, dilation.width * (kW - 1) + 1]
                : [dilation.width * (kW - 1) + 1]
            let padded =
                spatial == 2
                ? [inH + g.padTop + g.padBottom, inW + g.padLeft + g.padRight]
                : [inW + g.padLeft + g.padRight]
            // A 1-D call wrote one dilation.
            let written = spatial == 2 ? dilation : Size2D(dilation.width)
            throw .shape(
                .kernelLargerThanInput(
                    function: f, kernel: kernel,
                    dilated: span == kernel ? nil : .init(dilation: written, span: span), padded: padded))
        }
        return g
    }
}
