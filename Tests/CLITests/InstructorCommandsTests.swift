import Foundation
import Testing

/// `cnntutor check`, `grade` and `export-key`, run as the built binary on the test fixtures.
@Suite("cnntutor check / grade / export-key")
struct InstructorCommandsTests {
    static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    static let tiny = tests.appendingPathComponent("CourseTests/Fixtures/tiny-course").path
    static let failing = tests.appendingPathComponent("CourseTests/Fixtures/failing-course").path
    static let submissions = tests.appendingPathComponent("GradingTests/Fixtures/submissions").path

    @Test func checkCleanCourse() throws {
        let result = try BinaryRun.run(["check", "--course", Self.tiny])
        #expect(result.status == 0)
        #expect(result.output.hasSuffix("tiny: 2 lessons, 5 exercises — no problems.\n"))
    }

    @Test func checkFailingCourseListsLocatedProblems() throws {
        let result = try BinaryRun.run(["check", "--course", Self.failing])
        #expect(result.status == 1)
        let lines = result.output.split(separator: "\n")
        #expect(
            lines.first
                == "\(Self.failing)/01-failing/lesson.en.md:10:5: this example fails: unknown name 'undefined_thing'"
        )
        #expect(lines.last == "failing: 9 problems.")
    }

    @Test func checkMissingCourseIsAnInputError() throws {
        let result = try BinaryRun.run([
            "check", "--course", Self.tests.appendingPathComponent("nowhere").path,
        ])
        #expect(result.status == 2)
        #expect(result.error.contains("course.yaml"))
    }

    @Test func gradeReportsAndExitsOneWhenSomethingFailed() throws {
        let result = try BinaryRun.run([
            "grade", Self.submissions, "--course", Self.tiny, "--format", "json", "--jobs", "2",
        ])
        #expect(result.status == 1)
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(json["course"] as? String == "tiny")
        let learners = try #require(json["learners"] as? [[String: Any]])
        #expect(learners.map { $0["learner"] as? String } == ["joon", "minji"])
        #expect(result.error.contains("broken.yaml"))
    }

    @Test func gradeWithNothingReadableIsAnInputError() throws {
        let result = try BinaryRun.run(["grade", Self.submissions + "/broken.yaml", "--course", Self.tiny])
        #expect(result.status == 2)
    }

    @Test func gradeInKorean() throws {
        let result = try BinaryRun.run(["grade", Self.submissions, "--course", Self.tiny, "--lang", "ko"])
        #expect(result.status == 1)
        #expect(result.output.contains("평균(2)을 구했습니다. 합을 구하세요."))
        #expect(result.output.contains("제출한 답이 없습니다."))
        #expect(!result.output.contains("No answer was submitted."))
        #expect(
            try BinaryRun.run(["grade", Self.submissions, "--course", Self.tiny, "--lang", "fr"]).status == 2)
    }

    @Test func gradeRejectsABadTimeLimit() throws {
        #expect(
            try BinaryRun.run(["grade", Self.submissions, "--course", Self.tiny, "--time-limit", "0"]).status
                == 2)
    }

    @Test func exportKeyIsByteIdenticalTwice() throws {
        let first = try BinaryRun.run(["export-key", "--course", Self.tiny, "--format", "html"])
        let second = try BinaryRun.run(["export-key", "--course", Self.tiny, "--format", "html"])
        #expect(first.status == 0)
        #expect(first.output == second.output)
        #expect(first.output.hasPrefix("<!DOCTYPE html>"))
        let korean = try BinaryRun.run([
            "export-key", "--course", Self.tiny, "--format", "md", "--lang", "ko",
        ])
        #expect(korean.output.hasPrefix("# Answer key: 작은 강좌"))
        #expect(try BinaryRun.run(["export-key", "--course", Self.tiny, "--lang", "fr"]).status == 2)
    }
}
