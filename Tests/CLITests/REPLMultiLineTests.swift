import Course
import Foundation
import Progress
import Terminal
import Testing

@testable import cnntutor

/// Input that spans lines: open brackets and blocks continue at `... `, a blank line ends a
/// block, and one input is one answer however many lines it has.
@Suite("REPL multi-line input")
struct REPLMultiLineTests {
    /// The lesson's own four-line example, pasted at an exercise, then the answer.
    static let lessonExample = [
        "img = tensor([[1., 2., 0., 1.],",
        "              [0., 1., 3., 1.],",
        "              [2., 1., 0., 0.],",
        "              [1., 0., 1., 2.]])",
    ]

    @Test func thePastedLessonExampleIsOneInputNotTwoWrongAttempts() throws {
        let run = REPLHarness.run(
            [REPLExerciseTests.goto] + Self.lessonExample + ["(img[1:3, 2:4] * k).sum()", ":quit"])
        #expect(!run.text.contains("was never closed"))
        #expect(run.reader.prompts.filter { $0 == "... " }.count == 3)
        let attempts = try run.attempts()
        #expect(attempts.count == 1)
        #expect(attempts.first?.verdict == .pass)
        // The block went to history as one entry.
        #expect(run.reader.history.contains(Self.lessonExample.joined(separator: "\n")))
    }

    @Test func aBlockAnswerIsGradedOnce() throws {
        let run = REPLHarness.run([
            REPLExerciseTests.goto,
            "def window(r, c):",
            "    return (img[r:r + 2, c:c + 2] * k).sum()",
            "",
            "window(1, 2)",
            ":quit",
        ])
        let attempts = try run.attempts()
        #expect(attempts.count == 1)
        #expect(attempts.first?.verdict == .pass)
        #expect(run.text.contains("✓ Correct!"))
    }

    @Test func aLineAfterABlockStartsTheNextInput() {
        let run = REPLHarness.run([
            "total = 0",
            "for i in range(4):",
            "    total += i",
            "print(f'total {total}')",
            ":quit",
        ])
        #expect(run.text.contains("total 6"))
        #expect(!run.text.contains("error"))
    }

    @Test func errorsInABlockNameTheLine() {
        let run = REPLHarness.run(["def f(x):", "    return x + nothing", "", "f(1)", ":quit"])
        #expect(run.text.contains("2:16: error: unknown name 'nothing'"))
    }

    @Test func ctrlCDiscardsAnOpenBlock() {
        let screen = MemoryScreen(
            capabilities: FixedTerminalCapabilities(isTTY: false, size: TerminalSize(columns: 80, rows: 24)))
        let reader = ScriptedLineReader(
            [.line("x = [1,"), .interrupted, .line("x = 5"), .line("x")], echo: screen)
        let input = LessonSession.inputReader(reader)
        #expect(input.read(prompt: "> ", continuationPrompt: "... ") == .interrupted)
        #expect(input.read(prompt: "> ", continuationPrompt: "... ") == .line("x = 5"))
        #expect(reader.prompts == ["> ", "... ", "> "])
    }
}
