/// One located problem in a course: a parse error, a missing translation, a reference answer that
/// fails. `cnntutor check` prints each as `file:line:column: message`.
public struct CourseProblem: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Where the problem is.
    public var location: CourseLocation
    /// What is wrong and what was expected there.
    public var message: String

    /// Creates a problem.
    public init(_ message: String, at location: CourseLocation) {
        self.location = location
        self.message = message
    }

    /// `file:line:column: message`.
    public var description: String { "\(location): \(message)" }

    public static func < (lhs: CourseProblem, rhs: CourseProblem) -> Bool {
        (lhs.location, lhs.message) < (rhs.location, rhs.message)
    }
}
