import Testing

@testable import Grading

/// A group normalisation written as a call means its formula (`MeaningGenerator+GroupStatistics`):
/// an answer that computes the statistics by hand otherwise — across the groups, with the unbiased
/// standard deviation, dividing by the variance, or only centring — is told which.
@Suite struct GroupStatisticsTests: StorySuite {
    let grader = Grader(options: GradingOptions(language: "en"))
    let korean = Grader(options: GradingOptions(language: "ko"))

    /// Two images of six channels in three groups.
    let grouped = TestExercises.make(
        .tensor, setup: "x = torch.arange(48.).reshape(2, 6, 2, 2) % 7\nG = 3",
        reference: "F.group_norm(x, G)")

    /// The grouped input as a learner writes it.
    let g = "x.reshape(2, 3, -1)"

    @Test func statisticsTakenOtherwiseAreToldWhich() {
        #expect(story("(\(g) - \(g).mean(2, keepdim=True)).reshape(x.shape)", grouped) == "centred-only")
        #expect(
            story(
                "((\(g) - \(g).mean(2, keepdim=True)) / \(g).std(2, keepdim=True)).reshape(x.shape)", grouped)
                == "variance-correction")
        #expect(
            story(
                "((\(g) - \(g).mean(2, keepdim=True)) / \(g).var(2, unbiased=False, keepdim=True)).reshape(x.shape)",
                grouped) == "variance-for-deviation")
        let across =
            "((\(g) - \(g).mean(1, keepdim=True)) / torch.sqrt(\(g).var(1, unbiased=False, keepdim=True) + 1e-5)).reshape(x.shape)"
        #expect(story(across, grouped) == "statistics-across-groups")
        let ko = korean.grade("(\(g) - \(g).mean(2, keepdim=True)).reshape(x.shape)", for: grouped)
        #expect(ko.message.contains("평균만 빼고 표준편차로 나누지 않으면"), "\(ko.message)")
        // The right formula, a fresh layer and the call pass.
        for answer in [
            "nn.GroupNorm(3, 6)(x)",
            "((\(g) - \(g).mean(2, keepdim=True)) / (\(g).var(2, unbiased=False, keepdim=True) + 1e-5).sqrt()).reshape(x.shape)",
        ] {
            #expect(grader.grade(answer, for: grouped).passed, "\(answer)")
        }
    }

    @Test func anotherMistakeIsNotToldAStatisticsStory() {
        // Twice the group norm, the input itself, and each channel by itself (another grouping).
        let mine = [
            "statistics-across-groups", "centred-only", "variance-correction", "variance-for-deviation",
        ]
        for answer in ["F.group_norm(x, G) * 2", "x", "F.instance_norm(x)"] {
            let verdict = grader.grade(answer, for: grouped)
            #expect(!verdict.passed)
            #expect(!verdict.mutantIDs.contains { mine.contains($0) }, "\(answer): \(verdict.message)")
        }
    }
}
