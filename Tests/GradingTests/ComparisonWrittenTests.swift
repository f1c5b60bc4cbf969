import AnswerLanguage
import Testing
import Wording

@testable import Grading

/// A comparison written with another operator, its two sides the calculation's
/// (`WrittenDifference+Comparisons`): told with where each operator holds, in English and Korean;
/// not told where a side differs too, where the sides are given the other way round, or where the
/// two comparisons hold for the same entries of the setup.
@Suite struct ComparisonWrittenTests {
    let english = Grader(options: GradingOptions(language: "en"))
    let korean = Grader(options: GradingOptions(language: "ko"))
    let reader = CallTreeReader(options: EvaluationOptions()) { ["g", "pre", "p", "thr"].contains($0) }

    func found(_ answer: String, _ reference: String) -> WrittenDifference? {
        guard let a = reader.read(answer), let r = reader.read(reference) else { return nil }
        return WrittenDifference.between(a, r)
    }

    @Test(arguments: [
        ("g * (pre < 0)", ComparedWith.less), ("g * (pre <= 0)", .lessOrEqual),
        ("g * (pre >= 0)", .greaterOrEqual), ("g * (pre == 0)", .equal), ("g * (pre != 0)", .notEqual),
    ])
    func anOperatorTypedOtherwiseIsTheDifference(answer: String, typed: ComparedWith) throws {
        let difference = try #require(found(answer, "g * (pre > 0)"))
        #expect(difference.arguments.count == 1)
        #expect(difference.arguments[0].comparison == ComparisonChange(yours: typed, theirs: .greater))
        #expect(difference.arguments[0].theirValue == "pre > 0")
    }

    @Test func aSideWrittenOtherwiseOrTurnedRoundIsNoOperatorDifference() {
        // The bound typed otherwise too, the sides given the other way round, another tensor
        // masked: none is one operator written otherwise.
        for answer in ["(p >= 0.5).float()", "(thr < p).float()", "(p < 0.5).float()"] {
            let other = found(answer, "(p > thr).float()")
            #expect(other?.arguments.contains(where: { $0.comparison != nil }) != true, "\(answer)")
        }
        #expect(
            found("g * (g > 0)", "g * (pre > 0)")?.arguments.contains(where: { $0.comparison != nil }) != true
        )
        // Not a comparison at all: arithmetic operators are other stories.
        #expect(
            found("g * (pre - 0)", "g * (pre > 0)")?.arguments.contains(where: { $0.comparison != nil })
                != true)
    }

    let mask = TestExercises.make(
        .tensor,
        setup:
            "pre = tensor([[1., -2., 0., 3.], [-1., 2., 0.5, -3.]])\ng = tensor([[1., 2., 3., 4.], [5., 6., 7., 8.]])",
        reference: "g * (pre > 0)")

    @Test func theOtherSideIsToldWithWhereEachHolds() {
        let verdict = english.grade("g * (pre < 0)", for: mask)
        #expect(!verdict.passed)
        #expect(verdict.findings.map(\.id) == [WrittenDifference.findingID], "\(verdict.message)")
        #expect(
            verdict.message.contains(
                "Your answer is the calculation with one comparison written otherwise: `pre < 0` where the calculation has `pre > 0`. `<` holds where the left side is smaller than the right; the calculation's `>` holds where the left side is larger than the right."
            ), "\(verdict.message)")
        let ko = korean.grade("g * (pre < 0)", for: mask)
        #expect(ko.message.contains("계산의 `pre > 0` 대신 `pre < 0`"), "\(ko.message)")
        #expect(ko.message.contains("`<`은(는) 왼쪽이 오른쪽보다 작을 때 참이고"), "\(ko.message)")
    }

    @Test func theBoundIncludedIsToldWhereTheDataHasIt() {
        let verdict = english.grade("g * (pre >= 0)", for: mask)
        #expect(verdict.findings.map(\.id) == [WrittenDifference.findingID], "\(verdict.message)")
        #expect(verdict.message.contains("or equal to it"), "\(verdict.message)")
    }

    @Test func rightPhrasingsPassAndOtherSlipsGetNoComparisonStory() {
        for right in [
            "g * (0 < pre)", "torch.where(pre > 0, g, torch.zeros_like(g))", "g * (pre > 0).float()",
        ] {
            #expect(english.grade(right, for: mask).passed, "\(right)")
        }
        // The operator and a factor both changed: not one comparison written otherwise.
        let two = english.grade("2 * g * (pre < 0)", for: mask)
        #expect(!two.passed)
        #expect(!two.message.contains("one comparison written otherwise"), "\(two.message)")
    }

    /// Where the setup has no entry on the bound, `>=` and `>` keep the same entries: the answer
    /// has the expected value, and no comparison is told of it.
    @Test func operatorsThatAgreeOnTheSetupTellNothing() {
        let noZero = TestExercises.make(
            .tensor, setup: "pre = tensor([1., -2., 3.])\ng = tensor([1., 2., 3.])",
            reference: "g * (pre > 0)")
        let verdict = english.grade("g * (pre >= 0)", for: noZero)
        #expect(!verdict.message.contains("one comparison written otherwise"), "\(verdict.message)")
    }
}
