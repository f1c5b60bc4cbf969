import Testing

@testable import Course
@testable import Grading

/// Stories found by a value yield to what the answer's typing shows it did: a rounding, a root,
/// brackets, a padding typed otherwise than the change the story tells; the "right only here"
/// checks read rounding up and the numbers a calculation types in; a shortcut story only where
/// there is a shortcut; a check that cannot run on the answer says nothing of what it checks.
@Suite struct TypedConstructsTests {
    let grader = Grader()

    /// The verdict's named mistake, or its last finding's id (`bare:` before a finding that is
    /// not specific); `pass` for a passing answer.
    func story(_ answer: String, _ exercise: Exercise) -> String? {
        let verdict = grader.grade(answer, for: exercise)
        return verdict.passed ? "pass" : verdict.story
    }

    // MARK: Constructs

    @Test func constructsCountWhatIsTyped() {
        let floor = PreparedExercise.constructs("math.floor(k / 2) + 1")
        #expect(floor == ["//": 1, "floor": 1, "+": 1])
        // A root is a power, a square the product it is, a number worked out one number.
        #expect(PreparedExercise.constructs("v * math.sqrt(2 / n)") == ["*": 1, "**": 1, "root": 1, "/": 1])
        #expect(PreparedExercise.constructs("K ** (2 - 1) * C") == ["*": 1])
        #expect(PreparedExercise.constructs("C * K ** 2") == ["*": 2])
        #expect(PreparedExercise.constructs("w * x ** (0.5 - 1)") == ["*": 1, "**": 1, "**-": 1])
        #expect(PreparedExercise.constructs("256 * 0.05") == [:])
        #expect(PreparedExercise.constructs("F.pad(img, (1, 1))[:, :, 1:-1]") == ["pad": 1])
    }

    // MARK: Rounding and operators

