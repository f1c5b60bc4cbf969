import AnswerLanguage
import Testing
import Wording

@testable import Course
@testable import Grading

/// Grading by kind, on values the engine computes.
@Suite struct GraderTests {
    let grader = Grader()

    // img and k are hand-picked so that the flipped kernel's result is not just a sign change.
    // cross-correlation: out[i, j] = img[i, j] + 2·img[i, j+1] = [[5, 2], [2, 7]];
    // with k rotated by 180° ([[0, 0], [2, 1]]): [[1, 5], [5, 2]].
    static let imageSetup = """
        img = tensor([[[[1., 2., 0.], [0., 1., 3.], [2., 1., 0.]]]])
        k = tensor([[[[1., 2.], [0., 0.]]]])
        """

    /// Twenty chained 128-channel 3×3 convolutions of a 256×256 image: one takes ~0.6 s on this
    /// machine (`cnntutor eval`), so about 12 s without a limit; the engine checks its deadline
    /// between and inside ops.
    static let hangingAnswer =
        "x = ones(1, 128, 256, 256); w = ones(128, 128, 3, 3)\n"
        + String(repeating: "conv2d(", count: 20) + "x" + String(repeating: ", w, padding=1)", count: 20)

    @Test func valueExactForIntegers() {
        let exercise = TestExercises.make(.value, setup: "n = 7\nf = 3", reference: "n - f + 1")
        #expect(grader.grade("5", for: exercise).status == .pass)
        #expect(grader.grade("7 - 3 + 1", for: exercise).status == .pass)
        let wrong = grader.grade("6", for: exercise)
        #expect(wrong.status == .fail)
        #expect(wrong.points == 0)
        #expect(wrong.maxPoints == 2)
    }

    @Test func valueWithinToleranceForFloats() {
        let exercise = TestExercises.make(.value, reference: "1 / 3", tolerance: .init(rtol: 1e-3, atol: 0))
        #expect(grader.grade("0.3334", for: exercise).status == .pass)
        #expect(grader.grade("0.34", for: exercise).status == .fail)
        #expect(grader.grade("tensor([1., 2.]).mean() / 4.5", for: exercise).status == .pass)
    }

    @Test func valueShapesAndStrings() {
        let shape = TestExercises.make(.value, setup: "x = zeros(1, 1, 6, 6)", reference: "x.shape")
        #expect(grader.grade("(1, 1, 6, 6)", for: shape).status == .pass)
        #expect(grader.grade("[1, 1, 6, 6]", for: shape).status == .pass)
        #expect(grader.grade("(1, 1, 6, 5)", for: shape).status == .fail)
        let question = TestExercises.make(.value, setup: "a = tensor([1., -2.])", reference: "False")
        // "Is every entry positive?": a one-element bool tensor answers it like a bool.
        #expect(grader.grade("a.min() > 0", for: question).status == .pass)
        #expect(grader.grade("a.min() > -5", for: question).status == .fail)
        #expect(grader.grade("False", for: question).status == .pass)
        let text = TestExercises.make(.value, reference: "'same'")
        #expect(grader.grade("\"same\"", for: text).status == .pass)
        #expect(grader.grade("'valid'", for: text).message == "Your answer is valid.")
    }

    @Test func tensorComparedByShapeThenValues() {
        let exercise = TestExercises.make(setup: Self.imageSetup, reference: "conv2d(img, k)")
        #expect(grader.grade("conv2d(img, k)", for: exercise).status == .pass)
        #expect(grader.grade("tensor([[[[5., 2.], [2., 7.00001]]]])", for: exercise).status == .pass)
        let wrong = grader.grade("tensor([[[[5., 2.], [2., 8.]]]])", for: exercise)
        #expect(wrong.status == .fail)
        #expect(wrong.diagnosis?.cells == [Diagnosis.Cell(index: [0, 0, 1, 1], answer: 8, expected: 7)])
        #expect(grader.grade("3", for: exercise).message == "The answer should be a tensor; yours is a int.")
    }

    @Test func choiceSingleAndMultiple() {
        let single = TestExercises.make(.choice, reference: "b", choices: ["a", "b", "c"])
        #expect(grader.grade("b", for: single).status == .pass)
        #expect(grader.grade(" B ", for: single).status == .pass)
        #expect(grader.grade("a", for: single).status == .fail)
        #expect(grader.grade("a, b", for: single).status == .error)
        #expect(grader.grade("d", for: single).message == "'d' is not one of the choices: a, b, c.")
        let multiple = TestExercises.make(
            .choice, reference: "a, c", mistakes: [("only-a", "answer == ['a']", "Also c.")],
            choices: ["a", "b", "c"],
            multiple: true)
        #expect(grader.grade("c a", for: multiple).status == .pass)
        #expect(grader.grade("['a', 'c']", for: multiple).status == .pass)
        let partial = grader.grade("a", for: multiple)
        #expect(partial.status == .fail)
        #expect(partial.mistake == "only-a")
    }

