import Testing

@testable import Course
@testable import Grading

/// Optimiser steps and learning-rate schedules: a course's named mistake told of its own formula
/// typed otherwise (multiplied out, a name typed as its number), and a complement of a number that
/// is one half at the setup's numbers never passing as the number itself.
@Suite struct OptimiserStoryTests: StorySuite {
    let grader = Grader()

    // MARK: Named mistakes typed otherwise

    /// A step with weight decay, in names no course uses; the mistake is the decay's sign.
    let decayed = TestExercises.make(
        .tensor, setup: "w = tensor([1.0, -2.0, 0.5])\ndw = tensor([0.3, 0.1, -0.2])\nlr = 0.1\nwd = 0.2",
        reference: "w - lr * (dw + wd * w)",
        mistakes: [
            (
                id: "decay-sign", when: "allclose(answer, w - lr * (dw - wd * w))",
                message: "The decay pushes the weights away from zero."
            )
        ])

    /// A velocity update; the mistake is the moving average's (1 − beta) on the new gradient.
    let velocity = TestExercises.make(
        .value, setup: "m = 0.4\ng = 2.0\nbeta = 0.8", reference: "beta * m + g",
        mistakes: [
            (
                id: "damped", when: "abs(answer - (beta * m + (1 - beta) * g)) < 1e-9",
                message: "That is a moving average."
            )
        ])

    @Test func aNamedMistakeMultipliedOutIsThatMistake() {
        #expect(story("w - lr * (dw - wd * w)", decayed) == "decay-sign")
        // Multiplied out, in another order: the same formula, so the same mistake.
        #expect(story("w - lr * dw + lr * wd * w", decayed) == "decay-sign")
        #expect(story("w + lr * wd * w - lr * dw", decayed) == "decay-sign")
    }

    @Test func aNamedMistakeWithANameTypedAsItsNumberIsThatMistake() {
        // `0.2` is `1 - beta` worked out: the answer is the mistake's formula in m and g.
        #expect(story("0.2 * g + 0.8 * m", velocity) == "damped")
        #expect(story("m * beta + g * (1 - beta)", velocity) == "damped")
        #expect(story("w - 0.1 * dw + 0.02 * w", decayed) == "decay-sign")
    }

    @Test func anotherFormulaWithTheMistakesValueIsNotThatMistake() {
        // beta / 4 is 1 − beta only where beta is 0.8: another formula, typed with no complement.
        #expect(story("beta * m + g * beta / 4", velocity) != "damped")
        // A warm-up rate counted down (1 − 3/5) has the value of one counted from zero (2/5).
        let warmup = TestExercises.make(
            .value, setup: "peak = 0.4\nsteps = 5\ni = 2", reference: "peak * (i + 1) / steps",
            mistakes: [
                (
                    id: "from-zero", when: "abs(answer - peak * i / steps) < 1e-9",
                    message: "The first step gets 0."
                )
            ])
        #expect(story("peak * i / steps", warmup) == "from-zero")
        #expect(story("peak * (1 - (i + 1) / steps)", warmup) != "from-zero")
    }

    @Test func theValueTestsReadAnAbsoluteDifferenceToo() {
        #expect(PreparedExercise.isValueTest("abs(answer - base * i / n) < 1e-9"))
        #expect(PreparedExercise.isValueTest("abs(base * i / n - answer) <= 1e-6"))
        #expect(!PreparedExercise.isValueTest("abs(answer - answer.mean()) < 1e-9"))
        #expect(!PreparedExercise.isValueTest("abs(answer) < 1e-9"))
    }

    // MARK: A complement at one half

    @Test func aComplementAtOneHalfDoesNotPass() {
        let decay = TestExercises.make(
            .value, setup: "lr0 = 0.2\nfactor = 0.5\nk = 3", reference: "lr0 * factor ** k")
        #expect(story("lr0 * (1 - factor) ** k", decay) == "coincidental-formula")
        // Right phrasings pass: the names, the numbers worked out.
        for right in ["lr0 * factor * factor * factor", "lr0 * factor ** 3", "lr0 / 8", "0.2 * 0.5 ** k"] {
            #expect(grader.grade(right, for: decay).status == .pass, "\(right)")
        }
        let table = TestExercises.make(
            .tensor, setup: "lr0 = 0.2\nfactor = 0.5\nk = 2", reference: "lr0 * factor ** (arange(6) // k)")
        #expect(story("lr0 * (1 - factor) ** (arange(6) // k)", table) == "coincidental-formula")
        #expect(grader.grade("lr0 * factor ** (torch.arange(6) // k)", for: table).status == .pass)
    }

    @Test func aComplementLeftOutAtOneHalfDoesNotPass() {
        let kept = TestExercises.make(
            .tensor, setup: "p = 0.5\nx = tensor([2.0, 4.0])", reference: "x * (1 - p)")
        #expect(story("x * p", kept) == "coincidental-formula")
        // The complement written otherwise is right at every p.
        for right in ["x - x * p", "(1 - p) * x", "x * (1.0 - p)", "x / 2"] {
            #expect(grader.grade(right, for: kept).status == .pass, "\(right)")
        }
    }

