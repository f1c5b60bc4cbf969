/// Collects the problems found while loading one course; used by one loader on one thread.
final class ProblemLog {
    private(set) var problems: [CourseProblem] = []

    /// Records a problem.
    func add(_ message: String, at location: CourseLocation) {
        problems.append(CourseProblem(message, at: location))
    }
}
