import Testing
import Wording

@testable import Grading

/// Mutants of what a tensor calculation means (`MeaningGenerator`), on exercises of no course:
/// statistics over other dimensions, the normaliser's scale, a per-channel parameter on another
/// axis, a running average's weights, an upsampling's index lists — each told in the learner's
/// terms when the answer, typed any way, has the mutant's value; and not told when a different
/// mistake lands on the same value.
@Suite struct MeaningMutantTests {
    let english = Grader(options: GradingOptions(language: "en"))
    let korean = Grader(options: GradingOptions(language: "ko"))

    /// One mean per example of a `[2, 3, 2, 2]` batch (a layer norm's statistics).
    let perExample = TestExercises.make(
        .tensor,
        setup: "t = tensor([[[[1., 4.], [2., 0.]], [[3., 3.], [5., 1.]], [[0., 2.], [6., 7.]]],"
            + " [[[2., 2.], [8., 1.]], [[4., 0.], [1., 3.]], [[5., 9.], [2., 6.]]]])",
        reference: "t.mean(dim=(1, 2, 3))")

    /// A running variance updated with weight `m`.
    let running = TestExercises.make(
        .value, setup: "old = 1.5\nnew = 4.25\nm = 0.2", reference: "(1 - m) * old + m * new")

    /// A per-channel bias added to a `[1, 3, 3, 3]` map.
    let bias = TestExercises.make(
        .tensor, setup: "f = torch.arange(27.).reshape(1, 3, 3, 3)\nb = tensor([1., -2., 5.])",
        reference: "f + b[:, None, None]")

    /// Nearest-neighbour upsampling by 3 with index lists.
    let upsample = TestExercises.make(
        .tensor, setup: "z = tensor([[1., 2.], [3., 5.]])",
        reference: "z[[0, 0, 0, 1, 1, 1]][:, [0, 0, 0, 1, 1, 1]]")

    /// A vector standardised with its biased standard deviation.
    let standardise = TestExercises.make(
        .tensor, setup: "v = tensor([2., 4., 4., 4., 5., 5., 7., 9.])",
        reference: "(v - v.mean()) / v.std(unbiased=False)")

    /// A scale and shift on a `[1, 2, 2, 3]` map.
    let affine = TestExercises.make(
        .tensor,
        setup: "h = tensor([[[[1., -1., 2.], [0., 3., -2.]], [[2., 2., -1.], [1., 0., 4.]]]])\n"
            + "s = tensor([2., 3.])\nt = tensor([-1., 0.5])",
        reference: "s.view(1, 2, 1, 1) * h + t.view(1, 2, 1, 1)")

    /// A softmax over the classes of a `[2, 3]` batch of logits.
    let softmax = TestExercises.make(
        .tensor, setup: "z = tensor([[1., 2., 0.5], [0., -1., 3.]])", reference: "F.softmax(z, dim=1)")

    /// Channel means subtracted from a `[2, 3, 2, 3]` batch (the width equals the channels).
    let centred = TestExercises.make(
        .tensor, setup: "f = torch.arange(36.).reshape(2, 3, 2, 3) ** 1.5",
        reference: "f - f.mean(dim=(0, 2, 3), keepdim=True)")

    /// Nearest upsampling by 2 written as a call.
    let interpolated = TestExercises.make(
        .tensor, setup: "m = tensor([[[[1., 2.], [3., 5.]]]])", reference: "F.interpolate(m, scale_factor=2)")

    /// Batch normalisation written as a call, and a min-max scaling of a softmax's exponentials.
    let normalised = TestExercises.make(
        .tensor, setup: "g = torch.arange(24.).reshape(2, 3, 2, 2) ** 1.3",
        reference: "F.batch_norm(g, None, None, training=True)")
    let scaled = TestExercises.make(
        .tensor, setup: "r = tensor([[1., 4., 2.], [3., 0., 5.]])",
        reference: "(r.exp() - r.exp().min()) / (r.exp().max() - r.exp().min())")

    @Test func aStatisticOverOtherDimensionsIsToldWhatItKeeps() {
        // Typed as two means in a row: over the examples and channels, one per row and column.
        let verdict = english.grade("t.mean(0).mean(0)", for: perExample)
        #expect(verdict.mutantIDs == ["reduced-over-other-dimensions"])
        #expect(verdict.message.contains("`dim=(0, 1)` (one per row and column)"), "\(verdict.message)")
        #expect(verdict.message.contains("`dim=(1, 2, 3)` (one per example)"), "\(verdict.message)")
        // One per channel, typed through a permutation.
        let channels = english.grade("t.transpose(0, 1).flatten(1).mean(1)", for: perExample)
        #expect(channels.mutantIDs == ["reduced-over-other-dimensions"], "\(channels.message)")
        #expect(channels.message.contains("one per channel"))
        // Kept dimensions of size 1 (`keepdim=True`) do not hide the statistic.
        let kept = english.grade("t.mean(dim=(0, 2, 3), keepdim=True)", for: perExample)
        #expect(kept.mutantIDs == ["reduced-over-other-dimensions"], "\(kept.message)")
        #expect(kept.message.contains("one per channel"))
        let ko = korean.grade("t.mean(0).mean(0)", for: perExample)
        #expect(ko.message.contains("행과 열마다 하나"), "\(ko.message)")
    }

    @Test func theNormalisersScaleIsTold() {
        let unbiased = english.grade(
            "(v - v.mean()) / torch.sqrt(((v - v.mean()) ** 2).sum() / 7)", for: standardise)
        #expect(unbiased.mutantIDs == ["variance-correction"], "\(unbiased.message)")
        #expect(unbiased.message.contains("n − 1 = 7") && unbiased.message.contains("n = 8"))
        let variance = english.grade("(v - v.mean()) / ((v - v.mean()) ** 2).mean()", for: standardise)
        #expect(variance.mutantIDs == ["variance-for-deviation"], "\(variance.message)")
        let range = english.grade("(v - v.mean()) / (v.max() - v.min())", for: standardise)
        #expect(range.mutantIDs == ["range-for-deviation"], "\(range.message)")
    }

