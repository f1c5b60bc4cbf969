import Synchronization
import Wording

/// In training mode, zeroes each element with probability `p` and scales the rest by `1/(1 − p)`
/// (PyTorch `nn.Dropout`); in evaluation mode, returns the input unchanged.
///
/// The layer owns its random generator, seeded when it is made from the caller's generator, so a
/// seeded model drops the same elements on every run.
public final class Dropout: Layer {
    public let mode = TrainingMode()
    /// Probability of zeroing an element.
    public let p: Double
    private let generator: Mutex<SeededGenerator>

    /// A dropout layer whose masks come from a generator seeded by one draw of `generator`.
    /// - Throws: `CNNError.argument` unless `0 ≤ p ≤ 1`.
    public init(p: Double = 0.5, using generator: inout some RandomNumberGenerator) throws(CNNError) {
        guard (0...1).contains(p) else {
            throw CNNError.argument(.dropoutProbabilityHasToBe, ["p": p])
        }
        self.p = p
        self.generator = Mutex(SeededGenerator(seed: generator.next()))
    }

    /// Applies dropout in training mode; the identity in evaluation mode.
    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        guard isTraining, p > 0 else { return input }
        return try generator.withLock { generator throws in
            try dropout(input, p: p, training: true, using: &generator)
        }
    }

    public var settingsDescription: String { "p=\(p), inplace=False" }
}
