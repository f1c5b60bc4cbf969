import AnswerLanguage
import Testing

@testable import Course
@testable import Grading

/// Calls on a setup's layer made once per exercise (`SharedCalls`): the mutants and the named
/// mistakes' verdicts are the same as when every call is made where it is written.
@Suite struct SharedCallsTests {
    /// A small network's gradient ratio, computed twice in the reference and in a `when`, as
    /// 05/shrink-factor and 06/plain-bn-ratio do with 20-layer networks.
    static let exercise = TestExercises.make(
        .value,
        setup: """
            manual_seed(0)
            net = nn.Sequential(nn.Linear(4, 8), nn.Sigmoid(), nn.Linear(8, 8), nn.Sigmoid(), nn.Linear(8, 3))
            x = randn(6, 4)
            y = tensor([0, 1, 2, 1, 0, 2])
            """,
        reference: "grad_norms(net, x, y)[-1] / grad_norms(net, x, y)[0]",
        mistakes: [
            (
                id: "inverted",
                when: "allclose(answer, grad_norms(net, x, y)[0] / grad_norms(net, x, y)[-1])",
                message: "Inverted."
            )
        ],
        tolerance: .init(rtol: 1e-3, atol: 0))
    static let answers = [
        "grad_norms(net, x, y)[0] / grad_norms(net, x, y)[-1]",
        "grad_norms(net, x, y)[-2] / grad_norms(net, x, y)[0]",
        "grad_norms(net, x, y)[-1] * grad_norms(net, x, y)[0]", "grad_norms(net, x, y)[-1]", "1.5",
    ]

    static func prepared(sharing: Bool) throws -> PreparedExercise {
        let prepared = try PreparedExercise(exercise, options: GradingOptions())
        prepared.sharesCalls = sharing
        return prepared
    }

    @Test func mutantsAreTheSameWithCallsShared() throws {
        let shared = try Self.prepared(sharing: true)
        let alone = try Self.prepared(sharing: false)
        #expect(shared.sharedCalls.sharingHolds)
        let a = shared.mutants.all
        let b = alone.mutants.all
        #expect(!a.isEmpty)
        #expect(a.map(\.mutant) == b.map(\.mutant))
        #expect(a.map(\.value) == b.map(\.value))
        #expect(shared.mutants.groups.map(\.findingID) == alone.mutants.groups.map(\.findingID))
        // Every mutant of the reference that keeps the call read its value (one call shared).
        #expect(shared.sharedCalls.state.texts == ["grad_norms(net, x, y)"])
    }

    @Test func verdictsAreTheSameWithCallsShared() throws {
        let grader = Grader()
        let prepared = try grader.prepare(Self.exercise)
        for answer in Self.answers {
            prepared.sharesCalls = true
            var shared = grader.grade(answer, for: Self.exercise)
            prepared.sharesCalls = false
            var alone = grader.grade(answer, for: Self.exercise)
            shared.durationMilliseconds = 0
            alone.durationMilliseconds = 0
            #expect(shared == alone, "\(answer)")
        }
        prepared.sharesCalls = true
        #expect(grader.grade(Self.answers[0], for: Self.exercise).mistake == "inverted")
    }

    @Test func aCallOnRandomNumbersIsNotShared() throws {
        let exercise = TestExercises.make(
            .value, setup: "manual_seed(0)\nnet = nn.Linear(2, 1)", reference: "net(randn(1, 2)).sum() * 2")
        let prepared = try PreparedExercise(exercise, options: GradingOptions())
        // Made twice in one session it draws other numbers: not the same value, not shared.
        #expect(prepared.sharedCalls.rewrite("net(randn(1, 2)).sum() * 2") == nil)
        #expect(!prepared.sharedCalls.sharingHolds)
    }

    @Test func whatTheAnswerChangedIsNotShared() throws {
        let prepared = try Self.prepared(sharing: true)
        let when = "grad_norms(net, x, y)[0] > 0"
        #expect(prepared.sharedCalls.rewrite(when)?.source == SharedCalls.namePrefix + "0[0] > 0")
        // An answer that rebinds x ran in the session before the `when`: the call reads that x.
        #expect(
            prepared.sharedCalls.rewrite(when, avoiding: SharedCalls.namesTouched(by: "x = x * 2; 3") ?? [])
                == nil)
        // A loop is not followed: nothing is shared after it.
        #expect(SharedCalls.namesTouched(by: "for i in range(3):\n    x = x * 2\n3") == nil)
        // What is left reads the layer (a weight, not through a call): nothing is shared.
        #expect(prepared.sharedCalls.rewrite("grad_norms(net, x, y)[0] + net[0].weight[0, 0]") == nil)
    }
}
