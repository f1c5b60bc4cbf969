import Wording

/// A 2-D transposed convolution layer (PyTorch `nn.ConvTranspose2d`), the usual learned
/// upsampling: learnable `weight` `[inChannels, outChannels / groups, kH, kW]` and optional
/// `bias` `[outChannels]`.
///
/// Input `[batch, inChannels, H, W]` → output `[batch, outChannels, H′, W′]` with, per axis,
/// `H′ = (H − 1)·stride − 2·padding + dilation·(kH − 1) + outputPadding + 1`
/// (see `convTranspose2d`). Weights start as PyTorch's do: `kaiming_uniform_(a=√5)` on the
/// weight, whose fan-in PyTorch reads from the weight's second size,
/// `fanIn = outChannels / groups · kH · kW`, and the bias from `U(−1/√fanIn, 1/√fanIn)`.
public final class ConvTranspose2d: Layer {
    public let mode = TrainingMode()
    public let inChannels: Int
    public let outChannels: Int
    /// `(kH, kW)`.
    public let kernelSize: Size2D
    public let stride: Size2D
    /// Rows and columns cropped from every side of the full output.
    public let padding: Size2D
    /// Rows and columns added back at the bottom and right.
    public let outputPadding: Size2D
    public let groups: Int
    public let dilation: Size2D
    /// `[inChannels, outChannels / groups, kH, kW]`.
    public let weight: Parameter
    /// `[outChannels]`, or nil when made with `bias: false`.
    public let bias: Parameter?

    /// Creates a transposed convolution with PyTorch's default initialisation, drawn from
    /// `generator`.
    ///
    ///     let up = try ConvTranspose2d(16, 8, kernelSize: 2, stride: 2, using: &generator)
    /// - Throws: `CNNError.argument` for non-positive sizes, channels not divisible by `groups`,
    ///   a setting out of range or an `outputPadding` not smaller than the stride or the dilation.
    public init(
        _ inChannels: Int, _ outChannels: Int, kernelSize: Size2D, stride: Size2D = 1, padding: Size2D = 0,
        outputPadding: Size2D = 0, groups: Int = 1, bias: Bool = true, dilation: Size2D = 1,
        using generator: inout some RandomNumberGenerator
    ) throws {
        let function = "ConvTranspose2d"
        guard inChannels > 0, outChannels > 0, groups > 0 else {
            throw CNNError.argument(
                .convLayerSizes, ["in": inChannels, "out": outChannels, "groups": groups])
        }
        guard inChannels % groups == 0 else { throw CNNError.argument(.inChannelsMustBeDivisible) }
        guard outChannels % groups == 0 else { throw CNNError.argument(.outChannelsMustBeDivisible) }
        try kernelSize.require(atLeast: 1, "kernel_size", of: function)
        let settings = ConvTransposeSettings(
            stride: stride, padding: padding, outputPadding: outputPadding, dilation: dilation)
        // PyTorch makes the layer and refuses a too-large output_padding at its first forward.
        try settings.validate(for: function, outputPaddingAgainstStride: false)
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.kernelSize = kernelSize
        self.stride = stride
        self.padding = padding
        self.outputPadding = outputPadding
        self.groups = groups
        self.dilation = dilation
        let shape = [inChannels, outChannels / groups, kernelSize.height, kernelSize.width]
        weight = try Parameter(Initializer.pytorchDefaultWeight(shape, using: &generator))
        let fanIn = try Initializer.fans(shape).fanIn
        self.bias =
            bias
            ? try Parameter(Initializer.pytorchDefaultBias(outChannels, fanIn: fanIn, using: &generator))
            : nil
    }

    public var ownParameters: [(name: String, parameter: Parameter)] {
        [("weight", weight)] + (bias.map { [("bias", $0)] } ?? [])
    }

    /// Upsamples `input` `[batch, inChannels, H, W]` (or unbatched `[inChannels, H, W]`).
    /// - Throws: `CNNError` naming the expected and actual shapes when the input does not fit.
    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        try convTranspose2d(
            input, weight.value, bias: bias?.value, stride: stride, padding: padding,
            outputPadding: outputPadding, groups: groups, dilation: dilation)
    }

    public var settingsDescription: String {
        var text =
            "\(inChannels), \(outChannels), kernel_size=\(Conv2d.pair(kernelSize)), stride=\(Conv2d.pair(stride))"
        if padding != 0 { text += ", padding=\(Conv2d.pair(padding))" }
        // PyTorch's order (`_ConvNd.extra_repr`): dilation before output_padding.
        if dilation != 1 { text += ", dilation=\(Conv2d.pair(dilation))" }
        if outputPadding != 0 { text += ", output_padding=\(Conv2d.pair(outputPadding))" }
        if groups != 1 { text += ", groups=\(groups)" }
        if bias == nil { text += ", bias=False" }
        return text
    }
}
