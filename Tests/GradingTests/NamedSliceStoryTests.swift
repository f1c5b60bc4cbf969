import Testing
import Wording

@testable import Course
@testable import Grading

/// Slices bounded by names and the parts a step assigns to (`MutantGenerator+NamedSlices`), on
/// exercises of no course: an end one too far, every bound counted from 1, a slice taken whole —
/// each told of an answer that writes it; a number typed where a name belongs is not a slice moved.
@Suite struct NamedSliceStoryTests: StorySuite {
    let grader = Grader(options: GradingOptions(language: "en"))

    /// A 2 × 2 square of a 5 × 6 map zeroed at row r, column c, built in steps.
    let zeroed = TestExercises.make(
        .tensor, setup: "g = torch.arange(30.).reshape(5, 6)\nr = 1\nc = 2\nh = 2",
        reference: "out = g.clone(); out[r:r + h, c:c + h] = 0; out")

    /// The sum of n entries of a row from a.
    let run = TestExercises.make(
        .value, setup: "v = torch.arange(20.) ** 2\na = 3\nn = 4", reference: "v[a:a + n].sum()")

    @Test func theAssignedPartIsReadAsAnIndex() {
        let inclusive = grader.grade("out = g.clone(); out[r:r + h + 1, c:c + h + 1] = 0; out", for: zeroed)
        #expect(inclusive.mutantIDs == ["slice-end-plus-one"], "\(inclusive.message)")
        let shifted = grader.grade(
            "out = g.clone(); out[r - 1:r + h - 1, c - 1:c + h - 1] = 0; out", for: zeroed)
        #expect(shifted.mutantIDs == ["slice-one-based"], "\(shifted.message)")
        let rows = grader.grade("out = g.clone(); out[r:r + h, :] = 0; out", for: zeroed)
        #expect(rows.mutantIDs == ["slice-whole"], "\(rows.message)")
    }

    @Test func aSliceInNamesOneTooFar() {
        #expect(story("v[a:a + n + 1].sum()", run) == "slice-end-plus-one")
    }

    @Test func mustNotTellANumberTypedForAName() {
        // `r + 1` where h = 2: the square one row short, by a number typed for h, not a slice's
        // end moved by one.
        let typed = grader.grade("out = g.clone(); out[r:r + 1, c:c + h] = 0; out", for: zeroed)
        #expect(!typed.mutantIDs.contains("slice-end-inclusive"), "\(typed.message)")
        // `a + 5` where n = 4: the same value as the end one too far, typed as a number.
        let five = grader.grade("v[a:a + 5].sum()", for: run)
        #expect(!five.mutantIDs.contains("slice-end-plus-one"), "\(five.message)")
    }

    @Test func rightPhrasingsPass() {
        for answer in [
            "out = g.clone(); out[1:3, 2:4] = 0; out",
            "g * (1 - F.pad(ones(h, h), (c, 6 - c - h, r, 5 - r - h)))",
        ] {
            let verdict = grader.grade(answer, for: zeroed)
            #expect(verdict.status == .pass, "\(answer): \(verdict.message)")
        }
        #expect(grader.grade("v[3:7].sum()", for: run).status == .pass)
    }
}
