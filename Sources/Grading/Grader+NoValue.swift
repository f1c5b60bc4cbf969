import AnswerLanguage
import Wording

extension Grader {
    /// What to tell an answer that ran but left nothing to grade: a last line that is a statement
    /// (`x = …`, `loss.backward()` written as a step) has no value, while a last line that is an
    /// expression whose value is None (`img.grad` before a backward pass reached `img`) does have
    /// one — telling that learner "its last line must be an expression" would be false.
    func noValueNote(_ typed: String) -> Phrase {
        let text = GradingText()
        guard let program = try? Parser.parse(typed), case .expression = program.statements.last else {
            return text.noValue
        }
        // Parsed again only on this error path: the run's value does not say which kind of line
        // gave it (`Value.none` is both "no value" and Python's None).
        return text.valueIsNone
    }
}
