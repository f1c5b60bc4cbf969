import Foundation
import Testing
import Wording

@testable import cnntutor

/// `:step` walks the convolution the engine computes: the same argument binding, the same window
/// positions, the same numbers.
@Suite("REPL :step")
struct REPLStepTests {
    static let setup = """
        x = arange(25.).reshape(1, 1, 5, 5)
        w = tensor([[1., 0., -1.], [2., 0., -2.], [1., 0., -1.]])[None, None]
        x3 = arange(75.).reshape(1, 3, 5, 5) / 10
        w3 = arange(27.).reshape(3, 1, 3, 3) - 13
        """

    /// Calls covering stride, padding (ints, pairs, 'same' with odd and even kernels, 'valid'),
    /// dilation, bias, groups, keywords and the unbatched form.
    static let calls = [
        "conv2d(x, ones(1, 1, 3, 3), dilation=2)",
        "conv2d(x, w)",
        "conv2d(x, w, stride=2, padding=1)",
        "conv2d(x, w, padding='same')",
        "conv2d(x, ones(1, 1, 2, 2), padding='same')",
        "conv2d(x, w, padding='valid')",
        "conv2d(x, w, stride=(2, 1), padding=(0, 1))",
        "F.conv2d(x, w, bias=tensor([0.5]))",
        "conv2d(x, w, None, 1, 2, (1, 2))",
        "conv2d(input=x, weight=w, dilation=(2, 1), padding=(2, 0))",
        "conv2d(x3, w3, groups=3, padding=1)",
        "torch.nn.functional.conv2d(x[0], w, stride=3)",
    ]

    @Test(arguments: calls)
    func walkNumbersEqualTheEngine(call: String) throws {
        let harness = REPLHarness([])
        try harness.session.interpreter.run(Self.setup)
        let (walk, _) = try harness.session.convolutionWalk(call).get()
        let engine = try harness.session.interpreter.run(call)
        guard case .tensor(let tensor) = engine else {
            Issue.record("\(call) is not a tensor")
            return
        }
        let shape = tensor.shape
        #expect(walk.outputRows == shape[shape.count - 2] && walk.outputCols == shape[shape.count - 1])
        let plane = Array(tensor.scalarsAsDoubles().prefix(walk.stepCount))
        #expect(walk.output.values == plane, "the walk shows the engine's output")
        for (sum, value) in zip(walk.sums.values, plane) {
            // The walk adds in Double what the engine adds in Float: equal to float precision.
            #expect(abs(sum - value) <= 1e-4 * max(1, abs(value)), "\(call): walk \(sum), engine \(value)")
        }
    }

    /// The issue's example: dilation 2 over a 5 × 5 input leaves one position, 0+2+4+10+12+14+20+22+24.
    @Test func dilationLeavesOnePosition() throws {
        let harness = REPLHarness([])
        try harness.session.interpreter.run(Self.setup)
        let (walk, _) = try harness.session.convolutionWalk("conv2d(x, ones(1, 1, 3, 3), dilation=2)").get()
        #expect(walk.stepCount == 1)
        #expect(walk.output.values == [108])
    }

    @Test func refusesWhatItCannotDrawAndWhatConv2dRefuses() throws {
        let harness = REPLHarness([])
        try harness.session.interpreter.run(Self.setup)
        #expect(throws: LessonSession.WalkProblem.usage) {
            try harness.session.convolutionWalk("x + 1").get()
        }
        #expect(throws: LessonSession.WalkProblem.planes) {
            try harness.session.convolutionWalk("conv2d(x3, ones(2, 3, 3, 3))").get()
        }
        #expect(throws: LessonSession.WalkProblem.batch) {
            try harness.session.convolutionWalk("conv2d(cat([x, x]), w)").get()
        }
        #expect(throws: LessonSession.WalkProblem.argumentFailed) {
            try harness.session.convolutionWalk("conv2d(x, w, stride=2, padding='same')").get()
        }
        #expect(harness.text.contains("padding='same'"))
    }

    /// The step prompt takes n, next, a, q; anything else is explained, never graded.
    @Test func stepPromptAcceptsItsKeysAndGradesNothing() throws {
        let run = REPLHarness.run([
            ":goto 02-filters/feature-map", ":step conv2d(x, w)", "n", "next", "conv2d(x, w) + 1", "hello",
            "q", ":step conv2d(x, w)", "a",
        ])
        #expect(try run.attempts().isEmpty)
        #expect(run.text.contains("The walk takes Enter, n or next"))
        #expect(run.text.contains("step 3 of"))
        #expect(run.text.contains("That is the whole feature map"))
        #expect(!run.text.contains("Not yet"))
    }
}

extension REPLStepTests {
    /// `:step conv2d(img, k)` on a 2-D image — what a newcomer types first — is refused in the
    /// session's language, as `conv2d` itself refuses it (it was English in a Korean session).
    @Test func aTwoDimensionalImageIsRefusedInTheSessionsLanguage() throws {
        let run = REPLHarness.run(
            ["img = ones(4, 4)", ":step conv2d(img, ones(2, 2))", ":quit"], language: Language("ko"))
        #expect(run.text.contains("conv2d의 입력 모양은 [batch, in_channels, height, width]나"), "\(run.text)")
        #expect(!run.text.contains("expects input"))
    }
}
