import Dispatch
import Progress
import Testing

@testable import Grading
@testable import cnntutor

/// The REPL computes an exercise's misconception mutants while the learner reads it, and grading
/// takes that computation's catalogue: once per exercise, never again per answer. No timing: a
/// seam holds the background computation where a test needs it.
@Suite("REPL mutants ahead of the first answer")
struct REPLMutantPreparationTests {
    static let goto = ":goto 03-padding-stride/stride-size"

    @Test func theExerciseShownComputesItsMutantsOnce() throws {
        let harness = REPLHarness([
            Self.goto, "(n + 2 * p - f) // s", "n + 2 * p - f + 1", "(n - f) // s + 1", ":quit",
        ])
        harness.session.run()
        let grader = harness.session.grader
        #expect(grader.mutantsTakenFromBackground == 1)
        #expect(grader.mutantsComputedHere == 0)
        #expect(try harness.attempts().count == 3)
        #expect(harness.text.contains("✗ Not yet"))
    }

    @Test func ctrlCWhileWaitingForTheMutantsLeavesTheAnswerUngraded() throws {
        // The wrong answer runs (the first interruptible run), then the REPL waits for the mutants
        // (the second): Ctrl-C arrives then, while the computation is held before its first mutant.
        let hold = DispatchSemaphore(value: 0)
        let harness = REPLHarness(
            [Self.goto, "(n + 2 * p - f) // s", ":quit"],
            interrupts: DelayedInterrupt(run: 2, after: .milliseconds(0)))
        harness.session.grader.beforeBackgroundComputation = { hold.wait() }
        harness.session.run()
        hold.signal()
        #expect(harness.text.contains("Stopped (Ctrl-C); that answer was not graded."))
        #expect(try harness.attempts().isEmpty)
    }
}
