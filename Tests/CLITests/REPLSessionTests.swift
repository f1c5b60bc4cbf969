import Course
import Foundation
import Progress
import Terminal
import Testing
import Wording

@testable import cnntutor

/// Whole sessions: welcome and menu, moving through steps, resuming, resetting, pictures, quitting.
@Suite("REPL sessions")
struct REPLSessionTests {
    @Test func welcomeShowsTheMenuWithMinutesAndEnterOpensTheFirstLesson() throws {
        let run = REPLHarness.run(["", ":quit"])
        let course = REPLHarness.course
        #expect(run.text.contains(course.title(in: "en")))
        for (index, lesson) in course.lessons.enumerated() {
            #expect(run.text.contains("\(index + 1) ░░░░░░░░░░"))
            if let minutes = lesson.minutes { #expect(run.text.contains("\(minutes) min  \(lesson.title)")) }
        }
        #expect(run.text.contains("Press Enter to start lesson 1"))
        #expect(
            run.text.contains("# 1. \(course.lessons[0].title)")
                || run.text.contains("1. \(course.lessons[0].title)"))
        #expect(run.session.lessonIndex == 0)
    }

    @Test func enterWalksStepsAndEachMoveIsSaved() throws {
        let progress = MemoryProgressRecorder()
        let run = REPLHarness.run([":open 2", "", ":back", ":next"], progress: progress)
        #expect(run.text.contains("step 2 of"))
        let position = try #require(
            try progress.positions(profile: "ada", course: REPLHarness.course.id).first)
        #expect(position.lesson == "02-filters")
        #expect(position.step == 1)
        // Input ended without :quit: the session still says goodbye.
        #expect(run.text.hasSuffix("Progress saved.\n"))
    }

    @Test func resumesWhereTheLearnerLeftOffAfterARestart() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "cnntutor-repl-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try ProgressStore.open(directory: directory).store
        // Enter moves from step 1 to step 2, an exercise; the second Enter cannot leave it unanswered.
        REPLHarness.run([":open 2", "", "", ":quit"], progress: first)
        try first.close()

        let second = try ProgressStore.open(directory: directory).store
        let run = REPLHarness.run([":quit"], progress: second)
        try second.close()
        #expect(run.text.contains("Welcome back! Resuming lesson 2 at step 2."))
        #expect(run.session.lessonIndex == 1)
        #expect(run.session.stepIndex == 1)
        #expect(run.session.currentExercise?.id == "one-position")
    }

    @Test func resetAsksThenForgetsTheLesson() throws {
        let progress = MemoryProgressRecorder()
        let goto = ":goto 02-filters/one-position"
        let kept = REPLHarness.run([goto, "5", ":reset 2", "n", ":quit"], progress: progress)
        #expect(kept.text.contains("Nothing was reset."))
        #expect(try kept.attempts().count == 1)
        let reset = REPLHarness.run([":reset 2", "y", ":quit"], progress: progress)
        #expect(reset.text.contains("Lesson 2 reset."))
        #expect(try reset.attempts().isEmpty)
        #expect(
            try progress.positions(profile: "ada", course: REPLHarness.course.id).allSatisfy {
                $0.lesson != "02-filters" || $0.step == 0
            })
    }

    @Test func finishingALessonMarksItCompletedAndShowsTheMenu() throws {
        let lesson = REPLHarness.course.lessons[0]
        let progress = MemoryProgressRecorder()
        // Skip every exercise, Enter through every other step.
        let moves = lesson.steps.map { $0.exercise == nil ? "" : ":skip" }
        let run = REPLHarness.run([":open 1"] + moves + [":quit"], progress: progress)
        // Gone through, but with every exercise skipped: not "complete", not a full bar.
        let ids = lesson.exercises.map(\.id)
        #expect(run.text.contains("End of lesson 1: \(lesson.title). \(ids.count) exercises not passed yet"))
        #expect(run.text.contains(":goto \(ids[0]) goes back"))
        #expect(!run.text.contains("Lesson 1 complete"))
        let summary = try #require(
            try progress.lessonSummaries(profile: "ada", course: REPLHarness.course.id).first)
        #expect(summary.completed)
        #expect(run.text.contains("○ 1 ░░░░░░░░░░ 0/\(ids.count) \(ids.count) open"))
        #expect(!run.text.contains("✓ 1 ██████████"))
    }

    /// In Korean "1개 남음" is 8 columns: every title still starts in the same column.
    @Test func menuTitlesLineUpInKorean() throws {
        let course = REPLHarness.course
        let lesson = course.lessons[0]
        let moves = lesson.steps.map { $0.exercise == nil ? "" : ":skip" }
        let run = REPLHarness.run([":open 1"] + moves + [":quit"], language: Language("ko"))
        let titles = course.lessons(in: Language("ko")).map(\.title)
        let menu = run.text.components(separatedBy: "1번 레슨의 끝").last ?? ""
        let columns = titles.compactMap { title -> Int? in
            guard let line = menu.split(separator: "\n").first(where: { $0.hasSuffix(title) }) else {
                return nil
            }
            return displayWidth(String(line.dropLast(title.count)))
        }
        #expect(columns.count == titles.count, "\(menu)")
        #expect(Set(columns).count == 1, "\(columns)\n\(menu)")
        #expect(menu.contains("1 ░░░░░░░░░░ 0/6 6개 남음"))
    }

    /// After the last lesson, with exercises still open, the menu does not offer lesson 1 and
    /// "About 0 minutes to go": it says how many are open, and Enter goes to the first of them.
    @Test func menuAfterEveryLessonLeadsToTheOpenExercises() throws {
        let course = REPLHarness.course
        let progress = MemoryProgressRecorder()
        _ = try progress.openProfile(named: "ada", language: nil)
        for lesson in course.lessons.dropFirst() {
            try progress.markCompleted(profile: "ada", course: course.id, lesson: lesson.id)
        }
        let lesson = course.lessons[0]
        let moves = lesson.steps.map { $0.exercise == nil ? "" : ":skip" }
        let run = REPLHarness.run([":open 1"] + moves + ["", ":quit"], progress: progress)
        let open = course.lessons.reduce(0) { $0 + $1.exercises.count }
        let text = run.text.replacingOccurrences(of: "\n", with: " ")
        #expect(
            text.contains(
                "You have been through every lesson; \(open) exercises are still open. Press Enter to go"
                    + " back to the first in lesson 1"),
            "\(run.text)")
        #expect(!run.text.contains("About 0 minutes"))
        let after = try #require(text.components(separatedBy: "still open.").last)
        #expect(after.contains("Exercise \(lesson.exercises[0].id)"))
    }

    @Test func playgroundPrintsValuesAndTheProgressTable() throws {
        let run = REPLHarness.run(["x = ones(2, 3)", "x.shape", "x.sum()", ":progress", ":quit"])
        #expect(run.text.contains("torch.Size([2, 3])"))
        #expect(run.text.contains("tensor(6.)"))
        #expect(run.text.contains("lesson"))
        #expect(run.text.contains("total"))
        // The total's "0/6 lessons completed" sits in the title column, so at 80 columns it no
        // longer cuts every title to 16 ("The tutor and te…").
        #expect(run.text.contains("The tutor and tensors\n"))
        #expect(run.text.contains("lessons completed"))
    }

    @Test func showDrawsAHeatmap() throws {
        let run = REPLHarness.run([":show tensor([[0., 1.], [2., 3.]])", ":quit"])
        #expect(run.text.contains("shape torch.Size([2, 2])") || run.text.contains("shape [2, 2]"))
        #expect(run.text.contains("scale"))
        #expect(!run.text.contains("\u{1B}"))
    }

    @Test func stepWalksTheWindowAndFillsTheOutput() throws {
        let walk =
            ":step conv2d(tensor([[1., 2., 0.], [0., 1., 3.], [2., 1., 0.]])[None, None], tensor([[1., 0.], [0., -1.]])[None, None])"
        let run = REPLHarness.run([walk, "", "q", ":quit"])
        #expect(run.text.contains("step 1 of 4: output[0, 0]"))
        #expect(run.text.contains("step 2 of 4: output[0, 1]"))
        #expect(!run.text.contains("step 3 of 4"))
        // output[0, 0] = 1·1 + 2·0 + 0·0 + 1·(−1) = 0; output[0, 1] = 2·1 + 0·0 + 1·0 + 3·(−1) = −1 (by hand).
        #expect(run.text.contains("= 0"))
        #expect(run.text.contains("= -1"))
    }

    @Test func stepRefusesWhatItCannotWalk() throws {
        let run = REPLHarness.run([
            ":step ones(3, 3)", ":step conv2d(ones(3, 3), ones(5, 5))",
            ":step conv2d(ones(1, 1, 3, 3), ones(1, 1, 2, 2), stride=1e300)",
            ":step conv2d(ones(1, 1, 3, 3), ones(1, 1, 2, 2), padding=-1)",
            ":step conv2d(ones(1, 1, 3, 3), ones(1, 1, 2, 2), stride=0)",
            ":step conv2d(ones(1, 1, 40, 40), ones(1, 1, 2, 2))",
            ":step conv2d(ones(1, 2, 3, 3), ones(1, 2, 2, 2))",
            ":step conv2d(ones(2, 1, 3, 3), ones(1, 1, 2, 2))", ":quit",
        ])
        #expect(run.text.contains(":step walks a call like conv2d(img[None, None], k[None, None])"))
        // What conv2d itself refuses is refused with conv2d's own words.
        #expect(run.text.contains("conv2d expects input"))
        #expect(run.text.contains("must be an int or a tuple of ints"))
        #expect(run.text.contains("conv2d padding cannot be negative, got -1"))
        #expect(run.text.contains("conv2d stride must be at least 1, got 0"))
        #expect(run.text.contains("too large to draw"))
        #expect(run.text.contains("one input plane per filter"))
        #expect(run.text.contains("the input's batch must be 1"))
    }

    @Test func aDamagedDatabaseIsReported() throws {
        let damaged = DamagedDatabase(
            originalPath: "/tmp/x/progress.sqlite", movedTo: "/tmp/x/progress.sqlite.damaged-1",
            reason: "file is not a database")
        let run = REPLHarness.run([":quit"], recovered: damaged)
        let text = run.text.replacingOccurrences(of: "\n", with: " ")
        #expect(text.contains("moved to /tmp/x/progress.sqlite.damaged-1"))
    }

    @Test func unknownCommandsAndNamesDoNotEndTheSession() throws {
        let run = REPLHarness.run([":frobnicate", ":open 99", "1 +", ":goto nowhere", ":help", ":quit"])
        #expect(run.text.contains("unknown command ':frobnicate'"))
        #expect(run.text.contains("No lesson '99'"))
        #expect(run.text.contains("error:"))
        #expect(run.text.contains("No exercise 'nowhere'"))
        #expect(run.text.contains("Commands:"))
        #expect(run.text.contains("Bye!"))
    }

    /// Odd input everywhere the learner can type: the session answers each and ends normally.
    @Test(arguments: [nil, ":goto 02-filters/one-position", ":goto 01-tensors/channel-axis"])
    func oddInputNeverEndsTheSession(_ place: String?) throws {
        let odd = [
            ":", "::", ":goto /", ":goto 02-filters/", ":open -1", ":open 0", ":reset 0", ":reset", "n",
            "\u{0}",
            String(repeating: "(", count: 5000), "1/0", ":show 1/0", ":show", ":step conv2d()",
            ":step conv2d(*[1])",
            ":lang xx", ":lang", "'unterminated", "😀 = 1", "x = ones(100000000000)", "ones(3)[7]", ":back",
            ":back",
            ":hint", ":solution", "", ":skip", ":run", String(repeating: "가", count: 3000),
        ]
        let run = REPLHarness.run((place.map { [$0] } ?? []) + odd + ["1 + 1", ":quit"])
        #expect(run.text.contains("Bye! This session:"))
        #expect(run.reader.remaining == 0)
    }

    @Test func completionOffersCommandsNamesMembersAndVariables() throws {
        let harness = REPLHarness(["my_filter = ones(3, 3)", ":quit"])
        harness.session.run()
        let complete = CompletionCandidates()
        complete.session = harness.session
        #expect(complete(":op", 3).contains(":open"))
        #expect(complete(":open 0", 7).contains("02-filters"))
        #expect(complete(":lang k", 7) == ["en", "ko"])
        #expect(complete("y = my_", 7).contains("my_filter"))
        #expect(complete("conv", 4).contains("conv2d"))
        #expect(complete("nn.Con", 6).contains("nn.Conv2d"))
    }

    @Test func languageIsRememberedPerProfile() throws {
        let progress = MemoryProgressRecorder()
        REPLHarness.run([":lang ko", ":quit"], progress: progress)
        let again = REPLHarness.run([":quit"], progress: progress)
        #expect(again.session.language == "ko")
        #expect(again.text.contains(REPLHarness.course.title(in: "ko")))
    }
}
