/// A learner's answers to a course, as `cnntutor grade` reads them and `cnntutor progress
/// --export` writes them: YAML or JSON with `learner`, `course`, `version` and `answers`.
public struct LearnerSubmission: Hashable, Sendable {
    /// Who answered.
    public var learner: String
    /// The course id the answers are for.
    public var course: String
    /// The course version the answers are for.
    public var version: Int
    /// `lesson-id/exercise-id` → the answer as typed, in file order.
    public var answers: [(key: String, answer: String)]
    /// The file the submission was read from.
    public var file: String
    /// Where `course` is written in the file, so a submission for another course can be reported
    /// there (the start of the file for a submission made in code).
    public var courseLocation: CourseLocation
    /// Where `version` is written in the file.
    public var versionLocation: CourseLocation
    /// `lesson-id/exercise-id` of the answers given after the learner saw the solution
    /// (`after_solution:`, written by `cnntutor progress --export`); each is worth at most the
    /// course's `after_solution_points`.
    public var afterSolution: Set<String>

    /// Creates a submission.
    public init(
        learner: String, course: String, version: Int, answers: [(key: String, answer: String)], file: String,
        afterSolution: Set<String> = []
    ) {
        self.learner = learner
        self.course = course
        self.version = version
        self.answers = answers
        self.file = file
        self.courseLocation = .start(of: file)
        self.versionLocation = .start(of: file)
        self.afterSolution = afterSolution
    }

    /// The answer to `key` (`lesson-id/exercise-id`), if given.
    public func answer(to key: String) -> String? { answers.first { $0.key == key }?.answer }

    public static func == (lhs: LearnerSubmission, rhs: LearnerSubmission) -> Bool {
        lhs.learner == rhs.learner && lhs.course == rhs.course && lhs.version == rhs.version
            && lhs.file == rhs.file && lhs.answers.map(\.key) == rhs.answers.map(\.key)
            && lhs.answers.map(\.answer) == rhs.answers.map(\.answer)
            && lhs.afterSolution == rhs.afterSolution
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(learner)
        hasher.combine(file)
    }
}
