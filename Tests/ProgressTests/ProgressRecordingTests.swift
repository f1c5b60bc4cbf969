import Foundation
import Testing

@testable import Progress

/// The contract every ``ProgressRecording`` keeps, run on both implementations.
@Suite("ProgressRecording contract")
final class ProgressRecordingTests {
    /// This test's SQLite directory, removed when the test ends.
    let directory: URL

    init() throws {
        directory = try temporaryDirectory("contract")
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    enum Implementation: String, CaseIterable, CustomTestStringConvertible {
        case memory, sqlite
        var testDescription: String { rawValue }
    }

    func make(_ implementation: Implementation, _ clock: StepClock) throws -> any ProgressRecording {
        switch implementation {
        case .memory: MemoryProgressRecorder(now: { clock.now() })
        case .sqlite: try openStore(directory, clock: clock)
        }
    }

    /// A history touching every verdict, two lessons, a second profile and a second course.
    ///
    /// 01-filters/edge: fail, pass, fail (latest answer "edge-3", best pass, version 2 last)
    /// 01-filters/blur: error, gave-up without text (best error, gave up, latest answer "blur-1")
    /// 02-padding/same: skipped without text (no answer to export)
    static func recordHistory(_ store: any ProgressRecording, _ clock: StepClock) throws {
        _ = try store.openProfile(named: "ada", language: "en")
        _ = try store.openProfile(named: "bo", language: nil)
        let history = [
            attempt(
                lesson: "01-filters", exercise: "edge", answer: "edge-1", verdict: .fail,
                mistake: "flipped", hints: 1, date: clock.now()),
            attempt(
                lesson: "01-filters", exercise: "edge", answer: "edge-2", verdict: .pass,
                points: 2, hints: 1, date: clock.now()),
            attempt(
                lesson: "01-filters", exercise: "blur", answer: "blur-1", verdict: .error,
                date: clock.now()),
            attempt(
                "bo", lesson: "01-filters", exercise: "blur", answer: "bo-1", verdict: .pass,
                points: 2, date: clock.now()),
            attempt(
                course: "other", lesson: "01-filters", exercise: "edge", answer: "o-1", verdict: .pass,
                points: 2, date: clock.now()),
            attempt(
                lesson: "01-filters", exercise: "blur", answer: nil, verdict: .gaveUp, hints: 2,
                date: clock.now()),
            attempt(
                lesson: "02-padding", exercise: "same", answer: nil, verdict: .skipped,
                maxPoints: 3, date: clock.now()),
            attempt(
                version: "2", lesson: "01-filters", exercise: "edge", answer: "edge-3", verdict: .fail,
                points: 1, date: clock.now()),
        ]
        for item in history { try store.record(item) }
        try store.setPosition(profile: "ada", course: "cnn", lesson: "01-filters", step: 3)
        try store.setPosition(profile: "ada", course: "cnn", lesson: "02-padding", step: 1)
        try store.setPosition(profile: "ada", course: "cnn", lesson: "01-filters", step: 4)
    }

    @Test(arguments: Implementation.allCases)
    func latestAttemptsFollowRecordingOrder(_ implementation: Implementation) throws {
        let clock = StepClock()
        let store = try make(implementation, clock)
        try Self.recordHistory(store, clock)
        let latest = try store.latestAttempts(profile: "ada", course: "cnn", answeredOnly: false)
        #expect(
            latest.mapValues(\.verdict) == [
                ExerciseKey(lesson: "01-filters", exercise: "edge"): .fail,
                ExerciseKey(lesson: "01-filters", exercise: "blur"): .gaveUp,
                ExerciseKey(lesson: "02-padding", exercise: "same"): .skipped,
            ])
        let answered = try store.latestAttempts(profile: "ada", course: "cnn", answeredOnly: true)
        #expect(
            answered.mapValues(\.answer) == [
                ExerciseKey(lesson: "01-filters", exercise: "edge"): "edge-3",
                ExerciseKey(lesson: "01-filters", exercise: "blur"): "blur-1",
            ])
    }

    @Test(arguments: Implementation.allCases)
    func attemptsRoundTripEveryField(_ implementation: Implementation) throws {
        let clock = StepClock()
        let store = try make(implementation, clock)
        _ = try store.openProfile(named: "한글 이름", language: "ko")
        // Every field set to a non-default value; the date has milliseconds, the stored precision.
        let rich = Attempt(
            profile: "한글 이름", course: "cnn", courseVersion: "1.2.0",
            key: ExerciseKey(lesson: "03-resnet", exercise: "skip"),
            answer: "nn.Conv2d(3, 16, 3, padding=1)\n# 주석", verdict: .timeout, points: 0.5,
            maxPoints: 1.5, mistake: "padding-forgotten", hintsUsed: 3, durationMilliseconds: 2_001,
            date: Date(timeIntervalSince1970: 1_767_225_600.25))
        try store.record(rich)
        #expect(try store.attempts(profile: "한글 이름", course: "cnn") == [rich])
    }

    @Test(arguments: Implementation.allCases)
    func attemptsStayWithTheirProfileAndCourse(_ implementation: Implementation) throws {
        let clock = StepClock()
        let store = try make(implementation, clock)
        try Self.recordHistory(store, clock)
        #expect(
            try store.attempts(profile: "ada", course: "cnn").map(\.answer) == [
                "edge-1", "edge-2", "blur-1", nil, nil, "edge-3",
            ])
        #expect(try store.attempts(profile: "bo", course: "cnn").map(\.answer) == ["bo-1"])
        #expect(try store.attempts(profile: "ada", course: "other").map(\.answer) == ["o-1"])
    }

    @Test(arguments: Implementation.allCases)
    func statusesKeepTheBestVerdictAndPoints(_ implementation: Implementation) throws {
        let clock = StepClock()
        let store = try make(implementation, clock)
        try Self.recordHistory(store, clock)
        let statuses = try store.exerciseStatuses(profile: "ada", course: "cnn")
        let edge = try #require(statuses[ExerciseKey(lesson: "01-filters", exercise: "edge")])
        #expect(edge.bestVerdict == .pass && edge.bestPoints == 2 && edge.attempts == 3 && !edge.gaveUp)
        let blur = try #require(statuses[ExerciseKey(lesson: "01-filters", exercise: "blur")])
        #expect(blur.bestVerdict == .error && blur.bestPoints == 0 && blur.attempts == 2 && blur.gaveUp)
        let same = try #require(statuses[ExerciseKey(lesson: "02-padding", exercise: "same")])
        #expect(same.bestVerdict == .skipped && same.maxPoints == 3 && same.attempts == 1)
        #expect(statuses.count == 3)
    }

    @Test(arguments: Implementation.allCases)
    func lessonSummariesCombineStatusesAndPositions(_ implementation: Implementation) throws {
        let clock = StepClock()
        let store = try make(implementation, clock)
        try Self.recordHistory(store, clock)
        try store.markCompleted(profile: "ada", course: "cnn", lesson: "02-padding")
        let summaries = try store.lessonSummaries(profile: "ada", course: "cnn")
        #expect(summaries.map(\.lesson) == ["01-filters", "02-padding"])
        // 01-filters: edge passed (best 2 of 2), blur not (best 0 of 2).
        #expect(summaries[0].attempted == 2 && summaries[0].passed == 1)
        #expect(summaries[0].points == 2 && summaries[0].maxPoints == 4)
        #expect(summaries[0].step == 4 && !summaries[0].completed)
        #expect(summaries[1].passed == 0 && summaries[1].step == 1 && summaries[1].completed)
    }

    @Test(arguments: Implementation.allCases)
    func positionsResumeWhereTheLearnerLeftOff(_ implementation: Implementation) throws {
        let clock = StepClock()
        let store = try make(implementation, clock)
        try Self.recordHistory(store, clock)
        let last = try #require(try store.lastPosition(profile: "ada", course: "cnn"))
        #expect(last.lesson == "01-filters" && last.step == 4 && last.completed == nil)
        try store.markCompleted(profile: "ada", course: "cnn", lesson: "01-filters")
        try store.setPosition(profile: "ada", course: "cnn", lesson: "01-filters", step: 0)
        let positions = try store.positions(profile: "ada", course: "cnn")
        #expect(positions.map(\.lesson) == ["01-filters", "02-padding"])
        #expect(positions[0].step == 0 && positions[0].completed != nil, "moving keeps completion")
        try store.markCompleted(profile: "ada", course: "cnn", lesson: "03-new")
        #expect(try store.positions(profile: "ada", course: "cnn").last?.step == 0)
    }

    /// The best attempt: most points, then the better verdict, then the latest; an answer after
    /// the solution is exported as such, and `progress` counts the same attempt.
    @Test(arguments: Implementation.allCases)
    func bestAttemptOrdersPointsThenVerdictThenLatest(_ implementation: Implementation) throws {
        let clock = StepClock()
        let store = try make(implementation, clock)
        _ = try store.openProfile(named: "ada", language: nil)
        let history = [
            attempt(lesson: "l", exercise: "tie", answer: "error-0", verdict: .error, date: clock.now()),
            attempt(lesson: "l", exercise: "tie", answer: "fail-0", verdict: .fail, date: clock.now()),
            attempt(lesson: "l", exercise: "tie", answer: "fail-0-later", verdict: .fail, date: clock.now()),
            attempt(lesson: "l", exercise: "tie", answer: "error-0-last", verdict: .error, date: clock.now()),
            attempt(lesson: "l", exercise: "late", answer: "wrong", verdict: .fail, date: clock.now()),
            attempt(lesson: "l", exercise: "late", answer: nil, verdict: .gaveUp, date: clock.now()),
        ]
        for item in history { try store.record(item) }
        var afterSolution = attempt(
            lesson: "l", exercise: "late", answer: "right", verdict: .pass, date: clock.now())
        afterSolution.afterSolution = true
        try store.record(afterSolution)
        let submission = try store.submission(profile: "ada", course: "cnn")
        #expect(submission.answers == ["l/tie": "fail-0-later", "l/late": "right"])
        #expect(submission.afterSolution == ["l/late"])
        let statuses = try store.exerciseStatuses(profile: "ada", course: "cnn")
        let late = try #require(statuses[ExerciseKey(lesson: "l", exercise: "late")])
        #expect(late.solvedAfterSolution && late.bestPoints == 0 && late.gaveUp)
        #expect(statuses[ExerciseKey(lesson: "l", exercise: "tie")]?.bestVerdict == .fail)
    }

    @Test(arguments: Implementation.allCases)
    func submissionExportsBestTypedAnswers(_ implementation: Implementation) throws {
        let clock = StepClock()
        let store = try make(implementation, clock)
        try Self.recordHistory(store, clock)
        // edge: the pass (2 points) beats the later fail (1 point); blur: the give-up has no text.
        #expect(
            try store.submission(profile: "ada", course: "cnn")
                == ExportedSubmission(
                    learner: "ada", course: "cnn", version: "2",
                    answers: ["01-filters/edge": "edge-2", "01-filters/blur": "blur-1"]))
        #expect(try store.submission(profile: "ada", course: "cnn", version: "7").version == "7")
    }

    @Test(arguments: Implementation.allCases)
    func resetForgetsOneLessonOnly(_ implementation: Implementation) throws {
        let clock = StepClock()
        let store = try make(implementation, clock)
        try Self.recordHistory(store, clock)
        try store.reset(profile: "ada", course: "cnn", lesson: "01-filters")
        #expect(try store.lessonSummaries(profile: "ada", course: "cnn").map(\.lesson) == ["02-padding"])
        #expect(try store.attempts(profile: "bo", course: "cnn").count == 1, "other profiles keep theirs")
        #expect(try store.attempts(profile: "ada", course: "other").count == 1, "other courses too")
    }

    @Test(arguments: Implementation.allCases)
    func profilesAndSettings(_ implementation: Implementation) throws {
        let clock = StepClock()
        let store = try make(implementation, clock)
        try Self.recordHistory(store, clock)
        #expect(try store.openProfile(named: "ada", language: "ko").language == "en", "existing kept")
        try store.setLanguage("ko", profile: "ada")
        #expect(try store.profiles().map(\.name) == ["ada", "bo"])
        #expect(try store.profiles().map(\.language) == ["ko", nil])
        #expect(try store.setting("solution", profile: "ada") == nil)
        try store.setSetting("solution", to: "after-pass", profile: "ada")
        try store.setSetting("solution", to: "always", profile: "ada")
        #expect(try store.setting("solution", profile: "ada") == "always")
        #expect(try store.setting("solution", profile: "bo") == nil)
        try store.setSetting("solution", to: nil, profile: "ada")
        #expect(try store.setting("solution", profile: "ada") == nil)
        #expect(try store.courses(profile: "ada") == ["cnn", "other"])
        #expect(try store.courses(profile: "nobody") == [])
    }

    @Test(arguments: Implementation.allCases)
    func writesForUnknownProfilesAndBlankNamesThrow(_ implementation: Implementation) throws {
        let clock = StepClock()
        let store = try make(implementation, clock)
        let error = #expect(throws: ProgressError.self) {
            try store.record(attempt("nobody", lesson: "l", exercise: "e", verdict: .pass, date: clock.now()))
        }
        #expect(error?.description.contains("no profile named 'nobody'") == true)
        #expect(throws: ProgressError.self) { try store.openProfile(named: "  ", language: nil) }
        _ = try store.openProfile(named: "ada", language: nil)
        #expect(throws: ProgressError.self) {
            try store.record(attempt(lesson: "l", exercise: "", verdict: .pass, date: clock.now()))
        }
        #expect(throws: ProgressError.self) {
            try store.setPosition(profile: "nobody", course: "cnn", lesson: "l", step: 1)
        }
    }

    /// The SQL queries and the shared Swift definitions give identical values on the same history.
    @Test func sqliteAndMemoryAgree() throws {
        let (memoryClock, sqliteClock) = (StepClock(), StepClock())
        let memory = try make(.memory, memoryClock)
        let sqlite = try make(.sqlite, sqliteClock)
        try Self.recordHistory(memory, memoryClock)
        try Self.recordHistory(sqlite, sqliteClock)
        for answeredOnly in [false, true] {
            #expect(
                try memory.latestAttempts(profile: "ada", course: "cnn", answeredOnly: answeredOnly)
                    == sqlite.latestAttempts(profile: "ada", course: "cnn", answeredOnly: answeredOnly))
        }
        #expect(
            try memory.exerciseStatuses(profile: "ada", course: "cnn")
                == sqlite.exerciseStatuses(profile: "ada", course: "cnn"))
        #expect(
            try memory.lessonSummaries(profile: "ada", course: "cnn")
                == sqlite.lessonSummaries(profile: "ada", course: "cnn"))
        #expect(try memory.profiles() == sqlite.profiles())
        #expect(
            try memory.positions(profile: "ada", course: "cnn")
                == sqlite.positions(profile: "ada", course: "cnn"))
    }
}
