import Foundation

/// One lesson's standing from the recorded data alone (the course supplies the exercise total).
public struct LessonSummary: Sendable, Hashable {
    /// The lesson's id.
    public var lesson: String
    /// The best status of each exercise attempted, by exercise id.
    public var exercises: [String: ExerciseStatus]
    /// The step to resume at, or `nil` if the lesson was never opened.
    public var step: Int?
    /// Whether the learner finished the lesson.
    public var completed: Bool
    /// The latest attempt or move in the lesson, or `nil` if there was none.
    public var lastActivity: Date?

    /// Creates a summary value.
    public init(
        lesson: String, exercises: [String: ExerciseStatus], step: Int?, completed: Bool,
        lastActivity: Date?
    ) {
        self.lesson = lesson
        self.exercises = exercises
        self.step = step
        self.completed = completed
        self.lastActivity = lastActivity
    }

    /// How many exercises were attempted at least once.
    public var attempted: Int { exercises.count }
    /// How many exercises have a passing attempt.
    public var passed: Int { exercises.values.count(where: \.passed) }
    /// The sum of each attempted exercise's best points.
    public var points: Double { exercises.values.reduce(0) { $0 + $1.bestPoints } }
    /// The sum of each attempted exercise's maximum points.
    public var maxPoints: Double { exercises.values.reduce(0) { $0 + $1.maxPoints } }
}
