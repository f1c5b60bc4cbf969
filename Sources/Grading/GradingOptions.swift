import Foundation
import Wording

/// Limits and settings for grading answers.
public struct GradingOptions: Sendable {
    /// Seconds one answer may run, overriding every exercise's own `limits.time` (`--time-limit`).
    public var timeLimit: Double?
    /// Seconds one answer may run when neither the exercise nor `timeLimit` says.
    public var defaultTimeLimit: Double
    /// Elements one tensor may have, unless the exercise says.
    public var maxElements: Int
    /// Bytes all live tensors of one answer may hold, unless the exercise says.
    public var maxBytes: Int
    /// Seconds the setup and the reference answer may take (they are the course's, not the
    /// learner's, and run once per exercise).
    public var setupTimeLimit: Double
    /// Seed of the random generator, so every grading of the same answer gives the same result.
    public var seed: UInt64
    /// The course's data folder (`Lessons/data`), for `digits()` and the like.
    public var dataDirectory: URL?
    /// The language of the grader's own sentences — diagnoses and comparison messages; languages
    /// without a catalog get English. Named mistakes and checks speak the language of the exercise
    /// graded.
    public var language: Language

    /// Creates options; every parameter has the default described on its property.
    public init(
        timeLimit: Double? = nil, defaultTimeLimit: Double = 10, maxElements: Int = 10_000_000,
        maxBytes: Int = 1 << 30, setupTimeLimit: Double = 60, seed: UInt64 = 0, dataDirectory: URL? = nil,
        language: Language = .english
    ) {
        self.timeLimit = timeLimit
        self.defaultTimeLimit = defaultTimeLimit
        self.maxElements = maxElements
        self.maxBytes = maxBytes
        self.setupTimeLimit = setupTimeLimit
        self.seed = seed
        self.dataDirectory = dataDirectory
        self.language = language
    }

    /// Options for a course: its `data` folder is made available.
    public static func forCourse(_ course: String) -> GradingOptions {
        GradingOptions(dataDirectory: URL(fileURLWithPath: course).appendingPathComponent("data"))
    }
}
