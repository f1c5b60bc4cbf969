import CNN
import Foundation

/// Limits and settings of an `Interpreter`.
///
/// One tensor may hold 100 million elements (400 MB of float32) by default, and everything one
/// session holds at once — tensors and lists, live bindings included — `MemoryBudget.machineDefault`
/// bytes: min(¼ of the machine's memory, 4 GiB), so an answer can never take the machine down,
/// not even a laptop's, while every lesson's experiment fits easily.
public struct EvaluationOptions: Sendable {
    /// Largest number of elements one tensor may have.
    public var maxElements: Int
    /// Largest number of bytes the session's tensors and bound lists may hold at once, over all
    /// its runs (see `Interpreter.memory`).
    public var maxBytes: Int
    /// Seconds one `run` may take, or nil for no limit.
    public var timeLimit: Double?
    /// Seed of the random generator behind `randn`, initialisers, shuffling and dropout; the same
    /// seed gives the same numbers on every machine.
    public var seed: UInt64
    /// The folder holding the data sets, e.g. the repository's `Lessons/data`; `digits()` reads
    /// `digits-8x8/digits.csv` inside it. Nil makes the file-based data sets unavailable.
    public var dataDirectory: URL?
    /// Limits on the source text (length, nesting).
    public var parser: ParserOptions
    /// Deepest chain of lambda calls (a lambda that calls itself stops here with an error).
    public var maxCallDepth: Int
    /// Most layers one model may have, counting nested ones (default 1,000: the deepest network
    /// of the course has about a hundred).
    public var maxLayers: Int
    /// Called on the evaluation thread after each step and epoch of `train(...)`, for a live
    /// progress display; nil reports nothing.
    public var onTrainingProgress: (@Sendable (TrainingProgress) -> Void)? = nil

    /// Creates options; every parameter has the default described on its property.
    public init(
        maxElements: Int = 100_000_000, maxBytes: Int = MemoryBudget.machineDefault, timeLimit: Double? = nil,
        seed: UInt64 = 0,
        dataDirectory: URL? = nil, parser: ParserOptions = ParserOptions(), maxCallDepth: Int = 64,
        maxLayers: Int = 1_000
    ) {
        self.maxElements = maxElements
        self.maxBytes = maxBytes
        self.timeLimit = timeLimit
        self.seed = seed
        self.dataDirectory = dataDirectory
        self.parser = parser
        self.maxCallDepth = maxCallDepth
        self.maxLayers = maxLayers
    }
}
