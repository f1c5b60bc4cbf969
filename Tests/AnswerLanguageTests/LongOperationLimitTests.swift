import CNN
import Testing

@testable import AnswerLanguage

/// Long operations that build one value item by item stop at the time limit inside the loop, not
/// after it: each case must end with the time limit's refusal (the kind, not a duration, is
/// asserted), and the session goes on.
@Suite struct LongOperationLimitTests {
    static let cases = [
        // 10⁸ numbers to list, shuffle and copy into a tensor (the list was one uninterruptible copy).
        "torch.randperm(10**8)",
        // A million rows of a tensor, each a tensor of its own.
        "for row in torch.ones(10**6, 1):\n    pass\nfor row in torch.ones(10**6, 1):\n    pass",
    ]

    @Test(arguments: cases)
    func stopsAtTheTimeLimit(source: String) throws {
        let interpreter = Interpreter(options: EvaluationOptions(timeLimit: 0.05))
        let error = #expect(throws: LanguageError.self) { try interpreter.run(source) }
        #expect(error?.kind == .timeLimit, "\(error?.message ?? "")")
        #expect(try interpreter.run("1 + 1") == .int(2))
    }
}
