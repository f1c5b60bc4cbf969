import Testing
import Wording

@testable import Course
@testable import Grading

/// Size stories that know which size formula they are about (`SizeFormula`): a transposed
/// convolution's size, a decoder of several stages and an upsampling are told as themselves, and
/// an ordinary convolution's size stories (a padding forgotten or on one side, the kernel's
/// shrinking, the `+ 1` of a count of positions) are never told of a size that is not one.
@Suite struct SizeFormulaStoryTests: StorySuite {
    let grader = Grader()

    /// Sentences only an ordinary convolution's size makes true.
    static let convolutionOnly = [
        "widens the input", "fits n − f + 1", "adds p pixels", "(n + 2p − f) / s + 1",
        "the kernel's shrinking",
        "padding seems", "Positions 0",
    ]

    static let transposed = TestExercises.make(
        .value, setup: "H_in = 7\ns = 2\np = 1\nk = 5", reference: "(H_in - 1) * s - 2 * p + k")
    static let withOutputPadding = TestExercises.make(
        .value, setup: "H_in = 5\nK = 3\nS = 2\nP = 1\nO = 1", reference: "(H_in - 1) * S - 2 * P + K + O")
    static let decoder = TestExercises.make(
        .value, setup: "H_in = 5\nk = 4\ns = 2\np = 1",
        reference: "((H_in - 1) * s - 2 * p + k - 1) * s - 2 * p + k")

    func told(_ answer: String, _ exercise: Exercise, sourceLocation: SourceLocation = #_sourceLocation)
        -> Verdict
    {
        let verdict = failing(answer, exercise, sourceLocation: sourceLocation)
        for phrase in Self.convolutionOnly {
            #expect(
                !verdict.message.contains(phrase), "\(answer): \(verdict.message)",
                sourceLocation: sourceLocation)
        }
        return verdict
    }

    // MARK: Which size formula

    @Test func sizeFormulasAreReadFromCallsAndFormulas() {
        let conv: [String: Int] = ["n": 14, "p": 3, "f": 5, "s": 2]
        #expect(SizeFormula.of(["(n + 2 * p - f) // s + 1"], integers: conv) == .convolution)
        #expect(SizeFormula.of(["n - f + 1"], integers: conv) == .convolution)
        let up: [String: Int] = ["H_in": 7, "s": 2, "p": 1, "k": 5]
        #expect(SizeFormula.of(["(H_in - 1) * s - 2 * p + k"], integers: up) == .transposed)
        #expect(SizeFormula.of(["s * (H_in - 1) + k - 2 * p"], integers: up) == .transposed)
        #expect(SizeFormula.of(["H_in * s * s"], integers: up) == .upsampling)
        #expect(SizeFormula.of(["F.conv_transpose2d(x, w)"], integers: [:]) == .transposed)
        #expect(SizeFormula.of(["F.interpolate(x, scale_factor=2)"], integers: [:]) == .upsampling)
        #expect(SizeFormula.of(["F.max_pool2d(v, 2, stride=1)"], integers: [:]) == .convolution)
        // No map's size: a padding worked out from a kernel, a receptive field, a flatten count,
        // channels doubled.
        #expect(SizeFormula.of(["(f - 1) // 2"], integers: conv) == .unknown)
        #expect(SizeFormula.of(["L * (K - 1) + 1"], integers: ["L": 3, "K": 3]) == .unknown)
        #expect(SizeFormula.of(["D * (K - 1) + 1"], integers: ["D": 2, "K": 3]) == .unknown)
        #expect(SizeFormula.of(["K + (K - 1) * S"], integers: ["K": 3, "S": 2]) == .unknown)
        #expect(SizeFormula.of(["r + (r - 1) * s"], integers: ["r": 3, "s": 2]) == .unknown)
        #expect(SizeFormula.of(["C * H * W"], integers: ["C": 8, "H": 4, "W": 4]) == .unknown)
        #expect(SizeFormula.of(["2 * C"], integers: ["C": 8]) == .unknown)
        // A decoder's stages, the first applied first.
        let stages = TransposedStage.stages(
            of: Formula.parse("((H_in - 1) * s - 2 * p + k - 1) * s - 2 * p + k") ?? .integer(0))
        #expect(stages.count == 2)
        #expect(stages.first?.input == .name("H_in"))
    }

    @Test func aTransposedSizeInTheCoursesNamesIsASize() throws {
        #expect(try grader.prepare(Self.transposed).quantity == .size)
        #expect(try grader.prepare(Self.decoder).quantity == .size)
        // The output padding that makes a size 2 · H_in is no size: it does not grow with H_in.
        let outputPadding = TestExercises.make(
            .value, setup: "H_in = 8\ns = 2\np = 1\nk = 3",
            reference: "2 * H_in - ((H_in - 1) * s - 2 * p + k)")
        #expect(try grader.prepare(outputPadding).quantity == .padding)
        #expect(try grader.prepare(outputPadding).diagnosisContext.sizeFormula == .transposed)
    }

