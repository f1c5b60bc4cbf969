import Testing
import Wording

@testable import Course
@testable import Grading

/// Sentences whose story is right but which take something for granted about the exercise — a
/// filter, a residual block, a layer, a halving, a batch of images, a kernel — are said only where
/// the exercise's calculation has it, and still said where it does (`ReasonPremise`).
@Suite struct SentencePremiseTests: StorySuite {
    let grader = Grader()

    private func message(_ answer: String, _ exercise: Exercise) -> String {
        let verdict = grader.grade(answer, for: exercise)
        #expect(verdict.status == .fail, "\(answer): \(verdict.message)")
        return verdict.message
    }

    // MARK: Premises read from the course's code

    @Test func premisesAreReadFromTheCalculation() {
        #expect(ReasonPremise.holding(in: ["(p * k).sum()"]).contains(.filterResponse))
        #expect(ReasonPremise.holding(in: ["F.conv2d(x, w, padding=1)"]).contains(.filterResponse))
        // A penalty sums squares, not the products of a patch and a kernel.
        #expect(!ReasonPremise.holding(in: ["lam / 2 * (w ** 2).sum()"]).contains(.filterResponse))
        #expect(!ReasonPremise.holding(in: ["(w * w).sum()"]).contains(.filterResponse))
        #expect(ReasonPremise.holding(in: ["F.relu(conv(x) + x)"]).contains(.residualBlock))
        #expect(!ReasonPremise.holding(in: ["(F.relu(pre) == 0).float().mean()"]).contains(.residualBlock))
        #expect(ReasonPremise.holding(in: ["F.avg_pool2d(x, 2)"]).contains(.averagePooling))
        #expect(!ReasonPremise.holding(in: ["fm.mean(dim=(2, 3))"]).contains(.averagePooling))
        #expect(ReasonPremise.holding(in: ["nn.Conv2d(3, 8, 3)(x).shape"]).contains(.layer))
        #expect(ReasonPremise.holding(in: ["net(x).shape"], layers: ["net"]).contains(.layer))
        #expect(!ReasonPremise.holding(in: ["imgs[len(imgs) // bs * bs:].shape"]).contains(.layer))
        #expect(ReasonPremise.holding(in: ["F.max_pool2d(x, 2)"]).contains(.downsampling))
        #expect(ReasonPremise.holding(in: ["F.conv2d(x, w, stride=2)"]).contains(.downsampling))
        #expect(ReasonPremise.holding(in: ["x[:, :, ::2, ::2]"]).contains(.downsampling))
        #expect(!ReasonPremise.holding(in: ["F.conv2d(x, g)"]).contains(.downsampling))
        // A pooling run forward for its gradient halves nothing the answer gives.
        let gradient = "v = x.clone().requires_grad_(True); (F.avg_pool2d(v, 2) * g).sum().backward(); v.grad"
        #expect(!ReasonPremise.holding(in: [gradient]).contains(.downsampling))
    }

    // MARK: Reasons

    @Test func aFiltersReasonOnlyOfAFilter() {
        let penalty = TestExercises.make(
            .value, setup: "w = tensor([0.5, -1.0, 2.0])\nlam = 0.1", reference: "lam * (w ** 2).sum()")
        let said = message("lam * (w ** 2).mean()", penalty)
        #expect(said.contains("`.mean()` where `.sum()` belongs"))
        #expect(!said.contains("filter"))
        // Of a filter's response it holds, and is said.
        let averaged = MutantGroup(
            mutants: [Mutant(misconception: .meanForSum, source: "(p * k).mean()", piece: ".sum()")],
            value: .float(1.25))
        let sentence = { (premises: Set<ReasonPremise>) in
            Language.english.say(
                GradingText().mutants(averaged, answer: "1.25", sizes: false, premises: premises))
        }
        #expect(sentence([.filterResponse]).contains("A filter's response adds the products"))
        #expect(!sentence([.layer]).contains("filter"))
    }

    @Test func aResidualReasonOnlyOfABlock() {
        // The change is said; the block's reason, which the exercise has no block for, is not.
        let block = MutantGroup(
            mutants: [Mutant(misconception: .finalReluMissing, source: "x", piece: "")], value: .int(1))
        let without = Language.english.say(
            GradingText().mutants(block, answer: "1", sizes: false, premises: [.filterResponse]))
        #expect(without.contains("without the final ReLU"))
        #expect(!without.contains("residual block"))
        let with = Language.english.say(
            GradingText().mutants(block, answer: "1", sizes: false, premises: [.residualBlock]))
        #expect(with.contains("A residual block adds x to F(x) first"))
    }

