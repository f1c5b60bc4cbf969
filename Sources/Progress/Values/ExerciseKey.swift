/// Names one exercise within a course: its lesson id and its exercise id.
public struct ExerciseKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The lesson's id, as in `course.yaml`.
    public var lesson: String
    /// The exercise's id, unique within its lesson.
    public var exercise: String

    /// Creates a key from a lesson id and an exercise id.
    public init(lesson: String, exercise: String) {
        self.lesson = lesson
        self.exercise = exercise
    }

    /// `lesson-id/exercise-id`: the key of a submission's `answers` map.
    public var description: String { "\(lesson)/\(exercise)" }

    /// Orders by lesson id, then exercise id.
    public static func < (lhs: ExerciseKey, rhs: ExerciseKey) -> Bool {
        (lhs.lesson, lhs.exercise) < (rhs.lesson, rhs.exercise)
    }
}
