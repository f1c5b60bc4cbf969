import AnswerLanguage
import Testing
import Wording

@testable import Grading

/// Written differences widened (`WrittenDifference+Families`): another loss, activation,
/// logarithm, rounding or pooling in the reference's place, told with what each computes where a
/// short true sentence says it; two arguments of one call swapped; one number or name typed
/// otherwise in the arithmetic. And where each must not be told.
@Suite struct WrittenFamiliesTests {
    let english = Grader(options: GradingOptions(language: "en"))
    let korean = Grader(options: GradingOptions(language: "ko"))
    let reader = CallTreeReader(options: EvaluationOptions()) { ["x", "p", "t", "z"].contains($0) }

    func found(_ answer: String, _ reference: String, operands: Bool = false) -> WrittenDifference? {
        guard let a = reader.read(answer), let r = reader.read(reference) else { return nil }
        return WrittenDifference.between(a, r, operands: operands)
    }

    @Test func aCalleeOfAWiderFamilyIsTheDifference() throws {
        let loss = try #require(found("F.l1_loss(p, t)", "F.mse_loss(p, t)"))
        #expect(loss.arguments.map(\.yourValue) == ["l1_loss"])
        #expect(loss.arguments[0].computesYours == .l1 && loss.arguments[0].computesTheirs == .mse)
        // The module forms, built and called.
        let module = try #require(found("nn.L1Loss()(p, t)", "nn.MSELoss()(p, t)"))
        #expect(module.arguments.map(\.theirValue) == ["MSELoss"])
        let log = try #require(found("torch.log10(x)", "torch.log(x)"))
        #expect(log.arguments[0].computesYours == .log10 && log.arguments[0].computesTheirs == .naturalLog)
        #expect(found("x.relu()", "torch.sigmoid(x)")?.arguments[0].computesYours == .relu)
        #expect(found("F.avg_pool2d(x, 2)", "F.max_pool2d(x, 2)")?.arguments[0].computesYours == .avgPool)
        // (`int(x)` for `math.floor(x)` is no callee difference: an `int(…)` around the whole reads
        // the number out, and the calls inside are compared — the curves lane's rule.)
        // A `dim` the other callee has no parameter for is no argument left out.
        let gate = try #require(found("torch.sigmoid(z)", "torch.softmax(z, dim=0)"))
        #expect(gate.arguments.count == 1 && gate.arguments[0].isCallee)
    }

