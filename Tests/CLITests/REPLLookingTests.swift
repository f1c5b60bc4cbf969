import Foundation
import Grading
import Progress
import Testing
import Wording

@testable import cnntutor

/// Looking around at an exercise (`x.shape`, `show(x)`, a setup name, `y = …`) is not an answer:
/// only answers are graded and recorded, so exploring costs no attempt, no points and no hint.
@Suite("REPL looking around at exercises")
struct REPLLookingTests {
    static let featureMap = ":goto 02-filters/feature-map"
    static let shownNotGraded = "(shown, not graded — type your answer, or :submit EXPR to grade this one)"

    @Test func looksThenTheAnswerAreOneAttemptWithFullPoints() throws {
        let run = REPLHarness.run([
            Self.featureMap, "x.shape", "show(x)", "x", "w", "help(conv2d)", "print(w)", "type(x)",
            "conv2d(x, w).shape", "conv2d(x, w)", ":quit",
        ])
        #expect(run.text.contains("torch.Size([1, 1, 5, 5])"))
        #expect(run.text.contains("<class 'Tensor'>"))
        #expect(run.text.contains("conv2d(input, weight"))
        #expect(run.text.components(separatedBy: Self.shownNotGraded).count - 1 == 8)
        #expect(!run.text.contains("Not yet"))
        #expect(!run.text.contains("Try again"))
        #expect(run.text.contains("✓ Correct! 2/2 points."))
        let attempts = try run.attempts()
        #expect(attempts.count == 1)
        #expect(attempts.first?.verdict == .pass)
        #expect(attempts.first?.points == 2)
        #expect(attempts.first?.answer == "conv2d(x, w)")
        #expect(run.text.contains("Bye! This session: 1 answer, 1 passed, 2 points."))
    }

    @Test func anAssignmentKeepsTheResultAndItsNameIsTheAnswer() throws {
        let run = REPLHarness.run([Self.featureMap, "y = conv2d(x, w)", "y.shape", "show(y)", "y", ":quit"])
        #expect(run.text.contains("torch.Size([1, 1, 3, 3])"))
        #expect(run.text.contains("✓ Correct! 2/2 points."))
        let attempts = try run.attempts()
        #expect(attempts.map(\.verdict) == [.pass])
        // The recorded answer replays the binding, so an export re-grades on its own.
        #expect(attempts.first?.answer == "y = conv2d(x, w)\ny")
    }

    @Test func aShapeInspectionAnswersAnExerciseAskingForAShape() throws {
        let run = REPLHarness.run([
            ":goto 01-tensors/broadcast-shape", "zeros(8, 1, 5).shape", "y = zeros(8, 1, 5) + zeros(3, 1)",
            "y.shape", ":quit",
        ])
        #expect(!run.text.contains("shown, not graded"))
        let attempts = try run.attempts()
        #expect(attempts.map(\.verdict) == [.fail, .pass])
        #expect(attempts.last?.answer == "y = zeros(8, 1, 5) + zeros(3, 1)\ny.shape")
        #expect(attempts.last?.points == attempts.last?.maxPoints)
    }

    @Test func aShapeAnswersATupleAndSizesAnswerNumbers() throws {
        let shortcut = REPLHarness.run([
            ":goto 04-residual-blocks/shortcut-shape", "zeros(1, 32, 4, 4).shape", ":quit",
        ])
        #expect(try shortcut.attempts().map(\.verdict) == [.pass])
        // count-elements wants a number (x = zeros(2, 3, 4)): the shape only looks, numel() answers.
        let count = REPLHarness.run([
            ":goto 01-tensors/count-elements", "x.shape", "len(x)", "x.numel()", ":quit",
        ])
        #expect(count.text.contains(Self.shownNotGraded))
        #expect(try count.attempts().map(\.verdict) == [.fail, .pass])
    }

