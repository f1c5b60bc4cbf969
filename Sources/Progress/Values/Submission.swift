/// A learner's answers in the form `cnntutor grade` reads (written as YAML or JSON).
///
/// The coding keys are the file format: `learner`, `course`, `version`, and `answers`, a map from
/// `lesson-id/exercise-id` to the answer text as typed.
public struct Submission: Sendable, Hashable, Codable {
    /// Who answered (the profile name).
    public var learner: String
    /// The course's id.
    public var course: String
    /// The course version the answers were given against.
    public var version: String
    /// Answer text by `lesson-id/exercise-id`.
    public var answers: [String: String]

    /// Creates a submission.
    public init(learner: String, course: String, version: String, answers: [String: String]) {
        self.learner = learner
        self.course = course
        self.version = version
        self.answers = answers
    }
}
