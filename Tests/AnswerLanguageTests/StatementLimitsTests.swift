import CNN
import Foundation
import Testing

@testable import AnswerLanguage

/// Loops, functions and comprehensions stay inside the interpreter's limits: time, cancellation,
/// call depth, elements and printed text.
@Suite struct StatementLimitsTests {
    @Test func anEndlessLoopStopsAtTheTimeLimitWhereItIs() throws {
        let interpreter = Interpreter(options: EvaluationOptions(timeLimit: 0.2))
        let error = #expect(throws: LanguageError.self) {
            try interpreter.run("n = 0\nwhile True:\n    pass")
        }
        #expect(error?.kind == .timeLimit)
        // Stopped inside the loop: at its condition (line 2) or its body (line 3).
        #expect((2...3).contains(error?.range?.lowerBound.line ?? 0))
        let counted = #expect(throws: LanguageError.self) {
            try interpreter.run("for i in range(10 ** 15):\n    n += 1")
        }
        #expect(counted?.kind == .timeLimit)
        // Statements that finished are kept: the loop counted before it was stopped.
        #expect((interpreter["n"]?.number ?? 0) > 0)
    }

    @Test func anEndlessLoopStopsWhenCancelled() throws {
        let error = try #require(
            Interpreter().runCancelledFromAnotherThread(
                "def spin():\n    while True:\n        x = [1, 2]\nspin()"))
        #expect(error.kind == .cancelled)
    }

    @Test func endlessRecursionIsALimitErrorNotAStackOverflow() {
        let error = #expect(throws: LanguageError.self) {
            try Interpreter().run("def down(n):\n    return down(n + 1)\ndown(0)")
        }
        #expect(error?.kind == .limit)
        #expect(error?.range?.lowerBound.line == 2)
        // Mutual recursion through a method and a lambda counts the same way.
        let mutual = #expect(throws: LanguageError.self) {
            try Interpreter().run(
                """
                class Loop(nn.Module):
                    def forward(self, x):
                        return again(x)
                again = lambda x: model(x)
                model = Loop()
                model(torch.ones(1))
                """)
        }
        #expect(mutual?.kind == .limit)
    }

    @Test func comprehensionsAndListsRespectTheElementLimit() {
        let interpreter = Interpreter(options: EvaluationOptions(maxElements: 1_000))
        let nested = #expect(throws: LanguageError.self) {
            try interpreter.run("[i * j for i in range(100) for j in range(100)]")
        }
        #expect(nested?.kind == .limit)
        let appended = #expect(throws: LanguageError.self) {
            try interpreter.run("xs = []\nfor i in range(2000):\n    xs.append(i)")
        }
        #expect(appended?.kind == .limit)
    }

    @Test func doublingAStringOrAListInALoopStopsAtTheElementLimit() {
        let interpreter = Interpreter(options: EvaluationOptions(maxElements: 1_000_000))
        let text = #expect(throws: LanguageError.self) {
            try interpreter.run("s = 'a'\nwhile True:\n    s += s")
        }
        #expect(text?.kind == .limit)
        let list = #expect(throws: LanguageError.self) {
            try interpreter.run("xs = [0]\nwhile True:\n    xs = xs + xs")
        }
        #expect(list?.kind == .limit)
    }

    @Test func aModuleCannotContainItself() {
        let error = #expect(throws: LanguageError.self) {
            try Interpreter().run(
                "class A(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.me = self\nA()"
            )
        }
        #expect(error?.message.hasPrefix("a module cannot contain itself") == true)
    }

    @Test func printingIsCutAtOneMebibyte() throws {
        let interpreter = Interpreter()
        // 40 lines of 40,000 characters: 1.6 MB printed, of which 1 MiB is kept.
        let result = try interpreter.run("for i in range(40):\n    print('spam' * 10000)")
        guard case .text(let text) = result else {
            Issue.record("expected the printed text, got a \(result.typeName)")
            return
        }
        let kept = text.utf8.count
        #expect(kept > Evaluator.printLimit && kept < Evaluator.printLimit + 50_000)
        #expect(text.hasSuffix("… (output cut at 1 MiB)"))
    }
}
