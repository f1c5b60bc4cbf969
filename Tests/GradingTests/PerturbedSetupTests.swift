import Testing

@testable import Course
@testable import Grading

/// A story read from a value alone is told only when it still holds with the setup's real numbers
/// changed: the same computation agrees with itself on any data, a coincidence does not.
@Suite struct PerturbedSetupTests {
    let grader = Grader()

    @Test func realLiteralsAreReplacedAndNothingElse() throws {
        let setup = """
            k = tensor([[1., -1.], [2.5e-1, 0.]])  # 1.5 in a comment stays
            n = 7; name = 'v1.0'; y = conv2d(x, w, stride=2)
            """
        let changed = try #require(PerturbedSetup.perturbed(setup))
        // Each real literal is bracketed, so a minus before it stays a minus of the new number.
        #expect(changed.hasPrefix("k = tensor([[(1.5), -(-2.0)], [(0.5), (3.0)]])  # 1.5 in a comment stays"))
        // Whole numbers (sizes, counts, strides), strings and names with digits are left alone.
        #expect(changed.hasSuffix("n = 7; name = 'v1.0'; y = conv2d(x, w, stride=2)"))
        #expect(PerturbedSetup.perturbed("n = 7\nx = ones(1, 1, n, n)") == nil)
        #expect(PerturbedSetup.perturbed("s = \"\"\"1.5\"\"\"; t = x.T") == nil)
    }

