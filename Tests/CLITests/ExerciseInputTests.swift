import AnswerLanguage
import CNN
import Testing

@testable import cnntutor

/// Which lines at an exercise are answers: the rule `ExerciseInput` states, line by line.
@Suite("Exercise input")
struct ExerciseInputTests {
    @Test(arguments: [
        ("y = conv2d(img, k)", ExerciseInput.assignment),
        ("a, b = 1, 2", .assignment),
        ("show(img)", .look),
        ("print(x)", .look),
        ("summary(net, (1, 1, 8, 8))", .look),
        ("help(conv2d)", .look),
        ("type(x)", .look),
        ("img", .look),
        ("y.shape", .inspection),
        ("conv2d(img, k).shape[2]", .inspection),
        ("x.size()", .inspection),
        ("x.size(1)", .inspection),
        ("x.numel()", .inspection),
        ("x.dim()", .inspection),
        ("x.dtype", .inspection),
        ("x.ndim", .inspection),
        ("len(x)", .inspection),
        ("conv2d(img, k)", .answer),
        ("(img[1:3, 2:4] * k).sum()", .answer),
        ("x.grad", .answer),
        ("show(img).shape", .inspection),
        ("y.shape[2] + 1", .answer),
        ("k2 = k * 2; k2", .answer),
        ("k2 = k * 2; k2.shape", .inspection),
        // 02/feature-map: a newcomer looks at both shapes at once (it was graded as [2, 4]).
        ("x.shape, w.shape", .inspection),
        ("(x.shape, len(w))", .inspection),
        ("x.shape, w", .answer),
    ])
    func classifies(_ line: String, _ expected: ExerciseInput) throws {
        #expect(ExerciseInput(try Parser.parse(line), boundAtExercise: []) == expected)
    }

    @Test func aNameAssignedAtTheExerciseIsAnAnswer() throws {
        let program = try Parser.parse("k")
        #expect(ExerciseInput(program, boundAtExercise: ["k"]) == .answer)
        #expect(ExerciseInput(program, boundAtExercise: ["img"]) == .look)
    }

    @Test(arguments: [
        // (inspection's value, expected answer, whether it answers)
        (Value.shape([3, 8, 5]), Value.shape([8, 3, 5]), true),
        (.shape([1, 32, 4, 4]), .tuple([.int(1), .int(32), .int(4), .int(4)]), true),
        (.int(24), .int(24), true),
        (.int(3), .float(0.5), true),
        (.shape([2, 3, 4]), .int(24), false),
        (.int(24), .shape([2, 3, 4]), false),
        (.string("float32"), .dtype(.float32), true),
        (.int(1), .tensor(Tensor(0.5)), true),
    ])
    func inspectionsAnswerOnlyExercisesExpectingTheirSort(_ value: Value, _ expected: Value, _ answers: Bool)
    {
        #expect(ExerciseInput.answers(value, expected: expected) == answers)
    }

    @Test func inspectionsNeverAnswerATensorOrANetwork() throws {
        let image = Value.tensor(try Tensor.zeros([1, 1, 3, 3]))
        for inspection in [Value.shape([1, 1, 3, 3]), .int(9), .int(4), .dtype(.float32)] {
            #expect(!ExerciseInput.answers(inspection, expected: image))
        }
        let network = try Interpreter().run("nn.Conv2d(1, 2, 3)")
        #expect(!ExerciseInput.answers(.int(20), expected: network))
    }
}
