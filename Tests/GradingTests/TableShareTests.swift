import Testing

@testable import Grading

/// A share read off a square table of counts (`MeaningGenerator+Tables`): an entry over the whole
/// table, the whole diagonal over the whole table, another class's share — each told of an answer
/// that reads the table so.
@Suite struct TableShareTests: StorySuite {
    let grader = Grader(options: GradingOptions(language: "en"))
    let korean = Grader(options: GradingOptions(language: "ko"))

    /// A class's precision from a confusion matrix (true classes in rows).
    let precision = TestExercises.make(
        .value, setup: "cm = tensor([[5, 2, 1], [3, 6, 0], [1, 2, 7]])\nc = 0",
        reference: "cm[c, c] / cm[:, c].sum()")

    @Test func aShareTakenOtherwiseIsToldWhich() {
        #expect(story("cm[c, c] / cm.sum()", precision) == "share-of-all")
        #expect(story("cm.diag().sum() / cm.sum()", precision) == "diagonal-share")
        #expect(story("cm[2, 2] / cm[:, 2].sum()", precision) == "other-class")
        let ko = korean.grade("cm[c, c] / cm.sum()", for: precision)
        #expect(ko.message.contains("표 전체의 합(`cm.sum()`, 모든 경우)으로 나누면"), "\(ko.message)")
        for answer in ["cm[0, 0] / (cm[0, 0] + cm[1, 0] + cm[2, 0])", "cm[c][c] / cm.sum(0)[c]"] {
            #expect(grader.grade(answer, for: precision).passed, "\(answer)")
        }
    }

    @Test func theSameNumberReachedOtherwiseIsNotToldAShare() {
        // 5 / 27 typed from other numbers, and one entry of the diagonal (6 / 9, the accuracy 18 / 27).
        let mine = ["share-of-all", "diagonal-share"]
        for answer in ["5 / 27", "0.5 * 10 / 27", "cm[1, 1] / 9"] {
            let verdict = grader.grade(answer, for: precision)
            #expect(!verdict.passed)
            #expect(!verdict.mutantIDs.contains { mine.contains($0) }, "\(answer): \(verdict.message)")
        }
    }
}
