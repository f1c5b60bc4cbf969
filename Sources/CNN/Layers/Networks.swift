import Wording

/// Builders for the networks the course experiments with.
public enum Networks {
    /// The CIFAR-style ResNet of He et al. (2016, §4.2), or its plain counterpart:
    ///
    ///     conv3×3(inChannels → 16) · BN · ReLU
    ///     layer1: n blocks, 16 channels          (size H × W)
    ///     layer2: n blocks, 32 channels, stride 2 (H/2)
    ///     layer3: n blocks, 64 channels, stride 2 (H/4)
    ///     global average pool · flatten · Linear(64 → numClasses)
    ///
    /// with `depth = 6n + 2` weighted layers (20, 32, 44, 56, 110 …). The first block of layers 2
    /// and 3 changes shape and uses `downsample` (`.zeroPad`, the paper's option A for CIFAR, or
    /// `.projection`); every other block has an identity shortcut. `plain: true` builds the same
    /// layers as `PlainBlock`s, without skips.
    /// - Parameters:
    ///   - widths: channels of the three stages (the paper's 16, 32, 64).
    /// - Throws: `CNNError.argument` when `depth` is not `6n + 2` with `n ≥ 1`, or `downsample` is
    ///   `.identity`.
    public static func resnet(
        depth: Int, inChannels: Int = 3, numClasses: Int = 10, widths: [Int] = [16, 32, 64],
        downsample: ResidualBlock.Shortcut = .zeroPad, plain: Bool = false,
        using generator: inout some RandomNumberGenerator
    ) throws -> Sequential {
        guard depth >= 8, (depth - 2) % 6 == 0 else {
            throw CNNError.argument(.aCifarResnetHasDepth, ["depth": depth])
        }
        guard widths.count == 3, widths.allSatisfy({ $0 > 0 }) else {
            throw CNNError.argument(.resnetNeedsThreePositiveStage, ["widths": widths])
        }
        guard downsample != .identity else {
            throw CNNError.argument(.theBlocksThatChangeShape)
        }
        let blocksPerStage = (depth - 2) / 6
        var layers: [(String, any Layer)] = [
            (
                "conv1",
                try Conv2d(inChannels, widths[0], kernelSize: 3, padding: 1, bias: false, using: &generator)
            ),
            ("bn1", try BatchNorm2d(widths[0])),
            ("relu", ReLU()),
        ]
        var channels = widths[0]
        for (stage, width) in widths.enumerated() {
            var blocks: [any Layer] = []
            for index in 0..<blocksPerStage {
                let stride = stage > 0 && index == 0 ? 2 : 1
                let changes = stride != 1 || channels != width
                if plain {
                    blocks.append(try PlainBlock(channels, width, stride: stride, using: &generator))
                } else {
                    blocks.append(
                        try ResidualBlock(
                            channels, width, stride: stride, shortcut: changes ? downsample : .identity,
                            using: &generator))
                }
                channels = width
            }
            layers.append(("layer\(stage + 1)", Sequential(blocks)))
        }
        layers += [
            ("avgpool", AdaptiveAvgPool2d(1)),
            ("flatten", Flatten()),
            ("fc", try Linear(channels, numClasses, using: &generator)),
        ]
        return try Sequential(named: layers)
    }

    /// The activation between the layers of `deepNet`.
    public enum Activation: String, Sendable, CaseIterable {
        case relu
        case leakyRelu = "leaky_relu"
        case sigmoid
        case tanh

        /// A new layer applying this activation.
        public func makeLayer() -> any Layer {
            switch self {
            case .relu: ReLU()
            case .leakyRelu: LeakyReLU()
            case .sigmoid: Sigmoid()
            case .tanh: Tanh()
            }
        }

        /// The gain `calculate_gain` gives this activation.
        var nonlinearity: Initializer.Nonlinearity {
            switch self {
            case .relu: .relu
            case .leakyRelu: .leakyRelu(negativeSlope: 0.01)
            case .sigmoid: .sigmoid
            case .tanh: .tanh
            }
        }
    }

    /// How `deepNet` initialises its `Linear` weights.
    public enum Initialization: String, Sendable, CaseIterable {
        /// PyTorch's default, `U(−1/√fanIn, 1/√fanIn)` for weights and biases.
        case pytorchDefault = "default"
        /// He: `kaiming_normal_(w, mode='fan_in', nonlinearity=activation)`, biases 0.
        case he
        /// Glorot: `xavier_uniform_(w, gain=calculate_gain(activation))`, biases 0.
        case xavier
    }

    /// A deep stack of fully connected layers for flattened images (the vanishing-gradient
    /// lesson's network):
    ///
    ///     Flatten · Linear(inputSize → width) · [act · Linear(width → width)] × (depth − 2)
    ///             · act · Linear(width → numClasses)
    ///
    /// `depth` counts the `Linear` layers. With `skip`, each hidden `act · Linear` pair becomes a
    /// residual step `x + Linear(act(x))` (a `Residual` layer) — the "identity mapping" form of
    /// He et al. (2016b), where nothing follows the addition, so the skip path passes gradients
    /// back unchanged (∂/∂x = 1 + ∂F/∂x). Without `skip` the network is the same chain of layers,
    /// Linear · act · Linear · act · … · Linear. (Putting the activation after the addition instead,
    /// relu(x + F(x))-style, lets the residual stream grow with depth; with sigmoids that inflates
    /// the last layer's gradient and the first layer again looks starved.)
    /// - Throws: `CNNError.argument` for `depth < 2` or a non-positive size.
    public static func deepNet(
        depth: Int, width: Int = 32, inputSize: Int = 64, numClasses: Int = 10,
        activation: Activation = .sigmoid,
        initialization: Initialization = .pytorchDefault, skip: Bool = false,
        using generator: inout some RandomNumberGenerator
    ) throws -> Sequential {
        guard depth >= 2 else {
            throw CNNError.argument(.deepNetNeedsDepthInput, ["depth": depth])
        }
        guard width > 0, inputSize > 0, numClasses > 0 else {
            throw CNNError.argument(
                .deepNetNeedsPositiveSizes,
                ["width": width, "inputSize": inputSize, "numClasses": numClasses])
        }
        func linear(_ inputs: Int, _ outputs: Int, _ generator: inout some RandomNumberGenerator) throws
            -> Linear
        {
            let layer = try Linear(inputs, outputs, using: &generator)
            switch initialization {
            case .pytorchDefault: break
            case .he:
                try layer.weight.assign(
                    Initializer.kaimingNormal(
                        layer.weight.shape, nonlinearity: activation.nonlinearity, using: &generator))
                try layer.bias?.assign(Tensor.zeros([outputs]))
            case .xavier:
                try layer.weight.assign(
                    Initializer.xavierUniform(
                        layer.weight.shape, gain: activation.nonlinearity.gain, using: &generator))
                try layer.bias?.assign(Tensor.zeros([outputs]))
            }
            return layer
        }
        var layers: [any Layer] = [Flatten(), try linear(inputSize, width, &generator)]
        for _ in 0..<depth - 2 {
            let body = Sequential(activation.makeLayer(), try linear(width, width, &generator))
            layers.append(skip ? Residual(body) : body)
        }
        layers += [activation.makeLayer(), try linear(width, numClasses, &generator)]
        return Sequential(layers)
    }
}