    @Test func aDescriptionIsSaidOnlyOfCallsGivenTheirDataAlone() {
        // `reduction='sum'` is no mean, `base=10` no natural logarithm, other bounds no −1 and 1.
        #expect(
            found("F.l1_loss(p, t, reduction='sum')", "F.mse_loss(p, t, reduction='sum')")?.arguments[0]
                .computesYours == nil)
        #expect(found("math.log(x, 2)", "math.log10(x)") == nil)
        #expect(found("F.hardtanh(x, -2., 2.)", "F.relu(x)") == nil)
        // Unrelated callees and spellings of one calculation are no family.
        #expect(found("x.view(-1)", "x.reshape(-1)") == nil)
        #expect(found("torch.log(x)", "F.relu(x)") == nil)
    }

    @Test func twoArgumentsSwappedAreOneDifference() throws {
        let swap = try #require(
            found("F.binary_cross_entropy_with_logits(t, z)", "F.binary_cross_entropy_with_logits(z, t)"))
        #expect(swap.arguments.count == 1)
        #expect(swap.arguments[0].parameter == "input" && swap.arguments[0].swappedWith == "target")
        #expect(found("torch.matmul(b, a)", "torch.matmul(a, b)")?.arguments[0].swappedWith != nil)
        // A symmetric callee, a swap with another change, three arguments moved: no swap.
        #expect(found("torch.maximum(b, a)", "torch.maximum(a, b)")?.arguments.first?.swappedWith == nil)
        #expect(found("F.mse_loss(t, p)", "F.mse_loss(p, t)")?.arguments.first?.swappedWith == nil)
        #expect(
            found(
                "F.binary_cross_entropy_with_logits(t, z, reduction='sum')",
                "F.binary_cross_entropy_with_logits(z, t)")?
                .arguments.first?.swappedWith == nil)
    }

    @Test func oneOperandTypedOtherwiseAloneIsADifference() throws {
        let typed = try #require(
            found("(p > 0.5).float().mean()", "(p > thr).float().mean()", operands: true))
        #expect(typed.arguments.count == 1 && typed.arguments[0].isOperand)
        #expect(typed.arguments[0].yourValue == "0.5" && typed.arguments[0].theirValue == "thr")
        #expect(found("x * 32", "x * 4", operands: true)?.arguments.first?.isOperand == true)
        // Two places typed otherwise, an operator, another callee besides: none.
        // (The whole data argument written otherwise is no setting: grading tells none of these.)
        for answer in ["(q > 0.5).float().mean()", "(p > 0.5).float().sum()", "(p >= thr).float().mean()"] {
            let other = found(answer, "(p > thr).float().mean()", operands: true)
            #expect(other.map { $0.arguments.contains(where: \.isOperand) } != true, "\(answer)")
        }
        #expect(found("x * 32 + 1", "x * 4 + 2", operands: true) == nil)
        // Without operands the arithmetic must agree (a call's argument is told as such).
        #expect(
            found("(p > 0.5).float().mean()", "(p > thr).float().mean()")?.arguments.first?.isOperand != true)
        #expect(found("x.sum(dim=1)", "x.sum(dim=0)", operands: true)?.arguments.first?.parameter == "dim")
    }

    let scores = TestExercises.make(
        .value, setup: "z = tensor([2., -1., 0.5])\nt = tensor([1., 0., 1.])",
        reference: "F.binary_cross_entropy_with_logits(z, t)")

    @Test func aSwapIsToldInBothLanguages() {
        let verdict = english.grade("F.binary_cross_entropy_with_logits(t, z)", for: scores)
        #expect(verdict.findings.map(\.id) == [WrittenDifference.findingID], "\(verdict.message)")
        #expect(
            verdict.message.contains(
                "Your answer is the calculation with two arguments of `binary_cross_entropy_with_logits` swapped: it gives `t` as `input`"
            ), "\(verdict.message)")
        let ko = korean.grade("F.binary_cross_entropy_with_logits(t, z)", for: scores)
        #expect(ko.message.contains("두 인자를 바꿔 썼습니다"), "\(ko.message)")
    }

    @Test func anotherLossIsToldWithWhatEachComputes() {
        let verdict = english.grade("F.binary_cross_entropy(z.sigmoid(), t, reduction='sum')", for: scores)
        #expect(!verdict.passed)
        let other = english.grade("F.mse_loss(z, t)", for: scores)
        #expect(!other.passed)
        // Right phrasings still pass.
        #expect(english.grade("F.binary_cross_entropy(torch.sigmoid(z), t)", for: scores).passed)
        #expect(english.grade("nn.BCEWithLogitsLoss()(z, t)", for: scores).passed)
    }

    let logs = TestExercises.make(.value, setup: "q = tensor(0.2)", reference: "-torch.log(q)")

    @Test func aLogarithmOfAnotherBaseIsSaidSo() {
        let verdict = english.grade("-torch.log10(q)", for: logs)
        #expect(verdict.findings.map(\.id) == [WrittenDifference.findingID], "\(verdict.message)")
        #expect(
            verdict.message.contains(
                "`log10` computes the base-10 logarithm, where the calculation's `log` computes the natural logarithm (base e)."
            ), "\(verdict.message)")
        let ko = korean.grade("-torch.log10(q)", for: logs)
        #expect(ko.message.contains("밑이 10인 로그"), "\(ko.message)")
        #expect(english.grade("-math.log(0.2)", for: logs).passed)
    }

    let threshold = TestExercises.make(
        .value, setup: "p = tensor([0.2, 0.6, 0.8, 0.9])\nthr = 0.7", reference: "(p > thr).float().mean()")

    @Test func aNumberTypedForANameIsToldWithTheNamesValue() {
        let verdict = english.grade("(p > 0.5).float().mean()", for: threshold)
        #expect(verdict.findings.map(\.id) == [WrittenDifference.findingID], "\(verdict.message)")
        #expect(
            verdict.message.contains(
                "Your answer is the calculation with one number or name typed otherwise: `0.5` where the calculation has `thr` (= 0.7)."
            ), "\(verdict.message)")
        let ko = korean.grade("(p > 0.5).float().mean()", for: threshold)
        #expect(ko.message.contains("계산의 `thr`(= 0.7) 대신 `0.5`"), "\(ko.message)")
        // The same number typed for the name changes nothing: the answer is right.
        #expect(english.grade("(p > 0.7).float().mean()", for: threshold).passed)
        // Two places typed otherwise: not this story.
        let two = english.grade("(p >= 0.5).float().mean()", for: threshold)
        #expect(!two.findings.map(\.id).contains(WrittenDifference.findingID), "\(two.message)")
    }
}
