import AnswerLanguage
import Testing
import Wording

@testable import Grading

/// Calls written otherwise (`WrittenDifference`, `WrittenDifference+Meaning`): an answer that is
/// the calculation with another builtin in one call's place, its arguments alike (`argmin` for
/// `argmax`, the values of `max` or `topk` for their indices, `mean` for `sum`, `all` for `any`),
/// is told so with what the change means; an argument that says its meaning (`largest=False`,
/// `keepdim=True`, `unbiased`) is told with it. Only an answer written as the calculation is.
@Suite struct CalledOtherwiseTests: StorySuite {
    let grader = Grader(options: GradingOptions(language: "en"))
    let korean = Grader(options: GradingOptions(language: "ko"))

    let reader = CallTreeReader(options: EvaluationOptions()) { ["s", "t", "x"].contains($0) }

    func key(_ source: String) -> String? { reader.read(source)?.key }

    func difference(_ answer: String, _ reference: String) -> [String] {
        guard let a = reader.read(answer), let r = reader.read(reference),
            let found = WrittenDifference.between(a, r)
        else { return [] }
        return found.arguments.map { "\($0.yours ?? "-") / \($0.theirs ?? "-")" }
    }

    /// Scores of five images over four classes, and their true classes.
    let scoring = TestExercises.make(
        .value,
        setup: """
            s = tensor([[2.0, 0.1, 0.3, 1.0], [0.2, 1.5, 1.4, 0.0], [0.0, 0.3, 0.2, 2.2], [1.1, 1.0, 0.9, 0.8], [0.1, 0.2, 3.0, 0.4]])
            t = tensor([0, 2, 3, 0, 1])
            """,
        reference: "(s.argmax(dim=1) == t).sum()")

    /// The images whose true class is among the two best.
    let topTwo = TestExercises.make(
        .value,
        setup: """
            s = tensor([[2.0, 0.1, 0.3, 1.0], [0.2, 1.5, 1.4, 0.0], [0.0, 0.3, 0.2, 2.2], [1.1, 1.0, 0.9, 0.8], [0.1, 0.2, 3.0, 0.4]])
            t = tensor([0, 2, 3, 0, 1])
            """,
        reference: "(s.topk(2, dim=1).indices == t[:, None]).any(dim=1).sum()")

    @Test func halvesOfAPairAreReadAsTheirCalls() {
        // `max` over a dimension: its values are `amax`, its indices `argmax`.
        #expect(key("s.max(dim=1).indices") == key("s.argmax(dim=1)"))
        #expect(key("s.max(1)[1]") == key("torch.argmax(s, 1)"))
        #expect(key("torch.max(s, dim=1)[0]") == key("s.amax(dim=1)"))
        #expect(key("s.topk(2)[1]") == key("s.topk(2).indices"))
        #expect(key("s.topk(2)[0]") != key("s.topk(2).indices"))
        // `max()` of everything and `max(a, b)` are no pair.
        #expect(key("s.max()") != key("s.amax()"))
    }

