import Testing
import Wording

@testable import Course
@testable import Grading

/// Stories whose premise is false for the answer they are told of: a value match the typing does
/// not show (a plus where no `+` is typed, a number changed where the calculation's own numbers
/// are only rearranged), a named mistake matched by its condition where the answer is of another
/// kind than its recorded ones (another shape, the pattern turned) or gives a setting the
/// mistake's answers leave out, and reasons about a filter or a convolution where the operand is
/// neither. Each rule is tested where it must not fire and where the true story is still told.
@Suite struct FalsePremiseTests: StorySuite {
    let grader = Grader()

    static func recorded(_ answer: String, _ mistake: String) -> Solution.WrongAnswer {
        Solution.WrongAnswer(
            answer: TestExercises.code(answer), mistake: mistake, location: .start(of: "solutions.yaml"))
    }

    // MARK: An operator put in is typed somewhere

    @Test func anAnswerInStepsWithoutAPlusIsNoPlusForAMinus() {
        let gap = TestExercises.make(.value, setup: "a = 0.3\nb = 0.1", reference: "a - b")
        // The value of `a + b`, made in steps from a number typed in: no `+` anywhere.
        #expect(story("c = tensor(0.1)\nc * 4", gap) != "plus-for-minus")
        // A plus typed in a step is still that story.
        #expect(story("c = a\nc + b", gap) == "plus-for-minus")
        #expect(
            PreparedExercise.constructsOfSteps("c = tensor(0.1)\nc * 4") == ["*": 1]
                && PreparedExercise.putInOperators(.plusForMinus) == ["+"])
    }

    // MARK: Numbers rearranged

    @Test func theCalculationsNumbersRearrangedChangeNone() {
        let stack = TestExercises.make(.value, reference: "48 - 6 * (3 - 1)")
        // The layer count and the kernel size exchanged: 48 - 3 * 5 = 33 is also 6 one off with
        // the `- 1` left out, but every number is the calculation's own.
        let exchanged = story("48 - 3 * (6 - 1)", stack)
        #expect(exchanged != "literal-off-by-one+minus-one-dropped")
        #expect(exchanged?.contains("literal-off-by-one") != true)
        // One count typed one off is still told.
        #expect(story("48 - 5 * (3 - 1)", stack) == "literal-off-by-one")
        let prepared = try? PreparedExercise(stack, options: GradingOptions())
        let changed = Mutant(misconception: .literalOffByOne, source: "48 - (5) * (3 - 1)", piece: "6")
        #expect(prepared?.rearrangesNumbers("48 - 3 * (6 - 1)", of: changed) == true)
        #expect(prepared?.rearrangesNumbers("48 - 5 * (3 - 1)", of: changed) == false)
        // A number alone is not read so.
        #expect(prepared?.rearrangesNumbers("38", of: changed) == false)
    }

    // MARK: Another slip named

    @Test func aSignDroppedIsNoAbsoluteValue() {
        let entropy = TestExercises.make(
            .value, setup: "p = tensor([0.2, 0.3, 0.5])", reference: "-(p * torch.log(p)).sum()")
        // The minus left out: the value of `-(…).abs().sum()`, but nothing made absolute.
        #expect(story("(p * torch.log(p)).sum()", entropy) != "reduction-swapped")
        // The absolute values typed: that story.
        #expect(story("-(p * torch.log(p)).abs().sum()", entropy) == "reduction-swapped")
    }

    @Test func aMistakeNamedByANumberIsNotAnotherRoundedFormula() {
        var third = TestExercises.make(
            .value, reference: "3 * (30 - 2) // 4",
            mistakes: [("one-third", "answer == 7", "7 is one third: there are three.")])
        third.solution?.wrong = [Self.recorded("7", "one-third")]
        // The `- 2` left out too: 30 // 4 is 7 only by rounding.
        #expect(grader.grade("30 // 4", for: third).mistake == nil)
        // The third as the calculation writes it, unfloored where it is whole, and the number alone:
        // named.
        #expect(grader.grade("(30 - 2) // 4", for: third).mistake == "one-third")
        #expect(grader.grade("(30 - 2) / 4", for: third).mistake == "one-third")
        #expect(grader.grade("7", for: third).mistake == "one-third")
        // Rounded by a call rather than by `//`: the same third.
        #expect(grader.grade("int((30 - 2) / 4)", for: third).mistake == "one-third")
        #expect(grader.grade("math.floor((30 - 2) / 4)", for: third).mistake == "one-third")
        #expect(grader.grade("int(30 / 4)", for: third).mistake == nil)
    }

    // MARK: A named mistake of another kind

    /// A filter for the falling diagonal (bright lower-left), with a named mistake recorded as a
    /// horizontal-edge filter.
    var fallingDiagonal: Exercise {
        var exercise = TestExercises.make(
            .tensor,
            setup: """
                horizontal_edge = cat([zeros(1, 1, 4, 8), ones(1, 1, 4, 8)], dim=2)
                diagonal_edge = ones(8, 8).tril()[None, None]
                flat = ones(1, 1, 8, 8)
                """,
            reference: "tensor([[0., -1., -1.], [1., 0., -1.], [1., 1., 0.]])",
            checks: [
                (
                    "shape", "answer.shape == (3, 3)", "The filter must have shape (3, 3).", nil
                ),
                (
                    "prefers-diagonal",
                    "conv2d(diagonal_edge, answer[None, None]).abs().max() > conv2d(horizontal_edge, answer[None, None]).abs().max()",
                    "Your filter does not prefer the diagonal.", nil
                ),
            ],
            mistakes: [
                (
                    "horizontal-not-diagonal",
                    "conv2d(horizontal_edge, answer[None, None]).abs().max() >= conv2d(diagonal_edge, answer[None, None]).abs().max()",
                    "Your filter responds to the horizontal edge at least as strongly as to the diagonal."
                )
            ], compare: false)
        exercise.solution?.wrong = [
            Self.recorded("tensor([[-1., -1., -1.], [0., 0., 0.], [1., 1., 1.]])", "horizontal-not-diagonal")
        ]
        return exercise
    }

    @Test func aMistakeOfAnotherKindIsNotNamed() {
        let exercise = fallingDiagonal
        // The filter for the other diagonal: the reference's pattern mirrored.
        let mirrored = grader.grade("tensor([[-1., -1., 0.], [-1., 0., 1.], [0., 1., 1.]])", for: exercise)
        #expect(mirrored.status == .fail)
        #expect(mirrored.mistake == nil, "\(mirrored.message)")
        // A 2 × 2 filter where every recorded answer has the expected shape.
        let small = grader.grade("tensor([[1., 0.], [0., -1.]])", for: exercise)
        #expect(small.status == .fail)
        #expect(small.mistake == nil, "\(small.message)")
        // A horizontal filter written otherwise (Sobel's weights) is still the named mistake.
        let sobel = grader.grade("tensor([[-1., -2., -1.], [0., 0., 0.], [1., 2., 1.]])", for: exercise)
        #expect(sobel.mistake == "horizontal-not-diagonal", "\(sobel.message)")
        // So is the recorded answer itself.
        let own = grader.grade("tensor([[-1., -1., -1.], [0., 0., 0.], [1., 1., 1.]])", for: exercise)
        #expect(own.mistake == "horizontal-not-diagonal")
    }

    // MARK: A setting the mistake's answers leave out

    var scaledArea: Exercise {
        var exercise = TestExercises.make(
            .value, setup: "def area(w=1, h=1, scale=1):\n    return w * h * scale",
            reference: "area(w=3, h=2, scale=2)",
            mistakes: [("unscaled", "answer == 6", "That is the area unscaled: give the scale.")])
        exercise.solution?.wrong = [Self.recorded("area(w=3, h=2)", "unscaled")]
        return exercise
    }

    @Test func aMistakeIsNotToldToAnAnswerThatGivesTheSettingItsAnswersLeaveOut() {
        // The scale given as the calculation gives it, another size halved: "give the scale"
        // tells it to do what it did.
        let given = grader.grade("area(w=3, h=1, scale=2)", for: scaledArea)
        #expect(given.status == .fail)
        #expect(given.mistake == nil, "\(given.message)")
        // Left out, as recorded: named.
        #expect(grader.grade("area(h=2, w=3)", for: scaledArea).mistake == "unscaled")
        // A value the recorded answer passes by position, given by keyword, denies nothing.
        let positional = {
            var exercise = scaledArea
            exercise.solution?.wrong = [Self.recorded("area(3, 2)", "unscaled")]
            return exercise
        }()
        #expect(grader.grade("area(w=3, h=2)", for: positional).mistake == "unscaled")
        // A number worked out calls nothing: named.
        #expect(grader.grade("6", for: scaledArea).mistake == "unscaled")
    }

    // MARK: A mirror the typing does not make

    @Test func dimensionsReorderedAreNoMirror() {
        // Values symmetric about the anti-diagonal: the channels and columns exchanged equal the
        // expected channel order mirrored left to right, on this data only.
        let reversed = TestExercises.make(
            .tensor,
            setup:
                "img = stack([tensor([[1., 2., 3.], [4., 5., 2.], [6., 4., 1.]]), tensor([[2., 7., 9.], [1., 3., 7.], [8., 1., 2.]])], dim=1)",
            reference: "img.flip(0)")
        #expect(finding("img.permute(2, 1, 0)", reversed) != "flipped-columns")
        #expect(TypedAnswer.permutesWithoutReversing("img.permute(2, 1, 0)"))
        // A mirror typed is still told.
        #expect(!TypedAnswer.permutesWithoutReversing("img.flip(0).permute(0, 1, 2)[:, :, ::-1]"))
        #expect(finding("img.flip(0).flip(2)", reversed) == "flipped-columns")
    }

    // MARK: Reasons about a filter and a convolution

    @Test func anEntropyIsNoFiltersResponse() {
        #expect(!ReasonPremise.holding(in: ["-(p * torch.log(p)).sum()"]).contains(.filterResponse))
        #expect(
            !ReasonPremise.holding(in: ["-(softmax(z, dim=0) * log_softmax(z, dim=0)).sum()"]).contains(
                .filterResponse))
        #expect(ReasonPremise.holding(in: ["(x[0, :, 0:2, 0:2] * w[0]).sum()"]).contains(.filterResponse))
    }

    @Test func aFiltersReasonOnlyOfTheSumOfProductsChanged() {
        let sentence = { (original: String) in
            let averaged = MutantGroup(
                mutants: [
                    Mutant(
                        misconception: .meanForSum, source: "(\(original)).mean()", piece: ".sum()",
                        original: original)
                ], value: .float(1.25))
            return Language.english.say(
                GradingText().mutants(averaged, answer: "1.25", sizes: false, premises: [.filterResponse]))
        }
        // A feature map's values summed, in a calculation with a filter: no products summed here.
        #expect(!sentence("conv2d(x, w).sum()").contains("filter"))
        #expect(sentence("conv2d(x, w).sum()").contains("`.mean()` where `.sum()` belongs"))
        // The window's products summed: the reason holds.
        #expect(sentence("(p * k).sum()").contains("A filter's response adds the products"))
    }

    @Test func aConvolutionsChannelsOnlyWhereThereIsALayer() {
        let folded = TestExercises.make(
            .tensor, setup: "W = arange(8.).reshape(2, 1, 2, 2)\ns = tensor([2., 3.])",
            reference: "W * s[:, None, None, None]")
        let said = grader.grade("cat([W, W], dim=1) * s[:, None, None, None]", for: folded).message
        #expect(said.contains("Only the channel dimension differs"))
        #expect(!said.contains("convolution"))
        let features = TestExercises.make(
            .tensor, setup: "x = ones(1, 1, 5, 5)\nw = ones(4, 1, 3, 3)", reference: "conv2d(x, w)")
        let layered = grader.grade("conv2d(x, ones(3, 1, 3, 3))", for: features).message
        #expect(layered.contains("A convolution gives one channel per filter"), "\(layered)")
    }
}
