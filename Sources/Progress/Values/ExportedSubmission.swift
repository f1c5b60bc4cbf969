/// A learner's answers in the form `cnntutor grade` reads (written as YAML or JSON).
///
/// The coding keys are the file format: `learner`, `course`, `version`, and `answers`, a map from
/// `lesson-id/exercise-id` to the answer text as typed. A version that is a whole number (as
/// `course.yaml` versions are) is encoded as a number, any other as text; decoding takes either.
public struct ExportedSubmission: Sendable, Hashable, Codable {
    /// Who answered (the profile name).
    public var learner: String
    /// The course's id.
    public var course: String
    /// The course version the answers were given against.
    public var version: String
    /// Answer text by `lesson-id/exercise-id`.
    public var answers: [String: String]
    /// The `lesson-id/exercise-id` of every answer given after the learner saw the solution (gave
    /// up or asked for it), sorted; `grade` gives those the course's `after_solution_points`.
    /// Written as `after_solution` only when not empty.
    public var afterSolution: [String]

    /// Creates a submission.
    public init(
        learner: String, course: String, version: String, answers: [String: String],
        afterSolution: [String] = []
    ) {
        self.learner = learner
        self.course = course
        self.version = version
        self.answers = answers
        self.afterSolution = afterSolution
    }

    private enum CodingKeys: String, CodingKey {
        case learner, course, version, answers
        case afterSolution = "after_solution"
    }

    /// Decodes a submission whose `version` is a number or text.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        learner = try container.decode(String.self, forKey: .learner)
        course = try container.decode(String.self, forKey: .course)
        if let number = try? container.decode(Int.self, forKey: .version) {
            version = String(number)
        } else {
            version = try container.decode(String.self, forKey: .version)
        }
        answers = try container.decode([String: String].self, forKey: .answers)
        afterSolution = try container.decodeIfPresent([String].self, forKey: .afterSolution) ?? []
    }

    /// Encodes the four fields, `version` as a number when it is a whole number.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(learner, forKey: .learner)
        try container.encode(course, forKey: .course)
        if let number = Int(version) {
            try container.encode(number, forKey: .version)
        } else {
            try container.encode(version, forKey: .version)
        }
        try container.encode(answers, forKey: .answers)
        if !afterSolution.isEmpty { try container.encode(afterSolution, forKey: .afterSolution) }
    }
}
