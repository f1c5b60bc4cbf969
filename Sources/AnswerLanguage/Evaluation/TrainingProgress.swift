/// How far a running `train(...)` is, reported after every optimiser step and at the end of
/// every epoch to `EvaluationOptions.onTrainingProgress` (the REPL draws a live progress bar).
public struct TrainingProgress: Sendable, Equatable {
    /// The epoch running, from 1.
    public var epoch: Int
    /// Epochs asked for.
    public var epochs: Int
    /// Steps done in this epoch, from 1.
    public var step: Int
    /// Steps in each epoch.
    public var stepsPerEpoch: Int
    /// Mean loss over the epoch's samples so far.
    public var loss: Double
    /// Fraction of the epoch's samples so far classified correctly; nil for an `mse` loss.
    public var accuracy: Double?
    /// Test accuracy after the epoch, in the report that ends an epoch with a test set.
    public var testAccuracy: Double?
    /// Whether this report ends the epoch.
    public var endsEpoch: Bool

    /// Creates a report.
    public init(
        epoch: Int, epochs: Int, step: Int, stepsPerEpoch: Int, loss: Double, accuracy: Double?,
        testAccuracy: Double? = nil, endsEpoch: Bool = false
    ) {
        self.epoch = epoch
        self.epochs = epochs
        self.step = step
        self.stepsPerEpoch = stepsPerEpoch
        self.loss = loss
        self.accuracy = accuracy
        self.testAccuracy = testAccuracy
        self.endsEpoch = endsEpoch
    }
}
