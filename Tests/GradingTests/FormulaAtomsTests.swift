import Testing
import Wording

@testable import Course
@testable import Grading

/// Formulas over a tensor's entries and calls (`Formula+Atoms`): each entry or call is one
/// quantity, named by its text and valued in the setup, so the formula catalogue tells where such
/// a formula is written otherwise; and the smaller of two values for the larger
/// (`MutantGenerator+Extrema`). Each story is refused where another atom, or another mistake,
/// merely has the same value.
@Suite struct FormulaAtomsTests: StorySuite {
    let grader = Grader()

    /// A rectangle `(left, top, right, bottom)`: 4 wide, 2 high, area 8.
    let rectangle = TestExercises.make(
        .value, setup: "r = tensor([1., 2., 5., 4.])", reference: "(r[2] - r[0]) * (r[3] - r[1])")

    @Test func atomsAreReadByTheirText() throws {
        let atoms = Formula.atomParts(of: "(r[2] - r[ 0 ]) * x.shape[1] + t.sum() - int(len(t))")
        #expect(atoms.map(\.name) == ["r[2]", "r[0]", "x.shape[1]", "t.sum()", "len(t)"])
        // A call alone is a value, not a formula over atoms.
        #expect(Formula.atomParts(of: "t.sum()").isEmpty)
        let formula = try #require(Formula.parse("(r[2] - r[ 0 ]) * 2", atoms: ["r[2]", "r[0]"]))
        #expect(formula.names == ["r[2]", "r[0]"])
        #expect(Formula.parse("(r[2] - r[1]) * 2", atoms: ["r[2]", "r[0]"]) == nil)
    }

    @Test func onlyReadsOfDataAreAnAnswersOwnAtoms() throws {
        let read = try #require(Formula.expression("cm[:, c].sum(dim=0)"))
        #expect(Formula.dataRoot(read) == "cm")
        // A layer made, or a convolution run, reads a namespace (which is no data of the setup's),
        // and a call given a calculation reads nothing.
        let layer = try #require(Formula.expression("nn.Conv2d(3, 16, 3).weight.numel()"))
        #expect(Formula.dataRoot(layer) == "nn")
        let run = try #require(Formula.expression("F.conv2d(x, w + 1).shape[2]"))
        #expect(Formula.dataRoot(run) == nil)
    }

    @Test func theWholeAreaHalvedIsAStepTooMany() {
        // `/ 2` after the whole area: the area is right, the step is one too many — not one of its
        // factors halved, which gives the same number.
        #expect(story("(r[2] - r[0]) * (r[3] - r[1]) / 2", rectangle) == "extra-operation")
    }

    @Test func aCoordinatePairedWronglyIsTold() {
        // The height taken from the left edge: 4 × (4 − 1) = 12.
        #expect(story("(r[2] - r[0]) * (r[3] - r[0])", rectangle) == "name-for-name")
        // The width taken twice: told where it is written otherwise, with both parts' values.
        let square = grader.grade("(r[2] - r[0]) * (r[2] - r[0])", for: rectangle)
        #expect(square.story == FormulaCatalogue.differenceID)
        #expect(square.message.contains("(= 4)") && square.message.contains("(= 2)"))
    }

    @Test func anotherMistakeOfTheSameValueIsNotToldAsACoordinate() {
        // 4 × 4 − 4 = 12 too, but no coordinate is paired wrongly.
        let other = grader.grade("(r[2] - r[0]) * r[3] - r[3]", for: rectangle)
        #expect(other.status == .fail)
        #expect(other.story != "name-for-name")
    }

    @Test func anotherEntryOfTheSameValueIsAnotherAtom() {
        // r[0] and r[1] are both 3: the height written with the left edge agrees only here.
        let equal = TestExercises.make(
            .value, setup: "r = tensor([3., 3., 8., 6.])", reference: "(r[2] - r[0]) * (r[3] - r[1])")
        let verdict = grader.grade("(r[2] - r[0]) * (r[3] - r[0])", for: equal)
        #expect(verdict.status == .fail, "\(verdict.message)")
        // Written as the reference is, reordered, it passes.
        #expect(grader.grade("(r[3] - r[1]) * (r[2] - r[0])", for: equal).status == .pass)
    }

