import Course
import Foundation
import Grading
import Progress
import Testing

@testable import cnntutor

/// What a session records is what the learner meant: playing and looking after a pass create no
/// attempts, `exit()` is no answer, a pass after the solution says so, and `progress` and `grade`
/// of the export agree exactly.
@Suite("REPL records")
struct REPLRecordTests {
    static let course = REPLHarness.course

    /// A session that passes, plays after the pass, fails then gives up and types the solution,
    /// skips, answers a choice then plays with another letter, tries in `play>` then answers, and
    /// leaves with `exit()`.
    static let script = [
        ":goto 02-filters/one-position", "(img[1:3, 2:4] * k).sum()",
        // After a pass nothing is graded: a wrong value, a look, an error.
        "img.sum()", "(img * k).sum()", "nosuchname",
        ":goto 02-filters/feature-map", "conv2d(x, w) + 1", ":solution", "y", "conv2d(x, w)",
        ":goto 02-filters/vertical-edge-filter", ":skip",
        ":goto 02-filters/what-conv2d-computes", "b", "a",
        ":goto 02-filters/channel-sum", ":play", "(x[0, :, 0:2, 0:2] * w[0]).sum()", ":answer",
        "w.sum()",
        "exit()",
        "this line is never read",
    ]

    @Test func onlyAnswersAreRecordedAndThePassAfterTheSolutionSaysSo() throws {
        let run = REPLHarness.run(Self.script)
        let attempts = try run.attempts()
        let byExercise = Dictionary(grouping: attempts, by: \.key.exercise)
        #expect(byExercise["one-position"]?.map(\.verdict) == [.pass])
        #expect(byExercise["feature-map"]?.map(\.verdict) == [.fail, .gaveUp, .pass])
        let late = try #require(byExercise["feature-map"]?.last)
        #expect(late.afterSolution && late.points == 0 && late.maxPoints == 2)
        #expect(byExercise["vertical-edge-filter"]?.map(\.verdict) == [.skipped])
        #expect(byExercise["what-conv2d-computes"]?.map(\.verdict) == [.pass])
        #expect(byExercise["channel-sum"]?.map(\.answer) == ["w.sum()"])
        #expect(attempts.count == 7)
        #expect(run.text.contains("recorded as solved after the solution (0/2 points)"))
        #expect(run.text.contains("playing, not graded"))
        #expect(run.text.contains("] play> "))
        #expect(run.text.contains("] answer> "))
        #expect(run.text.contains("Bye!"))
        #expect(!run.text.contains("this line is never read"))
    }

