import CNN
import Testing

@testable import AnswerLanguage

/// What a PyTorch-fidelity suite does with one snippet: run it, read the tensor it gives, or catch
/// the error it raises (each suite's expected values are PyTorch's, written beside its cases).
protocol RunsSnippets {}

extension RunsSnippets {
    /// The snippet's value, run in `interpreter` (a fresh one unless a case carries state).
    func run(_ source: String, _ interpreter: Interpreter = Interpreter()) throws -> Value {
        try interpreter.run(source)
    }

    /// The snippet's tensor; records an issue and gives nil when it gives anything else.
    func tensor(_ source: String, _ interpreter: Interpreter = Interpreter()) throws -> Tensor? {
        guard case .tensor(let tensor) = try interpreter.run(source) else {
            Issue.record("\(source) is not a tensor")
            return nil
        }
        return tensor
    }

    /// The error the snippet raises in a fresh interpreter, or nil when it runs.
    func error(_ source: String) -> LanguageError? {
        do {
            _ = try Interpreter().run(source)
            return nil
        } catch {
            return error
        }
    }
}