    @Test func modelByOutputShapeAndParameterCount() {
        let exercise = TestExercises.make(
            .model, reference: "nn.Conv2d(16, 32, 1, stride=2)", inputShape: [1, 16, 8, 8])
        #expect(
            grader.grade("nn.Conv2d(16, 32, kernel_size=1, stride=2, padding=0)", for: exercise).status
                == .pass)
        // Same output shape, 16·32·9 + 32 = 4640 parameters instead of 16·32 + 32 = 544.
        let threeByThree = grader.grade("nn.Conv2d(16, 32, 3, stride=2, padding=1)", for: exercise)
        #expect(threeByThree.status == .fail)
        // The layers say what differs: which settings, with the learner's values (not the
        // reference's).
        #expect(
            threeByThree.message
                == "Your network has 4640 parameters; the expected one has 544. Your Conv2d has kernel_size=(3, 3), padding=(1, 1): the reference's is set otherwise there."
        )
        let noStride = grader.grade("nn.Conv2d(16, 32, 1)", for: exercise)
        #expect(
            noStride.message.hasPrefix(
                "On an input of shape [1, 16, 8, 8] your network's output has shape [1, 32, 8, 8]; expected [1, 32, 4, 4]."
            ))
        let threeChannels = grader.grade("nn.Conv2d(3, 32, 1)", for: exercise)
        #expect(threeChannels.message.hasPrefix("Your network cannot run on an input of shape [1, 16, 8, 8]"))
        // Why it cannot: the first layer that differs takes other input channels than arrive.
        #expect(threeChannels.message.hasSuffix("Your Conv2d takes 3 input channels, but 16 arrive there."))
        #expect(threeChannels.findings.map(\.id) == ["layer-input-channels"])
        #expect(threeChannels.findings.first?.numbers == ["answer": 3, "arriving": 16])
    }

    @Test func checksGivePartialCreditAndMessages() {
        let exercise = TestExercises.make(
            points: 3, setup: Self.imageSetup, reference: "conv2d(img, k)",
            checks: [
                (
                    "shape", "answer.shape == expected.shape",
                    "The shape should be {expected.shape}; yours is {answer.shape}.", 1
                ),
                ("positive", "(answer > 0).all()", "All responses are positive here.", nil),
            ])
        let sameShape = grader.grade("conv2d(img, k) + 1", for: exercise)
        #expect(sameShape.status == .fail)
        #expect(sameShape.points == 1)
        let wrongShape = grader.grade("conv2d(img, k, padding=1)", for: exercise)
        #expect(wrongShape.points == 0)
        #expect(wrongShape.failedChecks.contains("shape"))
        #expect(wrongShape.message.hasPrefix("The shape should be [1, 1, 2, 2]; yours is [1, 1, 4, 4]."))
    }

    @Test func firstMatchingMistakeNamesTheError() {
        let exercise = TestExercises.make(
            .value, setup: "a = tensor([1., 2., 3.])", reference: "a.sum()",
            mistakes: [
                ("never", "answer == 100", "Never shown."),
                ("averaged", "answer == a.mean()", "You averaged ({answer}); sum instead."),
                ("also-two", "answer == 2", "Shadowed by the earlier mistake."),
            ])
        let verdict = grader.grade("a.mean()", for: exercise)
        #expect(verdict.mistake == "averaged")
        #expect(verdict.message == "You averaged (2); sum instead.")
    }

    @Test func compareFalseJudgesByChecksOnly() {
        let exercise = TestExercises.make(
            .value, reference: "3",
            checks: [("odd", "answer % 2 == 1 and answer > 1", "{answer} is not odd and above 1.", nil)],
            compare: false)
        #expect(grader.grade("5", for: exercise).status == .pass)
        #expect(grader.grade("4", for: exercise).message == "4 is not odd and above 1.")
    }

    @Test func errorsCarryTheCaretDiagnostic() {
        let exercise = TestExercises.make(setup: Self.imageSetup, reference: "conv2d(img, k)")
        let verdict = grader.grade("conv2(img, k)", for: exercise)
        #expect(verdict.status == .error)
        #expect(verdict.message.contains("did you mean 'conv2d'"))
        #expect(verdict.message.contains("^"))
        #expect(grader.grade("y = conv2d(img, k)", for: exercise).status == .error)
        #expect(grader.grade("", for: exercise).message == "No answer was submitted.")
    }

    /// A last line that is a statement has no value; a last line that is an expression whose value
    /// is None (`.grad` of a tensor no backward pass reached) is told so, not "must be an expression".
    @Test func noneValueIsToldApartFromAStatement() {
        let exercise = TestExercises.make(setup: Self.imageSetup, reference: "conv2d(img, k)")
        let statement = grader.grade("y = conv2d(img, k)", for: exercise)
        #expect(statement.message.contains("must be an expression"))
        for none in [
            "x = img.clone().requires_grad_(); y = conv2d(x, k).sum(); y.backward(); y.grad",
            "x = img.clone().requires_grad_(); conv2d(x, k).sum().backward()", "k.grad",
        ] {
            let verdict = grader.grade(none, for: exercise)
            #expect(verdict.status == .error)
            #expect(
                verdict.message.hasPrefix("Your answer's last line gives None"), "\(none): \(verdict.message)"
            )
            let korean = Language("ko")
            let graded = grader.grade(none, for: exercise, language: korean)
            #expect(graded.message == korean.say(GradingKey.valueIsNone), "\(none): \(graded.message)")
        }
    }

    @Test func answersInSteps() {
        let exercise = TestExercises.make(setup: Self.imageSetup, reference: "conv2d(img, k)")
        #expect(grader.grade("y = conv2d(img, k)\ny", for: exercise).status == .pass)
        #expect(grader.grade("w = k; conv2d(img, w)", for: exercise).status == .pass)
    }

    @Test func hangingAnswerTimesOutAndGradingContinues() {
        let exercise = TestExercises.make(setup: Self.imageSetup, reference: "conv2d(img, k)", time: 0.2)
        let verdict = grader.grade(Self.hangingAnswer, for: exercise)
        #expect(verdict.status == .timeout)
        // Stopped by the deadline, or refused before starting when the time left can no longer
        // hold the next convolution (`WorkEstimate`): which one depends on the machine's load.
        #expect(
            verdict.message == "stopped: the time limit of 0.2 s was reached"
                || verdict.message.hasPrefix("this convolution is "))
        #expect(grader.grade("conv2d(img, k)", for: exercise).status == .pass)
    }

    @Test func exhaustingAnswerIsAnError() {
        let exercise = TestExercises.make(setup: Self.imageSetup, reference: "conv2d(img, k)")
        let verdict = grader.grade("zeros(100000, 100000)", for: exercise)
        #expect(verdict.status == .error)
        #expect(verdict.message.contains("limit"))
    }

    @Test func brokenExerciseIsReportedNotCrashed() {
        let exercise = TestExercises.make(setup: "x = undefined_name", reference: "x", line: 40)
        let verdict = grader.grade("1", for: exercise)
        #expect(verdict.status == .error)
        #expect(
            verdict.message.hasPrefix(
                "This exercise cannot be graded: test.md:1:5: the setup of exercise 'test' fails: unknown name"
            ))
    }

    @Test func expectedValueComesFromTheEngine() throws {
        let exercise = TestExercises.make(setup: Self.imageSetup, reference: "conv2d(img, k)")
        let expected = try grader.expected(for: exercise)
        #expect(
            ValueConversion.numeric(expected) == NumericArray(shape: [1, 1, 2, 2], values: [5, 2, 2, 7]))
    }
}