    @Test func theComplementStorySaysWhereTheAnswerParts() {
        let decay = TestExercises.make(
            .value, setup: "lr0 = 0.2\nfactor = 0.5\nk = 3", reference: "lr0 * factor ** k")
        let message = grader.grade("lr0 * (1 - factor) ** k", for: decay).message
        #expect(message.contains("`1 - factor`") && message.contains("`factor` = 0.3"), "\(message)")
    }

    // MARK: What a step means

    /// A momentum step, in names no course uses.
    let momentum = TestExercises.make(
        .tensor,
        setup:
            "w = tensor([1.0, -2.0, 0.5])\ndw = tensor([0.3, 0.1, -0.2])\nvel = tensor([0.2, 0.0, -0.4])\nlr = 0.1\nbeta = 0.8",
        reference: "w - lr * (beta * vel + dw)")

    @Test func aStepsTensorsInOtherPlaces() {
        #expect(story("vel - lr * (beta * vel + dw)", momentum) == "tensor-for-tensor")
        #expect(story("w - lr * (beta * dw + vel)", momentum) == "tensors-swapped")
        #expect(story("w - lr * (beta * vel + (1 - beta) * dw)", momentum) == "complement-weighted")
        #expect(story("w - lr * (beta * vel + beta * dw)", momentum) == "factor-on-both")
        let message = grader.grade("vel - lr * (beta * vel + dw)", for: momentum).message
        #expect(message.contains("`vel` where `w` belongs"), "\(message)")
    }

    @Test func aStepStoryOnlyWhereTheAnswerWritesIt() {
        // Stepped along the old velocity: no swap with a term dropped on top of it.
        #expect(!(story("w - lr * vel", momentum) ?? "").contains("swapped"))
        // A running average's old share left out is no factor on both terms.
        let running = TestExercises.make(
            .value, setup: "old = 2.0\nnew = 6.0\nm = 0.1", reference: "old + m * (new - old)")
        #expect(story("m * new", running) != "factor-on-both")
        // Products typed out by hand read no tensor: none is written for another.
        let patch = TestExercises.make(
            .value, setup: "p = tensor([[1., 2.], [0., 3.]])\nk = tensor([[2., -1.], [1., 1.]])",
            reference: "(p * k).sum()")
        #expect(story("2*2 + -1*-1 + 1*1 + 1*1", patch) != "tensor-for-tensor")
    }

    @Test func aDecayTermInThePenaltysForm() {
        #expect(story("w - lr * (dw + wd * w ** 2)", decayed) == "decay-squared")
        #expect(story("w - lr * dw - lr * wd / 2 * w", decayed) == "decay-halved")
        #expect(story("w - lr * (dw + 2 * wd * w)", decayed) == "decay-doubled")
        #expect(story("w - lr * (dw + wd * dw)", decayed) == "tensor-for-tensor")
    }

    @Test func aWeightStoryNeedsTheAnswersFormula() {
        // 0.875 is beta * m + (1 - beta) * g here, and m + beta / 2 too: another formula.
        let average = TestExercises.make(
            .value, setup: "m = 0.5\ng = 2.0\nbeta = 0.75", reference: "beta * m + g")
        #expect(story("beta * m + (1 - beta) * g", average) == "complement-weighted")
        #expect(story("m + beta / 2", average) != "complement-weighted")
    }

    // MARK: Schedules

    let schedule = TestExercises.make(
        .value, setup: "lr0 = 0.3\nfactor = 0.2\nepoch = 17\nstep = 5",
        reference: "lr0 * factor ** (epoch // step)")

    @Test func aScheduleReadOtherwise() {
        #expect(story("lr0 * factor ** (epoch % step)", schedule) == "remainder-for-floor")
        #expect(story("lr0 / factor ** (epoch // step)", schedule) == "power-divided")
        #expect(story("lr0 - factor * (epoch // step)", schedule) == "power-subtracted")
        #expect(story("lr0 - lr0 * factor * (epoch // step)", schedule) == "power-subtracted")
        #expect(story("lr0 * factor ** epoch", schedule) == "decay-every-step")
        #expect(story("lr0 * factor ** math.ceil(epoch / step)", schedule) == "count-rounded-up")
    }

    @Test func aScheduleRightOnlyAtTheseWholeNumbersDoesNotPass() {
        // 12 // 6 is 12 // 5, and 12 % 5 is 12 // 5 too: only at epoch 12.
        let here = TestExercises.make(
            .value, setup: "lr0 = 0.3\nfactor = 0.2\nepoch = 12\nstep = 5",
            reference: "lr0 * factor ** (epoch // step)")
        #expect(story("lr0 * factor ** (epoch // (step + 1))", here) == "coincidental-formula")
        #expect(story("lr0 * factor ** (epoch % step)", here) == "coincidental-formula")
        #expect(story("lr0 * factor ** ((epoch + 1) // step)", here) == "coincidental-formula")
        for right in [
            "lr0 * factor ** int(epoch / step)", "lr0 * factor ** 2", "lr0 * factor * factor",
            "lr0 * factor ** math.floor(epoch / step)", "lr0 * factor ** ((epoch - epoch % step) // step)",
        ] {
            #expect(grader.grade(right, for: here).status == .pass, "\(right)")
        }
    }
}
