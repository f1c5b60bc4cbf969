import Wording

/// A 2-D convolution layer (PyTorch `nn.Conv2d`): learnable `weight`
/// `[outChannels, inChannels / groups, kH, kW]` and optional `bias` `[outChannels]`.
///
/// Input `[batch, inChannels, H, W]` → output `[batch, outChannels, H′, W′]` with, per axis,
/// `H′ = ⌊(H + padTop + padBottom − dilation·(kH − 1) − 1) / stride⌋ + 1`.
/// Weights start as PyTorch's do: `kaiming_uniform_(a=√5)`, i.e. `U(−1/√fanIn, 1/√fanIn)` with
/// `fanIn = inChannels / groups · kH · kW`, and the bias from the same range.
public final class Conv2d: Layer {
    /// What the padded border holds (PyTorch `padding_mode`).
    public enum PaddingMode: String, Sendable, Hashable, CaseIterable {
        case zeros, reflect, replicate, circular
    }

    public let mode = TrainingMode()
    public let inChannels: Int
    public let outChannels: Int
    /// `(kH, kW)`.
    public let kernelSize: Size2D
    public let stride: Size2D
    /// The padding asked for: amounts, `.valid` or `.same`.
    public let padding: ConvPadding
    /// Resolved padding per side: `(top, bottom, left, right)`; `.same` puts the odd row/column
    /// after, as PyTorch does (`total = dilation·(k − 1)`, `before = total / 2`).
    public let sidePadding: (top: Int, bottom: Int, left: Int, right: Int)
    public let dilation: Size2D
    /// Number of channel groups; `groups == inChannels` is a depthwise convolution.
    public let groups: Int
    /// What the border holds.
    public let paddingMode: PaddingMode
    /// `[outChannels, inChannels / groups, kH, kW]`.
    public let weight: Parameter
    /// `[outChannels]`, or nil when made with `bias: false`.
    public let bias: Parameter?

    /// Creates a convolution with PyTorch's default initialisation, drawn from `generator`.
    ///
    ///     let conv = try Conv2d(3, 16, kernelSize: 3, padding: 1, using: &generator)
    ///     let same = try Conv2d(3, 16, kernelSize: 4, padding: .same, paddingMode: .reflect, using: &generator)
    /// - Throws: `CNNError.argument` for non-positive sizes, channels not divisible by `groups`,
    ///   negative padding, or `'same'` with a stride above 1 — PyTorch's checks, in the same words
    ///   as the function `conv2d` (`ConvPadding.resolved`).
    public init(
        _ inChannels: Int, _ outChannels: Int, kernelSize: Size2D, stride: Size2D = 1,
        padding: ConvPadding = 0,
        dilation: Size2D = 1, groups: Int = 1, bias: Bool = true, paddingMode: PaddingMode = .zeros,
        using generator: inout some RandomNumberGenerator
    ) throws {
        guard inChannels > 0, outChannels > 0, groups > 0 else {
            throw CNNError.argument(
                .convLayerSizes, ["in": inChannels, "out": outChannels, "groups": groups])
        }
        guard inChannels % groups == 0 else {
            throw CNNError.argument(.inChannelsMustBeDivisible)
        }
        guard outChannels % groups == 0 else {
            throw CNNError.argument(.outChannelsMustBeDivisible)
        }
        // The function's checks and words (`conv2d(…, stride=0)` and `nn.Conv2d(…, stride=0)` say
        // the same), named for the layer.
        try kernelSize.require(atLeast: 1, "kernel_size", of: "Conv2d")
        sidePadding = try padding.resolved(
            kernel: kernelSize, stride: stride, dilation: dilation, function: "Conv2d")
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.kernelSize = kernelSize
        self.stride = stride
        self.padding = padding
        self.dilation = dilation
        self.groups = groups
        self.paddingMode = paddingMode
        let shape = [outChannels, inChannels / groups, kernelSize.height, kernelSize.width]
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

    /// Convolves `input` `[batch, inChannels, H, W]` (or unbatched `[inChannels, H, W]`).
    /// - Throws: `CNNError` naming the expected and actual shapes when the input does not fit.
    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        guard paddingMode != .zeros else {
            return try conv2d(
                input, weight.value, bias: bias?.value, stride: stride, padding: padding,
                dilation: dilation,
                groups: groups)
        }
        // As PyTorch's `_conv_forward`: pad with the mode first, then convolve without padding.
        let (top, bottom, left, right) = sidePadding
        let padMode: PadMode =
            switch paddingMode {
            case .zeros: .constant
            case .reflect: .reflect
            case .replicate: .replicate
            case .circular: .circular
            }
        let padded = try pad(input, [left, right, top, bottom], mode: padMode)
        return try conv2d(
            padded, weight.value, bias: bias?.value, stride: stride, padding: 0, dilation: dilation,
            groups: groups)
    }

    public var settingsDescription: String {
        var text =
            "\(inChannels), \(outChannels), kernel_size=\(Self.pair(kernelSize)), stride=\(Self.pair(stride))"
        switch padding {
        case .explicit(let amount): if amount != 0 { text += ", padding=\(Self.pair(amount))" }
        // PyTorch writes the string without quotes: `padding=same`.
        case .same: text += ", padding=same"
        case .valid: text += ", padding=valid"
        }
        if dilation != 1 { text += ", dilation=\(Self.pair(dilation))" }
        if groups != 1 { text += ", groups=\(groups)" }
        if bias == nil { text += ", bias=False" }
        if paddingMode != .zeros { text += ", padding_mode=\(paddingMode.rawValue)" }
        return text
    }

    /// `(h, w)` as PyTorch prints a module's pair settings.
    static func pair(_ size: Size2D) -> String { "(\(size.height), \(size.width))" }
}
