import AnswerLanguage
import CNN
import Foundation

/// An interpreter with one deadline over all the code run in it: the answer, its checks and its
/// mistakes share the answer's time limit. Each run also has the interpreter's own per-run limit;
/// this timer additionally cancels the evaluation in progress when the shared deadline passes, and
/// that cancellation is reported as the time limit it is.
final class TimedInterpreter {
    let interpreter: Interpreter
    let seconds: Double
    private let deadline: UInt64

    init(_ interpreter: Interpreter, seconds: Double) {
        self.interpreter = interpreter
        self.seconds = seconds
        self.deadline = ComputeBudget.now().addingReportingOverflow(Self.nanoseconds(seconds)).partialValue
    }

    /// `seconds` as nanoseconds for the clock, saturating: a limit a course or a flag gives as
    /// 1e308 s (or NaN, refused where it is read) must not trap converting to an integer.
    static func nanoseconds(_ seconds: Double) -> UInt64 {
        let nanoseconds = seconds * 1e9
        guard nanoseconds > 0 else { return 0 }
        return nanoseconds < 1e18 ? UInt64(nanoseconds) : UInt64(1e18)
    }

    /// Whole seconds for a message, saturating like `nanoseconds`.
    static func wholeSeconds(_ seconds: Double) -> Int {
        guard seconds > 0 else { return 0 }
        return seconds < 1e9 ? Int(seconds) : 1_000_000_000
    }

    /// Runs statements; the value of the last is the result.
    func run(_ source: String) throws(LanguageError) -> Value {
        try timed { () throws(LanguageError) -> Value in try interpreter.run(source) }
    }

    /// Evaluates one expression.
    func evaluate(_ source: String) throws(LanguageError) -> Value {
        try timed { () throws(LanguageError) -> Value in try interpreter.evaluate(expression: source) }
    }

    private func timed(_ body: () throws(LanguageError) -> Value) throws(LanguageError) -> Value {
        let now = ComputeBudget.now()
        guard now < deadline else { throw timeLimitError }
        let interpreter = self.interpreter
        let timer = DispatchWorkItem { interpreter.cancel() }
        DispatchQueue.global().asyncAfter(
            deadline: .now() + .nanoseconds(Int(deadline - now)), execute: timer)
        defer { timer.cancel() }
        do {
            return try body()
        } catch {
            if error.kind == .cancelled, ComputeBudget.now() >= deadline { throw timeLimitError }
            throw error
        }
    }

    private var timeLimitError: LanguageError { Self.timeLimitError(seconds: seconds) }

    /// The error of an answer stopped at its time limit (also what a batch records for a worker it
    /// had to stop, so both read the same).
    static func timeLimitError(seconds: Double) -> LanguageError {
        LanguageError(.timeLimit, .engine(.timeLimit(seconds: seconds)))
    }
}
