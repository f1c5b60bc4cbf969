import Synchronization

/// Whether a layer is in training or evaluation mode (PyTorch `module.training`), held in an atomic
/// flag so that layers stay `Sendable`. New layers start in training mode, as in PyTorch.
public final class TrainingMode: Sendable {
    private let flag = Atomic<Bool>(true)

    /// A flag in training mode.
    public init() {}

    /// True in training mode: dropout drops, batch norm uses and updates batch statistics.
    public var isTraining: Bool { flag.load(ordering: .relaxed) }

    /// Switches this one flag; `Layer.train()`/`eval()` switch a whole model.
    public func set(training: Bool) { flag.store(training, ordering: .relaxed) }
}