extension GraderTests {
    /// A layer bound by the setup is an object: one answer changing it must not change it for the next.
    @Test func setupLayersAreFreshForEveryAnswer() {
        let exercise = TestExercises.make(
            .value, setup: "layer = nn.Conv2d(1, 1, 1)\nx = ones(1, 1, 2, 2)", reference: "0",
            checks: [("untouched", "layer.weight.grad is None", "The layer was already trained.", nil)],
            compare: false)
        #expect(grader.grade("layer(x).sum().backward(); 0", for: exercise).status == .fail)
        // Had the first answer's backward pass reached the setup's layer, its grad would be set.
        #expect(grader.grade("0", for: exercise).status == .pass)
    }
}

extension GraderTests {
    /// Huge, tiny, infinite and NaN answers are graded, never crash the grader.
    @Test(arguments: ["1e300", "-1e300", "1e-300", "1e308 * 10", "1e308 * 10 - 1e308 * 10", "0"])
    func extremeNumbersAreGraded(answer: String) {
        let number = TestExercises.make(.value, setup: "n = 7\nf = 3\np = 1", reference: "n + 2 * p - f + 1")
        #expect(grader.grade(answer, for: number).status == .fail)
        let tensor = TestExercises.make(setup: GraderTests.imageSetup, reference: "conv2d(img, k)")
        #expect(grader.grade("conv2d(img, k) * \(answer)", for: tensor).status != .pass)
    }
}

