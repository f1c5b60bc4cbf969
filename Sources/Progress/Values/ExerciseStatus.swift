import Foundation

/// The best a learner has done at one exercise, over all their attempts.
///
/// "Best" is one attempt, chosen by ``Attempt/isBetter(than:isLater:)`` (most points, then best
/// verdict, then latest): its verdict and points are what `progress` shows and what
/// `progress --export` writes, so `grade` of the export agrees with the table.
public struct ExerciseStatus: Sendable, Hashable {
    /// The exercise.
    public var key: ExerciseKey
    /// The verdict of the best attempt.
    public var bestVerdict: AttemptVerdict
    /// The points of the best attempt: the most any attempt earned.
    public var bestPoints: Double
    /// Whether the best attempt came after the learner saw the solution.
    public var bestAfterSolution: Bool = false
    /// Whether any attempt passed, the best one or not (the REPL lets the learner move on).
    public var everPassed: Bool = false
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
        key: ExerciseKey, bestVerdict: AttemptVerdict, bestPoints: Double,
        bestAfterSolution: Bool = false, everPassed: Bool? = nil, maxPoints: Double,
        attempts: Int, gaveUp: Bool, lastAttempt: Date
    ) {
        self.key = key
        self.bestVerdict = bestVerdict
        self.bestPoints = bestPoints
        self.bestAfterSolution = bestAfterSolution
        self.everPassed = everPassed ?? (bestVerdict == .pass)
        self.maxPoints = maxPoints
        self.attempts = attempts
        self.gaveUp = gaveUp
        self.lastAttempt = lastAttempt
    }

    /// Whether the best attempt passed.
    public var passed: Bool { bestVerdict == .pass }

    /// Whether the best attempt passed only after the learner saw the solution.
    public var solvedAfterSolution: Bool { passed && bestAfterSolution }
}
