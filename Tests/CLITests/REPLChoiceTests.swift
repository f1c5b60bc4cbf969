import Foundation
import Grading
import Progress
import Testing

@testable import cnntutor

/// At a choice exercise only the choice ids answer: code runs in the session to work the answer
/// out, and neither it nor a mistyped id is recorded as an attempt.
@Suite("REPL choice exercises")
struct REPLChoiceTests {
    static let notGraded = "(not graded — to answer, type the letter of your choice)"

    @Test func computingThenTheLetterIsOneAttemptWithFullPoints() throws {
        // what-conv2d-computes (answer b, cross-correlation): its hint says to try conv2d with and
        // without flip, as a learner does here before answering.
        let run = REPLHarness.run([
            ":goto 02-filters/what-conv2d-computes", "img = tensor([[1., 2], [3, 4]])[None, None]",
            "k = tensor([[1., 0], [0, 0]])[None, None]", "conv2d(img, k)", "conv2d(img, k.flip([2, 3]))",
            "img.shape", "show(k)", "(img * k).sum()", "img", "B", "img.shape", ":quit",
        ])
        #expect(run.text.contains("torch.Size([1, 1, 2, 2])"))
        #expect(run.text.components(separatedBy: Self.notGraded).count - 1 == 8)
        #expect(!run.text.contains("is not one of the choices"))
        #expect(run.text.contains("✓ Correct! 1/1 point."))
        let attempts = try run.attempts()
        #expect(attempts.map(\.verdict) == [.pass])
        #expect(attempts.first?.answer == "B")
        #expect(attempts.first?.points == 1)
        #expect(run.text.contains("Bye! This session: 1 answer, 1 passed, 1 point."))
    }

    @Test func aMistypedChoiceIsToldNotRecorded() throws {
        // channel-axis: choices a, b, c, one to pick.
        let run = REPLHarness.run([
            ":goto 01-tensors/channel-axis", "z", "b, q", "a, b", "the answer is b.", "x.shape", "b", ":quit",
        ])
        #expect(run.text.contains("'z' is not one of the choices: a, b, c."))
        #expect(run.text.contains("'q' is not one of the choices: a, b, c."))
        #expect(run.text.contains("Pick one choice only (of a, b, c)."))
        #expect(run.text.contains("^"))
        #expect(run.text.contains("unknown name 'x'"))
        #expect(run.text.contains(Self.notGraded))
        let attempts = try run.attempts()
        #expect(attempts.map(\.verdict) == [.pass])
        #expect(attempts.first?.answer == "b")
    }

    @Test func anIdWinsOverANameAndOtherNamesAreLooks() throws {
        // why-pad (a and b, several to pick) follows the lesson's `c = nn.Conv2d(1, 1, 5)`: `c` is
        // the choice; print(c) looks at the layer, and so does a bare name that is no choice id.
        let run = REPLHarness.run([
            ":goto 03-padding-stride/why-pad", "c = nn.Conv2d(1, 1, 5)", "x = ones(1, 1, 8, 8)", "print(c)",
            "x",
            "c(x).shape", "c", "a, b", ":quit",
        ])
        #expect(run.text.contains("Conv2d(1, 1, kernel_size=(5, 5)"))
        #expect(run.text.contains("torch.Size([1, 1, 4, 4])"))
        #expect(run.text.contains("(not graded — to answer, type the letters of every right choice)"))
        #expect(run.text.contains("✗ Not yet — thinks-filter-grows."))
        let attempts = try run.attempts()
        #expect(attempts.map(\.verdict) == [.fail, .pass])
        #expect(attempts.map(\.answer) == ["c", "a, b"])
    }

    @Test func submitStillGradesWhateverIsTyped() throws {
        let run = REPLHarness.run([":goto 01-tensors/channel-axis", ":submit z", ":quit"])
        #expect(try run.attempts().map(\.verdict) == [.error])
    }

    @Test func notesAndMessagesAreInKorean() throws {
        let run = REPLHarness.run(
            [":goto 01-tensors/channel-axis", "x = zeros(16, 3, 32, 32)", "x.shape[1]", "z", "b", ":quit"],
            language: "ko")
        #expect(run.text.contains("(채점하지 않았습니다. 답하려면 고른 보기의 글자를 입력하세요.)"))
        #expect(run.text.contains("'z': 그런 보기는 없습니다. 보기: a, b, c."))
        #expect(run.text.contains("✓ 정답입니다! 1/1점."))
        #expect(!run.text.contains("not graded"))
        #expect(try run.attempts().map(\.verdict) == [.pass])
    }

    @Test func theProgressStoreHoldsOnlyTheAnswer() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "cnntutor-choice-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try ProgressStore.open(directory: directory).store
        let run = REPLHarness.run(
            [
                ":goto 03-padding-stride/why-pad", "x = ones(1, 1, 8, 8)",
                "conv2d(x, ones(1, 1, 3, 3), padding=1).shape", "q", "show(x[0, 0])", "a b", ":quit",
            ],
            progress: store)
        let attempts = try run.attempts()
        try store.close()
        #expect(attempts.map(\.verdict) == [.pass])
        #expect(attempts.map(\.answer) == ["a b"])
        #expect(attempts.map(\.points) == [2])
    }
}

extension REPLChoiceTests {
    /// A choice's solution repeats the right choices with their text (it was "│ b" in a code box);
    /// a multiple choice lists each.
    @Test func aChoicesSolutionShowsTheChoicesText() throws {
        let run = REPLHarness.run([
            ":goto 01-tensors/channel-axis", ":solution", "y", ":goto 03-padding-stride/why-pad", ":solution",
            "y", ":quit",
        ])
        let solutions = run.text.components(separatedBy: "Solution:").dropFirst().map { $0.prefix(200) }
        #expect(solutions.count == 2)
        #expect(solutions.first?.contains("• b: dimension 1 (size 3)") == true, "\(run.text)")
        #expect(solutions.last?.contains("• a: Deep stacks") == true)
        #expect(solutions.last?.contains("• b: Padding lets border") == true)
        #expect(!run.text.contains("┌─ cnn ─\n"))
    }
}
