import SnapshotTesting
import Testing

@testable import Grading

/// The four report formats, on a report built by hand (durations fixed so the snapshots are stable);
/// `BatchGraderTests` grades real submissions.
@Suite struct ClassReportTests {
    static let report = ClassReport(
        course: "tiny", version: 3,
        exercises: ["01-basics/total", "01-basics/feature-map", "01-basics/same-size"],
        learners: [
            ClassReport.Learner(
                learner: "joon", file: "submissions/joon.yaml",
                results: [
                    .init(
                        exercise: "01-basics/total",
                        verdict: Verdict(
                            status: .pass, points: 2, maxPoints: 2, message: "", durationMilliseconds: 12)),
                    .init(
                        exercise: "01-basics/feature-map",
                        verdict: Verdict(
                            status: .fail, points: 1, maxPoints: 3,
                            message: "You flipped the kernel: that is convolution.",
                            mistake: "flipped-kernel", durationMilliseconds: 30)),
                    .init(
                        exercise: "01-basics/same-size",
                        verdict: Verdict(
                            status: .error, points: 0, maxPoints: 1,
                            message: "'d' is not one of the choices: a, b, c.", durationMilliseconds: 1)),
                ], notes: ["the answer to '09-extra/x' was ignored: the course has no such exercise"]),
            ClassReport.Learner(
                learner: "minji, \"M\"", file: "submissions/minji.json",
                results: [
                    .init(
                        exercise: "01-basics/total",
                        verdict: Verdict(
                            status: .timeout, points: 0, maxPoints: 2,
                            message: "stopped: the time limit of 0.5 s was reached", durationMilliseconds: 502
                        )),
                    .init(
                        exercise: "01-basics/feature-map",
                        verdict: Verdict(
                            status: .fail, points: 0, maxPoints: 3,
                            message: "You flipped the kernel: that is convolution.",
                            mistake: "flipped-kernel", durationMilliseconds: 25)),
                    .init(
                        exercise: "01-basics/same-size",
                        verdict: Verdict(
                            status: .pass, points: 1, maxPoints: 1, message: "", durationMilliseconds: 0)),
                ], notes: []),
        ],
        skipped: [
            .init(
                file: "submissions/broken.yaml",
                message:
                    "submissions/broken.yaml:1:1: submission: missing 'learner' (expected the learner's name)"
            )
        ])

    @Test(arguments: ReportFormat.allCases)
    func snapshot(format: ReportFormat) {
        assertSnapshot(of: Self.report.rendered(as: format), as: .lines, named: format.rawValue)
    }

    /// When every submission was skipped there is no class to summarise: no table of 0/0 rows.
    @Test func noGradedLearnerMeansNoClassSummary() {
        let empty = ClassReport(
            course: "tiny", version: 3, exercises: Self.report.exercises, learners: [],
            skipped: Self.report.skipped)
        let text = empty.rendered(as: .text)
        #expect(text.contains("skipped submissions/broken.yaml"))
        #expect(text.contains("No submission could be graded"))
        #expect(!text.contains("Class summary"))
        #expect(!text.contains("0/0"))
    }

    @Test func commonMistakesCountLearners() {
        #expect(Self.report.commonMistakes().map(\.mistake) == ["flipped-kernel"])
        #expect(Self.report.commonMistakes().first?.count == 2)
    }

    @Test func junitIsWellFormedXML() throws {
        try XMLCheck.assertWellFormed(Self.report.rendered(as: .junit))
    }

    @Test func csvQuotesNamesWithCommasAndQuotes() {
        let lines = Self.report.rendered(as: .csv).split(separator: "\n")
        #expect(
            lines[0]
                == "learner,file,01-basics/total,01-basics/feature-map,01-basics/same-size,total,max_points,findings"
        )
        #expect(
            lines[2]
                == #""minji, ""M""",submissions/minji.json,0,0,1,1,6,01-basics/feature-map: mistake:flipped-kernel"#
        )
    }

    /// Every report shows a verdict's whole findings list, not only its named mistake: source, id,
    /// the choice and the numbers, the same label in each.
    @Test func everyReportShowsTheFullFindings() {
        var verdict = Verdict(
            status: .fail, points: 1, maxPoints: 2, message: "Choice b is not right.", failedChecks: ["shape"]
        )
        var choice = Verdict.Finding(
            .choice, "choice-wrong", numbers: ["wrong": 1, "missing": 0], isSpecific: true)
        choice.choice = "b"
        verdict.findings = [Verdict.Finding(.check, "shape", isSpecific: false), choice]
        let report = ClassReport(
            course: "tiny", version: 3, exercises: ["01-basics/same-size"],
            learners: [
                ClassReport.Learner(
                    learner: "ada", file: "ada.yaml",
                    results: [.init(exercise: "01-basics/same-size", verdict: verdict)],
                    notes: [])
            ], skipped: [])
        let label = "check:shape; choice:choice-wrong b (missing=0, wrong=1)"
        for format in [ReportFormat.text, .csv, .junit] {
            #expect(report.rendered(as: format).contains(label), "\(format)")
        }
        #expect(report.rendered(as: .html).contains(label.replacingOccurrences(of: "=", with: "=")))
        let json = report.rendered(as: .json)
        #expect(json.contains(#""findings": ["#))
        #expect(json.contains(#""choice": "b""#))
        #expect(json.contains(#""wrong": 1"#))
        #expect(report.rendered(as: .gradescope).contains(#""choice": "b""#))
        // The commonest explanations name the choice finding, not the unspecific check.
        #expect(report.rendered(as: .html).contains("choice-wrong b"))
    }
}
