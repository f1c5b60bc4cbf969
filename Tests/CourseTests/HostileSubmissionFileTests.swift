import Foundation
import Testing

@testable import Course

/// Files a class folder may hold to stall `cnntutor grade`: each is refused at once with the
/// reason, or read in one pass, never waited on or read whole.
@Suite struct HostileSubmissionFileTests {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func aNamedPipeIsRefusedWithoutWaiting() throws {
        let pipe = try Self.folder().appendingPathComponent("answers.yaml").path
        #expect(mkfifo(pipe, 0o644) == 0)
        let error = #expect(throws: CourseError.self) { try SubmissionLoader.load(at: pipe) }
        #expect(error?.message.contains("not a regular file") == true)
    }

    @Test func aDeviceIsRefused() {
        let error = #expect(throws: CourseError.self) { try SubmissionLoader.load(at: "/dev/zero") }
        #expect(error?.message.contains("not a regular file") == true)
    }

    @Test func aHugeFileIsRefusedBeforeItIsRead() throws {
        let path = try Self.folder().appendingPathComponent("big.yaml").path
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 3 << 30)
        try handle.close()
        let started = Date()
        let error = #expect(throws: CourseError.self) { try SubmissionLoader.load(at: path) }
        #expect(error?.message.contains("the limit is \(SourceFile.byteLimit) bytes") == true)
        #expect(Date().timeIntervalSince(started) < 1)
    }

    @Test func aMissingFileSaysWhy() {
        let error = #expect(throws: CourseError.self) { try SubmissionLoader.load(at: "/nonexistent/a.yaml") }
        #expect(error?.message.contains("No such file or directory") == true)
    }

    @Test func manyAnswersAreReadInOnePass() throws {
        let keys = (0..<100_000).map { "  l/e\($0): '1'\n" }.joined()
        let text = "learner: many\ncourse: c\nversion: 1\nanswers:\n" + keys
        let started = Date()
        let submission = try SubmissionLoader.parse(text, file: "many.yaml")
        #expect(submission.answers.count == 100_000)
        // Seconds in a debug build; the quadratic lookup it replaces took minutes.
        #expect(Date().timeIntervalSince(started) < 30)
    }
}
