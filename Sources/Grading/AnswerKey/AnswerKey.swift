/// The answer key of a course in one language: every exercise with its reference answer, the
/// engine-computed expected value, its checks, hints, and every recorded wrong answer with the
/// verdict the grader actually gives it.
public struct AnswerKey: Hashable, Sendable {
    /// One lesson's part of the key.
    public struct LessonKey: Hashable, Sendable {
        public var id: String
        public var title: String
        public var exercises: [ExerciseKey]

        /// Points for the whole lesson.
        public var points: Int { exercises.reduce(0) { $0 + $1.points } }
    }

    /// One exercise's part of the key.
    public struct ExerciseKey: Hashable, Sendable {
        /// The exercise id, and `lesson-id/exercise-id`.
        public var id: String
        public var key: String
        public var kind: String
        public var points: Int
        public var prompt: String
        public var setup: String?
        public var reference: String
        public var alternatives: [String]
        /// The expected value as text (numbers, shapes, a layer table…).
        public var expectedText: String
        /// The expected value's numbers, when it is a tensor or number (for matrices and heatmaps).
        var expectedNumbers: NumericArray?
        public var hints: [String]
        public var checks: [CheckKey]
        public var mistakes: [MistakeKey]
        /// Choice ids and texts, for choice exercises.
        public var choices: [(id: String, text: String)]
        /// Recorded wrong answers, graded live.
        public var wrongAnswers: [WrongAnswerKey]
        /// Why the exercise could not be graded (its setup or reference fails), if so.
        public var problem: String?

        public static func == (lhs: ExerciseKey, rhs: ExerciseKey) -> Bool {
            lhs.key == rhs.key && lhs.wrongAnswers == rhs.wrongAnswers
        }
        public func hash(into hasher: inout Hasher) { hasher.combine(key) }
    }

    /// A check in words.
    public struct CheckKey: Hashable, Sendable {
        public var id: String
        public var expect: String
        public var message: String
        public var points: Int?
    }

    /// A named mistake in words.
    public struct MistakeKey: Hashable, Sendable {
        public var id: String
        public var when: String
        public var message: String
    }

    /// A recorded wrong answer and what grading it gives.
    public struct WrongAnswerKey: Hashable, Sendable {
        public var answer: String
        /// The mistake the solutions file records for it.
        public var recordedMistake: String?
        /// The verdict the grader gives it now.
        public var status: Verdict.Status
        public var mistake: String?
        public var message: String
        public var points: Int
    }

    public var course: String
    public var version: Int
    public var language: String
    public var title: String
    public var lessons: [LessonKey]

    /// Points for the whole course.
    public var points: Int { lessons.reduce(0) { $0 + $1.points } }
}