    /// `progress` (the table and every exercise's status) and `grade` of `progress --export` agree.
    @Test func progressAndGradeOfTheExportAgree() throws {
        let run = REPLHarness.run(Self.script)
        let statuses = try run.progress.exerciseStatuses(profile: "ada", course: Self.course.id)
        let submission = try run.progress.submission(
            profile: "ada", course: Self.course.id, version: String(Self.course.version))
        #expect(submission.afterSolution == ["02-filters/feature-map"])
        let order = Self.course.allExercises.map { "\($0.lesson.id)/\($0.exercise.id)" }
        let yaml = try SubmissionFile.yaml(submission, order: order)
        let learner = try SubmissionLoader.parse(yaml, file: "ada.yaml")
        let report = BatchGrader(
            options: GradingOptions.forCourse(Self.course.directory), jobs: 1
        ).grade([learner], course: Self.course)
        let graded = try #require(report.learners.first)
        for result in graded.results {
            let parts = result.exercise.split(separator: "/").map(String.init)
            let status = statuses[ExerciseKey(lesson: parts[0], exercise: parts[1])]
            #expect(
                Double(result.verdict.points) == (status?.bestPoints ?? 0),
                "\(result.exercise): grade \(result.verdict.points), progress \(status?.bestPoints ?? 0)")
            #expect(result.verdict.passed == (status?.passed ?? false), "\(result.exercise)")
            #expect(
                result.verdict.solvedAfterSolution == (status?.solvedAfterSolution ?? false),
                "\(result.exercise)")
        }
        let summaries = try run.progress.lessonSummaries(profile: "ada", course: Self.course.id)
        let table = ProgressTable(course: Self.course, language: nil, summaries: summaries)
        let total = try #require(table.rows.last)
        #expect(total.points == "\(graded.points)/\(Self.course.points)")
        #expect(total.passed == "\(graded.results.count(where: \.verdict.passed))/\(graded.results.count)")
        #expect(table.text.contains("answered after the solution"))
        #expect(report.rendered(as: .text).contains("solved after the solution"))
        #expect(graded.points == 2 + 1)  // one-position (2) and what-conv2d-computes (1): see the lesson
    }

    /// Answers that use what a step's example bound (`fx.shape` after `:run` bound `fx` a step
    /// before, `x.grad` after the example's `backward()` at the exercise) re-grade from the export
    /// as they were graded in the session; an example that rebinds a setup name (`img` at
    /// top-left-patch) is not replayed.
    @Test func answersUsingExampleNamesReGradeFromTheExport() throws {
        let run = REPLHarness.run([
            // The example binding fx is the step before the exercise: run there, tried, then used.
            ":goto 04-residual-blocks/shortcut-shape", ":back", ":run", "fx + x", ":next", "fx.shape",
            ":goto 05-vanishing-gradients/three-sigmoids", ":run", "x.grad",
            ":goto 01-tensors/top-left-patch", ":run", "img[0:3, 0:3]",
        ])
        let attempts = try run.attempts()
        #expect(attempts.map(\.verdict) == [.pass, .pass, .pass], "\(run.text)")
        let graded = try Self.gradeExport(of: run)
        let passed = graded.results.filter(\.verdict.passed).map(\.exercise)
        #expect(
            passed == [
                "01-tensors/top-left-patch", "04-residual-blocks/shortcut-shape",
                "05-vanishing-gradients/three-sigmoids",
            ], "\(graded.results.map { "\($0.exercise): \($0.verdict.message)" })")
        let patch = try #require(attempts.first { $0.key.exercise == "top-left-patch" })
        #expect(patch.answer == "img[0:3, 0:3]")
        #expect(
            run.text.contains("(At this exercise img keeps its value from the exercise, not the example's.)"))
    }

    /// What `cnntutor grade` says of the session's `progress --export`: the learner's results.
    static func gradeExport(of run: REPLHarness) throws -> ClassReport.Learner {
        let submission = try run.progress.submission(
            profile: "ada", course: course.id, version: String(course.version))
        let order = course.allExercises.map { "\($0.lesson.id)/\($0.exercise.id)" }
        let learner = try SubmissionLoader.parse(
            try SubmissionFile.yaml(submission, order: order), file: "ada.yaml")
        let report = BatchGrader(
            options: GradingOptions.forCourse(course.directory), jobs: 1
        ).grade([learner], course: course)
        return try #require(report.learners.first)
    }

    /// `:run` at every step, then the reference at every exercise: an example never clobbers the
    /// names an exercise is graded with.
    @Test(arguments: REPLHarness.course.lessons.map(\.id))
    func referencesPassAfterEveryExample(lesson id: String) throws {
        let lesson = try #require(Self.course.lessons.first { $0.id == id })
        var script: [String] = []
        for step in lesson.steps {
            if step.blocks.contains(where: { if case .example = $0 { true } else { false } }) {
                script.append(":run")
            }
            if let exercise = step.exercise {
                let reference = try #require(exercise.solution?.reference.text, "\(exercise.id)")
                script.append(reference.trimmingCharacters(in: .whitespacesAndNewlines))
            }
            script.append(":next")
        }
        let run = REPLHarness.run(script, lesson: id)
        let attempts = try run.attempts()
        #expect(attempts.count == lesson.exercises.count, "\(run.text)")
        for attempt in attempts {
            #expect(
                attempt.verdict == .pass, "\(attempt.key): \(attempt.verdict) for \(attempt.answer ?? "")")
        }
        // And each recorded answer, examples replayed, passes `grade` as it passed here.
        let graded = try Self.gradeExport(of: run)
        for result in graded.results where result.exercise.hasPrefix(id + "/") {
            #expect(result.verdict.passed, "\(result.exercise): \(result.verdict.message)")
        }
    }
}
