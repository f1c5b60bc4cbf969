import Wording

/// The grader's judgement of one answer.
public struct Verdict: Hashable, Sendable, Codable {
    /// The outcome.
    public enum Status: String, Hashable, Sendable, CaseIterable, Codable {
        /// The answer is right.
        case pass
        /// The answer evaluated and is wrong (or no answer was given).
        case fail
        /// The answer did not evaluate; its diagnostic is the message.
        case error
        /// The answer ran past its time limit and was stopped.
        case timeout
    }

    /// The outcome.
    public var status: Status
    /// Points earned: all of them for a pass, the held checks' points (partial credit) otherwise.
    public var points: Int
    /// Points a pass earns.
    public var maxPoints: Int
    /// What the learner is told: the named mistake's message, the failing checks' messages, the
    /// built-in diagnosis, or the error's diagnostic. Empty for a pass.
    public var message: String
    /// The id of the named mistake the answer shows, if one matched.
    public var mistake: String?
    /// The built-in diagnosis, when no named mistake matched and the value could be compared.
    public var diagnosis: Diagnosis?
    /// The ids of the checks that failed.
    public var failedChecks: [String]
    /// Wall-clock milliseconds spent grading the answer.
    public var durationMilliseconds: Int

    /// Creates a verdict.
    public init(
        status: Status, points: Int, maxPoints: Int, message: String, mistake: String? = nil,
        diagnosis: Diagnosis? = nil, failedChecks: [String] = [], durationMilliseconds: Int = 0
    ) {
        self.status = status
        self.points = points
        self.maxPoints = maxPoints
        self.message = message
        self.mistake = mistake
        self.diagnosis = diagnosis
        self.failedChecks = failedChecks
        self.durationMilliseconds = durationMilliseconds
    }

    /// Whether the answer passed.
    public var passed: Bool { status == .pass }

    /// The verdict for an exercise the submission does not answer, its message in `language`.
    public static func unanswered(maxPoints: Int, language: Language = .english) -> Verdict {
        Verdict(
            status: .fail, points: 0, maxPoints: maxPoints,
            message: GradingText(language: language).unanswered)
    }
}
