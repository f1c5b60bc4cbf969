import Testing
import Wording

@testable import Grading

/// Swapped operations (`MutantGenerator+Swaps`): what the generator makes, what an answer writes
/// (`OperationProfile`), and that a swap's story is told only for an answer that writes the
/// swapped-in operation.
@Suite struct OperationSwapTests {
    let english = Grader(options: GradingOptions(language: "en"))
    let korean = Grader(options: GradingOptions(language: "ko"))

    /// A patch and a kernel whose sum is 0: `(p + k).sum()` and `(p - k).sum()` then give the same
    /// value, and only what the answer writes tells them apart.
    let patch = TestExercises.make(
        .value,
        setup:
            "p = tensor([[3., 1., 2.], [0., 5., 1.], [4., 2., 6.]])\nk = tensor([[0., 1., 2.], [-1., 0., 1.], [-2., -1., 0.]])",
        reference: "(p * k).sum()")

    func swaps(_ source: String) -> [String] {
        MutantGenerator.mutants(of: source, swaps: true, isInteger: { _ in false }).map(\.source)
    }

    func finding(_ verdict: Verdict) -> String? {
        verdict.findings.first { $0.source == .mutant }?.id
    }

    @Test func profilesReadHowAnOperationIsSpelled() {
        #expect(OperationProfile("(p - k).sum()") == OperationProfile("torch.sum(torch.sub(p, k)).item()"))
        #expect(OperationProfile("v.amax(dim=(2, 3))") == OperationProfile("v.flatten(2).max(dim=2).values"))
        #expect(OperationProfile("F.relu(x)") == OperationProfile("nn.ReLU()(x)"))
        #expect(OperationProfile("42").isEmpty)
        // A clamp counts its bounds, as keywords or positions, and a negative lower bound.
        #expect(OperationProfile("q.clamp(min=0)") == OperationProfile("torch.clamp(q, 0)"))
        #expect(OperationProfile("q.clamp(min=0)") != OperationProfile("q.clamp(max=6)"))
        #expect(OperationProfile("torch.clamp(q, -6, 6)") != OperationProfile("q.clamp(0, 6)"))
        #expect(OperationProfile("torch.clamp(q, None, 6)") == OperationProfile("q.clamp(max=6)"))
        // A ReLU is a clamp from below at 0: it writes what `q.clamp(min=0)` does, and no cap.
        let capped = OperationProfile("q.clamp(min=0, max=6)")
        #expect(OperationProfile("F.relu(q)").writes(OperationProfile("q.clamp(min=0)"), changedFrom: capped))
        #expect(
            !OperationProfile("F.relu(q)").writes(OperationProfile("q.clamp(max=6)"), changedFrom: capped))
    }

    @Test func anAnswerWritesTheSwappedInOperation() {
        let reference = OperationProfile("(p * k).sum()")
        let mutant = OperationProfile("(p - k).sum()")
        #expect(OperationProfile("torch.sum(p - k)").writes(mutant, changedFrom: reference))
        // The other operator, the reference's own, or a number written out do not.
        #expect(!OperationProfile("(p + k).sum()").writes(mutant, changedFrom: reference))
        #expect(!OperationProfile("(p * k - k).sum()").writes(mutant, changedFrom: reference))
        // A maximum over two dimensions written as one `.max()` of a flattened tensor.
        #expect(
            OperationProfile("v.flatten(2).max(dim=2).values").writes(
                OperationProfile("v.max(dim=3).values.max(dim=2).values"),
                changedFrom: OperationProfile("v.mean(dim=(2, 3))")))
        #expect(!OperationProfile("24").writes(mutant, changedFrom: reference))
    }

    @Test func generatorSwapsWhatCallsDo() {
        let sums = swaps("(p * k).sum()")
        #expect(sums.contains("((p * k)).max()"))
        #expect(sums.contains("((p * k)).abs().sum()"))
        #expect(sums.contains("((p).sum() * (k).sum())"))
        #expect(sums.contains("(p - k).sum()"))
        // The plain `.mean()` for `.sum()` is the other rules' (`mean-for-sum`).
        #expect(!sums.contains("((p * k)).mean()"))
        // Over dimensions, a maximum that keeps a tensor of values.
        #expect(swaps("v.mean(dim=(2, 3))").contains("(v).max(dim=3).values.max(dim=2).values"))
        #expect(swaps("v.mean(dim=(-2, -1))").contains("(v).min(dim=-2).values.min(dim=-1).values"))
        // Every activation of a kind swapped at once.
        #expect(swaps("sigmoid(sigmoid(x))").contains("torch.tanh(torch.tanh(x))"))
        #expect(swaps("relu(f(x) + x)").contains("torch.sigmoid(f(x) + x)"))
        #expect(
            swaps("nn.Sequential(nn.Conv2d(1, 2, 3), nn.ReLU())").contains(
                "nn.Sequential(nn.Conv2d(1, 2, 3), nn.Tanh())"))
        // Every second pixel pooled, a pooling subsampled.
        #expect(
            swaps("F.pad(x[:, :, ::2, ::2], (0, 0, 0, 0, 1, 1))").contains(
                "F.pad(F.avg_pool2d(x, 2), (0, 0, 0, 0, 1, 1))"))
        #expect(swaps("F.max_pool2d(x, 2)").contains("(x)[:, :, ::2, ::2]"))
        #expect(!swaps("F.max_pool2d(x, 2, stride=1)").contains { $0.contains("::") })
        // A clamp's bounds dropped one at a time, and its lower bound mirrored.
        let clamps = swaps("q.clamp(min=0, max=6)")
        #expect(clamps.contains("q.clamp(min=0)") && clamps.contains("q.clamp(max=6)"))
        #expect(clamps.contains("q.clamp(min=-6, max=6)"))
        #expect(swaps("torch.clamp(q, 0, 6)").contains("torch.clamp(q, max=6)"))
        #expect(swaps("F.relu(q).clamp(max=6)").contains("(F.relu(q))"))
    }

    @Test func aSwapIsToldForTheOperationWritten() {
        // `(p - k).sum()` and `(p + k).sum()` both give 24 here: each is told its own operator.
        #expect(finding(english.grade("(p - k).sum()", for: patch)) == "operator-swapped")
        #expect(finding(english.grade("torch.sum(p + k)", for: patch)) == "sum-for-product")
        #expect(finding(english.grade("(p * k).max()", for: patch)) == "reduction-swapped")
        #expect(
            english.grade("(p * k).max()", for: patch).message
                == "Your answer is 4: that is what the calculation gives with `.max()` where `.sum()` belongs. `.max()` keeps only the largest value. `.sum()` adds all the values."
        )
        #expect(
            korean.grade("torch.max(p * k)", for: patch).message
                == "입력한 답은 4입니다. `.sum()` 대신 `.max()` 연산을 쓰면 이 결과가 나옵니다. `.max()`는 가장 큰 값 하나만 남깁니다. `.sum()`은 모든 값을 더합니다."
        )
    }

    @Test func zeroIsToldOnlyForTheMutantAsWritten() {
        // The product of the sums is 0 here (k sums to 0), the reference −4: told for an answer
        // that multiplies the two sums however it is spelled…
        #expect(finding(english.grade("p.sum() * k.sum()", for: patch)) == "product-of-sums")
        #expect(finding(english.grade("torch.sum(k) * torch.sum(p)", for: patch)) == "product-of-sums")
        // …and for no other answer that is 0: a number, another formula that writes more.
        #expect(finding(english.grade("0", for: patch)) == nil)
        // (A step written around part of the calculation is told as written: `… * 0`.)
        #expect(finding(english.grade("(p * k * 0).sum()", for: patch)) != "product-of-sums")
        #expect(finding(english.grade("(p * k).sum() * 0", for: patch)) == nil)
    }

    @Test func aNumberGetsNoSwapStory() {
        // 4 is the largest product, but a number written out says nothing of `.max()` (here it
        // is what a kernel turned by 180° gives, a story told by value as before).
        #expect(finding(english.grade("4", for: patch)) != "reduction-swapped")
        #expect(finding(english.grade("24", for: patch)) == nil)
    }

    @Test func freshLayerWhereAWeightIsGiven() {
        let exercise = TestExercises.make(
            .tensor, setup: "x = arange(16.).reshape(1, 1, 4, 4)\nw = tensor([[[[1., 0.], [0., -1.]]]])",
            reference: "conv2d(x, w)")
        let verdict = english.grade("nn.Conv2d(1, 1, 2)(x)", for: exercise)
        #expect(finding(verdict) == "fresh-layer")
        #expect(
            verdict.message.contains(
                "Your answer makes a new `nn.Conv2d` layer: its weights are random, not the given `w`, so its output cannot be the expected one."
            ), "\(verdict.message)")
        // An answer that uses the given weight in its layer is another story.
        let using = english.grade("nn.Conv2d(1, 1, 2)(x) * 0 + conv2d(x, w.flip([2, 3]))", for: exercise)
        #expect(finding(using) != "fresh-layer")
    }

    @Test func everyOperationIsSaid() {
        for operation in Operation.allCases {
            let key = OperationKey(operation)
            #expect(key != nil, "\(operation)")
            if let key {
                #expect(!Language("en").say(key).isEmpty && !Language("ko").say(key).isEmpty)
            }
        }
    }
}
