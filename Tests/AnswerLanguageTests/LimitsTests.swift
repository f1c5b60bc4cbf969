import CNN
import Foundation
import Testing

@testable import AnswerLanguage

/// Every limit ends an evaluation quickly with its own message, and never crashes or hangs.
@Suite struct LimitsTests {
    @Test func aHugeTensorIsRefusedBeforeAllocating() {
        let error = #expect(throws: LanguageError.self) { try Interpreter().run("x = zeros(100000, 100000)") }
        #expect(error?.kind == .limit)
        #expect(
            error?.message
                == "a tensor of shape [100000, 100000] would have 10000000000 elements; the limit is 100000000"
        )
        #expect(error?.range?.lowerBound.column == 5)
    }

    @Test func totalMemoryIsLimited() {
        let options = EvaluationOptions(maxElements: 1_000_000, maxBytes: 10_000_000)
        let error = #expect(throws: LanguageError.self) {
            try Interpreter(options: options).run(
                "a = zeros(1000, 1000); b = zeros(1000, 1000); c = zeros(1000, 1000)")
        }
        #expect(error?.kind == .limit)
        #expect(error?.message.hasPrefix("out of memory") == true)
    }

    @Test func aTenThousandLayerSequentialIsRefused() {
        let error = #expect(throws: LanguageError.self) {
            try Interpreter().run("model = nn.Sequential(*[nn.ReLU()] * 10000)")
        }
        #expect(error?.kind == .limit)
        #expect(error?.message == "a model of 10000 layers is more than the limit of 1000 layers")
    }

    @Test func containersAreLimitedToo() {
        let interpreter = Interpreter(options: EvaluationOptions(maxElements: 1_000))
        let list = #expect(throws: LanguageError.self) { try interpreter.run("[0] * 1001") }
        #expect(list?.kind == .limit)
        let text = #expect(throws: LanguageError.self) { try interpreter.run("'ab' * 10 ** 9") }
        #expect(text?.kind == .limit)
        let range = #expect(throws: LanguageError.self) { try interpreter.run("range(10 ** 12)") }
        #expect(range?.kind == .limit)
    }

    /// A lambda that calls itself twice per level: 2⁴⁰ calls would take hours.
    static let exponential = "f = lambda n: 0 if n == 0 else f(n - 1) + f(n - 1)"

    @Test func theTimeLimitStopsLongEvaluations() throws {
        let interpreter = Interpreter(options: EvaluationOptions(timeLimit: 0.2))
        try interpreter.run(Self.exponential)
        let error = #expect(throws: LanguageError.self) { try interpreter.run("f(40)") }
        #expect(error?.kind == .timeLimit)
        #expect(error?.message == "stopped: the time limit of 0.2 s was reached")
        // The next run gets a fresh deadline and earlier bindings are intact.
        #expect(try interpreter.run("f(3)") == .int(0))
    }

    @Test func cancelFromAnotherThreadStopsTheRunAndKeepsBindings() throws {
        // Cancelling starts when training reports its first step, so `after = 2` has run before
        // it on any machine: a cancel arriving before the first statement would be right too,
        // but would not show the binding kept.
        let trainingStarted = DispatchSemaphore(value: 0)
        var options = EvaluationOptions(dataDirectory: TrainingBuiltinsTests.dataDirectory)
        options.onTrainingProgress = { _ in trainingStarted.signal() }
        let interpreter = Interpreter(options: options)
        try interpreter.run(
            "before = 1; data, test = digits(); model = nn.Sequential(nn.Flatten(), nn.Linear(64, 10))")
        let error = try #require(
            interpreter.runCancelledFromAnotherThread(
                "after = 2; train(model, data, epochs=1000000)", reached: trainingStarted))
        #expect(error.kind == .cancelled)
        #expect(interpreter["before"] == .int(1))
        #expect(interpreter["after"] == .int(2))
    }

    @Test func inputLongerThanTheLimitIsRefused() {
        let options = EvaluationOptions(parser: ParserOptions(maxInputLength: 100))
        let error = #expect(throws: LanguageError.self) {
            try Interpreter(options: options).run(String(repeating: "1+", count: 60) + "1")
        }
        #expect(error?.kind == .input)
    }
}
