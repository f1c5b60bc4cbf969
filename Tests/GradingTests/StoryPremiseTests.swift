import Testing

@testable import Course
@testable import Grading

/// Stories told only where the answer's typing supports them and their words are true of it:
/// a name's role from what the calculation does with it, a shape's dimensions from what the
/// reference says they are, a named mistake's typing from its recorded answers, a residual
/// block's story only of a residual block, an operator swap only as the formula it is. Each rule
/// is tested where it must not fire and where the true story still does.
@Suite struct StoryPremiseTests: StorySuite {
    let grader = Grader()

    static func recorded(_ answer: String, _ mistake: String) -> Solution.WrongAnswer {
        Solution.WrongAnswer(
            answer: TestExercises.code(answer), mistake: mistake, location: .start(of: "solutions.yaml"))
    }

    // MARK: A name's role

    @Test func aCountInNamesHasNoSettings() {
        let count = MutantGenerator.mutants(of: "H * W * D * C * K * K", arithmetic: true) { _ in true }
        #expect(!count.contains { $0.misconception == .dilationForgotten })
        let counted = MutantGenerator.mutants(of: "s * C + p", arithmetic: true) { _ in true }
        #expect(
            !counted.contains {
                $0.misconception == .strideForgotten || $0.misconception == .paddingForgotten
            })
        // Where a dilation spaces a kernel's weights, it is one.
        let span = MutantGenerator.mutants(of: "H - D * (K - 1)", arithmetic: true) { _ in true }
        #expect(span.contains { $0.misconception == .dilationForgotten })
        let size = MutantGenerator.mutants(of: "(n + 2 * p - f) // s + 1", arithmetic: true) { _ in true }
        #expect(size.contains { $0.misconception == .paddingForgotten })
        #expect(size.contains { $0.misconception == .strideForgotten })
    }

    @Test func aChannelCountNamedDIsNoDilation() {
        let madds = TestExercises.make(
            .value, setup: "H = 8\nW = 6\nC = 16\nD = 32\nK = 3", reference: "H * W * D * C * K * K")
        #expect(story("W * H * C * K * K", madds) == "factor-dropped")
        // A dilation written as one is still forgotten.
        let span = TestExercises.make(.value, setup: "H = 20\nD = 2\nK = 3", reference: "H - D * (K - 1)")
        #expect(story("H - (K - 1)", span) == "dilation-forgotten")
    }

    // MARK: A shape's dimensions

    @Test func aWeightShapeHasNoBatch() {
        #expect(!PreparedExercise.typesImageLayout("(C_in, C_out, k, k)"))
        #expect(PreparedExercise.typesImageLayout("(N, C, H, W)"))
        #expect(PreparedExercise.typesImageLayout("(1, 32, 4, 4)"))
        #expect(PreparedExercise.typesImageLayout("conv2d(x, w).shape"))
        let weight = TestExercises.make(
            .value, setup: "C_in = 64\nC_out = 32\nk = 2", reference: "(C_in, C_out, k, k)")
        let told = grader.grade("(C_out, k, k)", for: weight)
        #expect(told.status == .fail)
        #expect(!told.message.contains("batch"))
        #expect(told.message.contains("Dimension 0"))
        // Nor is a difference at index 1 of a weight "the channels a convolution gives".
        #expect(!grader.grade("(C_in, C_in, k, k)", for: weight).message.contains("out_channels"))
        // A batch of images written as one keeps its batch story.
        let batch = TestExercises.make(.value, setup: "N = 8\nC = 3\nH = 5\nW = 5", reference: "(N, C, H, W)")
        #expect(grader.grade("(C, H, W)", for: batch).message.contains("batch"))
    }

    // MARK: A named mistake's typing

    @Test func aMistakeRecordedAsAStepMoreNeedsThatStep() {
        var patch = TestExercises.make(
            setup: "img = arange(36.).reshape(6, 6)", reference: "img[0:3, 0:3]",
            mistakes: [(id: "rows-twice", when: "answer.shape == (3, 6)", message: "Rows sliced twice.")])
        patch.solution?.wrong = [Self.recorded("img[:3][:3]", "rows-twice")]
        // One slice of the rows: the same shape, another slip.
        #expect(story("img[0:3]", patch) != "rows-twice")
        #expect(story("img[:3, :]", patch) != "rows-twice")
        // Two slices of the rows, however written, are the mistake.
        #expect(story("img[:3][:3]", patch) == "rows-twice")
        #expect(story("img[0:3][0:6]", patch) == "rows-twice")
    }

    @Test func aMistakeRecordedByAnotherRouteKeepsItsValue() {
        // A recorded answer that is no calculation with a step more says nothing of the typing.
        var nchw = TestExercises.make(
            setup: "img = arange(64.).reshape(8, 8)", reference: "img[None, None]",
            mistakes: [(id: "channels-last", when: "answer.shape == (8, 8, 1, 1)", message: "Last.")])
        nchw.solution?.wrong = [Self.recorded("img.reshape(8, 8, 1, 1)", "channels-last")]
        #expect(story("img[:, :, None, None]", nchw) == "channels-last")
        #expect(
            PreparedExercise.typingProfile("img[:3][:3]") == ["[]": 2]
                && PreparedExercise.typingProfile("conv2d(x, w, padding=1)") == [
                    "call conv2d": 1, "call pad": 1,
                ])
    }

    @Test func aMistakeNamedByANumberMovesWithTheData() throws {
        let epoch = TestExercises.make(
            .value, setup: "val = tensor([0.90, 0.72, 0.64, 0.61, 0.63, 0.60, 0.66, 0.71, 0.58, 0.75])",
            reference: "int(val.argmin())",
            mistakes: [(id: "one-based", when: "answer == 9", message: "Counted from 1.")])
        // The last epoch is 9 on this curve only; the lowest loss's epoch counted from 1 is 9 on
        // any.
        #expect(story("len(val) - 1", epoch) != "one-based")
        #expect(story("val.numel() - 1", epoch) != "one-based")
        let prepared = try grader.prepare(epoch)
        #expect(prepared.holdsOnThisDataOnly(when: "answer == 9", source: "len(val) - 1"))
        #expect(!prepared.holdsOnThisDataOnly(when: "answer == 9", source: "int(val.argmin()) + 1"))
        #expect(!prepared.holdsOnThisDataOnly(when: "answer == 9", source: "val.argmin().item() + 1"))
        // Another calculation's number (3 more here) cannot be told by moving the data.
        #expect(!prepared.holdsOnThisDataOnly(when: "answer == 11", source: "len(val) + 1"))
        // A number typed out is told by its value.
        #expect(story("9", epoch) == "one-based")
        // Nor is `len(val) - 1` "off by one" from the lowest loss's epoch: that, too, holds here only.
        #expect(finding("len(val) - 1", epoch) != "off-by-one")
    }

    // MARK: A residual block's story

    @Test func aReluLeftOutOfAnotherCalculationIsNoResidualBlock() {
        let gate = TestExercises.make(
            setup: "x = tensor([[1., -2.], [3., 0.5]])\nw = tensor([[1., -1.], [-2., 0.5]])",
            reference: "torch.sigmoid(F.relu(x @ w))")
        #expect(story("torch.sigmoid(x @ w)", gate) != "final-relu-missing")
        let biased = TestExercises.make(
            setup: "x = tensor([[1., -2.], [3., 0.5]])\nb = tensor([-2., 2.])", reference: "F.relu(x + b)")
        #expect(story("x + b", biased) != "final-relu-missing")
        // A residual block's final ReLU left out is still told.
        let block = TestExercises.make(
            setup: "x = tensor([-2., -0.5, 1., 3.])\nw = tensor([0.5, -1., 2., -0.25])",
            reference: "F.relu(torch.mul(x, w) + x)")
        #expect(story("torch.mul(x, w) + x", block) == "final-relu-missing")
    }

    @Test func aSkipReadsTheBranchsInput() throws {
        func skip(_ body: String) throws -> Bool {
            let typed = try #require(TypedAnswer(body))
            guard case .binary(.add, let left, let right) = typed.last.kind else { return false }
            return MutantGenerator.isSkip(right, of: left)
        }
        #expect(try skip("f(x) + x"))
        #expect(try skip("bn(conv(x)) + proj(x)"))
        #expect(try skip("F.conv2d(x, w) + x"))
        #expect(try !skip("F.conv2d(x, w) + b"))
        #expect(try !skip("x @ w + 1"))
    }

    // MARK: Operators and changes as typed

    @Test func anOperatorSwapIsTheFormulaItIs() {
        let decoder = TestExercises.make(
            .value, setup: "H_in = 5\nk = 4\ns = 2\np = 1",
            reference: "((H_in - 1) * s - 2 * p + k - 1) * s - 2 * p + k")
        #expect(story("(H_in - 1) * s * s - 2 * p + k", decoder) != "sum-for-product")
        // A plus typed where the times belongs is still told.
        #expect(story("((H_in - 1) * s - (2 + p) + k - 1) * s - 2 * p + k", decoder) == "sum-for-product")
    }

    @Test func namesSwappedAreWrittenSwapped() {
        let crops = TestExercises.make(.value, setup: "n = 32\ncrop = 24", reference: "(n - crop + 1) ** 2")
        #expect(story("(n - crop - 1) ** 2", crops) != "names-swapped")
        #expect(story("(n - crop - 1) ** 2", crops) == "minus-for-plus")
        let size = TestExercises.make(
            .value, setup: "n = 12\np = 1\nf = 3\ns = 2", reference: "(n + 2 * p - f) // s + 1")
        #expect(story("(n + 2 * p - s) // f + 1", size) == "names-swapped")
    }

    @Test func aSecondChangeOfTheFirstsWritingIsNoPair() {
        let halved = Mutant.Change(misconception: .termHalved, piece: "f", replacement: "(f / 2)")
        let divisor = Mutant.Change(
            misconception: .numeratorDropped, piece: "f", original: "f / 2", replacement: "(2)")
        #expect(FormulaCatalogue.rewritesFirst(halved, divisor, sources: ["n - f + 1"]))
        let padding = Mutant.Change(
            misconception: .paddingOneSide, piece: "p", original: "2 * p", replacement: "p")
        let plus = Mutant.Change(misconception: .plusOneDropped, piece: "+ 1", original: "n + p - f + 1")
        #expect(!FormulaCatalogue.rewritesFirst(padding, plus, sources: ["n + 2 * p - f + 1"]))
        // What a change leaves of the calculation's own writing is the calculation's.
        let dropped = Mutant.Change(
            misconception: .plusOneDropped, piece: "+ 1", original: "n + 2 * p - f + 1",
            replacement: "(n + 2 * p - f)")
        let term = Mutant.Change(misconception: .termDropped, piece: "f", original: "n + 2 * p - f")
        #expect(!FormulaCatalogue.rewritesFirst(dropped, term, sources: ["n + 2 * p - f + 1"]))
        // A second change of the first's writing that keeps it is a second slip (`//` then `/`).
        let before = Mutant.Change(
            misconception: .plusOneBeforeDividing, piece: "+ 1", original: "(n - f) // s + 1",
            replacement: "(n - f + 1) // s")
        let floor = Mutant.Change(
            misconception: .floorForgotten, piece: "//", original: "(n - f + 1) // s",
            replacement: "(n - f + 1) / s")
        #expect(!FormulaCatalogue.rewritesFirst(before, floor, sources: ["(n - f) // s + 1"]))
        let valid = TestExercises.make(.value, setup: "n = 9\nf = 3", reference: "n - f + 1")
        #expect(story("9 - 3 + 2", valid) != "term-halved+numerator-dropped")
    }

    @Test func theCalculationWithAStepMoreIsNoChangeInsideIt() {
        let layers = TestExercises.make(
            .value, reference: "0.25 ** 20", alternatives: ["(1 / 4) ** 20"],
            tolerance: .init(rtol: 1e-4, atol: 0))
        #expect(story("1 - 0.25 ** 20", layers) != "divisor-dropped")
        // A number typed for that value is told by it.
        #expect(story("1 ** 20", layers) == "divisor-dropped")
    }
}
