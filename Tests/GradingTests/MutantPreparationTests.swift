import Dispatch
import Foundation
import Testing

@testable import Course
@testable import Grading

/// Mutants computed in the background while the learner reads (`prepareMutantsInBackground`):
/// taken once by grading, the same verdicts whenever the answer comes, never a stopped
/// computation's partial catalogue. No timing: seams hold the background computation where a
/// test needs it.
@Suite struct MutantPreparationTests {
    /// The shipped course's output size with padding and stride: its mutants explain many slips
    /// (the +1 dropped, the padding forgotten, the stride forgotten), and named mistakes others.
    static let exercise: Exercise = {
        let lessons = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Lessons")
        guard let course = try? CourseLoader.load(at: lessons.path),
            let exercise = course.exercise(named: "03-padding-stride/stride-size")?.exercise
        else { return TestExercises.make(.value, reference: "0") }
        return exercise
    }()
    /// The course's recorded wrong answers and some of the wrong-answer corpus's.
    static let wrongAnswers = [
        "(n + 2 * p - f) // s", "(n - f) // s + 1", "(n + 2 * p - f) * s + 1", "(n + 2 * p + f) // s + 1",
        "n + 2 * p - f + 1", "(n + 2 * p - f) / s + 1", "3",
    ]

    /// What the grader says, without the time it took.
    static func said(_ grader: Grader, _ answer: String) -> Verdict {
        var verdict = grader.grade(answer, for: exercise)
        verdict.durationMilliseconds = 0
        return verdict
    }

    @Test func answerGradedBeforeTheBackgroundFinishesGetsTheSameVerdict() {
        // Held until the grading thread waits for it: the first answer is graded while the
        // computation it needs has not finished.
        let hold = DispatchSemaphore(value: 0)
        let waiting = Grader()
        waiting.beforeBackgroundComputation = { hold.wait() }
        var waited = 0
        waiting.whileWaitingForBackground = {
            waited += 1
            hold.signal()
        }
        waiting.prepareMutantsInBackground(for: Self.exercise)
        #expect(!waiting.mutantsReady(for: Self.exercise))
        let before = Self.wrongAnswers.map { Self.said(waiting, $0) }
        #expect(waited == 1)

        // The same answers once the background computation has ended.
        let reading = Grader()
        reading.prepareMutantsInBackground(for: Self.exercise)
        #expect(reading.waitForMutants(of: Self.exercise) { false })
        #expect(reading.mutantsReady(for: Self.exercise))
        let after = Self.wrongAnswers.map { Self.said(reading, $0) }

        // And with nothing computed ahead, as `grade` and `check` do.
        let plain = Grader()
        let alone = Self.wrongAnswers.map { Self.said(plain, $0) }

        #expect(before == after)
        #expect(after == alone)
        // The mutants do explain some of these answers, so the comparison above means something.
        #expect(after.contains { $0.findings.contains { $0.source == .mutant } })
        #expect(after.contains { $0.mistake == "stride-ignored" })
    }

    @Test func mutantsAreComputedOncePerExercise() {
        let grader = Grader()
        grader.prepareMutantsInBackground(for: Self.exercise)
        // Shown again (a language switch redraws the step): still the one computation.
        grader.prepareMutantsInBackground(for: Self.exercise)
        for answer in Self.wrongAnswers { _ = grader.grade(answer, for: Self.exercise) }
        #expect(grader.mutantsTakenFromBackground == 1)
        #expect(grader.mutantsComputedHere == 0)
        // Once taken, showing the exercise again starts nothing.
        grader.prepareMutantsInBackground(for: Self.exercise)
        #expect(grader.mutantsReady(for: Self.exercise))
        _ = grader.grade("3", for: Self.exercise)
        #expect(grader.mutantsTakenFromBackground == 1)
        #expect(grader.mutantsComputedHere == 0)

        let plain = Grader()
        for answer in Self.wrongAnswers { _ = plain.grade(answer, for: Self.exercise) }
        #expect(plain.mutantsComputedHere == 1)
        #expect(plain.mutantsTakenFromBackground == 0)
    }

    @Test func aStoppedComputationIsNeverUsed() {
        let hold = DispatchSemaphore(value: 0)
        let grader = Grader()
        grader.beforeBackgroundComputation = { hold.wait() }
        grader.prepareMutantsInBackground(for: Self.exercise)
        // The learner moves on: the computation is stopped before its first mutant.
        grader.stopPreparingMutants()
        hold.signal()
        #expect(grader.waitForMutants(of: Self.exercise) { false })
        let verdicts = Self.wrongAnswers.map { Self.said(grader, $0) }
        #expect(grader.mutantsTakenFromBackground == 0)
        #expect(grader.mutantsComputedHere == 1)
        #expect(verdicts == Self.wrongAnswers.map { Self.said(Grader(), $0) })
    }

    @Test func stoppingKeepsTheExerciseShown() {
        let other = TestExercises.make(.value, id: "other", setup: "n = 5", reference: "n * n")
        let grader = Grader()
        grader.prepareMutantsInBackground(for: Self.exercise)
        grader.prepareMutantsInBackground(for: other)
        grader.stopPreparingMutants(except: Self.exercise)
        _ = grader.grade("3", for: Self.exercise)
        _ = grader.grade("10", for: other)
        #expect(grader.mutantsTakenFromBackground == 1)
        #expect(grader.mutantsComputedHere == 1)
    }

    @Test func waitingStopsWhenAsked() {
        let hold = DispatchSemaphore(value: 0)
        let grader = Grader()
        grader.beforeBackgroundComputation = { hold.wait() }
        grader.prepareMutantsInBackground(for: Self.exercise)
        // Ctrl-C while the REPL waits: the wait ends, the computation goes on.
        #expect(!grader.waitForMutants(of: Self.exercise) { true })
        hold.signal()
        #expect(grader.waitForMutants(of: Self.exercise) { false })
        _ = grader.grade("3", for: Self.exercise)
        #expect(grader.mutantsTakenFromBackground == 1)
    }

    @Test func aChoiceStartsNothing() {
        let choice = TestExercises.make(.choice, reference: "a", choices: ["a", "b"])
        let grader = Grader()
        grader.prepareMutantsInBackground(for: choice)
        #expect(grader.waitForMutants(of: choice) { false })
        #expect(grader.grade("b", for: choice).status == .fail)
        #expect(grader.mutantsTakenFromBackground == 0)
    }
}
