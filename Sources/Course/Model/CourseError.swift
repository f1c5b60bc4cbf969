/// A course that cannot be loaded at all: its folder or `course.yaml` is missing or unreadable.
///
/// Problems inside lessons do not throw: the loader records them as `CourseProblem`s on the
/// `Course` and keeps loading, so `cnntutor check` can list every problem at once.
public struct CourseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure this is.
    public enum Code: String, Sendable, Hashable {
        /// A file or folder could not be read.
        case unreadable
        /// `course.yaml` is not valid YAML or misses what a course needs.
        case invalidManifest
        /// A submission file lacks what a submission needs or is not YAML/JSON.
        case invalidSubmission
    }

    /// What kind of failure this is.
    public let code: Code
    /// What went wrong and what was expected, ready to print.
    public let message: String
    /// Where it went wrong.
    public let location: CourseLocation

    /// Creates an error.
    public init(_ code: Code, _ message: String, at location: CourseLocation) {
        self.code = code
        self.message = message
        self.location = location
    }

    /// `file:line:column: message`.
    public var description: String { "\(location): \(message)" }

    static func unreadable(_ path: String, _ reason: String) -> CourseError {
        CourseError(.unreadable, "cannot read \(path): \(reason)", at: .start(of: path))
    }
}