    // MARK: A transposed convolution's size, told as itself

    @Test func theOrdinaryConvolutionsFormulaIsSaid() {
        let verdict = told("(H_in + 2 * p - k) // s + 1", Self.transposed)
        #expect(verdict.story == "convolution-for-transposed")
        #expect(verdict.message.contains("enlarges"))
    }

    @Test func thePaddingTrims() {
        // In one stage, a plus for the padding's minus, told with why a transposed one trims.
        let added = told("(H_in - 1) * s + 2 * p + k", Self.transposed)
        #expect(added.story == "plus-for-minus")
        #expect(added.message.contains("trims"))
        // A plus for another minus has no padding's reason.
        #expect(!told("(H_in + 1) * s - 2 * p + k", Self.transposed).message.contains("trims"))
        let once = told("(H_in - 1) * s - p + k", Self.transposed)
        #expect(once.story == "padding-one-side")
        #expect(once.message.contains("trims"))
        #expect(told("(H_in - 1) * s + k", Self.transposed).story == "padding-forgotten")
    }

    @Test func thePatchesStartStrideApart() {
        let whole = told("H_in * s - 2 * p + k", Self.transposed)
        #expect(whole.story == "minus-one-dropped")
        #expect(whole.message.contains("(n − 1) · s"))
        #expect(told("H_in - 1 - 2 * p + k", Self.transposed).story == "stride-forgotten")
    }

    @Test func noPlusOneOfItsOwn() {
        let plus = told("(H_in - 1) * s - 2 * p + k + 1", Self.transposed)
        #expect(plus.story == "plus-one-added")
        #expect(plus.message.contains("no + 1"))
        #expect(told("(H_in - 1) * s - 2 * p + k - 1", Self.transposed).story == "minus-one-added")
    }

