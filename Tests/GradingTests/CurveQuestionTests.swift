import Testing
import Wording

@testable import Grading

/// An early-stopping question found by behaviour (`PreparedExercise+CurveQuestion`): a reference
/// written as a loop, in names of its own, is read as the epoch training stops after, and a wrong
/// answer that reads the curve and the patience is told which misreading it is — only where it
/// agrees with it on the perturbed setup too, and never for a number typed out.
@Suite struct CurveQuestionTests {
    let english = Grader(options: GradingOptions(language: "en"))
    let korean = Grader(options: GradingOptions(language: "ko"))

    /// New lows at epochs 1, 3 and 6; with a patience of 2, training stops after epoch 5.
    let stopping = TestExercises.make(
        .value,
        setup: "losses = tensor([1.00, 0.80, 0.85, 0.70, 0.72, 0.75, 0.60, 0.65, 0.66, 0.67])\nwait = 2",
        reference: """
            low = losses[0]
            since = 0
            end = len(losses) - 1
            for i in range(1, len(losses)):
                if losses[i] < low:
                    low = losses[i]
                    since = 0
                else:
                    since += 1
                if since >= wait:
                    end = i
                    break
            end
            """)

    @Test func theStopIsComputedAsEarlyStoppingDoes() {
        let curve = [1.00, 0.80, 0.85, 0.70, 0.72, 0.75, 0.60, 0.65, 0.66, 0.67]
        #expect(CurveQuestion.stop(curve, patience: 2, minimise: true) == 5)
        #expect(CurveQuestion.stop(curve, patience: 3, minimise: true) == 9)
        #expect(CurveQuestion.stop(curve, patience: 2, minimise: true, reset: false) == 4)
        #expect(CurveQuestion.kept(curve, patience: 2, minimise: true) == 3)
        #expect(CurveQuestion.stop(curve.map { -$0 }, patience: 2, minimise: false) == 5)
    }

    @Test func thePatienceCountedFromTheWholeCurvesBest() {
        let verdict = english.grade("int(losses.argmin()) + wait", for: stopping)
        #expect(verdict.mutantIDs == ["patience-from-overall-best"], "\(verdict.message)")
        #expect(verdict.message.contains("`wait` epochs counted from the epoch of the lowest value"))
        let ko = korean.grade("int(losses.argmin()) + wait", for: stopping)
        #expect(ko.mutantIDs == ["patience-from-overall-best"], "\(ko.message)")
    }

    @Test func theLastEpochAndTheKeptOne() {
        let never = english.grade("losses.shape[0] - 1", for: stopping)
        #expect(never.mutantIDs == ["never-stopped"], "\(never.message)")
        let kept = english.grade("int(losses[:6].argmin())", for: stopping)
        #expect(kept.mutantIDs == ["kept-for-stop"], "\(kept.message)")
    }

    @Test func aCounterNeverStartedAgain() {
        let verdict = english.grade(
            """
            low = losses[0]
            bad = 0
            for i in range(1, 10):
                if losses[i] < low:
                    low = losses[i]
                else:
                    bad = bad + 1
                if bad == wait:
                    break
            i
            """, for: stopping)
        #expect(verdict.mutantIDs == ["bad-count-not-reset"], "\(verdict.message)")
    }

    @Test func notToldOfANumberOrOfAnAnswerThatLeavesOutThePatience() {
        // 8 typed, or the patience typed as its number: the story needs what it is about.
        #expect(!english.grade("8", for: stopping).mutantIDs.contains("patience-from-overall-best"))
        #expect(
            !english.grade("int(losses.argmin()) + 2", for: stopping).mutantIDs.contains(
                "patience-from-overall-best"))
        // Another reference on the same curve is no early-stopping question.
        let best = TestExercises.make(
            .value,
            setup: "losses = tensor([1.00, 0.80, 0.85, 0.70, 0.72, 0.75, 0.60, 0.65, 0.66, 0.67])\nwait = 2",
            reference: "int(losses.argmin())")
        #expect(english.grade("len(losses) - 1", for: best).mutantIDs != ["never-stopped"])
    }
}
