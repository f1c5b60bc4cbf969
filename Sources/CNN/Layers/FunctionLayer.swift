/// A layer without parameters that applies one function (PyTorch's `nn.Softmax(dim=1)`,
/// `nn.GELU()`, `nn.ZeroPad2d(1)`, …): the stateless modules that differ only in what they
/// compute, so each does not need a class of its own.
public final class FunctionLayer: Layer {
    public let mode = TrainingMode()
    public let typeName: String
    public let settingsDescription: String
    private let function: @Sendable (Tensor) throws -> Tensor

    /// A layer printed as `typeName(settings)` that computes `function(x)`.
    public init(
        _ typeName: String, settings: String = "", _ function: @escaping @Sendable (Tensor) throws -> Tensor
    ) {
        self.typeName = typeName
        self.settingsDescription = settings
        self.function = function
    }

    /// Applies the function.
    public func callAsFunction(_ input: Tensor) throws -> Tensor { try function(input) }
}