    // MARK: A kernel only where there is one

    @Test func noKernelStoryOfAWeightVector() {
        let step = TestExercises.make(
            .tensor, setup: "w = tensor([0.5, -1.0, 2.0])\ng = tensor([0.1, 0.2, -0.3])\nlr = 0.1",
            reference: "w - lr * g - lr * 0.01 * w")
        let verdict = grader.grade("w - lr * g + lr * 0.01 * w", for: step)
        #expect(verdict.status == .fail)
        #expect(!verdict.mutantIDs.contains("kernel-negated"))
        #expect(!verdict.message.contains("kernel") && !verdict.message.contains("brightness"))
        // A convolution's kernel negated is still told.
        let convolution = TestExercises.make(
            setup:
                "x = tensor([[[[1., 2., 0.], [0., 1., 3.], [2., 2., 1.]]]])\nw = tensor([[[[1., -1.], [0., 2.]]]])",
            reference: "F.conv2d(x, w)")
        let negated = grader.grade("F.conv2d(x, -w)", for: convolution)
        #expect(negated.mutantIDs.contains("kernel-negated") || negated.lastFinding == "wrong-sign")
    }

    // MARK: Shapes

    @Test func aLayersBatchSentenceOnlyWhereALayerTakesTheBatch() {
        let batches = TestExercises.make(
            .value, setup: "imgs = torch.zeros(10, 3, 4, 4)\nbs = 4",
            reference: "imgs[len(imgs) // bs * bs:].shape")
        let said = message("imgs[:bs].shape", batches)
        #expect(said.contains("Only the batch size differs: 4 where 2 is expected."))
        #expect(!said.contains("layer"))
        let layer = TestExercises.make(
            .value, setup: "x = torch.zeros(5, 3, 6, 6)", reference: "nn.Conv2d(3, 4, 3)(x).shape")
        #expect(message("(2, 4, 4, 4)", layer).contains("a layer gives one output per input image"))
    }

    @Test func aHalvingOnlyWhereTheCalculationHalves() {
        // A valid convolution of a 4 × 6 input with a 3 × 4 kernel gives 2 × 3: half, by chance.
        let valid = TestExercises.make(
            setup: "x = torch.ones(1, 1, 4, 6)\ng = torch.ones(1, 1, 3, 4)", reference: "F.conv2d(x, g)")
        let said = message("x", valid)
        #expect(!said.contains("halves") && !said.contains("halved"))
        let pooled = TestExercises.make(setup: "x = torch.ones(1, 1, 4, 6)", reference: "F.max_pool2d(x, 2)")
        #expect(message("x", pooled).contains("halves"))
        // A size typed in numbers keeps its story: nothing says the calculation does not halve.
        let typed = TestExercises.make(.value, setup: "x = torch.ones(1, 4, 8, 8)", reference: "(1, 4, 4, 4)")
        #expect(finding("(1, 4, 2, 2)", typed)?.hasPrefix("bare") == false)
    }

    @Test func noImageLayoutForAWeightShape() {
        let weight = TestExercises.make(
            .value, setup: "c_in = 4\nc_out = 6", reference: "nn.Conv2d(c_in, c_out, (3, 2)).weight.shape")
        let said = message("(c_out, c_in, 2, 3)", weight)
        #expect(!said.contains("batch of images"))
        let images = TestExercises.make(.value, setup: "x = torch.zeros(2, 3, 5, 4)", reference: "x.shape")
        #expect(message("(2, 5, 4, 3)", images).contains("batch of images"))
    }

    @Test func aPositionIsNoShape() {
        let peak = TestExercises.make(
            .value, setup: "fm = tensor([[0., 5., 1.], [2., 0., 3.]])",
            reference: "(int(fm.argmax()) // 3, int(fm.argmax()) % 3)")
        let said = message("(int(fm.argmax()) % 3, int(fm.argmax()) // 3)", peak)
        #expect(!said.contains("shape") && !said.contains("rotated"))
        // Its right phrasings still pass, however the pair is held.
        #expect(grader.grade("(0, 1)", for: peak).passed)
        #expect(grader.grade("tensor([0, 1])", for: peak).passed)
        #expect(PreparedExercise.tupleIsShape("(N, C, H // 2, x.shape[3])"))
        #expect(PreparedExercise.tupleIsShape("x.mean(dim=1).shape"))
    }

