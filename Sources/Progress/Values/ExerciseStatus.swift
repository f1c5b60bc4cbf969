import Foundation

/// The best a learner has done at one exercise, over all their attempts.
public struct ExerciseStatus: Sendable, Hashable {
    /// The exercise.
    public var key: ExerciseKey
    /// The best verdict (lowest ``AttemptVerdict/rank``) of any attempt.
    public var bestVerdict: AttemptVerdict
    /// The most points any attempt earned.
    public var bestPoints: Double
    /// The points the exercise is worth, from the latest attempt (a course update may change it).
    public var maxPoints: Double
    /// How many attempts were recorded.
    public var attempts: Int
    /// Whether the learner gave up at least once (and so saw the solution).
    public var gaveUp: Bool
    /// When the latest attempt was made.
    public var lastAttempt: Date

    /// Creates a status value.
    public init(
        key: ExerciseKey, bestVerdict: AttemptVerdict, bestPoints: Double, maxPoints: Double,
        attempts: Int, gaveUp: Bool, lastAttempt: Date
    ) {
        self.key = key
        self.bestVerdict = bestVerdict
        self.bestPoints = bestPoints
        self.maxPoints = maxPoints
        self.attempts = attempts
        self.gaveUp = gaveUp
        self.lastAttempt = lastAttempt
    }

    /// Whether any attempt passed.
    public var passed: Bool { bestVerdict == .pass }
}
