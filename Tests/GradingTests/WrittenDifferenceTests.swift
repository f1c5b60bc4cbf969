import AnswerLanguage
import Testing
import Wording

@testable import Grading

/// Written differences (`CallTree`, `WrittenDifference`): an answer that is the calculation's
/// calls with one or two arguments written otherwise is told exactly that, read after binding the
/// arguments to parameter names; and only such an answer is.
@Suite struct WrittenDifferenceTests {
    let english = Grader(options: GradingOptions(language: "en"))
    let korean = Grader(options: GradingOptions(language: "ko"))

    /// A reader as grading makes one, with `x` and `w` bound by the setup.
    let reader = CallTreeReader(options: EvaluationOptions()) { ["x", "w", "net"].contains($0) }

    func key(_ source: String) -> String? { reader.read(source)?.key }

    func difference(_ answer: String, _ reference: String) -> [String] {
        guard let a = reader.read(answer), let r = reader.read(reference),
            let found = WrittenDifference.between(a, r)
        else { return [] }
        return found.arguments.map { "\($0.yours ?? "-") / \($0.theirs ?? "-")" }
    }

    /// An arange input (every column differs from the next by 1) with a kernel dilated by 2: a
    /// dilation in rows only gives the expected map with one column more, which reads as a column
    /// too many by coincidence.
    let dilated = TestExercises.make(
        .tensor, setup: "x = torch.arange(64.).reshape(1, 1, 8, 8)\nw = tensor([[[[1., 0.], [2., -1.]]]])",
        reference: "conv2d(x, w, dilation=2)")

    @Test func callsAreReadAsTheEvaluatorBindsThem() {
        // Positional = keyword; a default written out is no argument; one builtin, every spelling.
        #expect(key("F.conv2d(x, w, None, 1, 0, 2)") == key("conv2d(x, w, dilation=2)"))
        #expect(key("torch.nn.functional.conv2d(x, w, stride=1)") == key("conv2d(x, w)"))
        #expect(key("torch.sum(x, 1)") == key("x.sum(dim=1)"))
        #expect(key("F.relu(x)") == key("torch.relu(x)"))
        // A pair of equal sizes is one size where PyTorch reads a pair; not elsewhere.
        #expect(key("F.max_pool2d(x, (2, 2), stride=[2, 2])") == key("F.max_pool2d(x, 2, 2)"))
        #expect(key("conv2d(x, w, padding=(1, 1))") == key("conv2d(x, w, padding=1)"))
        #expect(key("F.pad(x, (1, 1))") != key("F.pad(x, 1)"))
        #expect(key("conv2d(x, w, dilation=(2, 1))") != key("conv2d(x, w, dilation=2)"))
        // Brackets and spaces only group.
        #expect(key("( x + 1 ) * 2") == key("(x+1)*2"))
        #expect(key("x + 1 * 2") != key("(x + 1) * 2"))
        // A name the setup binds is called as written, its arguments by position.
        #expect(key("net(x)") != key("net(w)"))
    }