    @Test func sizeOneAdviceOnlyWhereItFixesTheShape() {
        let batch = TestExercises.make(setup: "img = torch.ones(4, 4)", reference: "img[None, None]")
        let elsewhere = message("img[:, None]", batch)
        #expect(
            elsewhere.contains("not where the expected shape has them")
                && !elsewhere.contains("x[None, None]"))
        #expect(message("img", batch).contains("x[None, None]"))
    }

    // MARK: Operators keep their operands; a double story is true in both halves

    @Test func aNameLeftOutIsNoOperatorSwap() {
        // 1 − (eta − lam) is 1 − lam when eta = 2 · lam: the rate was left out, no `*` became `-`.
        let shrink = TestExercises.make(
            .value, setup: "eta = 0.2\nlam = 0.1\nn = 3", reference: "(1 - eta * lam) ** n")
        let verdict = grader.grade("(1 - lam) ** n", for: shrink)
        #expect(verdict.status == .fail)
        #expect(
            !verdict.mutantIDs.contains("operator-swapped") && !verdict.message.contains("where `*` belongs"))
        // `x ** 2` writes `x` twice, as the product of sums `x.sum() * x.sum()` does.
        #expect(PreparedExercise.nameCounts("lam * w.sum() ** 2")?.counts["w"] == 2)
        // A swap typed with every operand is still told.
        #expect(grader.grade("(1 - (eta - lam)) ** n", for: shrink).status == .fail)
    }

    @Test func aDoubleStoryWhoseHalfDropsWhatIsWrittenIsNotTold() {
        let same = TestExercises.make(.value, setup: "f = 7", reference: "(f - 1) // 2")
        #expect(story("f / 2 - 1", same) != "divisor-dropped+term-halved")
        let pair = Mutant(misconception: .divisorDropped, source: "f - 1", piece: "2").then(
            Mutant(misconception: .termHalved, source: "f / 2 - 1", piece: "f"))
        #expect(PreparedExercise.pairDropsWhatItWrites("f / 2 - 1", pair, sources: ["(f - 1) // 2"]))
        // A term the calculation writes twice may be dropped at one of its places.
        let twice = Mutant(misconception: .plusOneDropped, source: "(n - k) // 2 - k + 1", piece: "+ 1").then(
            Mutant(misconception: .termDropped, source: "(n - k + 1) // 2", piece: "k"))
        #expect(
            !PreparedExercise.pairDropsWhatItWrites(
                "(n - k + 1) // 2", twice, sources: ["(n - k + 1) // 2 - k + 1"]))
    }

    @Test func aStrideAddedAndSetIsOneSetting() {
        let map = TestExercises.make(
            setup: "x = torch.arange(49.).reshape(1, 1, 7, 7)\nw = tensor([[[[1., 0.], [0., -1.]]]])",
            reference: "F.conv2d(x, w)")
        #expect(story("F.conv2d(x, w, stride=3)", map) != "stride-added+setting-changed")
    }

    // MARK: Choices

    @Test func aSingleWrongPickWithoutWhyIsNoDiagnosis() throws {
        let single = TestExercises.make(.choice, reference: "b", choices: ["a", "b", "c"])
        let bare = try #require(grader.grade("c", for: single).findings.first)
        #expect(bare.id == "choice-wrong" && !bare.isSpecific)
        var explained = single
        explained.solution?.why = [
            "c": LocalizedText(
                texts: ["en": "That pads the image.", "ko": "그것은 이미지에 패딩을 합니다."], defaultLanguage: "en",
                location: .start(of: "solutions.yaml"))
        ]
        #expect(try #require(grader.grade("c", for: explained).findings.first).isSpecific)
        // Of several picks, which one is wrong is news.
        let multiple = TestExercises.make(
            .choice, reference: "a, c", choices: ["a", "b", "c"], multiple: true)
        #expect(try #require(grader.grade("a, b", for: multiple).findings.first).isSpecific)
    }
}
