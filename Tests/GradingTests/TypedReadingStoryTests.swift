import Testing

@testable import Course
@testable import Grading

/// Stories read from what the answer's own writing says it is — the expected value with a step
/// more, a part of the reference, a ratio, a shape of one size, a ±1 as typed — refused where a
/// named mistake or a value reading says otherwise, and still told where they hold.
@Suite struct TypedReadingStoryTests: StorySuite {
    let grader = Grader()

    // MARK: Named mistakes matched by value

    @Test func aStepMoreIsNotTheMistakeItsValueNames() {
        let same = TestExercises.make(
            .value, setup: "f = 7", reference: "(f - 1) // 2",
            mistakes: [
                (id: "p-is-f-minus-one", when: "answer == f - 1", message: "Too much padding."),
                (id: "six", when: "answer == 6", message: "Six rings."),
            ])
        // The right padding, then doubled: both sides' total, not the formula f − 1.
        #expect(story("(7 - 1) // 2 * 2", same) != "p-is-f-minus-one")
        #expect(story("(7 - 1) // 2 * 2", same) != "six")
        #expect(story("(f - 1) // 2 + (f - 1) // 2", same) != "p-is-f-minus-one")
        // The mistake's own formula, or its number, is that mistake.
        #expect(story("f - 1", same) == "p-is-f-minus-one")
        #expect(story("7 - 1", same) == "p-is-f-minus-one")
        // A mistake that is itself the expected value with a step more is the answer's.
        let doubled = TestExercises.make(
            .value, setup: "f = 7", reference: "(f - 1) // 2",
            mistakes: [(id: "both-sides", when: "answer == 2 * ((f - 1) // 2)", message: "Both sides.")])
        #expect(story("(f - 1) // 2 * 2", doubled) == "both-sides")
    }

    @Test func aStepMoreOfARealNumberIsNotTheValueItLandsOn() {
        let slope = TestExercises.make(
            .value, reference: "sigmoid(tensor(0.)) * (1 - sigmoid(tensor(0.)))",
            mistakes: [(id: "max-is-half", when: "allclose(answer, 0.5)", message: "1/2 is σ(0).")],
            tolerance: .init(rtol: 1e-6, atol: 1e-7))
        #expect(story("sigmoid(tensor(0.)) * (1 - sigmoid(tensor(0.))) * 2", slope) == "extra-operation")
        // The complement is a part of the calculation whose value σ(0) inside it shares.
        #expect(story("1 - torch.sigmoid(torch.tensor(0.))", slope) == "partial-step")
        // σ(0) itself, or the number, is the named mistake.
        #expect(story("torch.sigmoid(torch.tensor(0.))", slope) == "max-is-half")
        #expect(story("0.5", slope) == "max-is-half")
    }

