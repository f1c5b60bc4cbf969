import Synchronization
import Wording

/// Decays an optimiser's learning rate by `gamma` every `stepSize` epochs (PyTorch
/// `torch.optim.lr_scheduler.StepLR`). Call `step()` once at the end of each epoch:
/// after epoch `e` (counting from 1) the rate is `lr₀ · gamma^⌊e / stepSize⌋`, applied as PyTorch's
/// chainable form does (multiply the current rate by `gamma` whenever `e` is a multiple of `stepSize`).
public final class StepLR: Sendable {
    /// The optimiser whose learning rate is scheduled.
    public let optimizer: any Optimizer
    /// Epochs between decays.
    public let stepSize: Int
    /// Multiplicative decay factor.
    public let gamma: Double
    /// The learning rate the optimiser had when the schedule was made.
    public let initialLearningRate: Double
    private let epochs = Mutex(0)

    /// Schedules `optimizer`'s current learning rate.
    /// - Throws: `CNNError.argument` when `stepSize` is not positive.
    public init(_ optimizer: any Optimizer, stepSize: Int, gamma: Double = 0.1) throws(CNNError) {
        guard stepSize >= 1 else { throw CNNError.argument(.stepSizeMustBeAt, ["stepSize": stepSize]) }
        self.optimizer = optimizer
        self.stepSize = stepSize
        self.gamma = gamma
        initialLearningRate = optimizer.learningRate
    }

    /// Number of `step()` calls so far (PyTorch `last_epoch`).
    public var lastEpoch: Int { epochs.withLock { $0 } }

    /// The learning rate in force now.
    public var learningRate: Double { optimizer.learningRate }

    /// Ends an epoch: counts it and decays the rate when the count is a multiple of `stepSize`.
    public func step() {
        let epoch = epochs.withLock { count in
            count += 1
            return count
        }
        if epoch % stepSize == 0 { optimizer.learningRate *= gamma }
    }
}
