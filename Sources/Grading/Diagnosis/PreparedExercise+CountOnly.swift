import Foundation

extension PreparedExercise {
    /// Whether a named mistake's `when` reads the answer only through its parameter count
    /// (`parameter_count(answer) == 16 * 32 * 9 + 32`): it says nothing of what the network
    /// outputs.
    static func testsCountOnly(_ when: String) -> Bool {
        let condition = when.filter { !$0.isWhitespace }
        let count = "parameter_count(answer)"
        return condition.contains(count)
            && !condition.replacingOccurrences(of: count, with: "").contains("answer")
    }
}
