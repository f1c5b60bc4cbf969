import AnswerLanguage
import Course
import Testing
import Wording

@testable import Grading

/// A method called on another value than the calculation's (`CallTree.receiver`): the written
/// difference says what the method is called on — "`.backward()` called on `(x * x)[1]`" — never
/// an argument `input=` the learner did not type (`Tensor.backward` has no `input`).
@Suite struct WrittenReceiverTests {
    let grader = Grader(options: GradingOptions(language: "en"))
    let korean = Grader(options: GradingOptions(language: "ko"))

    static let gradient = TestExercises.make(
        setup: "x = tensor([1., -2., 3.], requires_grad=True)", reference: "(x * x).sum().backward(); x.grad")

    @Test func aReceiverIsSaidAsWhatTheMethodIsCalledOn() {
        let answer = "(x * x)[1].backward(); x.grad"
        let message = grader.grade(answer, for: Self.gradient).message
        #expect(!message.contains("input="))
        if message.contains("written otherwise") {
            #expect(message.contains("`.backward()` called on `(x * x)[1]`"))
            #expect(
                korean.grade(answer, for: Self.gradient).message.contains("`(x * x)[1]`에서 부른 `.backward()`"))
        }
    }

    /// Must not: an argument of a function (the input of `torch.sum(…)`) stays an argument.
    @Test func aFunctionsInputIsNoReceiver() throws {
        let reader = CallTreeReader(options: EvaluationOptions()) { $0 == "x" }
        let method = try #require(reader.read("x.sum()"))
        let function = try #require(reader.read("torch.sum(x)"))
        #expect(method.receiver == "input")
        #expect(function.receiver == nil)
    }
}
