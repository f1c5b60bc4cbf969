import Wording

/// A fully connected layer (PyTorch `nn.Linear`): `y = x · weightᵀ + bias`, `weight`
/// `[outFeatures, inFeatures]`, `bias` `[outFeatures]`.
///
/// Input `[…, inFeatures]` → output `[…, outFeatures]`. Weights start as PyTorch's:
/// `U(−1/√inFeatures, 1/√inFeatures)` for both weight and bias.
public final class Linear: Layer {
    public let mode = TrainingMode()
    public let inFeatures: Int
    public let outFeatures: Int
    /// `[outFeatures, inFeatures]`.
    public let weight: Parameter
    /// `[outFeatures]`, or nil when made with `bias: false`.
    public let bias: Parameter?

    /// Creates the layer with PyTorch's default initialisation, drawn from `generator`.
    /// - Throws: `CNNError.argument` for a negative size.
    public init(
        _ inFeatures: Int, _ outFeatures: Int, bias: Bool = true,
        using generator: inout some RandomNumberGenerator
    ) throws {
        guard inFeatures >= 0, outFeatures >= 0 else {
            throw CNNError.argument(
                .linearNeedsSizesGotIn, ["inFeatures": inFeatures, "outFeatures": outFeatures])
        }
        self.inFeatures = inFeatures
        self.outFeatures = outFeatures
        weight = try Parameter(
            Initializer.pytorchDefaultWeight([outFeatures, inFeatures], using: &generator))
        self.bias =
            bias
            ? try Parameter(
                Initializer.pytorchDefaultBias(outFeatures, fanIn: inFeatures, using: &generator)) : nil
    }

    public var ownParameters: [(name: String, parameter: Parameter)] {
        [("weight", weight)] + (bias.map { [("bias", $0)] } ?? [])
    }

    /// Maps `input` `[…, inFeatures]` to `[…, outFeatures]`.
    /// - Throws: `CNNError.shape` when the last dimension is not `inFeatures`.
    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        try linear(input, weight.value, bias: bias?.value)
    }

    public var settingsDescription: String {
        "in_features=\(inFeatures), out_features=\(outFeatures), bias=\(bias == nil ? "False" : "True")"
    }
}
