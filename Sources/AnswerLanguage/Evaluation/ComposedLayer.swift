import CNN
import Synchronization

/// A layer the language composes from differentiable operations (PyTorch's `nn.LayerNorm`,
/// `nn.GroupNorm`, `nn.PReLU`, `nn.Conv1d`, `nn.Dropout2d`, `nn.BatchNorm1d`, …): its own
/// parameters, a training flag, and a forward function that reads the parameters' current values
/// on every call, so `backward()` reaches them and an optimiser's step is seen by the next call.
final class ComposedLayer: Layer {
    let typeName: String
    let settingsDescription: String
    let ownParameters: [(name: String, parameter: Parameter)]
    /// A layer this one reshapes around (`BatchNorm1d` is `BatchNorm2d` on `[N, C, L, 1]`): its
    /// mode is this layer's mode, and its settings answer for this one.
    let wrapped: (any Layer)?
    /// PyTorch's attribute names for the settings (`conv.kernel_size == (3,)`).
    let attributes: [String: Value]
    private let ownMode = TrainingMode()
    private let forward:
        @Sendable (_ input: Tensor, _ parameters: [Tensor], _ training: Bool) throws -> Tensor

    /// A layer printed `typeName(settings)` computing `forward(x, parameter values, training)`.
    init(
        _ typeName: String, settings: String, parameters: [(name: String, parameter: Parameter)] = [],
        wrapping wrapped: (any Layer)? = nil, attributes: [String: Value] = [:],
        forward: @escaping @Sendable (Tensor, [Tensor], Bool) throws -> Tensor
    ) {
        self.typeName = typeName
        self.settingsDescription = settings
        self.ownParameters = parameters
        self.wrapped = wrapped
        self.attributes = attributes
        self.forward = forward
    }

    var mode: TrainingMode { wrapped?.mode ?? ownMode }

    func callAsFunction(_ input: Tensor) throws -> Tensor {
        try forward(input, ownParameters.map(\.parameter.value), mode.isTraining)
    }
}
