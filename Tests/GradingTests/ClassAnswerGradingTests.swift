import AnswerLanguage
import Testing

@testable import Course
@testable import Grading

/// A `model` exercise answered with a layer written as a class, the way PyTorch code writes one.
@Suite struct ClassAnswerGradingTests {
    let grader = Grader()

    static let block = """
        class Block(nn.Module):
            def __init__(self, channels):
                super().__init__()
                self.conv = nn.Conv2d(channels, channels, 3, padding=1)

            def forward(self, x):
                return x + F.relu(self.conv(x))

        Block(4)
        """

    @Test func aClassAnswerIsComparedLikeABuiltInModel() {
        let exercise = TestExercises.make(
            .model, reference: "nn.Residual(nn.Sequential(nn.Conv2d(4, 4, 3, padding=1), nn.ReLU()))",
            inputShape: [1, 4, 6, 6])
        #expect(grader.grade(Self.block, for: exercise).status == .pass)
        // Two convolutions: 2 · (4·4·9 + 4) = 296 parameters instead of 148.
        let twice = Self.block.replacingOccurrences(
            of: "return x + F.relu(self.conv(x))", with: "return x + F.relu(self.conv2(self.conv(x)))"
        ).replacingOccurrences(
            of: "self.conv = nn.Conv2d(channels, channels, 3, padding=1)",
            with:
                "self.conv = nn.Conv2d(channels, channels, 3, padding=1)\n        self.conv2 = nn.Conv2d(channels, channels, 3, padding=1)"
        )
        let wrong = grader.grade(twice, for: exercise)
        #expect(wrong.status == .fail)
        // The layers say what differs (the class applies its ReLU as a function, so only layers
        // with weights are compared).
        #expect(
            wrong.message
                == "Your network has 296 parameters; the expected one has 148. Your network has a Conv2d after its Conv2d that the reference does not have."
        )
    }

    @Test func aClassThatCannotRunIsToldWhy() {
        let exercise = TestExercises.make(
            .model, reference: "nn.Conv2d(4, 4, 3, padding=1)", inputShape: [1, 4, 6, 6])
        let broken = Self.block.replacingOccurrences(of: "self.conv(x)", with: "self.conv1(x)")
        let verdict = grader.grade(broken, for: exercise)
        #expect(verdict.status == .fail)
        #expect(verdict.message.hasPrefix("Your network cannot run on an input of shape [1, 4, 6, 6]"))
    }
}
