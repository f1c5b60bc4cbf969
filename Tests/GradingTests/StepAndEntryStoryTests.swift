import Testing
import Wording

@testable import Grading

/// Answers compared part by part with the calculation: an answer in steps read step by step
/// (`WrittenReading.stepwiseDifference`: one step's call written otherwise), an answer that is one
/// of the calculation's earlier steps (`WrittenReading.earlierStep`), an entry of a list
/// or vector one index off (`MutantGenerator.entryRules`: `g[-2]` for `g[-1]`), and a count in
/// the setup's names read as its layer's where an alternative counts the layer's call in
/// literals (`MutantCatalogue.namedCounts`). Each story is told only where the answer writes it,
/// never of a number that lands on the same value.
@Suite struct StepAndEntryStoryTests: StorySuite {
    let grader = Grader(options: GradingOptions(language: "en"))
    let korean = Grader(options: GradingOptions(language: "ko"))

    /// Per-layer values, the last over the first asked.
    let ratio = TestExercises.make(
        .value, setup: "g = [8.0, 3.0, 1.5, 0.25]", reference: "g[-1] / g[0]")

    /// Scores of three classes at four positions; the map of the class whose total is largest.
    let bestMap = TestExercises.make(
        .tensor,
        setup: "s = tensor([[1.0, 0.5, 2.0], [0.0, 1.5, 1.0], [2.0, 0.2, 0.1], [0.5, 0.3, 0.4]])",
        reference: "k = int(s.sum(dim=0).argmax())\ns[:, k]")

    @Test func anEntryNextToTheOneAskedIsOneIndexOff() {
        #expect(story("g[-2] / g[0]", ratio) == "index-moved")
        let verdict = grader.grade("g[-2] / g[0]", for: ratio)
        #expect(verdict.message.contains("`g[-2]`"), "\(verdict.message)")
        let ko = korean.grade("g[-2] / g[0]", for: ratio)
        #expect(ko.message.contains("`g[-2]`"), "\(ko.message)")
        #expect(ko.message.contains("인덱스"), "\(ko.message)")
    }

    @Test func anIndexOffIsNotToldOfOtherSlips() {
        // The two entries the other way round: not an entry moved.
        #expect(story("g[0] / g[-1]", ratio) != "index-moved")
        // The same number typed out calls nothing: no index is written to be off.
        #expect(story("0.1875", ratio) != "index-moved")
        // The first entry taken as index 1 is counting from 1, its own story.
        #expect(story("g[-1] / g[1]", ratio) == "slice-one-based")
        // Another entry than the next one.
        #expect(story("g[1] / g[0]", ratio) != "index-moved")
    }

    @Test func aShapesEntriesAreNoListsEntries() {
        let size = TestExercises.make(.value, setup: "x = zeros(2, 3, 5, 7)", reference: "x.shape[1]")
        let mutants = MutantGenerator.mutants(of: "x.shape[1]", isInteger: { _ in false })
        #expect(!mutants.contains { $0.changes.contains { $0.misconception == .indexMoved } })
        #expect(story("x.shape[2]", size) != "index-moved")
    }

    @Test func aStepWrittenOtherwiseIsReadStepByStep() {
        let answer = "k = int(s.sum(dim=0).argmin())\ns[:, k]"
        #expect(story(answer, bestMap) == WrittenDifference.findingID)
        let verdict = grader.grade(answer, for: bestMap)
        #expect(verdict.message.contains("`argmin`"), "\(verdict.message)")
        #expect(korean.grade(answer, for: bestMap).message.contains("`argmin`"))
    }

    @Test func anAnswerThatIsAnEarlierStepStopsThere() {
        // The class index the calculation finds first, with or without its `int(…)`.
        for answer in ["s.sum(dim=0).argmax()", "int(s.sum(dim=0).argmax())"] {
            let verdict = grader.grade(answer, for: bestMap)
            #expect(verdict.story == WrittenDifference.findingID, "\(verdict.message)")
            #expect(verdict.message.contains("`k = …`"), "\(verdict.message)")
            #expect(korean.grade(answer, for: bestMap).message.contains("`k = …`"))
        }
    }

    @Test func aPartOfAStepIsNoEarlierStep() {
        // The totals the step reads are a part of it, not what it binds.
        #expect(!grader.grade("s.sum(dim=0)", for: bestMap).message.contains("`k = …`"))
        // The setup's own tensor is no step of the calculation.
        #expect(!grader.grade("s", for: bestMap).message.contains("= …`"))
    }

    @Test func stepsThatDifferOtherwiseAreNotOneWrittenDifference() {
        // Two steps written otherwise.
        #expect(story("k = int(s.sum(dim=0).argmin())\ns[k]", bestMap) != WrittenDifference.findingID)
        // Steps binding other names are not compared step by step.
        #expect(story("j = int(s.sum(dim=0).argmin())\ns[:, j]", bestMap) != WrittenDifference.findingID)
        // A step more than the calculation's.
        #expect(
            story("t = s.sum(dim=0)\nk = int(t.argmin())\ns[:, k]", bestMap) != WrittenDifference.findingID)
    }

    /// A batch norm's learned parameters in names, an alternative counting its call in literals.
    let learned = TestExercises.make(
        .value, setup: "ch = 24", reference: "2 * ch", alternatives: ["parameter_count(nn.BatchNorm2d(24))"])

    @Test func aCountInNamesIsReadAsItsLayerBesideACallInLiterals() {
        #expect(story("4 * ch", learned) == "count-buffers")
        #expect(story("ch * 4", learned) == "count-buffers")
    }

    @Test func aCountInNamesTellsNoLayerOfAnotherMultiple() {
        // Another multiple of the channels is no way of counting the layer.
        #expect(story("3 * ch", learned) != "count-buffers")
        // The calculation doubled as written is the formula's own story, not the buffers'.
        #expect(story("2 * ch * 2", learned) != "count-buffers")
    }

    /// A batch norm's state dict counted, and its learned parameters counted.
    let stored = TestExercises.make(
        .value, setup: "ch = 8", reference: "sum(v.numel() for v in nn.BatchNorm2d(ch).state_dict().values())"
    )
    let learnedByCall = TestExercises.make(
        .value, setup: "ch = 8", reference: "parameter_count(nn.BatchNorm2d(ch))")

    @Test func parametersAreToldApartFromTheStateDict() {
        #expect(finding("2 * ch", stored) == "parameters-for-state")
        #expect(finding("parameter_count(nn.BatchNorm2d(ch))", stored) == "parameters-for-state")
        #expect(finding("4 * ch + 1", learnedByCall) == "state-for-parameters")
        let ko = korean.grade("2 * ch", for: stored)
        #expect(ko.message.contains("num_batches_tracked"), "\(ko.message)")
    }

    @Test func noStateStoryWhereNothingIsBuffered() {
        // A convolution keeps no buffers: its state dict is its parameters, no story tells them apart.
        let conv = TestExercises.make(
            .value, setup: "ch = 8",
            reference: "sum(v.numel() for v in nn.Conv2d(ch, ch, 3).state_dict().values())")
        #expect(finding("ch * ch * 9", conv) != "parameters-for-state")
        // Another number than either count.
        #expect(finding("3 * ch", stored) != "parameters-for-state")
        #expect(finding("3 * ch", learnedByCall) != "state-for-parameters")
    }
}
