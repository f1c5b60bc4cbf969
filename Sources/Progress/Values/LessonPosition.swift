import Foundation

/// Where a learner is in one lesson: the step to resume at, and whether the lesson is done.
public struct LessonPosition: Sendable, Hashable {
    /// The lesson's id.
    public var lesson: String
    /// The index of the step to resume at (0 is the lesson's first step).
    public var step: Int
    /// When the learner finished the lesson, or `nil` while it is not finished.
    public var completed: Date?
    /// When the position last changed; the most recent one is where the learner left off.
    public var updated: Date

    /// Creates a position value.
    public init(lesson: String, step: Int, completed: Date?, updated: Date) {
        self.lesson = lesson
        self.step = step
        self.completed = completed
        self.updated = updated
    }
}