    @Test func anotherCalleeInTheSamePlaceIsOneDifference() {
        #expect(
            difference("(torch.argmin(s, dim=1) == t).sum()", "(s.argmax(dim=1) == t).sum()") == [
                "argmin / argmax"
            ])
        #expect(
            difference("(s.max(1)[0] == t).sum()", "(s.argmax(dim=1) == t).sum()") == ["max(…)[0] / argmax"])
        #expect(
            difference(
                "(s.topk(2, dim=1).values == t[:, None]).any(1).sum()",
                "(s.topk(2, dim=1).indices == t[:, None]).any(1).sum()")
                == ["topk(…).values / topk(…).indices"])
        // A conversion to floats changes no value: `mean` is the difference.
        #expect(difference("(s.argmax(1) == t).float().mean()", "(s.argmax(1) == t).sum()") == ["mean / sum"])
        #expect(difference("(s.argmax(1) == t).float().sum()", "(s.argmax(1) == t).sum()").isEmpty)
        // A callee and an argument.
        #expect(difference("s.std(dim=0)", "s.var(dim=1)") == ["std / var", "dim=0 / dim=1"])
        // A callee whose parameters are not the other's, or a call wrapped around: none.
        #expect(difference("s.topk(2)", "s.sort(descending=True)").isEmpty)
        // Spellings of one calculation, or a call that is no reduction: none either.
        #expect(difference("s.view(1, 5, 4, 1)", "s.reshape(1, 1, 5, 4)").isEmpty)
        #expect(difference("s.sum()", "s.numel()").isEmpty)
        // Convolutions are a family of their own.
        #expect(difference("F.conv_transpose2d(x, s)", "F.conv2d(x, s)") == ["conv_transpose2d / conv2d"])
        #expect(difference("F.conv2d(x, s)", "F.max_pool2d(x, s)").isEmpty)
        #expect(difference("(s.argmin(dim=1) == t).sum() + 0", "(s.argmax(dim=1) == t).sum()").isEmpty)
    }

    @Test func argminForArgmaxIsToldWithWhatItLooksFor() {
        let verdict = grader.grade("(torch.argmin(s, dim=1) == t).sum()", for: scoring)
        #expect(verdict.story == WrittenDifference.findingID, "\(verdict.message)")
        #expect(
            verdict.message.contains(
                "Your answer is the calculation with one call written otherwise: `argmin` where the calculation has `argmax`. `argmin` looks for the smallest values, where the calculation's `argmax` looks for the largest."
            ), "\(verdict.message)")
        let ko = korean.grade("(torch.argmin(s, dim=1) == t).sum()", for: scoring)
        #expect(
            ko.message.contains("`argmin`은(는) 가장 작은 값을 찾지만, 계산의 `argmax`은(는) 가장 큰 값을 찾습니다."),
            "\(ko.message)")
    }

    @Test func aRateForACountAndValuesForClassesAreToldAsSuch() {
        let rate = grader.grade("torch.mean((s.argmax(1) == t).float())", for: scoring)
        #expect(rate.story == WrittenDifference.findingID, "\(rate.message)")
        #expect(
            rate.message.contains(
                "`mean` of true/false values is the share that are true (a rate from 0 to 1), where the calculation's `sum` counts them."
            ), "\(rate.message)")
        let values = grader.grade("(s.max(1)[0] == t).sum()", for: scoring)
        #expect(
            values.message.contains(
                "`max(…)[0]` gives the values themselves, where the calculation's `argmax` gives where they are"
            ),
            "\(values.message)")
        let top = grader.grade("(s.topk(2, dim=1).indices == t[:, None]).all(dim=1).sum()", for: topTwo)
        #expect(top.message.contains("`all` holds only where every value is true"), "\(top.message)")
        let smallest = grader.grade(
            "(torch.topk(s, 2, 1, largest=False).indices == t[:, None]).any(dim=1).sum()", for: topTwo)
        #expect(
            smallest.message.contains(
                "`largest=False` makes `topk` take the smallest values, where the calculation takes the largest."
            ),
            "\(smallest.message)")
    }

    @Test func theStoryIsNotToldOfAValueThatComesFromElsewhere() {
        // The argmin's count typed as a number, reached otherwise, or argmin on other data.
        for answer in [
            "1", "(s.argmin(dim=1) == t).sum() + 0", "(torch.argmin(s.T, dim=0) == t).sum() * 1",
            "(t == 4).sum() + 1",
        ] {
            let verdict = grader.grade(answer, for: scoring)
            #expect(!verdict.passed, "\(answer)")
            #expect(
                !verdict.findings.map(\.id).contains(WrittenDifference.findingID),
                "\(answer): \(verdict.message)")
        }
        // Right phrasings pass: the conversion, the indices of `max`, the pair's second half.
        for answer in [
            "(s.argmax(dim=1) == t).float().sum()", "(s.max(dim=1).indices == t).sum()",
            "(s.max(1)[1] == t).sum()",
        ] {
            #expect(grader.grade(answer, for: scoring).passed, "\(answer)")
        }
    }

    @Test func anArgumentThatSaysItsMeaningIsToldWithIt() {
        let exercise = TestExercises.make(
            .value, setup: "c = tensor([2., 4., 4., 5., 9.])",
            reference: "(9 - c.mean()) / c.std(unbiased=False)")
        let unbiased = grader.grade("(9 - c.mean()) / torch.std(c, unbiased=True)", for: exercise)
        // A meaning mutant of the same argument keeps its story (its value is the answer's).
        #expect(unbiased.story == "variance-correction", "\(unbiased.message)")
        let kept = TestExercises.make(
            .tensor, setup: "x = torch.arange(24.).reshape(2, 3, 4)", reference: "x.mean(dim=2)")
        let verdict = grader.grade("torch.mean(x, 2, True)", for: kept)
        #expect(verdict.story == WrittenDifference.findingID, "\(verdict.message)")
        #expect(
            verdict.message.contains("`keepdim=True` keeps each reduced dimension, with size 1."),
            "\(verdict.message)")
    }
}