    @Test func aParameterOnAnotherAxisIsToldWhichAxes() {
        let verdict = english.grade("f + b", for: bias)
        #expect(verdict.mutantIDs == ["parameter-on-other-axis"], "\(verdict.message)")
        #expect(verdict.message.contains("the columns (dimension 3)"))
        #expect(verdict.message.contains("the channels (dimension 1)"))
        let rows = english.grade("f + b.reshape(3, 1)", for: bias)
        #expect(rows.message.contains("the rows (dimension 2)"), "\(rows.message)")
    }

    @Test func scaleAndShiftInTheOtherOrderSwappedOrUndone() {
        let order = english.grade("(h + t[:, None, None]) * s[:, None, None]", for: affine)
        #expect(order.mutantIDs == ["shift-before-scale"], "\(order.message)")
        let swapped = english.grade("t[:, None, None] * h + s[:, None, None]", for: affine)
        #expect(swapped.mutantIDs == ["parameters-swapped"], "\(swapped.message)")
        let undone = english.grade("(h - t[:, None, None]) / s[:, None, None]", for: affine)
        #expect(undone.mutantIDs == ["transform-undone"], "\(undone.message)")
    }

    @Test func aRunningAveragesWeightsAreTold() {
        let whole = english.grade("m * new + old", for: running)
        #expect(whole.mutantIDs == ["old-weight-dropped"], "\(whole.message)")
        let plain = english.grade("(old + new) * 0.5", for: running)
        #expect(plain.message.contains("a plain average of `old` and `new`"), "\(plain.message)")
        #expect(plain.mutantIDs == ["unweighted-average"], "\(plain.message)")
    }

    @Test func anIndexListTiledOrOneAxisOnly() {
        let tiled = english.grade("z.repeat(3, 1)[:, [0, 0, 0, 1, 1, 1]]", for: upsample)
        #expect(tiled.mutantIDs == ["indices-tiled"], "\(tiled.message)")
        #expect(tiled.message.contains("the rows (dimension 0)"))
        let columns = english.grade("z.repeat_interleave(3, dim=1)", for: upsample)
        #expect(columns.mutantIDs == ["one-axis-repeated"], "\(columns.message)")
        #expect(columns.message.contains("only the columns (dimension 1) repeated"))
    }

    @Test func anOperationAlongAnotherDimension() {
        let verdict = english.grade("z.exp() / z.exp().sum(0)", for: softmax)
        #expect(verdict.mutantIDs == ["taken-along-other-dimension"], "\(verdict.message)")
        #expect(verdict.message.contains("along the rows (dimension 0)"))
    }

    @Test func keepdimLeftOutLinesUpWithTheLastAxis() {
        let verdict = english.grade("f - f.mean((0, 2, 3))", for: centred)
        #expect(verdict.mutantIDs == ["keepdim-dropped"], "\(verdict.message)")
        #expect(verdict.message.contains("the columns (dimension 3)"))
    }

    @Test func anUpsamplingCallTiledOrOneAxis() {
        let tiled = english.grade("m.repeat(1, 1, 2, 2)", for: interpolated)
        #expect(tiled.mutantIDs == ["indices-tiled"], "\(tiled.message)")
        let rows = english.grade("m.repeat_interleave(2, dim=2)", for: interpolated)
        #expect(rows.mutantIDs == ["one-axis-repeated"], "\(rows.message)")
    }

    @Test func aNormalisationCallMeansItsFormula() {
        let instance = english.grade(
            "(g - g.mean(dim=(2, 3), keepdim=True)) / g.std(dim=(2, 3), unbiased=False, keepdim=True)",
            for: normalised)
        #expect(instance.mutantIDs == ["reduced-over-other-dimensions"], "\(instance.message)")
        #expect(instance.message.contains("one per example and channel"))
        let rows = english.grade(
            "(r.exp() - r.exp().amin(dim=1, keepdim=True)) / (r.exp().amax(dim=1, keepdim=True) - r.exp().amin(dim=1, keepdim=True))",
            for: scaled)
        #expect(rows.mutantIDs == ["reduced-over-other-dimensions"], "\(rows.message)")
        #expect(rows.message.contains("one per row"))
    }

    /// Another mistake with the same value is not told this story: a number added by hand that
    /// equals the old value without its weight at these numbers only.
    @Test func aCoincidenceIsNotTold() {
        // (1 - m) * old + m * new = 2.05; old + m * new = 2.35 = old + 0.85.
        let verdict = english.grade("old + 0.85", for: running)
        #expect(!verdict.mutantIDs.contains("old-weight-dropped"), "\(verdict.message)")
        // A batch of one: the batch index dropped is a shape slip, not a mean over the batch.
        let one = TestExercises.make(
            .tensor,
            setup: "v = tensor([[[[1., 3.], [5., 7.]], [[0., -2.], [2., 4.]], [[6., 6.], [6., 2.]]]])",
            reference: "v.mean(dim=(2, 3))")
        let dropped = english.grade("v.mean(dim=(2, 3))[0]", for: one)
        #expect(!dropped.mutantIDs.contains("reduced-over-other-dimensions"), "\(dropped.message)")
    }

    @Test func koreanSaysItWithoutEnglish() {
        let verdict = korean.grade("f + b", for: bias)
        #expect(verdict.message.contains("열 축(3번 차원)"), "\(verdict.message)")
        #expect(!verdict.message.contains("dimension"))
    }
}