extension GraderTests {
    /// The REPL grades the value the learner computed in its own session.
    @Test func gradesAValueComputedElsewhere() throws {
        let exercise = TestExercises.make(setup: GraderTests.imageSetup, reference: "conv2d(img, k)")
        let session = try grader.setupInterpreter(for: exercise)
        let value = try session.run("y = conv2d(img, k)\ny")
        #expect(grader.grade(value: value, for: exercise).status == .pass)
        let wrong = try session.run("y * -1")
        #expect(grader.grade(value: wrong, for: exercise).diagnosis?.finding == .wrongSign)
    }

    // MARK: Language

    /// The grader's own sentences follow the language asked for, per answer or from the options.
    @Test func messagesInKorean() {
        let count = TestExercises.make(.value, setup: "x = zeros(2, 3, 4)", reference: "x.numel()")
        #expect(grader.grade("12", for: count).message == "Your answer is 12. It is half the expected value.")
        #expect(grader.grade("12", for: count, language: "ko").message == "입력한 답은 12입니다. 정답의 절반입니다.")
        let korean = Grader(options: GradingOptions(language: "ko"))
        #expect(korean.grade("12", for: count).message == "입력한 답은 12입니다. 정답의 절반입니다.")
        #expect(korean.grade("12", for: count, language: "en").message.hasPrefix("Your answer is 12."))
        #expect(korean.grade("y = 1", for: count).message == "답에 값이 없습니다. 마지막 줄은 대입문이 아니라 식이어야 합니다.")
        #expect(korean.grade("'24'", for: count).message == "답은 수여야 합니다. 입력한 답은 str입니다.")
        #expect(korean.grade("  ", for: count).message == "제출한 답이 없습니다.")

        let tensor = TestExercises.make(setup: Self.imageSetup, reference: "conv2d(img, k)")
        let flipped = korean.grade("conv2d(img, k.flip([2, 3]))", for: tensor)
        #expect(flipped.diagnosis?.finding == .kernelFlipped)
        #expect(flipped.message.hasPrefix("커널을 180° 돌렸을 때의 결과입니다."))
        #expect(flipped.message.contains("입력한 답"))
        #expect(korean.grade("3", for: tensor).message == "답은 텐서여야 합니다. 입력한 답은 int입니다.")
        // Once prepared in one language, an exercise is graded in another all the same.
        #expect(
            grader.grade(value: .int(12), for: count, language: "ko").message
                == "입력한 답은 12입니다. 정답의 절반입니다.")

        let choice = TestExercises.make(.choice, reference: "'b'", choices: ["a", "b", "c"])
        #expect(korean.grade("a", for: choice).message == "맞지 않는 보기를 골랐습니다: a.")
        #expect(korean.grade("d", for: choice).message == "'d': 그런 보기는 없습니다. 보기: a, b, c.")
        #expect(korean.grade("a, b", for: choice).message == "보기를 하나만 고르세요(a, b, c 중).")
    }

    @Test func modelMessagesInKorean() {
        let exercise = TestExercises.make(
            .model, reference: "nn.Conv2d(1, 2, 3, padding=1)", inputShape: [1, 1, 6, 6])
        let korean = Grader(options: GradingOptions(language: "ko"))
        #expect(
            korean.grade("nn.Conv2d(1, 2, 3)", for: exercise).message
                == "모양이 [1, 1, 6, 6]인 입력에서 신경망의 출력 모양은 [1, 2, 4, 4]인데, 정답은 [1, 2, 6, 6]입니다. 각 변이 2p = 2만큼 작습니다. 패딩(p = 1)을 빠뜨린 것 같습니다. 입력한 신경망의 Conv2d 층은 정답과 설정이 다릅니다: padding=0."
        )
        // A misconception mutant of the reference (its biases dropped) explains the network.
        #expect(
            korean.grade("nn.Conv2d(1, 2, 3, padding=1, bias=False)", for: exercise).message
                == "입력한 신경망은 정답 신경망에서 편향 없이 하면 나오는 값을 계산합니다. 필터마다 편향이 하나 있습니다."
        )
        // A network that cannot run on the input says why in Korean too: its first layer that
        // differs from the reference's, not the engine's refusal quoted in English.
        let cannotRun = korean.grade("nn.Conv2d(3, 2, 3, padding=1)", for: exercise).message
        #expect(
            cannotRun
                == "모양이 [1, 1, 6, 6]인 입력으로 신경망을 실행할 수 없습니다: 입력한 신경망의 Conv2d 층은 입력 채널을 3개 받도록 되어 있지만, 그곳에 들어오는 채널은 1개입니다."
        )
        // Another first difference (a layer the reference does not have) is said in Korean too.
        let unexplained = korean.grade("nn.Sequential(nn.Flatten(), nn.Linear(5, 2))", for: exercise).message
        #expect(unexplained.hasPrefix("모양이 [1, 1, 6, 6]인 입력으로 신경망을 실행할 수 없습니다: "), "\(unexplained)")
        #expect(!unexplained.contains("expects"), "\(unexplained)")
    }
}
