import Wording

/// The basic residual block of He et al. (2016), "Deep Residual Learning for Image Recognition":
///
///     out = relu(bn2(conv2(relu(bn1(conv1(x))))) + shortcut(x))
///
/// `conv1` is 3×3 with the block's stride, `conv2` 3×3 with stride 1, both padding 1 and without
/// bias (the batch norm after each makes a bias redundant). The addition comes before the last
/// ReLU, as in the paper. Input `[N, inChannels, H, W]` → `[N, outChannels, ⌈H/s⌉, ⌈W/s⌉]`.
///
/// The shortcut carries `x` to the addition:
/// - `.identity`: `x` itself; only when channels and size are unchanged; no parameters.
/// - `.projection` (the paper's option B): a 1×1 convolution with the block's stride and no bias,
///   then batch norm: `outChannels·inChannels + 2·outChannels` parameters.
/// - `.zeroPad` (option A): every `stride`-th pixel of `x`, with zero channels added on both
///   sides up to `outChannels`; no parameters. See `ZeroPadShortcut`.
public final class ResidualBlock: Layer {
    /// How the block's input reaches the addition.
    public enum Shortcut: String, Sendable, CaseIterable {
        case identity
        case projection
        case zeroPad
    }

    public let mode = TrainingMode()
    public let inChannels: Int
    public let outChannels: Int
    public let stride: Int
    /// The shortcut in use.
    public let shortcutKind: Shortcut
    public let conv1: Conv2d
    public let bn1: BatchNorm2d
    public let relu = ReLU()
    public let conv2: Conv2d
    public let bn2: BatchNorm2d
    /// `Identity`, a `Sequential(Conv2d 1×1, BatchNorm2d)` or a `ZeroPadShortcut`.
    public let shortcut: any Layer

    /// Creates a block.
    /// - Parameters:
    ///   - shortcut: the shortcut; nil picks `.identity` when channels and stride are unchanged and
    ///     `.projection` otherwise (torchvision's choice).
    /// - Throws: `CNNError.argument` for `.identity` when the shapes change, `.zeroPad` with fewer
    ///   output than input channels, or bad sizes.
    public init(
        _ inChannels: Int, _ outChannels: Int, stride: Int = 1, shortcut: Shortcut? = nil,
        using generator: inout some RandomNumberGenerator
    ) throws {
        let shapesMatch = inChannels == outChannels && stride == 1
        let kind = shortcut ?? (shapesMatch ? .identity : .projection)
        conv1 = try Conv2d(
            inChannels, outChannels, kernelSize: 3, stride: Size2D(stride), padding: 1, bias: false,
            using: &generator)
        bn1 = try BatchNorm2d(outChannels)
        conv2 = try Conv2d(
            outChannels, outChannels, kernelSize: 3, padding: 1, bias: false, using: &generator)
        bn2 = try BatchNorm2d(outChannels)
        switch kind {
        case .identity:
            guard shapesMatch else {
                throw CNNError.argument(
                    .anIdentityShortcutNeedsThe,
                    ["inChannels": inChannels, "outChannels": outChannels, "stride": stride])
            }
            self.shortcut = Identity()
        case .projection:
            self.shortcut = Sequential(
                try Conv2d(
                    inChannels, outChannels, kernelSize: 1, stride: Size2D(stride), bias: false,
                    using: &generator),
                try BatchNorm2d(outChannels))
        case .zeroPad:
            self.shortcut = try ZeroPadShortcut(inChannels, outChannels, stride: stride)
        }
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.stride = stride
        shortcutKind = kind
    }

    public var children: [(name: String, layer: any Layer)] {
        [
            ("conv1", conv1), ("bn1", bn1), ("relu", relu), ("conv2", conv2), ("bn2", bn2),
            ("shortcut", shortcut),
        ]
    }

    /// `relu(F(x) + shortcut(x))` for `input` `[N, inChannels, H, W]`.
    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        var out = try callChild("conv1", conv1, input)
        out = try callChild("bn1", bn1, out)
        out = try callChild("relu", relu, out)
        out = try callChild("conv2", conv2, out)
        out = try callChild("bn2", bn2, out)
        let skip = try callChild("shortcut", shortcut, input)
        return try callChild("relu", relu, out + skip)
    }

    public var settingsDescription: String {
        // As it is written in a call: `shortcut='zeropad'`.
        "\(inChannels), \(outChannels), stride=\(stride), shortcut='\(shortcutKind.rawValue.lowercased())'"
    }
}

/// The same layers as `ResidualBlock` without the skip connection (a "plain" block, for the
/// degradation experiment): `out = relu(bn2(conv2(relu(bn1(conv1(x))))))`.
public final class PlainBlock: Layer {
    public let mode = TrainingMode()
    public let inChannels: Int
    public let outChannels: Int
    public let stride: Int
    public let conv1: Conv2d
    public let bn1: BatchNorm2d
    public let relu = ReLU()
    public let conv2: Conv2d
    public let bn2: BatchNorm2d

    /// Creates a plain block: 3×3 convolutions (the first with `stride`), no bias, batch norm.
    public init(
        _ inChannels: Int, _ outChannels: Int, stride: Int = 1,
        using generator: inout some RandomNumberGenerator
    ) throws {
        conv1 = try Conv2d(
            inChannels, outChannels, kernelSize: 3, stride: Size2D(stride), padding: 1, bias: false,
            using: &generator)
        bn1 = try BatchNorm2d(outChannels)
        conv2 = try Conv2d(
            outChannels, outChannels, kernelSize: 3, padding: 1, bias: false, using: &generator)
        bn2 = try BatchNorm2d(outChannels)
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.stride = stride
    }

    public var children: [(name: String, layer: any Layer)] {
        [("conv1", conv1), ("bn1", bn1), ("relu", relu), ("conv2", conv2), ("bn2", bn2)]
    }

    /// `relu(bn2(conv2(relu(bn1(conv1(x))))))`.
    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        var out = try callChild("conv1", conv1, input)
        out = try callChild("bn1", bn1, out)
        out = try callChild("relu", relu, out)
        out = try callChild("conv2", conv2, out)
        out = try callChild("bn2", bn2, out)
        return try callChild("relu", relu, out)
    }

    public var settingsDescription: String { "\(inChannels), \(outChannels), stride=\(stride)" }
}
