import Testing
import Wording

@testable import Grading

/// What a position on a curve and a count of positions mean (`MeaningGenerator+Curves`), and the
/// written differences a curve's calls make (`WrittenDifference`: a number read out around the
/// whole, the running extreme for the overall one, a curve read over other entries) — on
/// exercises of no course, with their own names; each story told only where the answer's writing
/// supports it, and not where another slip lands on the same value.
@Suite struct CurveMeaningTests {
    let english = Grader(options: GradingOptions(language: "en"))
    let korean = Grader(options: GradingOptions(language: "ko"))

    /// An accuracy per round: the best is the largest (round 6 of 0–7).
    let accuracy = TestExercises.make(
        .value, setup: "acc = tensor([0.41, 0.55, 0.52, 0.63, 0.61, 0.58, 0.70, 0.66])",
        reference: "acc.argmax().item()")

    /// A loss per step, the best step (5) read up to step `upto` (6).
    let before = TestExercises.make(
        .value, setup: "loss = tensor([2.1, 1.7, 1.8, 1.2, 1.4, 1.1, 1.3, 0.9])\nupto = 6",
        reference: "int(torch.argmin(loss[:upto + 1]))")

    /// Rounds counted from 1: the best round is the position plus one.
    let counted = TestExercises.make(
        .value, setup: "err = tensor([0.30, 0.22, 0.25, 0.19, 0.21, 0.24])",
        reference: "int(err.argmin()) + 1")

    /// How many rounds set a new best (a running maximum) accuracy: 5 of 8.
    let records = TestExercises.make(
        .value, setup: "acc = tensor([0.41, 0.55, 0.52, 0.63, 0.66, 0.58, 0.70, 0.69])",
        reference: "int((acc == acc.cummax(0).values).sum())")

    @Test func aNumberReadOutAroundTheWholeIsNoDifference() {
        // `.item()` where the calculation has none: the callee is the difference.
        let verdict = english.grade("int(acc.argmin())", for: accuracy)
        #expect(verdict.mutantIDs == ["written-difference"], "\(verdict.message)")
        #expect(verdict.message.contains("looks for the smallest values"), "\(verdict.message)")
        let values = english.grade("float(acc.max())", for: accuracy)
        #expect(values.mutantIDs == ["written-difference"], "\(values.message)")
        #expect(values.message.contains("gives the values themselves"), "\(values.message)")
        let ko = korean.grade("float(acc.max())", for: accuracy)
        #expect(ko.mutantIDs == ["written-difference"], "\(ko.message)")
    }

    @Test func aCurveReadOverOtherEntries() {
        let verdict = english.grade("int(torch.argmin(loss[:4]))", for: before)
        #expect(verdict.mutantIDs == ["written-difference"], "\(verdict.message)")
        #expect(verdict.message.contains("holds entries 0 to 3 of the tensor"), "\(verdict.message)")
        #expect(verdict.message.contains("holds entries 0 to 6"), "\(verdict.message)")
        let whole = english.grade("loss.argmin().item()", for: before)
        #expect(whole.message.contains("holds entries 0 to 7"), "\(whole.message)")
        let ko = korean.grade("int(torch.argmin(loss[:4]))", for: before)
        #expect(ko.message.contains("0번부터 3번 원소까지"), "\(ko.message)")
        // Another tensor's entries are no curve read otherwise.
        let other = english.grade("int(torch.argmin(tensor([3., 1., 2.])))", for: before)
        #expect(!other.message.contains("holds entries"), "\(other.message)")
    }

    @Test func theLastPositionForTheBest() {
        // A name whose value is the last position read: the last step's weights.
        let verdict = english.grade("upto", for: before)
        #expect(verdict.mutantIDs == ["last-position"], "\(verdict.message)")
        #expect(verdict.message.contains("the last position of `loss[:upto + 1]`, 6"), "\(verdict.message)")
        let length = english.grade("len(acc) - 1", for: accuracy)
        #expect(length.mutantIDs == ["last-position"], "\(length.message)")
        #expect(length.message.contains("its largest value"), "\(length.message)")
        #expect(korean.grade("len(acc) - 1", for: accuracy).mutantIDs == ["last-position"])
    }

    @Test func theLastPositionIsNotToldOfANumberOrOfAnExtremum() {
        // 7 typed: a number may be any slip.
        #expect(!english.grade("7", for: accuracy).mutantIDs.contains("last-position"))
        // An extremum looked for (the second largest is last here): not the last position.
        let ranked = english.grade("int(acc.argsort()[-2])", for: accuracy)
        #expect(!ranked.mutantIDs.contains("last-position"), "\(ranked.message)")
    }

    @Test func theSecondInSortedOrder() {
        let verdict = english.grade("acc.sort(descending=True).indices[1].item()", for: accuracy)
        #expect(verdict.mutantIDs == ["second-ranked"], "\(verdict.message)")
        // Not of an answer that ranks nothing (7 typed has the value).
        #expect(!english.grade("7", for: accuracy).mutantIDs.contains("second-ranked"))
    }

    @Test func aPositionCountedFromOne() {
        // `+ 1` around a position: one step more, which counts from 1.
        let one = english.grade("acc.argmax().item() + 1", for: accuracy)
        #expect(one.mutantIDs == ["written-difference"], "\(one.message)")
        #expect(one.message.contains("counts the position from 1"), "\(one.message)")
        #expect(korean.grade("acc.argmax().item() + 1", for: accuracy).message.contains("1부터"))
        // `+ 1` around a value, not a position: no such sentence.
        let value = english.grade("acc.max().item() + 1", for: accuracy)
        #expect(!value.message.contains("counts the position"), "\(value.message)")
    }

    @Test func aRunningExtremeForTheOverallOne() {
        let verdict = english.grade("int((acc == acc.max()).sum())", for: records)
        #expect(verdict.mutantIDs == ["written-difference"], "\(verdict.message)")
        #expect(verdict.message.contains("one value for the whole tensor"), "\(verdict.message)")
    }

    @Test func everyValueOrTheComplementCounted() {
        let every = english.grade("len(acc)", for: records)
        #expect(every.mutantIDs == ["every-value-counted"], "\(every.message)")
        #expect(every.message.contains("all 8 values counted"), "\(every.message)")
        // Half the values true: the setup cannot tell the complement from the count, so it is
        // not made (the accuracy exercise's 4 of 8 would pass).
        let complement = english.grade("int((acc < acc.cummax(0).values).sum())", for: records)
        #expect(complement.mutantIDs == ["complement-counted"], "\(complement.message)")
        let ko = korean.grade("len(acc)", for: records)
        #expect(ko.mutantIDs == ["every-value-counted"], "\(ko.message)")
        // 8 typed out, or a comparison that counts every value: not these stories.
        #expect(!english.grade("8", for: records).mutantIDs.contains("every-value-counted"))
        #expect(
            !english.grade("int((acc <= acc.cummax(0).values).sum())", for: records).mutantIDs.contains(
                "every-value-counted"))
    }
}
