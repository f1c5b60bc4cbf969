import Wording

/// The answer key of a course in one language: every exercise with its reference answer, the
/// engine-computed expected value, its checks, hints, and every recorded wrong answer with the
/// verdict the grader actually gives it.
public struct AnswerKey: Hashable, Sendable {
    /// One lesson's part of the key.
    public struct LessonKey: Hashable, Sendable {
        /// The lesson id.
        public var id: String
        /// The lesson title in the key's language.
        public var title: String
        /// The lesson's exercises, in order.
        public var exercises: [ExerciseKey]

        /// Points for the whole lesson.
        public var points: Int { exercises.reduce(0) { $0 + $1.points } }
    }

    /// One exercise's part of the key.
    public struct ExerciseKey: Hashable, Sendable {
        /// The exercise id.
        public var id: String
        /// `lesson-id/exercise-id`.
        public var key: String
        /// `value`, `tensor`, `choice` or `model`.
        public var kind: String
        /// Points for a pass.
        public var points: Int
        /// The question (Markdown).
        public var prompt: String
        /// The setup code, if any.
        public var setup: String?
        /// The reference answer.
        public var reference: String
        /// Other answers that pass.
        public var alternatives: [String]
        /// The expected value as text (numbers, shapes, a layer table…).
        public var expectedText: String
        /// The expected value's numbers, when it is a tensor or number (for matrices and heatmaps).
        var expectedNumbers: NumericArray?
        /// Hints, in order.
        public var hints: [String]
        /// The checks.
        public var checks: [CheckKey]
        /// The named mistakes.
        public var mistakes: [MistakeKey]
        /// Choice ids and texts, for choice exercises.
        public var choices: [(id: String, text: String)]
        /// Recorded wrong answers, graded live.
        public var wrongAnswers: [WrongAnswerKey]
        /// Why the exercise could not be graded (its setup or reference fails), if so.
        public var problem: String?
        /// For a choice exercise: why a choice is wrong, by choice id, in the key's language (the
        /// solutions file's `why`), as a learner who picks it is told.
        public var why: [String: String] = [:]

        public static func == (lhs: ExerciseKey, rhs: ExerciseKey) -> Bool {
            lhs.key == rhs.key && lhs.wrongAnswers == rhs.wrongAnswers
        }
        public func hash(into hasher: inout Hasher) { hasher.combine(key) }
    }

    /// A check in words.
    public struct CheckKey: Hashable, Sendable {
        /// The check id.
        public var id: String
        /// The condition.
        public var expect: String
        /// The message when it fails.
        public var message: String
        /// Partial-credit points.
        public var points: Int?
    }

    /// A named mistake in words.
    public struct MistakeKey: Hashable, Sendable {
        /// The mistake id.
        public var id: String
        /// The condition that recognises it.
        public var when: String
        /// The message the learner gets.
        public var message: String
        /// Its title in the key's language, when the course gives one.
        public var title: String? = nil
    }

    /// A recorded wrong answer and what grading it gives.
    public struct WrongAnswerKey: Hashable, Sendable {
        /// The wrong answer.
        public var answer: String
        /// The mistake the solutions file records for it.
        public var recordedMistake: String?
        /// The verdict the grader gives it now.
        public var status: Verdict.Status
        /// The mistake the grader names, if any.
        public var mistake: String?
        /// The message the grader gives.
        public var message: String
        /// Points the grader gives (partial credit).
        public var points: Int
        /// What the grader found, as reports show it (`Verdict.Finding.label`).
        public var findings: [String] = []
    }

    /// The course id.
    public var course: String
    /// The course version.
    public var version: Int
    /// The language of the text.
    public var language: Language
    /// The course title in that language.
    public var title: String
    /// The lessons, in course order.
    public var lessons: [LessonKey]

    /// Points for the whole course.
    public var points: Int { lessons.reduce(0) { $0 + $1.points } }
}
