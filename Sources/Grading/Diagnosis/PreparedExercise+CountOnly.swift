import AnswerLanguage
import CNN
import Foundation

/// A named mistake of a network exercise that reads the answer only through its parameter count
/// says nothing of what the network outputs. Its message is written for networks that count so
/// and may say they work (a 3 × 3 kernel padded to the reference's output), which is not so of
/// one whose output has another shape: such a mistake is not told of it (`Grader`), nor is the
/// checker's "also holds for an unrelated slip" reported for such a slip (`CourseChecker`).
extension PreparedExercise {
    /// Whether a named mistake's `when` reads the answer only through its parameter count
    /// (`parameter_count(answer) == 16 * 32 * 9 + 32`).
    static func testsCountOnly(_ when: String) -> Bool {
        let condition = when.filter { !$0.isWhitespace }
        let count = "parameter_count(answer)"
        return condition.contains(count)
            && !condition.replacingOccurrences(of: count, with: "").contains("answer")
    }

    /// Whether the mistake whose `when` is `when` is told of the network `answer` of a model
    /// exercise only by its parameter count while its output has another shape than the
    /// reference's on zeros of the exercise's input shape.
    func countOnlyMistakeDenied(_ when: String, answer: Value) -> Bool {
        exercise.kind == .model && Self.testsCountOnly(when) && outputShapeDiffers(answer) == true
    }

    /// Whether the network `answer` outputs another shape than the reference on zeros of the
    /// exercise's input shape; nil when that cannot be told (no input shape, a network that
    /// cannot run on it).
    func outputShapeDiffers(_ answer: Value) -> Bool? {
        guard let shape = exercise.inputShape, let input = try? Tensor.zeros(shape) else { return nil }
        let session = session()
        session.interpreter.bind(Comparer.inputName, .tensor(input))
        session.interpreter.bind("answer", answer)
        session.interpreter.bind("expected", expected)
        func output(_ name: String) -> [Int]? {
            guard case .tensor(let tensor)? = try? session.evaluate("\(name)(\(Comparer.inputName))") else {
                return nil
            }
            return tensor.shape
        }
        guard let mine = output("answer"), let theirs = output("expected") else { return nil }
        return mine != theirs
    }
}