    @Test func stepsWithNoValueAreKeptNotGraded() throws {
        let key = "05-vanishing-gradients/three-sigmoids"
        let run = REPLHarness.run([
            ":goto \(key)", "x = tensor(0., requires_grad=True)", "sigmoid(sigmoid(sigmoid(x))).backward()",
            "x.grad", ":quit",
        ])
        #expect(run.text.contains("(ran, not graded — it has no value; type your answer next)"))
        let attempts = try run.attempts()
        #expect(attempts.map(\.verdict) == [.pass])
        let answer = try #require(attempts.first?.answer)
        #expect(
            answer == "x = tensor(0., requires_grad=True)\nsigmoid(sigmoid(sigmoid(x))).backward()\nx.grad")
        // What was recorded passes on its own, as `cnntutor grade` would run it.
        let exercise = try #require(REPLHarness.course.exercise(named: key)?.exercise)
        #expect(Grader().grade(answer, for: exercise).passed)
    }

    @Test func aValueThatIsNoneIsToldWhyNotGraded() throws {
        // `y.grad` of a non-leaf reads a value, and PyTorch's value there is None: the learner
        // meant it as the answer, so the note says why it is None, and the session goes on.
        let run = REPLHarness.run([
            ":goto 05-vanishing-gradients/three-sigmoids", "x = tensor(0., requires_grad=True)",
            "y = sigmoid(sigmoid(sigmoid(x)))", "y.backward()", "y.grad", "x.grad", ":quit",
        ])
        // The terminal wraps the note: compared with every run of spaces and line breaks as one space.
        let words = { (text: String) in text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        let said = SessionText(language: Language("en"))
        #expect(words(run.text).contains(words(said.noneValueNotGraded)))
        #expect(words(run.text).contains(words(said.noValueNotGraded)))
        #expect(try run.attempts().map(\.verdict) == [.pass])
    }

    @Test func namesBoundInAGradedLineAreKeptToo() throws {
        let run = REPLHarness.run([Self.featureMap, "y = conv2d(x, w); y * 2", "y", ":quit"])
        let attempts = try run.attempts()
        #expect(attempts.map(\.verdict) == [.fail, .pass])
        #expect(attempts.last?.answer == "y = conv2d(x, w); y * 2\ny")
    }

    @Test func submitGradesALookAsTheAnswer() throws {
        let run = REPLHarness.run([Self.featureMap, ":submit x", ":submit y = x", ":quit"])
        #expect(run.text.contains("✗ Not yet"))
        #expect(run.text.contains("An assignment is not an answer"))
        let attempts = try run.attempts()
        #expect(attempts.map(\.verdict) == [.fail])
        #expect(attempts.first?.answer == "x")
        let away = REPLHarness.run([":open 1", ":submit 3", ":quit"])
        #expect(away.text.contains("Answers belong to exercises; this step has none."))
        #expect(try away.attempts().isEmpty)
    }

    @Test func aLookThatFailsShowsTheErrorAndRecordsNothing() throws {
        let run = REPLHarness.run([Self.featureMap, "show(xx)", "summary(x)", "xx.shape", ":quit"])
        #expect(run.text.contains("^"))
        #expect(try run.attempts().isEmpty)
    }

    @Test func afterPassingLooksNeedNoNote() throws {
        let run = REPLHarness.run([Self.featureMap, "conv2d(x, w)", "x.shape", ":quit"])
        #expect(run.text.contains("torch.Size([1, 1, 5, 5])"))
        #expect(!run.text.contains("shown, not graded"))
    }

    @Test func theProgressStoreHoldsOnlyTheAnswer() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "cnntutor-looking-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try ProgressStore.open(directory: directory).store
        let run = REPLHarness.run(
            [Self.featureMap, "x.shape", "y = conv2d(x, w)", "show(y)", "w", "y * 2", "y", ":quit"],
            progress: store)
        let attempts = try run.attempts()
        try store.close()
        #expect(attempts.map(\.verdict) == [.fail, .pass])
        #expect(attempts.map(\.answer) == ["y = conv2d(x, w)\ny * 2", "y = conv2d(x, w)\ny"])
    }
}
