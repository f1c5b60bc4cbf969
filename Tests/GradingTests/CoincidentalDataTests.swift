import Course
import Testing

@testable import Grading

/// An answer that has the expected value on the setup's data only (`PerturbedSetup.agreesOnlyHere`):
/// it fails, told so, while every right phrasing — and any answer that types a number in, which
/// could be the setup's data typed by hand — passes as before.
@Suite struct CoincidentalDataTests {
    /// A window whose second row of products is 0: its first row alone sums to the response.
    static let window = TestExercises.make(
        .value, setup: "c = tensor([[3., 1.], [0., 0.]])\nd = tensor([[1., 2.], [0., -3.]])",
        reference: "(c * d).sum()", alternatives: ["torch.sum(d * c)"])

    @Test(arguments: ["(c * d)[0].sum()", "(c[0] * d[0]).sum()"])
    func aPartThatAgreesOnThisDataOnlyFails(_ answer: String) {
        let verdict = Grader().grade(answer, for: Self.window)
        #expect(verdict.status == .fail)
        #expect(verdict.findings.contains { $0.id == "coincidental-data" })
        #expect(verdict.message.contains("on this data only"))
    }

    @Test(arguments: [
        "(c * d).sum()", "torch.sum(d * c)", "(c * d).sum(dim=(0, 1))", "sum((c * d).flatten())",
        "(c * d).sum().item()",
        // Numbers typed in may be the setup's data: not read against other data.
        "(c * tensor([[1., 2.], [0., -3.]])).sum()", "c[0, 0] * 1 + c[0, 1] * 2", "3 * 1 + 1 * 2",
    ])
    func rightAnswersAndTypedNumbersPass(_ answer: String) {
        #expect(Grader().grade(answer, for: Self.window).status == .pass)
    }

    /// A constant of the setup the answer leaves to a default (`eps`), or a reference that types
    /// a number of the data in: the two are not read from the same data, and nothing is told.
    @Test func answersNotReadFromTheSameDataPass() {
        let normalised = TestExercises.make(
            setup: "v = tensor([[1., 4.], [2., 9.]])[None]\neps = 1e-5",
            reference: "(v - v.mean()) / torch.sqrt(v.var(unbiased=False) + eps)")
        #expect(
            Grader().grade("(v - v.mean()) / torch.sqrt(v.var(unbiased=False) + 1e-5)", for: normalised)
                .passed)
        #expect(Grader().grade("F.layer_norm(v, v.shape)", for: normalised).passed)
        let typed = TestExercises.make(
            .value, setup: "c = tensor([1., 3., 5., 11.])",
            reference: "(11 - c.mean()) / c.std(unbiased=False)")
        #expect(Grader().grade("(c[-1] - c.mean()) / c.std(correction=0)", for: typed).passed)
    }

    /// A perturbed run stopped under load cannot show the coincidence: the answer passes.
    @Test func aStoppedRunLeavesTheAnswerPassing() throws {
        let grader = Grader()
        try grader.prepare(Self.window).stopsExtraRun = { $0 == .perturbed }
        #expect(grader.grade("(c * d)[0].sum()", for: Self.window).status == .pass)
    }

    @Test func numbersThatAreSettingsAreRead() {
        #expect(PerturbedSetup.numbersAreSettings("(x[0, :, 0:2, 0:2] * w[0]).sum(dim=1)"))
        #expect(PerturbedSetup.numbersAreSettings("F.max_pool2d(x, 2, stride=1)[0, 0]"))
        #expect(!PerturbedSetup.numbersAreSettings("(p * k).sum() * 2"))
        #expect(!PerturbedSetup.numbersAreSettings("p[0, 0] + 0.5"))
        #expect(!PerturbedSetup.numbersAreSettings("(p * torch.tensor([[1, 2], [3, 4]])).sum()"))
    }
}
