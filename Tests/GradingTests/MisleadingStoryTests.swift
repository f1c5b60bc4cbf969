import Testing

@testable import Course
@testable import Grading

/// Stories that were told of answers whose own mistake was another one, each refused where its
/// premise does not hold of the answer, and still told where it does.
@Suite struct MisleadingStoryTests: StorySuite {
    let grader = Grader()
    let plain = Diagnoser(context: DiagnosisContext(), rtol: 1e-4, atol: 1e-5)

    // MARK: Shapes

    @Test func oneNumberForAShapeOnlyWhereAShapeIsTyped() {
        // A shape answered with one number: the story holds. A shape of one size typed as a
        // tuple (`(120,)`) is a shape (`TypedReadingStoryTests`).
        #expect(plain.numberForShape(120).finding == .numberForShape)
        #expect(plain.shapeDiagnosis([120], expected: [8, 3, 5])?.finding != .numberForShape)
        // A row of a 3 × 3 patch is a 1-d tensor, not a number typed for a shape; nor do its
        // values say which of the two dimensions of size 3 it lacks.
        let row = NumericArray(shape: [3], values: [1, 2, 3])
        let patch = NumericArray(shape: [3, 3], values: (1...9).map(Double.init))
        let told = plain.diagnose(row, expected: patch).finding
        #expect(told != .numberForShape && told != .dimensionMissing)
        // A tensor whose missing dimension the shapes do tell is still said to lack it.
        let image = NumericArray(shape: [1, 2, 3], values: (1...6).map(Double.init))
        let batch = NumericArray(shape: [4, 1, 2, 3], values: (1...24).map(Double.init))
        #expect(plain.diagnose(image, expected: batch).finding == .dimensionMissing)
    }