    @Test func aRoundingTypedOtherwiseGetsNoRoundingStory() {
        let padding = TestExercises.make(.value, setup: "k = 9", reference: "(k - 1) // 2")
        // Half of k floored, plus one: nothing rounded up, no plus where a minus is.
        for answer in ["math.floor(k / 2) + 1", "int(k / 2) + 1"] {
            let told = story(answer, padding) ?? ""
            #expect(
                !told.contains("ceil-for-floor") && !told.contains("plus-for-minus"), "\(answer): \(told)")
        }
        // Rounded up, with no plus typed.
        #expect(!(story("math.ceil(k / 2)", padding) ?? "").contains("plus-for-minus"))
        // The plus typed is that story.
        #expect(story("(k + 1) // 2", padding) == "plus-for-minus")
        let size = TestExercises.make(.value, setup: "n = 20\nk = 5\ns = 2", reference: "(n - k) // s + 1")
        #expect(story("math.ceil((n - k) / s) + 1", size) == "ceil-for-floor")
    }

    @Test func aRootTypedIsNoPowerOneOff() {
        let scale = TestExercises.make(
            .value, setup: "n = 50\nv = 3.0", reference: "v * math.sqrt(2 / n)",
            alternatives: ["v * (2 / n) ** 0.5"])
        let told = story("v / math.sqrt(2 / n)", scale) ?? ""
        #expect(!told.contains("exponent-off-by-one"), "\(told)")
    }

    @Test func bracketsLeftOutAreNoExponentSign() {
        let survivors = TestExercises.make(
            .value, setup: "q = 0.3", reference: "1 / (1 - q)", alternatives: ["(1 - q) ** -1"])
        #expect(story("1 / 1 - q", survivors) == "brackets-regrouped")
        // Without the division it is the keep probability itself.
        #expect(story("(1 - q) ** 1", survivors)?.contains("exponent-sign-dropped") == true)
    }

    @Test func aPaddingTypedIsNotLeftOut() {
        let shift = TestExercises.make(
            setup: "img = arange(12.).reshape(1, 3, 4)", reference: "F.pad(img, (1, 0))[:, :, :-1]")
        let told = story("F.pad(img, (1, 1))[:, :, 1:-1]", shift) ?? ""
        #expect(!told.contains("padding-dropped"), "\(told)")
    }

    @Test func aNamedFormulaTheTypingContradictsIsNotTold() {
        let size = TestExercises.make(
            .value, setup: "n = 20\nk = 5\ns = 2", reference: "(n - k) // s + 1",
            mistakes: [(id: "plus-inside", when: "answer == (n - k + 1) // s + 1", message: "Add 1 after.")])
        // Rounded to the nearest, the + 1 after the division: no + 1 inside it.
        #expect(story("round((n - k) / s) + 1", size) != "plus-inside")
        #expect(story("(n - k + 1) // s + 1", size) == "plus-inside")
    }

    @Test func aDimensionsSizeIsNotTheNumberOfDimensions() {
        let count = TestExercises.make(
            .value, setup: "x = zeros(2, 3, 4)", reference: "x.numel()",
            mistakes: [
                (id: "dimensions", when: "answer == 3", message: "The number of dimensions."),
                (id: "added", when: "answer == 2 + 3 + 4", message: "Sizes added."),
            ])
        // A dimension's size, and a size squared: 3 and 9 by their numbers only.
        #expect(story("x.size(1)", count) != "dimensions")
        #expect(story("x.shape[-2]", count) != "dimensions")
        #expect(story("x.shape[1] * x.shape[1]", count) != "added")
        // The counts the mistakes name, typed or worked out, are those mistakes.
        #expect(story("x.dim()", count) == "dimensions")
        #expect(story("3", count) == "dimensions")
        #expect(story("x.shape[0] + x.shape[1] + x.shape[2]", count) == "added")
    }

    @Test func otherNumbersForTheSameOperationAreNotTheNamedNumbers() {
        let chain = TestExercises.make(
            .value, reference: "0.25 ** 20",
            mistakes: [
                (id: "half", when: "allclose(answer, 0.5 ** 20, rtol=1e-4)", message: "1/2 per layer.")
            ],
            tolerance: .init(rtol: 1e-4, atol: 0))
        // A quarter over half the layers: the same number, not a half per layer.
        #expect(story("0.25 ** 10", chain) != "half")
        // A half per layer however it is written is the mistake.
        #expect(story("(1 / 2) ** 20", chain) == "half")
        #expect(story("math.sqrt(0.25) ** 20", chain) == "half")
        #expect(story("0.5 ** 10 * 0.5 ** 10", chain) == "half")
        // Products regroup their numbers: 16 · 27 is 16 · 3 · 3 · 3.
        let count = TestExercises.make(
            .value, reference: "16 * 3 * 3 * 3 + 16",
            mistakes: [(id: "no-bias", when: "answer == 16 * 3 * 3 * 3", message: "No bias.")])
        #expect(story("16 * 27", count) == "no-bias")
    }

    // MARK: Right only here

    @Test func roundingUpOrToTheNearestIsRightOnlyHere() {
        let size = TestExercises.make(.value, setup: "n = 20\nk = 5\ns = 2", reference: "(n - k) // s + 1")
        #expect(story("math.ceil((n - k) / s)", size) == "coincidental-formula")
        // ⌈(a + 1) / b⌉ is ⌊a / b⌋ + 1 for every whole number: right.
        #expect(story("math.ceil((n - k + 1) / s)", size) == "pass")
        let offset = TestExercises.make(.value, setup: "H = 32\nc = 27", reference: "(H - c) // 2")
        #expect(story("round((H - c) / 2)", offset) == "coincidental-formula")
        #expect(story("int((H - c) / 2)", offset) == "pass")
    }

    @Test func aNumberTheCalculationTypesInIsMovedToo() {
        let slope = TestExercises.make(
            .value, reference: "sigmoid(tensor(0.)) * (1 - sigmoid(tensor(0.)))",
            tolerance: .init(rtol: 1e-6, atol: 1e-7))
        // σ² is σ(1 − σ) at 0 only.
        #expect(story("sigmoid(tensor(0.)) ** 2", slope) == "bare:coincidental-data")
        #expect(grader.grade("sigmoid(tensor(0.)) ** 2", for: slope).message.contains("types in"))
        #expect(story("sigmoid(tensor(0.)) - sigmoid(tensor(0.)) ** 2", slope) == "pass")
        #expect(story("1 / (2 * 2)", slope) == "pass")
        // 1 − σ² is 1 minus the expected value at 0 only: no complement story, no regrouping.
        let told = story("1 - torch.sigmoid(torch.tensor(0.)) ** 2", slope)
        #expect(told != "complement" && told != "brackets-regrouped", "\(told ?? "")")
        #expect(
            story("torch.sigmoid(torch.tensor(0.0)) * (1 - torch.sigmoid(torch.tensor(0.0)))", slope)
                == "pass")
    }

    // MARK: Stories of a right part

    @Test func aPartRightOnlyHereIsNoStepMore() {
        let fan = TestExercises.make(.value, setup: "C_in = 16\nC_out = 64\nK = 5", reference: "C_in * K * K")
        // (C_in + C_out) * K is 400 only because C_in + C_out = 80 = C_in * K here.
        #expect(story("(C_in + C_out) * K * K", fan) != "extra-operation")
        // The right count doubled is still told as one.
        #expect(["extra-operation", "formula-doubled"].contains(story("C_in * K * K * 2", fan)))
    }

    @Test func aGroupingRightAtAFactorOfOneIsNoRegrouping() {
        let variance = TestExercises.make(
            .value, setup: "n_in = 256\nw_std = 0.05\nx_var = 1.0", reference: "n_in * w_std ** 2 * x_var")
        // The standard deviation: `x_var ** 0.5` regrouped is 1 here only.
        let verdict = grader.grade("(n_in * w_std ** 2 * x_var) ** 0.5", for: variance)
        #expect(verdict.findings.last?.id != "brackets-regrouped", "\(verdict.message)")
    }

    // MARK: Networks and checks

    @Test func aShortcutStoryNeedsAShortcut() {
        let head = TestExercises.make(
            .model, reference: "nn.Sequential(nn.Conv2d(4, 6, 1), nn.AdaptiveAvgPool2d(1), nn.Flatten())",
            inputShape: [2, 4, 5, 5])
        let told = story(
            "nn.Sequential(nn.Conv2d(4, 6, 1), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten())", head)
        #expect(told != "activation-on-shortcut", "\(told ?? "")")
        let projection = TestExercises.make(
            .model, reference: "nn.Conv2d(4, 8, 1, stride=2)", inputShape: [2, 4, 6, 6])
        #expect(
            story("nn.Sequential(nn.Conv2d(4, 8, 1, stride=2), nn.ReLU())", projection)
                == "activation-on-shortcut")
    }

    @Test func aCheckThatCannotRunSaysNothingItChecks() {
        let net = TestExercises.make(
            .model, reference: "nn.Sequential(nn.Flatten(), nn.Linear(64, 10))",
            checks: [
                (
                    id: "output", expect: "answer(ones(2, 1, 8, 8)).shape == (2, 10)",
                    message: "The output should have shape [2, 10].", points: nil
                )
            ], compare: false)
        let cannot = grader.grade("nn.Sequential(nn.Linear(64, 10))", for: net)
        #expect(cannot.status == .fail)
        #expect(!cannot.message.contains("should have shape"), "\(cannot.message)")
        #expect(cannot.message.contains("answer(ones(2, 1, 8, 8)).shape == (2, 10)"))
        #expect(cannot.findings.allSatisfy { !$0.isSpecific })
        // A network that runs and has another output gets the check's message.
        let other = grader.grade("nn.Sequential(nn.Flatten(), nn.Linear(64, 5))", for: net)
        #expect(other.message.contains("should have shape"))
    }
}
