/// `max(0, x)` element-wise (PyTorch `nn.ReLU`); any shape.
public final class ReLU: Layer {
    public let mode = TrainingMode()
    /// PyTorch's `inplace=True`: saves memory there, and here only shows in the layer's text.
    public let inplace: Bool
    /// A ReLU layer.
    public init(inplace: Bool = false) { self.inplace = inplace }
    public var settingsDescription: String { inplace ? "inplace=True" : "" }
    /// Applies the ReLU.
    public func callAsFunction(_ input: Tensor) throws -> Tensor { try relu(input) }
}

/// `x` where positive, `negativeSlope · x` elsewhere (PyTorch `nn.LeakyReLU`, default slope 0.01).
public final class LeakyReLU: Layer {
    public let mode = TrainingMode()
    /// The slope for negative inputs.
    public let negativeSlope: Double
    /// A leaky ReLU with the given slope.
    public init(negativeSlope: Double = 0.01) { self.negativeSlope = negativeSlope }
    /// Applies the leaky ReLU.
    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        try leakyRelu(input, negativeSlope: negativeSlope)
    }
    public var settingsDescription: String { "negative_slope=\(negativeSlope)" }
}

/// `1 / (1 + e^(−x))` element-wise (PyTorch `nn.Sigmoid`).
public final class Sigmoid: Layer {
    public let mode = TrainingMode()
    /// A sigmoid layer.
    public init() {}
    /// Applies the sigmoid.
    public func callAsFunction(_ input: Tensor) throws -> Tensor { try sigmoid(input) }
}

/// Hyperbolic tangent element-wise (PyTorch `nn.Tanh`).
public final class Tanh: Layer {
    public let mode = TrainingMode()
    /// A tanh layer.
    public init() {}
    /// Applies tanh.
    public func callAsFunction(_ input: Tensor) throws -> Tensor { try tanh(input) }
}