    @Test func paddingStoriesNeedStrideOne() {
        // Padding 1 forgotten at stride 1 loses 2 pixels a side pair; counted once, 1.
        let unstrided = Diagnoser(
            context: DiagnosisContext(kernelSizes: [3], padding: 1), rtol: 1e-4, atol: 1e-5)
        #expect(
            unstrided.sizeExplanation([2, 24, 9, 9], expected: [2, 24, 10, 10])?.0 == .paddingCountedOnce)
        // At stride 2 a padding of 1 forgotten loses 1 pixel: no "one side only" story.
        let strided = Diagnoser(
            context: DiagnosisContext(strided: true, kernelSizes: [3], padding: 1), rtol: 1e-4, atol: 1e-5)
        #expect(strided.sizeExplanation([2, 24, 9, 9], expected: [2, 24, 10, 10]) == nil)
    }

    @Test func shrinkWhereTheSizeShouldStayNeedsAPadding() throws {
        let valid = TestExercises.make(.value, setup: "n = 9\nf = 3", reference: "n - f + 1")
        #expect(try grader.prepare(valid).diagnosisContext.unpadded)
        #expect(story("n - 2 * (f - 1)", valid) != "shrank-by-kernel")
        // A formula with a padding in its setup keeps its size stories.
        let padded = TestExercises.make(.value, setup: "n = 9\nf = 3\np = 1", reference: "n + 2 * p - f + 1")
        #expect(try !grader.prepare(padded).diagnosisContext.unpadded)
        let keeps = Diagnoser(context: DiagnosisContext(kernelSizes: [3]), rtol: 1e-4, atol: 1e-5)
        #expect(keeps.shapeDiagnosis([1, 1, 3, 3], expected: [1, 1, 5, 5])?.finding == .shrankByKernel)
    }

    // MARK: Double stories

    @Test func secondChangeRewritingTheFirstIsNoSecondSlip() {
        #expect(PreparedExercise.rewritesOnly("v.mean(dim=(2, 3))", "(v).mean()", "((v)).mean(dim=-1)"))
        #expect(
            PreparedExercise.rewritesOnly(
                "sigmoid(tensor(0.)) * (1 - sigmoid(tensor(0.)))",
                "sigmoid(tensor(1.)) * (1 - sigmoid(tensor(1.)))",
                "sigmoid(tensor(2.)) * (1 - sigmoid(tensor(2.)))"))
        // Two changes at two places are two slips.
        #expect(
            !PreparedExercise.rewritesOnly(
                "(n + 2 * p - f) // s + 1", "(n + 2 * 0 - f) // s + 1", "(n + 2 * 0 - f) / s + 1"))
    }

    @Test func pointMovedTwiceIsOneMove() {
        let slope = TestExercises.make(
            .value, reference: "sigmoid(tensor(0.)) * (1 - sigmoid(tensor(0.)))",
            tolerance: .init(rtol: 1e-6, atol: 1e-7))
        #expect(story("sigmoid(tensor(2.)) * (1 - sigmoid(tensor(2.)))", slope) == "other-point")
        #expect(story("sigmoid(tensor(1.)) * (1 - sigmoid(tensor(1.)))", slope) == "other-point")
    }

    @Test func aReductionIsNotWidenedThenNarrowed() {
        let means = TestExercises.make(
            setup: "v = arange(12.).reshape(1, 3, 2, 2) ** 2", reference: "v.mean(dim=(2, 3))")
        #expect(story("v.mean(dim=3)", means) != "reduced-everything+mean-partial")
        // Every dimension reduced at once is still told so.
        #expect(story("v.mean()", means) == "reduced-everything")
    }

    // MARK: Settings of calls

    @Test func aSettingExplainsOnlyAnAnswerThatCallsTheFunction() {
        let strided = Mutant(
            misconception: .strideAdded, source: "conv2d(x, w, stride=2)[0, 0, 1, 1]", piece: "2")
        // A window sliced by hand at another place writes no stride.
        #expect(!strided.canExplain("(x[0, :, 2:4, 2:4] * w[0]).sum()"))
        #expect(strided.canExplain("F.conv2d(x, w, stride=2)[0, 0, 1, 1]"))
        // A shape or a number typed out was worked out by hand: any setting may be in it.
        #expect(strided.canExplain("(8, 16, 27, 27)"))
        #expect(strided.canExplain("torch.Size([8, 16, 27, 27])"))
        // A layer's class calls the same function.
        let pooled = Mutant(
            misconception: .settingChanged, source: "F.max_pool2d(v, 2, stride=2)", piece: "2")
        #expect(pooled.canExplain("nn.MaxPool2d(2)(v)"))
    }

    // MARK: Named mistakes matched by value

    @Test func precedenceSlipIsNotTheMistakeItsValueNames() {
        let same = TestExercises.make(
            .value, setup: "f = 7", reference: "(f - 1) // 2",
            mistakes: [(id: "p-is-f", when: "answer == f", message: "p = f is far too much padding.")])
        #expect(story("7 - 1 // 2", same) != "p-is-f")
        #expect(story("f - 1 // 2", same) != "p-is-f")
        // The number itself, or the name, is that mistake.
        #expect(story("7", same) == "p-is-f")
        #expect(story("f", same) == "p-is-f")
        // Brackets regrouping operators of one level, or undoing the answer's own, are no
        // precedence slip: the mistake's formula is the answer's.
        let valid = TestExercises.make(
            .value, setup: "n = 9\nf = 3", reference: "n - f + 1",
            mistakes: [(id: "subtracted-f", when: "answer == n - f - 1", message: "Took away too much.")])
        #expect(story("n - f - 1", valid) == "subtracted-f")
        #expect(story("n - (f + 1)", valid) == "subtracted-f")
        // The mistake's own formula is told as that mistake, whatever else its operators give
        // bracketed otherwise.
        let strided = TestExercises.make(
            .value, setup: "n = 14\nf = 5\np = 3\ns = 2", reference: "(n + 2 * p - f) // s + 1",
            mistakes: [(id: "stride-ignored", when: "answer == n + 2 * p - f + 1", message: "No stride.")])
        #expect(story("n + 2 * p - f + 1", strided) == "stride-ignored")
    }

    @Test func bracketingsOfAChain() throws {
        let formula = try #require(Formula.parse("7 - 1 // 2"))
        let (operands, operators) = try #require(formula.chain)
        #expect(operands.count == 3 && operators == [.subtract, .floorDivide])
        let values = Formula.bracketings(operands, operators).compactMap { $0.evaluate([:])?.double }
        #expect(values.sorted() == [3, 7])
        #expect(PreparedExercise.isValueTest("answer == f"))
        #expect(PreparedExercise.isValueTest("allclose(answer, 0.5)"))
        #expect(!PreparedExercise.isValueTest("answer.shape == (1, 1, 5, 5) and answer.sum() > 0"))
        #expect(!PreparedExercise.isValueTest("'Sigmoid' in str(answer)"))
    }

    // MARK: Counts and reductions

    @Test func aCountTypedAsThreeOfSomethingIsNoTermCountedTwice() {
        let norm = TestExercises.make(.value, setup: "C = 64", reference: "C + C")
        #expect(story("3 * C", norm) != "term-counted-twice")
        // Written as the term once more, or as 2 × the term, it is that story.
        #expect(story("2 * C + C", norm) == "term-counted-twice")
        let valid = TestExercises.make(.value, setup: "n = 9\nf = 3", reference: "n - f + 1")
        #expect(story("n - 2 * f + 1", valid) == "term-counted-twice")
    }

    @Test func aRatioOfCountsIsNoCount() {
        let cost = TestExercises.make(
            .value,
            reference: "parameter_count(nn.ResidualBlock(16, 16)) - parameter_count(nn.PlainBlock(16, 16))")
        let ratio = "parameter_count(nn.ResidualBlock(16, 16)) / parameter_count(nn.PlainBlock(16, 16))"
        #expect(story(ratio, cost)?.hasPrefix("count-") != true)
        // The count of a layer on the shortcut is told as one.
        #expect(story("parameter_count(nn.Conv2d(16, 16, 1))", cost) == "count-shortcut-layer")
    }

    @Test func aSumOverAnotherAxisIsNoSumForgotten() {
        let mix = TestExercises.make(
            setup: "x = arange(12.).reshape(1, 3, 2, 2)\nw = tensor([1., -2., 3.]).reshape(1, 3, 1, 1)",
            reference: "(x * w).sum(dim=1, keepdim=True)")
        #expect(story("(x * w).sum(dim=0, keepdim=True)", mix) != "sum-forgotten")
        #expect(story("x * w", mix) == "sum-forgotten")
    }

    @Test func anOperatorKeptIsNoOperatorSwapped() {
        let field = TestExercises.make(.value, reference: "3 + (2 - 1) * 1 + (3 - 1) * 2")
        // The pool's growth times its own stride multiplies as often as the reference does.
        #expect(story("3 + (2 - 1) * 2 + (3 - 1) * 2", field) != "sum-for-product")
        // Added where it multiplies: told.
        #expect(story("3 + (2 - 1) + 1 + (3 - 1) * 2", field) == "sum-for-product")
    }

    // MARK: What the typing says against a value's story

    @Test func aCallsOnePositionalIsItsEnd() {
        // `arange(n)` ends at n and starts at 0: an answer starting at 1 did not write `start=n`.
        let table = TestExercises.make(setup: "lr = 0.3\nn = 6", reference: "lr * 0.8 ** arange(n)")
        for answer in ["lr * 0.8 ** arange(1, n + 1)", "lr * 0.8 ** torch.arange(1, n)"] {
            let verdict = failing(answer, table, sourceLocation: #_sourceLocation)
            #expect(!verdict.message.contains("`start=n`"), "\(answer): \(verdict.message)")
        }
        let short = failing("lr * 0.8 ** arange(n - 1)", table, sourceLocation: #_sourceLocation)
        #expect(!short.message.contains("start="), "\(short.message)")
        // Zero written as the start is the default: the same calculation.
        #expect(grader.grade("lr * 0.8 ** arange(0, n)", for: table).passed)
        // `range(k)` alike.
        let series = TestExercises.make(
            .value, setup: "a = 2.0\nr = 0.5\nk = 4", reference: "a * sum(r ** i for i in range(k))")
        let shifted = failing(
            "a * sum(r ** i for i in range(1, k))", series, sourceLocation: #_sourceLocation)
        #expect(!shifted.message.contains("`start=k`"), "\(shifted.message)")
    }

    @Test func aPaddingTypedIsWhatTheSizeDid() {
        let size = TestExercises.make(.value, setup: "n = 11\nf = 5", reference: "n - f + 1")
        // Padded back to n: not the kernel's shrink forgotten.
        let same = story(
            "F.conv2d(torch.ones(1, 1, n, n), torch.ones(1, 1, f, f), padding='same').shape[-1]", size)
        #expect(same != "kernel-shrink-forgotten", "\(same ?? "")")
        // A padding of 2 a side is the 4 more.
        #expect(
            story("conv2d(zeros(1, 1, n, n), zeros(1, 1, f, f), padding=2).shape[2]", size) == "padding-added"
        )
    }

    @Test func aRightPartWithAStepMoreIsNoRegrouping() {
        let slope = TestExercises.make(
            .value, setup: "a = 0.0", reference: "sigmoid(tensor(a)) * (1 - sigmoid(tensor(a)))")
        let told = story("math.exp(a) / (1 + math.exp(a)) ** 2 * 2", slope)
        #expect(told == "extra-operation", "\(told ?? "")")
    }

    @Test func aSlipInsideANumberWorkedOutIsNoChange() {
        let fence = TestExercises.make(
            .value, setup: "r = tensor([1., 2., 6., 5.])", reference: "2 * ((r[2] - r[0]) + (r[3] - r[1]))")
        // 10 stands for the sum of the sides, inside which a slip made it: which cannot be read.
        let hidden = story("2 * 10", fence)
        #expect(hidden != "term-dropped", "\(hidden ?? "")")
        let area = TestExercises.make(
            .value, setup: "box = tensor([3., 2., 9., 7.])",
            reference: "(box[2] - box[0]) * (box[3] - box[1])")
        // The height read as box[3] alone, typed: 7 is box[3]. Where box[3] is read as a quantity
        // of its own (`Formula+Atoms`) the typed 6 * 7 has more than one reading and is told
        // nothing particular: a less specific message, never another story.
        let typed = story("6 * 7", area)
        #expect(typed == "term-dropped" || typed?.hasPrefix("bare") == true, "\(typed ?? "")")
        // A number alone says nothing either way: its value's story stands.
        #expect(story("42", area) == "term-dropped")
        // A power typed one off is that very change.
        let chain = TestExercises.make(.value, reference: "0.5 ** 12", tolerance: .init(rtol: 1e-4, atol: 0))
        #expect(story("0.5 ** 13", chain) == "exponent-off-by-one")
    }

    @Test func aPairOfChangesMustBeTyped() {
        let decay = TestExercises.make(
            setup: "w = tensor([2.0, -1.0, 4.0])\ng = tensor([1.0, 0.5, -2.0])\nlr = 0.1\nwd = 0.2",
            reference: "w - lr * (g + wd * w)")
        let scaled = story("w * wd - lr * g", decay) ?? ""
        #expect(!scaled.contains("+"), "\(scaled)")
        let series = TestExercises.make(
            .value, setup: "a = 2.0\nr = 0.5\nn = 3", reference: "a * sum(r ** i for i in range(n))")
        let counted = story("n * a", series) ?? ""
        #expect(!counted.contains("+"), "\(counted)")
    }

    @Test func aCountsMistakeIsNotToldOfAnotherOutput() {
        let projection = TestExercises.make(
            .model, reference: "nn.Conv2d(8, 4, 1, stride=2)",
            mistakes: [
                (
                    id: "big-kernel", when: "parameter_count(answer) == 8 * 4 * 9 + 4",
                    message: "A 3 × 3 kernel: it works, but costs nine times the weights."
                )
            ], inputShape: [1, 8, 6, 6])
        // No padding: 2 × 2 where 3 × 3 comes out, which does not work.
        #expect(story("nn.Conv2d(8, 4, 3, stride=2)", projection) != "big-kernel")
        #expect(story("nn.Conv2d(8, 4, 3, stride=2, padding=1)", projection) == "big-kernel")
    }
}
