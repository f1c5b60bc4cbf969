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
    /// What the learner is told, in the language the answer was graded in: `VerdictRenderer`'s
    /// message for the findings (the named mistake's message, the failing checks' messages, the
    /// comparison's finding) or for `note`. Empty for a pass. A screen or report in another
    /// language renders the findings itself.
    public var message: String
    /// What a verdict without findings says (no answer, an error's diagnostic, a time limit, an
    /// exercise that cannot be graded), unsaid; nil when the findings say it.
    public var note: Phrase?
    /// The id of the named mistake the answer shows, if one matched.
    public var mistake: String?
    /// The built-in diagnosis, when no named mistake matched and the value could be compared.
    public var diagnosis: Diagnosis?
    /// The ids of the checks that failed.
    public var failedChecks: [String]
    /// What the grader found, in the order the message says it: the named mistake, the failed
    /// checks, the comparison's finding (a built-in diagnosis, a misconception mutant, a choice
    /// finding). Reports and tests read these instead of the prose.
    public var findings: [Finding] = []
    /// Wall-clock milliseconds spent grading the answer.
    public var durationMilliseconds: Int
    /// Whether the answer was given after the learner saw the solution (a submission's
    /// `after_solution`): its points are capped by ``cappedAfterSolution(at:)``.
    public var afterSolution: Bool {
        get { afterSolutionMark ?? false }
        set { afterSolutionMark = newValue ? true : nil }
    }
    /// Stored as an optional so that a verdict encoded without it (a grading worker's, which never
    /// knows) decodes as not after the solution.
    private var afterSolutionMark: Bool?

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

    /// One thing the grader found about a failing answer, with its numbers.
    public struct Finding: Hashable, Sendable, Codable {
        /// Where the finding comes from.
        public enum Source: String, Hashable, Sendable, Codable {
            /// A named mistake of the course (`id` is the mistake's id).
            case mistake
            /// A check that failed (`id` is the check's id).
            case check
            /// The built-in diagnosis (`id` is a `Diagnosis.Finding`).
            case diagnosis
            /// A misconception mutant of the reference (`id` is the transform's id).
            case mutant
            /// A choice exercise's picked or missing choice (`choice-wrong`, `choice-missing`).
            case choice
            /// A comparison that found no cause: a wrong type, a parameter count, a network that
            /// cannot run (`id` says which).
            case comparison
        }

        /// Where the finding comes from.
        public var source: Source
        /// The mistake, check, finding or transform id.
        public var id: String
        /// The numbers the finding is about (`answer`, `expected`, `size`, `ratio`, …).
        public var numbers: [String: Double]
        /// Whether the finding names a cause (a named mistake, a recognised pattern, a mutant, a
        /// check's own message), rather than only saying the answer differs.
        public var isSpecific: Bool
        /// The choice id a choice finding is about (`b`); nil for other findings.
        public var choice: String?
        /// What the grader says about it, unsaid: the sentence with its typed pieces (numbers,
        /// shapes, the code fragment changed, names). Nil for a named mistake's, a check's and a
        /// choice's findings, whose words are the course's own (`VerdictRenderer` takes them from
        /// the exercise in the reader's language).
        public var says: Phrase?
        /// The values a named mistake's or check's message interpolates (`{answer.shape}` →
        /// `[1, 3, 3]`), keyed by expression, so that the message is filled in any language.
        public var fills: [String: String]?

        /// Creates a finding.
        public init(
            _ source: Source, _ id: String, numbers: [String: Double] = [:], says: Phrase? = nil,
            isSpecific: Bool
        ) {
            self.source = source
            self.id = id
            self.numbers = numbers
            self.says = says
            self.isSpecific = isSpecific
        }
    }

    /// Whether the answer passed.
    public var passed: Bool { status == .pass }

    /// Whether the answer passed only after the learner saw the solution.
    public var solvedAfterSolution: Bool { passed && afterSolution }

    /// The status as reports word it: `pass`, `fail`, …, and "solved after the solution" for a
    /// pass the learner typed after seeing the solution.
    public var statusText: String { solvedAfterSolution ? "solved after the solution" : status.rawValue }

    /// This verdict for an answer given after the learner saw the solution: marked so, and worth
    /// at most `points` (the course's `after_solution_points`).
    public func cappedAfterSolution(at points: Int) -> Verdict {
        var capped = self
        capped.afterSolution = true
        capped.points = min(self.points, max(0, points))
        return capped
    }

    /// A verdict without findings that says `note`, its message in `language`.
    public init(
        status: Status, points: Int = 0, maxPoints: Int, note: Phrase, language: Language,
        durationMilliseconds: Int = 0
    ) {
        self.init(
            status: status, points: points, maxPoints: maxPoints, message: language.say(note),
            durationMilliseconds: durationMilliseconds)
        self.note = note
    }

    /// The verdict for an exercise the submission does not answer, its message in `language`.
    public static func unanswered(maxPoints: Int, language: Language = .english) -> Verdict {
        Verdict(status: .fail, maxPoints: maxPoints, note: GradingText().unanswered, language: language)
    }
}

extension Verdict {
    /// Decodes a verdict; `note` and `findings` may be absent (a verdict written by a worker that
    /// found nothing to say, or before they existed).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            status: try container.decode(Status.self, forKey: .status),
            points: try container.decode(Int.self, forKey: .points),
            maxPoints: try container.decode(Int.self, forKey: .maxPoints),
            message: try container.decode(String.self, forKey: .message),
            mistake: try container.decodeIfPresent(String.self, forKey: .mistake),
            diagnosis: try container.decodeIfPresent(Diagnosis.self, forKey: .diagnosis),
            failedChecks: try container.decodeIfPresent([String].self, forKey: .failedChecks) ?? [],
            durationMilliseconds: try container.decodeIfPresent(Int.self, forKey: .durationMilliseconds) ?? 0)
        note = try container.decodeIfPresent(Phrase.self, forKey: .note)
        findings = try container.decodeIfPresent([Finding].self, forKey: .findings) ?? []
    }
}