    @Test func anArgumentChangedAddedOrLeftOutIsFound() {
        #expect(
            difference("conv2d(x, w, dilation=(2, 1))", "conv2d(x, w, dilation=2)") == [
                "dilation=(2, 1) / dilation=2"
            ])
        #expect(difference("F.conv2d(x, w, padding=1)", "conv2d(x, w)") == ["padding=1 / -"])
        #expect(
            difference("conv2d(x, w)", "conv2d(x, w, padding=1, stride=2)") == [
                "- / stride=2", "- / padding=1",
            ])
        // A positional argument is named by its parameter.
        #expect(
            difference("nn.Conv2d(12, 24, 5)", "nn.Conv2d(12, 24, 3)") == ["kernel_size=5 / kernel_size=3"])
        // Nested calls: the difference is found where it is.
        #expect(
            difference(
                "nn.Sequential(nn.Conv2d(12, 24, 3, stride=2), nn.ReLU())",
                "nn.Sequential(nn.Conv2d(12, 24, 3, stride=2, padding=1), nn.ReLU())") == ["- / padding=1"])
        #expect(difference("conv2d(x, w, padding=1).sum()", "conv2d(x, w).sum()") == ["padding=1 / -"])
        #expect(difference("conv2d(x, w.flip([1]))", "conv2d(x, w)") == ["weight=w.flip([1]) / weight=w"])
    }

    @Test func anythingElseWrittenOtherwiseIsNoWrittenDifference() {
        // Another callee, a call wrapped around, an operator, three arguments.
        #expect(difference("F.unfold(x, 2)", "F.max_pool2d(x, 2)").isEmpty)
        #expect(difference("F.relu(conv2d(x, w))", "conv2d(x, w)").isEmpty)
        #expect(difference("conv2d(x, w) * 2", "conv2d(x, w)").isEmpty)
        #expect(difference("conv2d(x, w, padding=1, stride=2, dilation=2)", "conv2d(x, w)").isEmpty)
        #expect(difference("conv2d(x, w)", "conv2d(x, w)").isEmpty)
    }

    @Test func aDilationInRowsOnlyIsToldAsWrittenNotAsAColumnTooMany() throws {
        let verdict = english.grade("conv2d(x, w, dilation=(2, 1))", for: dilated)
        #expect(!verdict.passed)
        #expect(verdict.findings.map(\.id) == [WrittenDifference.findingID])
        #expect(
            verdict.message.contains(
                "Your answer is the calculation with one argument written otherwise: `dilation=(2, 1)` where the calculation has `dilation=2`."
            ), "\(verdict.message)")
        let ko = korean.grade("conv2d(x, w, dilation=(2, 1))", for: dilated)
        #expect(ko.findings.map(\.id) == [WrittenDifference.findingID])
        #expect(ko.message.contains("계산의 `dilation=2` 대신 `dilation=(2, 1)`"), "\(ko.message)")
    }

    @Test func theSameValueWrittenOtherwiseIsNotToldTheWrittenStory() {
        // The same wrong map, but not written as the calculation with an argument changed.
        for answer in ["conv2d(x, w, dilation=(2, 1)) * 1", "conv2d(x, w[:, :, :, :], dilation=(2, 1)) + 0"] {
            let verdict = english.grade(answer, for: dilated)
            #expect(!verdict.passed)
            #expect(!verdict.findings.map(\.id).contains(WrittenDifference.findingID), "\(answer)")
        }
    }

    @Test func anArgumentOfTheSameValueIsNoDifference() {
        let exercise = TestExercises.make(
            .tensor, setup: "x = torch.arange(36.).reshape(1, 1, 6, 6)\nw = torch.ones(1, 1, 3, 3)\np = 1",
            reference: "conv2d(x, w, padding=1, dilation=2)")
        let verdict = english.grade("conv2d(x, w, padding=p, dilation=(2, 1))", for: exercise)
        #expect(verdict.findings.map(\.id) == [WrittenDifference.findingID])
        #expect(!verdict.message.contains("padding=p"), "\(verdict.message)")
    }

    @Test func aMutantThatSaysWhyKeepsItsStory() {
        let exercise = TestExercises.make(
            .tensor,
            setup:
                "x = torch.arange(36.).reshape(1, 1, 6, 6)\nw = tensor([[[[1., 0., 2.], [0., -1., 0.], [1., 1., 0.]]]])",
            reference: "conv2d(x, w, padding=1)")
        let verdict = english.grade("conv2d(x, w)", for: exercise)
        #expect(!verdict.findings.map(\.id).contains(WrittenDifference.findingID), "\(verdict.message)")
        #expect(verdict.findings.contains { $0.isSpecific })
    }

    /// A stage's output shape: a 5×5 kernel and a forgotten padding both give 9×9.
    let stage = TestExercises.make(
        .value, setup: "fm = torch.zeros(4, 3, 20, 20)",
        reference: "nn.Conv2d(3, 8, 3, stride=2, padding=1)(fm).shape")

    @Test func aMutantOfTheSameValueThatChangesAnotherArgumentGivesWay() {
        let verdict = english.grade("nn.Conv2d(3, 8, 5, stride=2, padding=1)(fm).shape", for: stage)
        #expect(verdict.findings.map(\.id) == [WrittenDifference.findingID], "\(verdict.message)")
        #expect(verdict.message.contains("`kernel_size=5` where the calculation has `kernel_size=3`"))
        // The padding left out is that mutant's own story, with its why.
        let forgotten = english.grade("nn.Conv2d(3, 8, 3, stride=2)(fm).shape", for: stage)
        #expect(forgotten.findings.map(\.id) == ["padding-forgotten"], "\(forgotten.message)")
    }

    @Test func aMutantOfTheSameArgumentKeepsItsStory() {
        // `sum(dim=-1)` (the mutant) and `sum(1)` (the answer) give the same value on a 2-d
        // product: both say the sum went along one dimension only.
        let exercise = TestExercises.make(
            .tensor, setup: "p = tensor([[1., 2.], [3., 5.]])\nk = tensor([[3., 1.], [1., 3.]])",
            reference: "(p * k).sum()")
        let verdict = english.grade("(p * k).sum(1)", for: exercise)
        #expect(!verdict.findings.map(\.id).contains(WrittenDifference.findingID), "\(verdict.message)")
        #expect(verdict.findings.contains { $0.isSpecific })
        // A pad as a list is the tuple it could be.
        #expect(key("F.pad(x, [1, 1, 2, 2])") == key("F.pad(x, (1, 1, 2, 2))"))
        #expect(key("x.flip([1])") == key("x.flip(1)"))
    }

    func step(_ answer: String, _ reference: String) -> String? {
        guard let a = reader.read(answer), let r = reader.read(reference),
            let step = WrittenDifference.step(a, r)?.step
        else { return nil }
        return "\(step.added ? "+" : "-") \(step.written) \(step.part ?? "at the end")"
    }

    @Test func aStepAddedOrLeftOutIsFound() {
        #expect(step("F.relu(conv2d(x, w))", "conv2d(x, w)") == "+ F.relu(…) at the end")
        #expect(step("conv2d(x, w).relu()", "conv2d(x, w)") == "+ ….relu() at the end")
        #expect(step("relu(f(f(x)) + x)", "relu(f(x) + x)") == "+ f(…) f(x)")
        #expect(step("relu(f(x) + x) + x", "relu(f(x) + x)") == "+ … + x at the end")
        #expect(step("f(x) + x", "relu(f(x) + x)") == "- relu(…) at the end")
        #expect(
            step("F.max_pool2d(conv2d(x, w), 2)", "F.max_pool2d(relu(conv2d(x, w)), 2)")
                == "- relu(…) conv2d(x, w)")
        // Two steps, another callee, an indexing: no step.
        #expect(step("relu(relu(conv2d(x, w)))", "conv2d(x, w)") == nil)
        #expect(step("sigmoid(conv2d(x, w))", "relu(conv2d(x, w))") == nil)
        #expect(step("conv2d(x, w)[0]", "conv2d(x, w)") == nil)
    }

    /// A feature map with negative values: a ReLU after it changes them.
    let featureMap = TestExercises.make(
        .tensor, setup: "x = torch.arange(25.).reshape(1, 1, 5, 5)\nw = tensor([[[[1., -2.], [0., -1.]]]])",
        reference: "conv2d(x, w)")

    @Test func anActivationAddedIsToldWithWhatItDoes() {
        let verdict = english.grade("F.relu(conv2d(x, w))", for: featureMap)
        #expect(verdict.findings.map(\.id) == [WrittenDifference.findingID], "\(verdict.message)")
        #expect(
            verdict.message.contains(
                "Your answer is the calculation with one step more at the end: `F.relu(…)`. `relu` keeps positive values as they are and sets negative ones to 0."
            ), "\(verdict.message)")
        let ko = korean.grade("F.relu(conv2d(x, w))", for: featureMap)
        #expect(ko.message.contains("입력한 답은 계산의 끝에 단계 하나를 더했습니다: `F.relu(…)`."), "\(ko.message)")
        // The same values written as a clamp: that step is told, but not what `relu` does.
        let clamp = english.grade("conv2d(x, w).clamp(min=0)", for: featureMap)
        #expect(clamp.message.contains("`….clamp(min=0)`"), "\(clamp.message)")
        #expect(!clamp.message.contains("`relu` keeps"), "\(clamp.message)")
    }

    @Test func aNamedMistakeStaysFirst() {
        let exercise = TestExercises.make(
            .tensor,
            setup: "x = torch.arange(64.).reshape(1, 1, 8, 8)\nw = tensor([[[[1., 0.], [2., -1.]]]])",
            reference: "conv2d(x, w, dilation=2)",
            mistakes: [
                (id: "rows-only", when: "answer.shape[-1] == expected.shape[-1] + 1", message: "Rows only.")
            ])
        let verdict = english.grade("conv2d(x, w, dilation=(2, 1))", for: exercise)
        #expect(verdict.mistake == "rows-only")
    }
}
