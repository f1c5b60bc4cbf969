/// How one attempt at an exercise ended, as stored in the `attempt.verdict` column.
///
/// The raw values are the stored text and the words `grade` reports use; never rename them.
public enum AttemptVerdict: String, Sendable, Hashable, Codable, CaseIterable {
    /// The answer was graded correct.
    case pass
    /// The answer evaluated but was graded wrong.
    case fail
    /// The answer did not evaluate (a syntax or runtime error).
    case error
    /// The answer ran past its time limit.
    case timeout
    /// The learner asked for the solution without passing.
    case gaveUp = "gave-up"
    /// The learner moved past the exercise without answering.
    case skipped

    /// Orders verdicts from best (0, a pass) to worst; "best status" picks the lowest rank.
    ///
    /// An answer that ran but was wrong shows more progress than one that did not run, and any
    /// answer shows more than giving up or skipping.
    public var rank: Int {
        switch self {
        case .pass: 0
        case .fail: 1
        case .error: 2
        case .timeout: 3
        case .gaveUp: 4
        case .skipped: 5
        }
    }
}
