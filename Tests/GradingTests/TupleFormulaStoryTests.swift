import Testing
import Wording

@testable import Course
@testable import Grading

/// Tuples of formulas read entry by entry (`TupleFormulas`), on exercises of no course: a
/// position or a shape that is the reference's with one change in an entry, the same change in
/// each entry, or two names swapped across the entries is told that change; an entry that no
/// change is, a number typed alone or another quantity's name tells nothing.
@Suite struct TupleFormulaStoryTests: StorySuite {
    let grader = Grader(options: GradingOptions(language: "en"))
    let korean = Grader(options: GradingOptions(language: "ko"))

    /// Where a crop's corner lands after a shift of (dy, dx) seen through a stride s: (7, 14).
    let corner = TestExercises.make(
        .value, setup: "y0 = 4\nx0 = 9\ndy = 6\ndx = 10\ns = 2", reference: "(y0 + dy // s, x0 + dx // s)",
        alternatives: ["(7, 14)"])

    /// A banded matrix's shape: one row per output of a valid 1-d convolution, one column per
    /// input (9, 12).
    let banded = TestExercises.make(.value, setup: "n = 12\nm = 4", reference: "(n - m + 1, n)")

    @Test func theSameChangeInEachEntryIsToldOnce() {
        // y0 + dy * s and x0 + dx * s: `//` written `*` in both coordinates.
        let multiplied = grader.grade("(y0 + dy * s, x0 + dx * s)", for: corner)
        #expect(multiplied.mutantIDs == ["multiply-for-divide"], "\(multiplied.message)")
        #expect(multiplied.message.contains("in each of its entries"), "\(multiplied.message)")
        // y0 − dy // s and x0 − dx // s: moved the other way in both.
        let opposite = grader.grade("(y0 - dy // s, x0 - dx // s)", for: corner)
        #expect(opposite.mutantIDs == ["minus-for-plus"], "\(opposite.message)")
        // A `+ 1` on both coordinates.
        let plusOne = grader.grade("(y0 + dy // s + 1, x0 + dx // s + 1)", for: corner)
        #expect(plusOne.mutantIDs == ["plus-one-added"], "\(plusOne.message)")
    }

    @Test func oneChangedEntryIsToldByItsPlace() {
        // The first coordinate left where it was; the second moved as it should be.
        let kept = grader.grade("(y0, x0 + dx // s)", for: corner)
        #expect(kept.mutantIDs == ["term-dropped"], "\(kept.message)")
        #expect(kept.message.contains("first entry"), "\(kept.message)")
        // n + m − 1 rows: the kernel's part added where it is subtracted (a full convolution's).
        let full = grader.grade("(n + m - 1, n)", for: banded)
        #expect(full.mutantIDs == ["group-added-for-subtracted"], "\(full.message)")
    }

    @Test func namesSwappedAcrossEntries() {
        // dy and dx exchanged: each coordinate moved by the other's shift.
        let swapped = grader.grade("(y0 + dx // s, x0 + dy // s)", for: corner)
        #expect(swapped.mutantIDs == ["names-swapped"], "\(swapped.message)")
        #expect(swapped.message.contains("`dx` and `dy` swapped"), "\(swapped.message)")
    }

    @Test func aSwapIsToldAsWritten() {
        // A matrix of outputs × inputs: ((rows − a + 1) · (cols − b + 1), rows · cols). The answer
        // swaps a and b; rows and cols swapped come to the same values, but were not typed.
        let matrix = TestExercises.make(
            .value, setup: "rows = 5\ncols = 7\na = 3\nb = 2",
            reference: "((rows - a + 1) * (cols - b + 1), rows * cols)")
        let verdict = grader.grade("((rows - b + 1) * (cols - a + 1), rows * cols)", for: matrix)
        #expect(verdict.mutantIDs == ["names-swapped"], "\(verdict.message)")
        #expect(verdict.message.contains("`a` and `b` swapped"), "\(verdict.message)")
    }

    @Test func mustNotTellWhatNoChangeIs() {
        // Twice the column: no change of x0 + dx // s is 2 * x0, so the tuple gets no entry story.
        #expect(grader.grade("(y0 + dy // s, 2 * x0)", for: corner).mutantIDs.isEmpty)
        // Another quantity's name in the second entry (y0 where dx belongs): not a change of that
        // entry's own formula; what was written says it.
        #expect(grader.grade("(y0 + dy // s, x0 + y0 // s)", for: corner).mutantIDs == ["written-difference"])
        // Numbers typed alone: right or wrong only at this setup, no formula to read.
        #expect(grader.grade("(7, 15)", for: corner).mutantIDs.isEmpty)
        // Entries in another order: no single name swapped gives it, and no entry is a change.
        #expect(grader.grade("(n, n - m + 1)", for: banded).mutantIDs.isEmpty)
        // Fewer entries than the reference has: not read entry by entry.
        #expect(grader.grade("(n - m + 1,)", for: banded).mutantIDs.isEmpty)
    }

    @Test func rightPhrasingsPass() {
        for answer in ["(y0 + dy // 2, x0 + dx // 2)", "(y0 + int(dy / s), x0 + dx // s)", "(7, 14)"] {
            let verdict = grader.grade(answer, for: corner)
            #expect(verdict.status == .pass, "\(answer): \(verdict.message)")
        }
        #expect(grader.grade("(12 - 4 + 1, 12)", for: banded).status == .pass)
    }

    @Test func koreanSaysTheSameEntries() {
        let each = korean.grade("(y0 - dy // s, x0 - dx // s)", for: corner)
        #expect(each.mutantIDs == ["minus-for-plus"], "\(each.message)")
        #expect(each.message.contains("각 항목마다"), "\(each.message)")
        let one = korean.grade("(y0, x0 + dx // s)", for: corner)
        #expect(one.message.contains("첫 번째 항목에서"), "\(one.message)")
    }
}