    @Test func anotherPartOfTheReferenceIsNotTheMistakesPart() {
        let cost = TestExercises.make(
            .value,
            reference: "parameter_count(nn.ResidualBlock(16, 16)) - parameter_count(nn.PlainBlock(16, 16))",
            mistakes: [
                (
                    id: "thinks-doubles", when: "answer == parameter_count(nn.PlainBlock(16, 16))",
                    message: "No copy."
                )
            ])
        // The whole residual block's count: the first term, not the plain block's.
        #expect(
            story("parameter_count(nn.ResidualBlock(16, 16, shortcut='identity'))", cost) != "thinks-doubles")
        #expect(story("parameter_count(nn.ResidualBlock(16, 16))", cost) != "thinks-doubles")
        // The plain block's count, written as the mistake or built by hand, is the mistake.
        #expect(story("parameter_count(nn.PlainBlock(16, 16))", cost) == "thinks-doubles")
        let byHand =
            "parameter_count(nn.Sequential(nn.Conv2d(16, 16, 3, padding=1, bias=False), nn.BatchNorm2d(16), "
            + "nn.ReLU(), nn.Conv2d(16, 16, 3, padding=1, bias=False), nn.BatchNorm2d(16)))"
        #expect(story(byHand, cost) == "thinks-doubles")
    }

    @Test func aPartNamedByTheMistakeStaysNamed() {
        let linear = TestExercises.make(
            .value, setup: "C_in = 64\nC_out = 32", reference: "C_in * C_out + C_out",
            mistakes: [(id: "no-bias", when: "answer == C_in * C_out", message: "The biases are missing.")])
        #expect(story("C_in * C_out", linear) == "no-bias")
        #expect(story("64 * 32", linear) == "no-bias")
        #expect(story("2048", linear) == "no-bias")
    }

    @Test func aPartTheMistakeLeavesOutIsNotLeftOutWhereItIsWritten() {
        var optionA = TestExercises.make(
            setup: "x = arange(32.).reshape(1, 2, 4, 4)",
            reference: "F.pad(x[:, :, ::2, ::2], (0, 0, 0, 0, 1, 1))",
            mistakes: [
                (id: "forgot-subsample", when: "answer.shape == (1, 4, 4, 4)", message: "Still 4 × 4.")
            ])
        optionA.solution?.wrong = [
            Solution.WrongAnswer(
                answer: TestExercises.code("F.pad(x, (0, 0, 0, 0, 1, 1))"), mistake: "forgot-subsample",
                location: .start(of: "solutions.yaml"))
        ]
        // Subsampled, then padded on every dimension: the same shape, another slip.
        #expect(story("F.pad(x[:, :, ::2, ::2], (1, 1, 1, 1, 1, 1))", optionA) != "forgot-subsample")
        // Without the subsampling, however padded, it is the mistake.
        #expect(story("F.pad(x, (0, 0, 0, 0, 1, 1))", optionA) == "forgot-subsample")
        #expect(story("torch.nn.functional.pad(x, [0, 0, 0, 0, 1, 1])", optionA) == "forgot-subsample")
    }

    @Test func readingsOfTheSyntax() throws {
        let typed = try #require(TypedAnswer("torch.sigmoid(torch.tensor(0., requires_grad=True)) * 2"))
        #expect(PreparedExercise.normalised(typed.last, typed) == "(sigmoid(tensor(0.0)) * 2)")
        #expect(PreparedExercise.unbracketed("(1 - s)") == "1 - s")
        #expect(PreparedExercise.unbracketed("(a) * (b)") == "(a) * (b)")
        let (named, _) = try #require(PreparedExercise.testedFormula("allclose(answer, 0.5, rtol=1e-3)"))
        #expect(named.kind == .float(0.5))
        #expect(PreparedExercise.testedFormula("answer.shape == (3, 3)") == nil)
    }

    // MARK: Counts and shapes

    @Test func aFlooredRatioOfCountsIsNoCount() {
        let cost = TestExercises.make(
            .value,
            reference: "parameter_count(nn.ResidualBlock(16, 16)) - parameter_count(nn.PlainBlock(16, 16))")
        let ratio = "parameter_count(nn.ResidualBlock(16, 16)) // parameter_count(nn.PlainBlock(16, 16))"
        #expect(story(ratio, cost)?.hasPrefix("count-") != true)
        #expect(PreparedExercise.isQuotientOfCalls(ratio))
        #expect(!PreparedExercise.isQuotientOfCalls("C_in * C_out // G"))
        // A count of a layer on the shortcut is still told as one.
        #expect(story("parameter_count(nn.Conv2d(16, 16, 1))", cost) == "count-shortcut-layer")
    }

    @Test func aShapeOfOneSizeIsAShape() {
        let logits = TestExercises.make(
            .value, setup: "feats = zeros(8, 16)", reference: "nn.Linear(16, 5)(feats).shape")
        #expect(story("(5,)", logits) == "dimension-missing")
        #expect(story("(8,)", logits) == "dimension-missing")
        #expect(story("[5]", logits) != "number-for-shape")
        // One number typed is one number.
        #expect(story("5", logits) == "number-for-shape")
        #expect(story("40", logits) == "number-for-shape")
    }

    @Test func normalisationLayersAreNoDepth() {
        #expect(Comparer.normalises("BatchNorm2d") && Comparer.normalises("LayerNorm"))
        #expect(!Comparer.normalises("Conv2d") && !Comparer.normalises("Linear"))
        let stage = TestExercises.make(
            .model,
            reference:
                "nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.ReLU(), nn.Conv2d(4, 4, 3, padding=1), nn.ReLU())",
            inputShape: [2, 1, 6, 6])
        let deeper =
            "nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU(), "
            + "nn.Conv2d(4, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU(), "
            + "nn.Conv2d(4, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU())"
        let verdict = grader.grade(deeper, for: stage)
        // Three convolutions for two, not six layers with weights.
        #expect(verdict.findings.contains { $0.id == "layer-count" })
        #expect(
            verdict.message.contains("has 3 layers with weights") && verdict.message.hasSuffix("has 2."),
            "\(verdict.message)")
    }

    // MARK: Pads

    @Test func aPaddingMovedAfterItWasNarrowedIsOneOtherTuple() {
        let reflect = TestExercises.make(
            setup: "x = arange(9.).reshape(1, 1, 3, 3)", reference: "F.pad(x, (1, 1, 1, 1), mode='reflect')")
        #expect(
            story("F.pad(x, (0, 0, 1, 1), mode='reflect')", reflect)
                != "padding-one-dimension+pad-dimension-moved")
        #expect(story("F.pad(x, (1, 1, 0, 0), mode='reflect')", reflect) == "padding-one-dimension")
        #expect(
            PreparedExercise.rewritesOnly(
                "F.pad(x, (1, 1, 1, 1))", "F.pad(x, (1, 1, 0, 0))", "F.pad(x, (0, 0, 1, 1))",
                overlapping: true))
        #expect(
            !PreparedExercise.rewritesOnly(
                "F.pad(x, (1, 1, 1, 1))", "F.pad(x, (1, 1, 0, 0))", "F.pad(x, (0, 0, 1, 1))"))
    }

    /// The one way load changes this answer's message: with the mutant runs stopped (a time
    /// limit hit) no story is told by value, nor the pad tuple written otherwise (a written story
    /// is told only when no run that could outrank it stopped: PerturbedSetupTests); the plain
    /// shape reading is told instead — true as well, and the same on every stopped run.
    @Test func aPadOnAnotherDimensionIsToldTrulyUnderLoadToo() throws {
        let channels = TestExercises.make(
            setup: "x = arange(32.).reshape(1, 2, 4, 4)",
            reference: "F.pad(x[:, :, ::2, ::2], (0, 0, 0, 0, 1, 1))")
        let answer = "F.pad(x[:, :, ::2, ::2], (0, 0, 1, 1, 0, 0))"
        #expect(story(answer, channels) == "pad-dimension-moved")
        let loaded = Grader()
        try loaded.prepare(channels).stopsExtraRun = { _ in true }
        let first = loaded.grade(answer, for: channels)
        #expect(first.findings.last?.id == "wrong-shape", "\(first.message)")
        #expect(loaded.grade(answer, for: channels).message == first.message)
    }

    // MARK: Off by one

    @Test func offByOneOnlyWhereAOneIsTyped() {
        let valid = TestExercises.make(.value, setup: "n = 9\nf = 3", reference: "n - f + 1")
        // The overhang taken off one side is one off at these numbers only.
        #expect(story("n - f // 2", valid) != "off-by-one")
        #expect(story("9 - 3 // 2", valid) != "off-by-one")
        // A + 2 where the + 1 belongs, or a number alone, is one off.
        #expect(story("n - f + 2", valid) == "off-by-one")
        #expect(story("8", valid) == "off-by-one")
    }

    @Test func aRatioOneOffZeroIsNoSlipOfOne() {
        let cost = TestExercises.make(
            .value,
            reference: "parameter_count(nn.ResidualBlock(16, 16)) - parameter_count(nn.PlainBlock(16, 16))")
        let ratio = "parameter_count(nn.ResidualBlock(16, 16)) / parameter_count(nn.PlainBlock(16, 16))"
        #expect(story(ratio, cost) != "bare:off-by-one")
        #expect(story(ratio, cost) != "off-by-one")
        #expect(
            PreparedExercise.typesOneOff(
                "x.numel() - 1", TestExercises.typed("x.numel() - 1"), formulas: nil))
        #expect(!PreparedExercise.typesOneOff(ratio, TestExercises.typed(ratio), formulas: nil))
    }

    @Test func differsByOneAtEveryPoint() throws {
        let catalogue = try #require(FormulaCatalogue(sources: ["n - f + 1"], integers: ["n": 9, "f": 3]))
        #expect(catalogue.differsByOne("n - f") == true)
        #expect(catalogue.differsByOne("n - f + 2") == true)
        #expect(catalogue.differsByOne("n - f // 2") == false)
        #expect(catalogue.differsByOne("8") == nil)
    }
}

extension TestExercises {
    /// `source` read as typed (it must parse).
    static func typed(_ source: String) -> TypedAnswer { TypedAnswer(source)! }
}
