import Testing
import Wording

@testable import Grading

/// Tensors indexed or shaped otherwise (`MeaningGenerator+Slices`, `+Unfold`, `+HandSums`, the
/// random-mask story), on exercises of no course: each told in the learner's terms when the
/// answer has the mutant's value, and not told when the typing shows another slip with that value.
@Suite struct SliceMeaningTests {
    let english = Grader(options: GradingOptions(language: "en"))
    let korean = Grader(options: GradingOptions(language: "ko"))

    /// A 2 × 2 crop of a `[3, 5, 5]` volume at row `r`, column `c`.
    let crop = TestExercises.make(
        .tensor, setup: "v = torch.arange(75.).reshape(3, 5, 5)\nr = 2\nc = 1\nn = 2",
        reference: "v[:, r:r + n, c:c + n]")

    /// A row shifted one place to the right, zeros coming in.
    let shift = TestExercises.make(
        .tensor, setup: "row = tensor([[4., 7., 1., 9., 3.]])", reference: "F.pad(row, (1, 0))[:, :-1]")

    /// A 2 × 3 map shifted one column to the right.
    let shiftMap = TestExercises.make(
        .tensor, setup: "g = tensor([[1., 2., 3.], [4., 5., 6.]])", reference: "F.pad(g, (1, 0))[:, :-1]")

    /// Activations masked by a given 0/1 mask and rescaled.
    let masked = TestExercises.make(
        .tensor, setup: "a = tensor([[2., 4., 6.], [1., 3., 5.]])\nm = tensor([[0., 1., 1.], [1., 1., 0.]])",
        reference: "a * m * 2")

    /// F.unfold's shape on a `[4, 2, 7, 5]` input with a 3 × 3 window.
    let unfolded = TestExercises.make(
        .value, setup: "z = zeros(4, 2, 7, 5)", reference: "F.unfold(z, kernel_size=3).shape")

    /// A window's response: two products are worth 2.
    let response = TestExercises.make(
        .value, setup: "q = tensor([[2., 1.], [3., 4.]])\nw = tensor([[1., 2.], [1., -1.]])",
        reference: "(q * w).sum()")

    /// A window's response with a product worth 0.
    let zeroed = TestExercises.make(
        .value, setup: "q = tensor([[2., 5.], [0., 1.]])\nw = tensor([[2., -1.], [4., 3.]])",
        reference: "(q * w).sum()")

    /// A centred crop's offset.
    let offset = TestExercises.make(.value, setup: "L = 16\nm = 5", reference: "(L - m) // 2")

    /// A 2 × 3 window of a 4 × 5 image.
    let window = TestExercises.make(
        .tensor, setup: "im = torch.arange(20.).reshape(4, 5)", reference: "im[0:2, 0:3]")

    @Test func slicesOnOtherDimensionsAreToldWhereTheyCut() {
        let front = english.grade("v[r:r + n, c:c + n, :]", for: crop)
        #expect(front.mutantIDs == ["sliced-other-dimensions"], "\(front.message)")
        #expect(front.message.contains("dimension 0"), "\(front.message)")
        let chained = english.grade("v[:, r:r + n, :][:, c:c + n]", for: crop)
        #expect(chained.mutantIDs == ["chained-slice"], "\(chained.message)")
        let origin = english.grade("v[:, 0:n, 0:n]", for: crop)
        #expect(origin.mutantIDs == ["slice-from-origin"], "\(origin.message)")
        #expect(origin.message.contains("`r` = 2"), "\(origin.message)")
        let ko = korean.grade("v[:, 0:n, 0:n]", for: crop)
        #expect(ko.message.contains("0부터 시작하면"), "\(ko.message)")
    }

    @Test func aSliceStoryNeedsTheSliceTyped() {
        // The rows 3:4 typed at once: the value of a second subscript on the rows, not that slip.
        let direct = english.grade("v[:, 3:4]", for: crop)
        #expect(!direct.mutantIDs.contains("chained-slice"), "\(direct.message)")
        // The row unshifted has the value of the other end dropped, but drops nothing.
        let unshifted = english.grade("row.clone()", for: shift)
        #expect(!unshifted.mutantIDs.contains("other-end-dropped"), "\(unshifted.message)")
        // Padded and cut on both sides: `1:-1` holds `1:` but drops the last too.
        let both = english.grade("F.pad(row, (1, 1))[:, 1:-1]", for: shift)
        #expect(!both.mutantIDs.contains("other-end-dropped"), "\(both.message)")
        let dropped = english.grade("F.pad(row, (1, 0))[:, 1:]", for: shift)
        #expect(dropped.mutantIDs == ["other-end-dropped"], "\(dropped.message)")
        let left = english.grade("F.pad(g, (0, 1))[:, 1:]", for: shiftMap)
        #expect(left.mutantIDs == ["shift-reversed"], "\(left.message)")
        let down = english.grade("F.pad(g, (0, 0, 1, 0))[:-1]", for: shiftMap)
        #expect(down.mutantIDs == ["shift-moved"], "\(down.message)")
        #expect(down.message.contains("along the rows (dimension 0)"), "\(down.message)")
    }

