/// What the training loop tells its callback after each optimiser step.
public struct StepReport: Sendable, Equatable {
    /// Epoch number, from 1.
    public var epoch: Int
    /// Step within the epoch, from 1.
    public var step: Int
    /// Steps in each epoch (for a progress bar).
    public var stepsPerEpoch: Int
    /// Mean cross-entropy loss of this batch (before the step).
    public var loss: Double
    /// Fraction of this batch classified correctly (before the step).
    public var accuracy: Double
    /// The learning rate the step used.
    public var learningRate: Double
}

/// What the training loop tells its callback after each epoch.
public struct EpochReport: Sendable, Equatable {
    /// Epoch number, from 1.
    public var epoch: Int
    /// Epochs planned.
    public var epochs: Int
    /// Mean loss over the epoch's training samples (each batch weighted by its size), measured
    /// batch by batch while the weights moved.
    public var trainLoss: Double
    /// Fraction of the epoch's training samples classified correctly, measured the same way.
    public var trainAccuracy: Double
    /// Mean loss on the test set after the epoch, in evaluation mode; nil without a test set.
    public var testLoss: Double?
    /// Test accuracy after the epoch; nil without a test set.
    public var testAccuracy: Double?
    /// The learning rate used during the epoch.
    public var learningRate: Double
}

/// One event of a training run, in order: the steps of epoch 1, then epoch 1's report, …
public enum TrainingEvent: Sendable, Equatable {
    case step(StepReport)
    case epoch(EpochReport)
}

/// Everything a finished training run reported.
public struct TrainingHistory: Sendable, Equatable {
    /// Every step, in order.
    public var steps: [StepReport] = []
    /// Every epoch, in order.
    public var epochs: [EpochReport] = []

    /// The loss of every step, in order (what a loss curve plots).
    public var stepLosses: [Double] { steps.map(\.loss) }

    /// Test accuracy after the last epoch, if a test set was given.
    public var finalTestAccuracy: Double? { epochs.last?.testAccuracy }
}

/// Loss and accuracy of a model on a data set.
public struct Evaluation: Sendable, Equatable {
    /// Mean cross-entropy loss per sample.
    public var loss: Double
    /// Fraction classified correctly.
    public var accuracy: Double
    /// Number of samples evaluated.
    public var count: Int
}
