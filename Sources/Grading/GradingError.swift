import Course

/// What can go wrong grading, other than the answer being wrong: an unusable answer, a broken
/// exercise (its setup, reference or a check fails), or an unreadable submission.
public struct GradingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of failure.
    public enum Code: String, Hashable, Sendable {
        /// The learner's answer cannot be graded (bad choice id, wrong kind of value).
        case answer
        /// The exercise itself is broken: its setup or reference does not evaluate.
        case exercise
        /// A submission file cannot be read or lacks what a submission needs.
        case submission
        /// A report or key could not be written.
        case output
    }

    /// The kind of failure.
    public let code: Code
    /// What went wrong, ready to print.
    public let message: String
    /// Where, when a course or submission file is at fault.
    public let location: CourseLocation?

    /// Creates an error.
    public init(_ code: Code, _ message: String, at location: CourseLocation? = nil) {
        self.code = code
        self.message = message
        self.location = location
    }

    /// `file:line:column: message`, or the message alone.
    public var description: String { location.map { "\($0): \(message)" } ?? message }

    static func answer(_ message: String) -> GradingError { GradingError(.answer, message) }
}
