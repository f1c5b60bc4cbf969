import Testing
import Wording

@testable import Grading

/// A flip read otherwise (`MeaningGenerator+Flips`): the values negated, or rolled round along the
/// flipped dimension — told only of an answer that writes the sign change or the roll, and not
/// where the data cannot tell them from the flip.
@Suite struct FlipMeaningTests {
    let english = Grader(options: GradingOptions(language: "en"))
    let korean = Grader(options: GradingOptions(language: "ko"))

    /// A batch of two one-channel 2 × 4 images mirrored left to right.
    let mirror = TestExercises.make(
        .tensor, setup: "frames = torch.arange(16.).reshape(2, 1, 2, 4)", reference: "frames.flip(3)")

    @Test func theValuesNegated() {
        let verdict = english.grade("-frames", for: mirror)
        #expect(verdict.mutantIDs == ["negated-for-flipped"], "\(verdict.message)")
        #expect(verdict.message.contains("the columns (dimension 3)"), "\(verdict.message)")
        let ko = korean.grade("frames * -1", for: mirror)
        #expect(ko.mutantIDs == ["negated-for-flipped"], "\(ko.message)")
    }

    @Test func theValuesRolled() {
        let verdict = english.grade("torch.roll(frames, 1, dims=3)", for: mirror)
        #expect(verdict.mutantIDs == ["rolled-for-flipped"], "\(verdict.message)")
        #expect(verdict.message.contains("rolled by 1"), "\(verdict.message)")
        #expect(english.grade("frames.roll(3, -1)", for: mirror).mutantIDs == ["rolled-for-flipped"])
    }

    @Test func notToldOfAnotherWriting() {
        // The negated values typed out, or a flip negated: another slip than a sign for a flip.
        let typed = english.grade("frames.flip(3) * 0 - frames", for: mirror)
        #expect(!typed.mutantIDs.contains("negated-for-flipped"), "\(typed.message)")
        // A roll over a dimension of two is the flip itself: no such mutant to tell.
        let short = TestExercises.make(
            .tensor, setup: "pair = tensor([[1., 2.], [3., 4.]])", reference: "pair.flip(1)")
        #expect(english.grade("pair.roll(1, 1)", for: short).status == .pass)
    }
}
