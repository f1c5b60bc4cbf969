import Course
import Testing
import Wording

@testable import Grading

/// Operations written as two (`OperationProfile+Composites`, `MutantGenerator+Composites`): min
/// pooling for max pooling, sum pooling for it, a soft cap for a clamp, and bounds written as
/// `torch.minimum` / `torch.maximum`. Each is told only of an answer that writes that pair.
@Suite struct CompositeSwapTests {
    let grader = Grader(options: GradingOptions(language: "en"))
    let korean = Grader(options: GradingOptions(language: "ko"))

    /// A map whose windows have different smallest, largest and summed values.
    static let map =
        "a = tensor([[2., -1., 0., 5.], [3., 7., -4., 1.], [6., 0., 2., -3.], [1., 8., 4., 9.]])[None, None]"
    static let pooled = TestExercises.make(setup: map, reference: "F.max_pool2d(a, 2)")
    static let layer = TestExercises.make(setup: map, reference: "nn.MaxPool2d(kernel_size=2)(a)")
    static let capped = TestExercises.make(
        setup: "r = tensor([[-2., 0.5, 3.], [7.5, 10., -0.2]])", reference: "torch.clamp(r, 0, 6)")

    func story(_ answer: String, _ exercise: Exercise) -> Verdict.Finding? {
        grader.grade(answer, for: exercise).findings.first { $0.source == .mutant }
    }

    @Test func aPairIsCountedAsTheOneOperationItIs() {
        let minimum = OperationProfile("-F.max_pool2d(-x, 2)")
        #expect(minimum.counts["min-pool"] == 1)
        #expect(minimum.counts["max-pool"] == nil)
        #expect(minimum == OperationProfile("(-nn.MaxPool2d(2)(-(x)))"))
        #expect(
            OperationProfile("F.avg_pool2d(x, 2) * 4")
                == OperationProfile("2 * F.avg_pool2d(x, kernel_size=2) * 2"))
        #expect(OperationProfile("F.avg_pool2d(x, 2) * 4").counts["avg-pool"] == nil)
        // A pooled map times another tensor is no sum pooling.
        #expect(OperationProfile("F.avg_pool2d(x, 2) * w").counts["sum-pool"] == nil)
        #expect(OperationProfile("6 * torch.sigmoid(q)") == OperationProfile("q.sigmoid() * 6"))
        // An element-wise minimum caps, a maximum floors; `torch.max(q, 1)` is a reduction.
        #expect(OperationProfile("torch.minimum(q, torch.tensor(6.))") == OperationProfile("q.clamp(max=6)"))
        #expect(OperationProfile("torch.max(q, torch.zeros_like(q))") == OperationProfile("q.clamp(min=0)"))
        #expect(OperationProfile("torch.max(q, 1)") != OperationProfile("q.clamp(min=0)"))
        #expect(
            OperationProfile("torch.maximum(q, torch.tensor(-6.))") == OperationProfile("q.clamp(min=-6)"))
    }

    @Test(arguments: [
        "-F.max_pool2d(-a, 2)", "-F.max_pool2d(-a, kernel_size=(2, 2))",
        "-torch.nn.functional.max_pool2d(-a, 2)",
    ])
    func minPoolingIsTold(_ answer: String) throws {
        let finding = try #require(story(answer, Self.pooled))
        #expect(finding.id == "pooling-swapped")
        let message = grader.grade(answer, for: Self.pooled).message
        #expect(message.contains("`-max_pool2d(-x)` where `max_pool2d` belongs"))
        #expect(message.contains("smallest value of each window"))
        #expect(korean.grade(answer, for: Self.pooled).message.contains("최소 풀링"))
    }

    @Test func aLayersMinAndSumPoolingAreTold() {
        #expect(story("-nn.MaxPool2d(kernel_size=2)(-a)", Self.layer)?.id == "pooling-swapped")
        #expect(story("nn.AvgPool2d(2)(a) * 4", Self.layer)?.id == "pooling-swapped")
    }

    @Test(arguments: ["F.avg_pool2d(a, 2) * 4", "4 * F.avg_pool2d(a, 2)", "F.avg_pool2d(a, 2) * 2 * 2"])
    func sumPoolingIsTold(_ answer: String) throws {
        let finding = try #require(story(answer, Self.pooled))
        #expect(finding.id == "pooling-swapped")
        #expect(grader.grade(answer, for: Self.pooled).message.contains("sum pooling"))
    }

    /// Not told: another factor than the window's size, the values typed in, a pooling of
    /// another window.
    @Test(arguments: [
        "F.avg_pool2d(a, 2) * 3", "tensor([[-1., -4.], [0., -3.]])[None, None]",
        "-F.max_pool2d(-a, 2, stride=1)",
    ])
    func otherAnswersAreNotToldAPooling(_ answer: String) {
        let verdict = grader.grade(answer, for: Self.pooled)
        #expect(verdict.status == .fail)
        #expect(!verdict.message.contains("sum pooling") && !verdict.message.contains("min pooling"))
    }

    @Test(arguments: ["6 * torch.sigmoid(r)", "r.sigmoid() * 6", "torch.sigmoid(r) * 6."])
    func aSoftCapIsTold(_ answer: String) throws {
        let finding = try #require(story(answer, Self.capped))
        #expect(finding.id == "activation-swapped")
        let message = grader.grade(answer, for: Self.capped).message
        #expect(message.contains("`c * sigmoid(x)` where `clamp` belongs"))
        #expect(message.contains("the values in between change too"))
    }

    @Test func anotherScaleIsNoSoftCap() {
        #expect(story("5 * torch.sigmoid(r)", Self.capped)?.id != "activation-swapped")
    }

    @Test(arguments: [
        ("torch.minimum(r, torch.tensor(6.))", "min=0"), ("torch.maximum(r, torch.zeros_like(r))", "max=6"),
        ("torch.max(r, torch.tensor(0.))", "max=6"),
    ])
    func aBoundWrittenAsMinimumOrMaximumIsAClamp(_ answer: String, _ dropped: String) throws {
        let finding = try #require(story(answer, Self.capped))
        #expect(finding.id == "clamp-bound-dropped")
        #expect(grader.grade(answer, for: Self.capped).message.contains("without the bound `\(dropped)`"))
    }

    /// `torch.maximum(r, 6)` floors at 6: it leaves out no bound of the clamp's.
    @Test func aFloorAtTheCapIsNoBoundLeftOut() {
        #expect(story("torch.maximum(r, torch.tensor(6.))", Self.capped)?.id != "clamp-bound-dropped")
    }
}