    @Test func theOutputPaddingForgotten() {
        let forgotten = told("(H_in - 1) * S - 2 * P + K", Self.withOutputPadding)
        #expect(forgotten.story == "term-dropped")
        #expect(forgotten.message.contains("output_padding"))
        // The kernel left out is no output padding.
        #expect(
            !told("(H_in - 1) * S - 2 * P + O", Self.withOutputPadding).message.contains("output_padding"))
    }

    @Test func storiesAreSaidInKorean() {
        let korean = grader.grade(
            "(H_in + 2 * p - k) // s + 1", for: Self.transposed, language: Language("ko"))
        #expect(korean.message.contains("전치 합성곱"))
        let trimmed = grader.grade("(H_in - 1) * s - p + k", for: Self.transposed, language: Language("ko"))
        #expect(trimmed.message.contains("잘라"))
    }

    // MARK: Decoders and upsampling

    @Test func oneStageOfADecoderIsSaid() {
        #expect(told("(H_in - 1) * s - 2 * p + k", Self.decoder).story == "stage-left-out")
        #expect(told("4 * 2 - 2 + 4", Self.decoder).story != nil)
        #expect(
            told("((H_in + 2 * p - k) // s + 1 + 2 * p - k) // s + 1", Self.decoder).story
                == "convolution-for-transposed")
        #expect(
            told("((H_in - 1) * s + 2 * p + k - 1) * s + 2 * p + k", Self.decoder).story
                == "transposed-padding-added")
    }

    @Test func theStrideAloneAndTheStagesMerged() {
        #expect(told("H_in * s", Self.transposed).story == "scaled-only")
        // Only as written: a 2 typed for s may be any doubling.
        #expect(told("H_in * 2", Self.transposed).story != "scaled-only")
        #expect(told("(H_in - 1) * s * s - 2 * p + k", Self.decoder).story == "stages-merged")
    }

    @Test func aTermTakenOutOfTheStridesDivision() {
        let stride = TestExercises.make(
            .value, setup: "n = 14\np = 3\nf = 5\ns = 2", reference: "(n + 2 * p - f) // s + 1")
        #expect(told("(n + 2 * p) // s - f + 1", stride).story == "term-outside-division")
        #expect(told("n / s", stride).story == "stride-only")
    }

    @Test func aScaleAppliedOnceWhereTwice() {
        let twice = TestExercises.make(.value, setup: "H = 7\ns = 2", reference: "H * s * s")
        #expect(told("H * s", twice).story == "stage-left-out")
    }

    @Test func numbersWorkedOutForTheNamesNotWrittenAreRight() {
        // k = 4, s = 2, p = 1 double each stage: `H_in * 4` is right for every H_in.
        #expect(grader.grade("H_in * 4", for: Self.decoder).status == .pass)
        #expect(grader.grade("4 * H_in", for: Self.decoder).status == .pass)
        // A formula in names is judged by its names: `H_in * k` is right only where k is 4.
        #expect(grader.grade("H_in * k", for: Self.decoder).status == .fail)
        // Right only at some sizes: `n // 2 + 1` differs from the stride formula at n = 15.
        let stride = TestExercises.make(
            .value, setup: "n = 14\np = 3\nf = 5\ns = 2", reference: "(n + 2 * p - f) // s + 1")
        #expect(grader.grade("n // 2 + 1", for: stride).status == .fail)
    }

    // MARK: Must not: an ordinary convolution's size stories of other sizes

    @Test func noKernelShrinkingOfATransposedConvolutionsShape() {
        let context = DiagnosisContext(sizeFormula: .transposed, kernelSizes: [2])
        let diagnoser = Diagnoser(context: context, rtol: 1e-4, atol: 1e-5)
        #expect(diagnoser.shapeDiagnosis([1, 1, 2, 2], expected: [1, 1, 3, 3]) == nil)
        #expect(diagnoser.shapeDiagnosis([1, 1, 4, 4], expected: [1, 1, 3, 3]) == nil)
        // The same shapes of an ordinary convolution keep their story.
        let convolution = Diagnoser(
            context: DiagnosisContext(sizeFormula: .convolution, kernelSizes: [2]), rtol: 1e-4, atol: 1e-5)
        #expect(convolution.shapeDiagnosis([1, 1, 2, 2], expected: [1, 1, 3, 3]) != nil)
    }

    @Test func noPaddingOrPlusOneOfAnUpsamplingsNumber() {
        for kind in [SizeFormula.transposed, .upsampling] {
            let context = DiagnosisContext(quantity: .size, sizeFormula: kind, kernelSizes: [3], padding: 1)
            let diagnoser = Diagnoser(context: context, rtol: 1e-4, atol: 1e-5)
            #expect(diagnoser.numberDiagnosis(12, expected: 14, integral: true).finding != .paddingForgotten)
            #expect(diagnoser.numberDiagnosis(13, expected: 14, integral: true).isSpecific == false)
        }
    }

    @Test func noConvolutionStoryOfATransposedCall() {
        let spread = TestExercises.make(
            setup: "x = ones(1, 1, 4, 4)\nw = ones(1, 1, 3, 3)", reference: "F.conv_transpose2d(x, w)")
        for answer in ["x", "F.conv2d(x, w)", "x * 2"] {
            _ = told(answer, spread)
        }
    }

    @Test func theSecondCourseWrittenElsewhere() {
        // elsewhere2's transposed convolution (its own names, a stride of 3).
        let tconv = TestExercises.make(
            .value, setup: "H_in = 26\nK = 4\nS = 3\nP = 1", reference: "(H_in - 1) * S - 2 * P + K")
        #expect(told("(H_in + 2 * P - K) // S + 1", tconv).story == "convolution-for-transposed")
        #expect(told("(H_in - 1) * S - P + K", tconv).message.contains("trims"))
        #expect(told("H_in * S", tconv).story == "scaled-only")
        #expect(grader.grade("S * (H_in - 1) + K - 2 * P", for: tconv).status == .pass)
    }

    @Test func cropsAreNoConvolutionsSize() {
        // Crop positions and a centre crop's offset: no kernel, padding or stride the formula
        // names, so no size kind (and no convolution's story) is read into them.
        let crops: [String: Int] = ["H": 32, "W": 32, "size": 28]
        #expect(SizeFormula.of(["2 * (H - size + 1) * (W - size + 1)"], integers: crops) == .unknown)
        #expect(SizeFormula.of(["(H - size) // 2"], integers: crops) == .unknown)
        let count = TestExercises.make(
            .value, setup: "H = 32\nW = 32\nsize = 28", reference: "2 * (H - size + 1) * (W - size + 1)")
        _ = told("2 * (H - size) * (W - size)", count)
        _ = told("(H - size + 1) * (W - size + 1)", count)
    }

    @Test func noConvolutionStoryInNamesNeverSeen() throws {
        // A transposed convolution in names no rule knows: still read as one.
        let unseen = TestExercises.make(
            .value, setup: "rows = 7\nstep = 2\ntrim = 1\nk = 5",
            reference: "(rows - 1) * step - 2 * trim + k")
        #expect(told("(rows + 2 * trim - k) // step + 1", unseen).story == "convolution-for-transposed")
        let once = told("(rows - 1) * step - trim + k", unseen)
        #expect(once.story == "padding-one-side")
        #expect(told("rows - 1 - 2 * trim + k", unseen).story == "stride-forgotten")
        // An upsampling that a course writes as a call, with a kernel in its setup: the size's
        // difference is no kernel's shrinking.
        let zoom = TestExercises.make(
            .value, setup: "side = 6\nkernel = 3",
            reference: "F.interpolate(zeros(1, 1, side, side), scale_factor=2).shape[-1]")
        _ = told("2 * side - 2", zoom)
        _ = told("2 * side + 1", zoom)
        // Pooling is a window: its size keeps a window's stories where they hold.
        let pooled = TestExercises.make(
            .value, setup: "n = 9\nf = 3", reference: "F.max_pool2d(zeros(1, 1, n, n), f, stride=1).shape[-1]"
        )
        #expect(try grader.prepare(pooled).diagnosisContext.sizeFormula == .convolution)
    }
}
