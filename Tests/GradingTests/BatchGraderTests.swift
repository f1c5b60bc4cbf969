import CNN
import Foundation
import Testing

@testable import Course
@testable import Grading

@Suite struct BatchGraderTests {
    static let submissions = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/submissions").path

    @Test func folderGradesEveryFileAndSkipsMalformedOnes() throws {
        let course = try CourseLoader.load(at: TestExercises.tinyCourse)
        let files = BatchGrader.submissionFiles([Self.submissions])
        #expect(
            files.map { ($0 as NSString).lastPathComponent } == [
                "broken.yaml", "joon.json", "minji.yaml", "old-version.yaml",
            ])
        let report = BatchGrader(jobs: 2).grade(files: files, course: course)
        #expect(report.learners.map(\.learner) == ["joon", "minji"])
        #expect(
            report.skipped.map { ($0.file as NSString).lastPathComponent } == [
                "broken.yaml", "old-version.yaml",
            ])
        #expect(
            report.skipped[0].message.hasSuffix(
                "broken.yaml:2:1: submission: missing 'learner' (expected the learner's name)"))
        let joon = report.learners[0]
        #expect(
            joon.results.map(\.verdict.mistake) == ["averaged", "flipped-kernel", "forgot-same", nil, nil])
        #expect(joon.results[3].verdict.message == "No answer was submitted.")
        #expect(
            joon.notes == ["the answer to '09-extra/unknown' was ignored: the course has no such exercise"])
        let minji = report.learners[1]
        #expect(minji.results.map(\.verdict.status) == [.pass, .pass, .pass, .fail, .pass])
        #expect(!report.allPassed)
    }

    /// Graded in Korean (`cnntutor grade --lang ko`): named mistakes from the translation, the
    /// grader's own sentences from `GradingText`.
    @Test func gradesInTheOptionsLanguage() throws {
        let course = try CourseLoader.load(at: TestExercises.tinyCourse)
        let files = BatchGrader.submissionFiles([Self.submissions])
        let report = BatchGrader(options: GradingOptions(language: "ko"), jobs: 2).grade(
            files: files, course: course)
        let joon = report.learners[0]
        #expect(
            joon.results.map(\.verdict.mistake) == ["averaged", "flipped-kernel", "forgot-same", nil, nil])
        #expect(joon.results[0].verdict.message == "평균(2)을 구했습니다. 합을 구하세요.")
        #expect(joon.results[3].verdict.message == "제출한 답이 없습니다.")
    }

    /// The JSON report of real grading, durations zeroed, with paths relative to the fixtures.
    @Test func jsonOfRealGrading() throws {
        let course = try CourseLoader.load(at: TestExercises.tinyCourse)
        let report = BatchGrader(jobs: 2).grade(
            files: BatchGrader.submissionFiles([Self.submissions]), course: course)
        let json = report.withoutDurations.rendered(as: .json).replacingOccurrences(
            of: Self.submissions, with: "submissions")
        #expect(json.contains(#""mistake": "flipped-kernel""#))
        #expect(json.contains(#""file": "submissions/minji.yaml""#))
        #expect(json.contains(#""duration_ms": 0"#))
    }

    /// A pool of answers per exercise, right, wrong, broken and hanging; a learner's answer to each
    /// exercise is drawn from its pool by a seeded generator.
    static let pool: [String: [String]] = [
        "01-basics/total": ["a.sum()", "a.mean()", "5", "6", "a.summ()", ""],
        "01-basics/feature-map": [
            "conv2d(img, k)", "conv2d(img, k_rotated)", "conv2d(img, k, padding=1)", "conv2d(img",
            GraderTests.hangingAnswer,
        ],
        "01-basics/same-size": ["a, b", "a", "c", "d", "b"],
        "02-networks/kernel-size": ["3", "4", "'x'", "1"],
    ]

    @Test func thousandSubmissionsInParallelAreDeterministic() throws {
        let course = try CourseLoader.load(at: TestExercises.tinyCourse)
        var options = GradingOptions()
        // Generous for the ordinary answers even on a loaded machine; the hanging one needs seconds.
        options.timeLimit = 0.5
        var generator = SeededGenerator(seed: 7)
        let keys = Self.pool.keys.sorted()
        let submissions = (0..<1000).map { index in
            let answers = keys.map { key -> (key: String, answer: String) in
                let choices = Self.pool[key]!
                // The hanging answer is drawn at most once in 200, so the whole test stays short.
                var pick = Int(generator.next() % UInt64(choices.count))
                if choices[pick] == GraderTests.hangingAnswer, index % 200 != 0 { pick = 0 }
                return (key, choices[pick])
            }
            return LearnerSubmission(
                learner: String(format: "learner-%04d", index), course: "tiny", version: 3, answers: answers,
                file: "generated/\(index).yaml")
        }
        let report = BatchGrader(options: options, jobs: 4).grade(submissions, course: course)

        // Every answer graded alone, in order, by one grader: the parallel run must agree.
        let serial = Grader(options: options)
        var expected: [String: Verdict] = [:]
        for (key, answers) in Self.pool {
            let exercise = try #require(course.exercise(named: key)?.exercise)
            for answer in answers { expected[key + "\u{0}" + answer] = serial.grade(answer, for: exercise) }
        }
        #expect(report.learners.count == 1000)
        #expect(report.learners.map(\.learner) == submissions.map(\.learner))
        var timeouts = 0
        for (learner, submission) in zip(report.learners, submissions) {
            for result in learner.results {
                guard let answer = submission.answer(to: result.exercise) else {
                    #expect(result.verdict.message == "No answer was submitted.")
                    continue
                }
                var want = try #require(expected[result.exercise + "\u{0}" + answer])
                var got = result.verdict
                want.durationMilliseconds = 0
                got.durationMilliseconds = 0
                if want.status == .timeout {
                    // How a timeout is said depends on when it struck (a refusal by estimate names
                    // the time left), so only the outcome is compared.
                    #expect(
                        got.status == .timeout && got.points == 0, "\(learner.learner) \(result.exercise)")
                } else {
                    #expect(got == want, "\(learner.learner) \(result.exercise): \(answer)")
                }
                if got.status == .timeout { timeouts += 1 }
            }
        }
        #expect(timeouts > 0)
        #expect(report.learners.flatMap(\.results).contains { $0.verdict.status == .error })
        #expect(report.learners.flatMap(\.results).contains { $0.verdict.mistake == "flipped-kernel" })
    }
}
