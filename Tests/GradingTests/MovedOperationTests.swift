import Course
import Testing
import Wording

@testable import Grading

/// One of the calculation's operations applied at another place (`OperationMover`,
/// `PreparedExercise+MovedOperations`): a clamp before the step it should clamp, a reduction
/// before the map it should reduce, a factor or a term on one part where it belongs to the whole.
/// Told only of an answer that writes exactly the calculation's operations and has the moved
/// calculation's value, wherever the setup's numbers move; never where another change explains it.
@Suite struct MovedOperationTests {
    let grader = Grader(options: GradingOptions(language: "en"))
    let korean = Grader(options: GradingOptions(language: "ko"))

    static let stepped = TestExercises.make(
        setup: """
            a = tensor([0.3, 0.95, 0.05, 0.6])
            d = tensor([0.2, 0.2, -0.2, -0.1])
            """,
        reference: "(a + d).clamp(0, 1)")
    static let scaled = TestExercises.make(
        setup: """
            v = tensor([3., 10., 7., 1.])
            m = 4.
            s = 0.5
            """,
        reference: "(v - m) * s")
    static let squares = TestExercises.make(
        .value, setup: "u = tensor([1., -2., 3., 0.5])", reference: "(u ** 2).sum()")
    static let activated = TestExercises.make(
        setup: """
            z = tensor([[-1., 2.], [0.5, -3.]])
            c = tensor([1.5, -0.5])
            """,
        reference: "F.relu(z + c)")
    /// Every value stays inside the clamp's range: clamping before or after the step is the same.
    static let inside = TestExercises.make(
        setup: """
            a = tensor([0.3, 0.5, 0.4])
            d = tensor([0.1, -0.2, 0.1])
            """,
        reference: "(a + d).clamp(0, 1)")

    func story(_ answer: String, _ exercise: Exercise) -> Verdict.Finding? {
        grader.grade(answer, for: exercise).findings.first { $0.source == .mutant }
    }

    @Test(arguments: ["a.clamp(0, 1) + d", "torch.clamp(a, 0, 1) + d", "d + a.clip(0, 1)"])
    func aClampBeforeTheStepIsTold(_ answer: String) throws {
        let finding = try #require(story(answer, Self.stepped))
        #expect(finding.id == "operation-moved")
        let message = grader.grade(answer, for: Self.stepped).message
        #expect(
            message.contains("`.clamp(0, 1)` applied to `a`, where the calculation applies it to `a + d`"))
        #expect(korean.grade(answer, for: Self.stepped).message.contains("`a`에 적용하면"))
    }

    @Test func aFactorOnOnePartIsTold() throws {
        let finding = try #require(story("v * s - m", Self.scaled))
        #expect(finding.id == "operation-moved")
        #expect(grader.grade("v * s - m", for: Self.scaled).message.contains("`* s` applied to `v`"))
    }

    @Test func aReductionBeforeTheSquareIsTold() throws {
        let finding = try #require(story("u.sum() ** 2", Self.squares))
        #expect(finding.id == "operation-moved")
        #expect(grader.grade("u.sum() ** 2", for: Self.squares).message.contains("`.sum()` applied to `u`"))
    }

    @Test func anActivationBeforeTheAdditionIsTold() throws {
        let finding = try #require(story("F.relu(z) + c", Self.activated))
        #expect(finding.id == "operation-moved")
    }

    /// Must not: the right place with another slip, an operation left out or added, a simpler
    /// story with the same value.
    @Test(arguments: [
        "(a - d).clamp(0, 1)", "a + d", "a.clamp(0, 1)", "a.clamp(0, 1) + d.abs()", "(a + 2 * d).clamp(0, 1)",
    ])
    func otherSlipsAreNotToldAMove(_ answer: String) {
        let verdict = grader.grade(answer, for: Self.stepped)
        #expect(verdict.status == .fail)
        #expect(!verdict.findings.contains { $0.id == "operation-moved" })
    }

    /// Must not: a difference's or a quotient's left side is no term applied to what follows
    /// (`(v - s) * m` for `v - m * s` put its brackets elsewhere; it did not move `v -`).
    @Test func aLeftSideOfAMinusIsNotMoved() {
        let stepped = TestExercises.make(
            setup: "v = tensor([3., 10., 7., 1.])\nm = 4.\ns = 0.5", reference: "v - m * s")
        let verdict = grader.grade("(v - s) * m", for: stepped)
        #expect(verdict.status == .fail)
        #expect(!verdict.findings.contains { $0.id == "operation-moved" })
    }

    /// Must not: a move the setup cannot show (nothing is clipped at either place) is no mutant,
    /// and no move is told (the answer is right on this data only, which is said instead).
    @Test func aMoveThatChangesNothingIsNoStory() throws {
        let prepared = try grader.prepare(Self.inside)
        #expect(prepared.mutants.moves.allSatisfy { !$0.mutant.source.contains("(a).clamp") })
        let verdict = grader.grade("a.clamp(0, 1) + d", for: Self.inside)
        #expect(!verdict.findings.contains { $0.id == "operation-moved" })
    }

    /// Must not: where a change the other rules make gives the value (the factor left out of
    /// `m`, which equals `m` moved where m's factor is 1), that change is told, not a move.
    @Test func aSimplerStoryKeepsItsWord() {
        let verdict = grader.grade("(v - m)", for: Self.scaled)
        #expect(!verdict.findings.contains { $0.id == "operation-moved" })
    }

    @Test func theMutantsMoveOneOperationOneStep() throws {
        let sources = Set(OperationMover.mutants(of: "(a + d).clamp(0, 1)").map(\.source))
        #expect(sources.contains("((((a).clamp(0, 1)) + d))"))
        #expect(sources.contains("((a + ((d).clamp(0, 1))))"))
        // Two steps lower comes after every move one step lower.
        let moves = OperationMover.mutants(of: "(a.abs() + d).sum()").map(\.source)
        let far = try #require(moves.firstIndex(of: "((((a).sum()).abs() + d))"))
        #expect(moves.firstIndex(of: "((((a.abs()).sum()) + d))").map { $0 < far } == true)
        // A `± 1` is never moved across an operation (a formula's `± 1` moved is told by no story).
        #expect(OperationMover.mutants(of: "(f - 1) // 2").isEmpty)
        // A number typed is never what an operation is moved onto.
        #expect(OperationMover.mutants(of: "(x - 2).abs()").map(\.source) == ["((((x).abs()) - 2))"])
        #expect(
            OperationMover.operations(in: "torch.amax(x.abs(), 1)")
                == OperationMover.operations(in: "x.abs().max(dim=1).values"))
    }
}