    @Test func numbersReadOffATableAreNotJudgedByMovingItsParts() {
        // Class 1's recall, 4 of the 2 + 4 + 1 images of class 1: its entry lies inside the row's
        // sum, so the two are never moved apart, and the numbers typed off the table pass.
        let table = TestExercises.make(
            .value, setup: "cm = tensor([[3, 1, 0], [2, 4, 1], [0, 2, 5]])\nc = 1",
            reference: "cm[c, c] / cm[c].sum()")
        #expect(grader.grade("4 / (2 + 4 + 1)", for: table).status == .pass)
        #expect(grader.grade("cm[1, 1] / (cm[1, 0] + cm[1, 1] + cm[1, 2])", for: table).status == .pass)
        // Its row summed in another order passes too; the column's sum (the precision) fails.
        #expect(grader.grade("4 / (1 + 4 + 2)", for: table).status == .pass)
        #expect(grader.grade("4 / (3 + 4 + 2)", for: table).status == .fail)
    }

    @Test func aDivisorOnlyTheAnswerReadsIsSaid() throws {
        // Class 0's share of the column (5 of 7), divided instead by every count (15).
        let counts = TestExercises.make(
            .value, setup: "m = tensor([[5, 1], [2, 7]])", reference: "m[0, 0] / m[:, 0].sum()")
        let verdict = grader.grade("m[0, 0] / m.sum()", for: counts)
        // Read as the table's share (the calls lane's meaning: the entry over the whole table)
        // where that reading is made, else told as written otherwise, with the divisor's value.
        if verdict.story == "share-of-all" {
            #expect(verdict.message.contains("m.sum()"), "\(verdict.message)")
        } else {
            #expect(verdict.story == FormulaCatalogue.differenceID)
            #expect(verdict.message.contains("m.sum()") && verdict.message.contains("(= 15)"))
        }
        let says = try #require(verdict.findings.last?.says)
        #expect(!Language("ko").say(says).contains("calculation"))
    }

    @Test func theSmallerForTheLargerIsToldOfAnAnswerThatTakesIt() {
        // The overlap of two spans: from the larger start to the smaller end (3 − 2 = 1).
        let spans = TestExercises.make(
            .value, setup: "a = tensor([2., 6.])\nb = tensor([1., 3.])",
            reference: "torch.minimum(a[1], b[1]) - torch.maximum(a[0], b[0])")
        #expect(story("torch.minimum(a[1], b[1]) - torch.minimum(a[0], b[0])", spans) == "extremum-swapped")
        #expect(story("min(a[1], b[1]) - min(a[0], b[0])", spans) == "extremum-swapped")
        // The same value (2) typed, or reached without a minimum: no story of one.
        #expect(story("3 - 1", spans) != "extremum-swapped")
        #expect(story("b[1] - b[0]", spans) != "extremum-swapped")
    }

    @Test func aTensorFormulaWrittenOtherwiseIsSaidWithoutValues() {
        // Rows centred and scaled by per-column statistics: divided by the variance where the
        // deviation belongs.
        let scaled = TestExercises.make(
            .tensor, setup: "x = tensor([[2., 4.], [6., 8.]])\nstats = tensor([[1., 2.], [2., 4.]])",
            reference: "(x - stats[0]) / stats[1]")
        let verdict = grader.grade("(x - stats[0]) / stats[1] ** 2", for: scaled)
        // The real-valued slip (the divisor squared) tells it first since session 13; either way
        // the divisor is named as written and no value is quoted.
        #expect([FormulaCatalogue.differenceID, "divisor-squared"].contains(verdict.story ?? ""))
        #expect(
            verdict.message.contains("`stats[1]`") && !verdict.message.contains("(= "), "\(verdict.message)")
        // Two parts of one value are no difference to tell: `stats[0] * 1` is `stats[0]`.
        #expect(grader.grade("(x - stats[0] * 1) / stats[1]", for: scaled).status == .pass)
        // A calculation in names alone is the formula catalogue's, not read here.
        let named = TestExercises.make(
            .tensor, setup: "x = tensor([[2., 4.], [6., 8.]])\nsd = tensor([2., 4.])", reference: "x / sd")
        #expect(grader.grade("x / sd ** 2", for: named).story != FormulaCatalogue.differenceID)
    }
}