    /// A list of 0s and 1s is a mask: moved, it stays a mask (every third entry turned), so a right
    /// answer that relies on the values being 0 or 1 — the union of two masks clamped at 1 — is not
    /// told it agrees "on this data only".
    @Test func masksAreMovedToOtherMasks() throws {
        let changed = try #require(
            PerturbedSetup.perturbed(
                "m = tensor([[0., 1., 1.], [1., 0., 0.]])\nw = tensor([1., -1., 0., 1.])"))
        #expect(changed.hasPrefix("m = tensor([[(0.0), (0.0), (1.0)], [(1.0), (1.0), (0.0)]])"))
        // A negated 1 is no mask entry: that list moves as data does.
        #expect(changed.hasSuffix("w = tensor([(1.5), -(-2.0), (0.5), (3.0)])"))
        let iou = TestExercises.make(
            .value,
            setup: """
                pm = tensor([[0., 1., 1., 0.], [0., 1., 1., 1.], [0., 0., 1., 0.], [0., 0., 0., 0.]])
                gm = tensor([[0., 0., 1., 1.], [0., 1., 1., 1.], [0., 1., 1., 0.], [0., 0., 0., 0.]])
                """,
            reference: "(pm * gm).sum() / (pm + gm - pm * gm).sum()")
        #expect(grader.grade("(pm * gm).sum() / (pm + gm).clamp(max=1).sum()", for: iou).status == .pass)
        #expect(grader.grade("(pm * gm).sum() / torch.maximum(pm, gm).sum()", for: iou).status == .pass)
        #expect(grader.grade("(pm * gm).sum() / (pm + gm).sum()", for: iou).status == .fail)
    }

    /// An antisymmetric kernel: turned by 180° it is its own negation, so on this patch the
    /// absolute value of a negative response is the flipped kernel's response.
    static let patch = TestExercises.make(
        .value,
        setup: """
            p = tensor([[1., 2., 0.], [0., 1., 3.], [2., 2., 1.]])
            k = tensor([[1., 0., -1.], [1., 0., -1.], [1., 0., -1.]])
            """,
        reference: "(p * k).sum()")

    @Test func aMutantsValueByCoincidenceIsNoStory() {
        let exercise = Self.patch
        #expect(grader.grade("(p * k).sum()", for: exercise).status == .pass)
        // The flipped kernel itself: the story holds on any data.
        let flipped = grader.grade("(p * k.flip([0, 1])).sum()", for: exercise)
        #expect(flipped.findings.contains { $0.id.contains("kernel-flipped") })
        // The absolute value has that value here only.
        let absolute = grader.grade("(p * k).sum().abs()", for: exercise)
        #expect(absolute.status == .fail)
        #expect(!absolute.findings.contains { $0.id.contains("kernel-flipped") })
    }

    @Test func aSignReadFromTheValueAloneIsNoStory() {
        // The reference is 4 here (1 · 1 + 3 · 1). Its negation is -4 on any data; the window
        // one row down plus 1 (-5 + 1) is -4 on this image only.
        let exercise = TestExercises.make(
            .value,
            setup:
                "img = tensor([[1., 0., 2.], [0., 3., 1.], [2., 1., 0.]])\nk = tensor([[1., -2.], [0., 1.]])",
            reference: "(img[0:2, 0:2] * k).sum()")
        let negated = grader.grade("-(img[0:2, 0:2] * k).sum()", for: exercise)
        #expect(negated.findings.contains { $0.id == "wrong-sign" })
        let other = grader.grade("(img[1:3, 0:2] * k).sum() + 1", for: exercise)
        #expect(other.status == .fail)
        #expect(!other.findings.contains { $0.id == "wrong-sign" })
    }

    @Test func anAnswerWorkedOutInLiteralsCannotBeTold() throws {
        // Changing the setup's numbers tells nothing about an answer that reads none of them.
        let prepared = try PreparedExercise(Self.patch, options: GradingOptions())
        let comparer = Comparer(
            exercise: Self.patch, prepared: prepared, session: prepared.session(), language: "en")
        let flipped = "(p * k.flip([0, 1])).sum()"
        #expect(prepared.perturbedSetup.differ("-1 + 3 - 1", flipped, comparer: comparer) == nil)
        #expect(prepared.perturbedSetup.differ("(p * k).sum().abs()", flipped, comparer: comparer) == true)
        #expect(
            prepared.perturbedSetup.differ("(k.flip([0, 1]) * p).sum()", flipped, comparer: comparer) == false
        )
    }

    /// A perturbed run stopped at its time limit (forced here, as heavy load once did in the
    /// corpus run) cannot confirm a story, so the story is removed: the answer gets the message
    /// it gets on an idle machine, not the unchecked story.
    @Test func aStoppedPerturbedRunRemovesTheStoryItWasToCheck() throws {
        let prepared = try PreparedExercise(Self.patch, options: GradingOptions())
        prepared.stopsExtraRun = { $0 == .perturbed }
        let comparer = Comparer(
            exercise: Self.patch, prepared: prepared, session: prepared.session(), language: "en")
        let flipped = "(p * k.flip([0, 1])).sum()"
        #expect(prepared.perturbedSetup.differ("(p * k).sum().abs()", flipped, comparer: comparer) == true)
        // Even a story that would hold is not told on a run that could not show it.
        #expect(
            prepared.perturbedSetup.differ("(k.flip([0, 1]) * p).sum()", flipped, comparer: comparer) == true)
        // An answer in literals never needed the perturbed run.
        #expect(prepared.perturbedSetup.differ("-1 + 3 - 1", flipped, comparer: comparer) == nil)
    }

    /// The whole grade with every extra run stopped: no story by value is told, and the message
    /// is the same each time.
    @Test func stoppedExtraRunsGiveNoStoryAndTheSameMessage() throws {
        let grader = Grader()
        try grader.prepare(Self.patch).stopsExtraRun = { _ in true }
        let first = grader.grade("(p * k).sum().abs()", for: Self.patch)
        #expect(first.status == .fail)
        #expect(!first.findings.contains { $0.source == .mutant })
        #expect(!first.findings.contains { $0.id.contains("kernel-flipped") })
        let again = grader.grade("(p * k).sum().abs()", for: Self.patch)
        #expect(again.message == first.message)
        // With its mutants' runs stopped, the catalogue tells nothing by value.
        let prepared = try grader.prepare(Self.patch)
        #expect(prepared.mutants.isPartial)
        let flipped = grader.grade("(p * k.flip([0, 1])).sum()", for: Self.patch)
        #expect(flipped.status == .fail)
        #expect(!flipped.findings.contains { $0.source == .mutant })
    }

    /// A right alternative whose run stopped is not known to pass: a step written against it is
    /// not told (no other story than on an idle machine), and is once its run can finish.
    @Test func anAlternativeNotKnownToPassTellsNoStep() throws {
        let exercise = TestExercises.make(
            setup: """
                x = tensor([[[[1., -2., 0.], [3., -1., 2.], [0., 1., -3.]]]])
                w = tensor([[[[1., -1.], [0., 2.]]]])
                """,
            reference: "F.relu(conv2d(x, w))", alternatives: ["conv2d(x, w).clamp(min=0)"])
        let answer = "torch.sigmoid(conv2d(x, w).clamp(min=0))"
        let grader = Grader()
        try grader.prepare(exercise).stopsExtraRun = { $0 == .alternative }
        let stopped = grader.grade(answer, for: exercise)
        #expect(stopped.status == .fail)
        #expect(!stopped.findings.contains { $0.id == WrittenDifference.findingID })
        try grader.prepare(exercise).stopsExtraRun = nil
        let idle = grader.grade(answer, for: exercise)
        #expect(idle.findings.contains { $0.id == WrittenDifference.findingID })
        #expect(idle.message.contains("sigmoid"))
    }

    /// Without stops the catalogue is whole, and the story of the real mistake is told.
    @Test func unstoppedRunsKeepTheCatalogueWhole() throws {
        let grader = Grader()
        #expect(try !grader.prepare(Self.patch).mutants.isPartial)
        let flipped = grader.grade("(p * k.flip([0, 1])).sum()", for: Self.patch)
        #expect(flipped.findings.contains { $0.id.contains("kernel-flipped") })
    }
}
