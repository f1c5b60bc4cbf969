import Testing

@testable import Course
@testable import Grading

/// Random draws in a grading session continue from where the setup's ended, as a notebook cell
/// after the setup would: an answer that draws new numbers where the setup's tensor is to be used
/// is wrong, and an answer and a reference that draw alike still agree.
@Suite struct RandomDrawTests {
    let grader = Grader()

    @Test func anAnswerDrawingNewNumbersDoesNotGetTheSetupsNumbers() {
        let scaled = TestExercises.make(setup: "x = torch.randn(2, 3)", reference: "x * 2")
        #expect(grader.grade("x * 2", for: scaled).status == .pass)
        #expect(grader.grade("2 * x", for: scaled).status == .pass)
        // In PyTorch these are new numbers; before, every session restarted at the grading seed
        // and redrew exactly the setup's x, so this passed.
        #expect(grader.grade("torch.randn(2, 3) * 2", for: scaled).status == .fail)
    }

    @Test func anAnswerAndAReferenceDrawingAlikeAgree() {
        let drawn = TestExercises.make(setup: "x = torch.randn(2, 3)", reference: "x + torch.randn(2, 3)")
        #expect(grader.grade("x + torch.randn(2, 3)", for: drawn).status == .pass)
        #expect(grader.grade("x + torch.randn(2, 3) * 2", for: drawn).status == .fail)
    }
}