    @Test func aDropoutOfItsOwnWhereTheStepsMaskIsGiven() {
        let random = english.grade("F.dropout(a, 0.5)", for: masked)
        #expect(random.mutantIDs == ["random-mask"], "\(random.message)")
        #expect(random.message.contains("`m`"), "\(random.message)")
        let ko = korean.grade("F.dropout(a, 0.5)", for: masked)
        #expect(ko.message.contains("무작위"), "\(ko.message)")
        // Dropout switched off draws nothing: no random mask is told.
        let off = english.grade("F.dropout(a, 0.5, training=False)", for: masked)
        #expect(!off.mutantIDs.contains("random-mask"), "\(off.message)")
    }

    @Test func unfoldShapesAreToldWhatEachDimensionCounts() {
        // [4, 18, 15]: C · K · K = 18, L = 5 · 3 = 15.
        let pixels = english.grade("(4, 18, 7 * 5)", for: unfolded)
        #expect(pixels.mutantIDs == ["unfold-positions"], "\(pixels.message)")
        #expect(pixels.message.contains("every pixel"), "\(pixels.message)")
        let apart = english.grade("(4, 2, 9, 15)", for: unfolded)
        #expect(apart.mutantIDs == ["unfold-layout"], "\(apart.message)")
        let one = english.grade("(4, 9, 15)", for: unfolded)
        #expect(one.mutantIDs == ["unfold-layout"], "\(one.message)")
        let windows = english.grade("(4, 2, 5, 3, 3, 3)", for: unfolded)
        #expect(windows.mutantIDs == ["unfold-layout"], "\(windows.message)")
        let plusOne = english.grade("(4, 18, 4 * 2)", for: unfolded)
        #expect(plusOne.mutantIDs == ["unfold-positions"], "\(plusOne.message)")
        // The padding typed: L = 35 comes from `padding=1`, not from counting every pixel.
        let padded = english.grade("F.unfold(z, 3, padding=1).shape", for: unfolded)
        #expect(!padded.mutantIDs.contains("unfold-positions"), "\(padded.message)")
    }

    @Test func aHandSumWithAProductLeftOutSaysWhichProduct() {
        // Two products are worth 2; the answer keeps q[0, 0] · w[0, 0], so it left out the other.
        let sum = english.grade("q[0, 0] * w[0, 0] + q[1, 0] * w[1, 0] + q[1, 1] * w[1, 1]", for: response)
        #expect(sum.mutantIDs == ["part-left-out"], "\(sum.message)")
        #expect(sum.message.contains("`q[0, 1]` · `w[0, 1]` = 2"), "\(sum.message)")
        // q[0, 0] subtracted (not its product): the same value, another slip.
        let other = english.grade("(q * w).sum() - q[0, 0]", for: response)
        #expect(!other.mutantIDs.contains("part-left-out"), "\(other.message)")
        // The product worth 0 left out too (it is 0 on this data only): the one worth 4 is named,
        // not the column that holds both.
        let zero = english.grade("q[0, 1] * w[0, 1] + q[1, 1] * w[1, 1]", for: zeroed)
        #expect(zero.mutantIDs == ["part-left-out"], "\(zero.message)")
        #expect(zero.message.contains("`q[0, 0]` · `w[0, 0]` = 4"), "\(zero.message)")
        let ko = korean.grade("q[0, 1] * w[0, 1] + q[1, 1] * w[1, 1]", for: zeroed)
        #expect(ko.message.contains("곱 4개의 합에서"), "\(ko.message)")
        let reading = english.grade("im.flatten()[:6].reshape(2, 3)", for: window)
        #expect(reading.mutantIDs == ["reading-order"], "\(reading.message)")
    }

    @Test func aFloorTakenApartIsToldOnlyOfThatFormula() {
        let apart = english.grade("L // 2 - m // 2", for: offset)
        #expect(apart.mutantIDs == ["floor-taken-apart"], "\(apart.message)")
        // The same 6 from a + 1 added before halving: another formula, not told so.
        let plusOne = english.grade("(L - m + 1) // 2", for: offset)
        #expect(!plusOne.mutantIDs.contains("floor-taken-apart"), "\(plusOne.message)")
    }
}
