import Foundation
import Testing

/// `cnntutor grade` as an instructor runs it: worker processes, hostile answers, the small items a
/// real class brings (a learner twice, another version, bytes that are not UTF-8).
@Suite struct GradeCommandTests {
    static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    static let tiny = tests.appendingPathComponent("CourseTests/Fixtures/tiny-course").path
    static let submissions = tests.appendingPathComponent("GradingTests/Fixtures/submissions").path

    /// A fresh folder holding `files` (name → contents).
    static func folder(_ files: [String: Data]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("grade-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, data) in files { try data.write(to: url.appendingPathComponent(name)) }
        return url
    }

    static func submission(_ learner: String, _ answers: [String: String], version: Int = 3) -> Data {
        let lines = answers.keys.sorted().map { key in
            "  \(key): \"" + answers[key]!.replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        return Data(
            (["learner: \(learner)", "course: tiny", "version: \(version)", "answers:"] + lines).joined(
                separator: "\n"
            ).utf8)
    }

    /// The JSON report without its durations, which differ from run to run.
    static func withoutDurations(_ json: String) -> String {
        json.split(separator: "\n").filter { !$0.contains("\"duration_ms\"") }.joined(separator: "\n")
    }

    @Test func workerProcessesAndInProcessGradingWriteTheSameReport() throws {
        let common = ["grade", Self.submissions, "--course", Self.tiny, "--format", "json", "--jobs", "2"]
        let workers = try BinaryRun.run(common)
        let inProcess = try BinaryRun.run(common + ["--in-process"])
        #expect(workers.status == 1)
        #expect(inProcess.status == 1)
        #expect(Self.withoutDurations(workers.output) == Self.withoutDurations(inProcess.output))
        #expect(workers.output.contains(#""schema_version": 2"#))
        // Standard error is not a terminal here: no progress bar, only the skipped files.
        #expect(!workers.error.contains("grading"))
        #expect(workers.error.split(separator: "\n").allSatisfy { $0.hasPrefix("skipped ") })
    }

    /// Answers that abort the engine or hang inside a kernel cost their own verdict; every other
    /// learner is graded and the report is written.
    @Test func hostileAnswersCostOneVerdictEach() throws {
        let folder = try Self.folder([
            "a.yaml": Self.submission("a", ["01-basics/total": "randn(100000, 100000)"]),
            "b.yaml": Self.submission(
                "b", ["01-basics/total": "conv2d(zeros(1, 1, 3000, 3000), zeros(1, 1, 1000, 1000)).sum()"]),
            "c.yaml": Self.submission("c", ["01-basics/total": "a.sum()"]),
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try BinaryRun.run([
            "grade", folder.path, "--course", Self.tiny, "--format", "csv", "--time-limit", "1",
        ])
        #expect(result.status == 1)
        let rows = result.output.split(separator: "\n")
        #expect(rows.count == 4)
        #expect(rows[3].hasPrefix("c,\(folder.path)/c.yaml,2,"))
        let json = try BinaryRun.run([
            "grade", folder.path, "--course", Self.tiny, "--format", "json", "--time-limit", "1",
        ])
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let learners = try #require(document["learners"] as? [[String: Any]])
        let statuses = learners.map {
            (($0["results"] as? [[String: Any]])?.first?["status"] as? String) ?? "?"
        }
        #expect(statuses[0] == "error" || statuses[0] == "timeout")
        #expect(statuses[1] == "timeout" || statuses[1] == "error")
        #expect(statuses[2] == "pass")
    }

    @Test func theSameLearnerInTwoFilesIsNotedAndBothAreGraded() throws {
        let folder = try Self.folder([
            "minji-1.yaml": Self.submission("minji", ["01-basics/total": "a.sum()"]),
            "minji-2.yaml": Self.submission("minji", ["01-basics/total": "a.mean()"]),
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = try BinaryRun.run(["grade", folder.path, "--course", Self.tiny])
        #expect(text.output.contains("note: the same learner name is also in \(folder.path)/minji-2.yaml"))
        #expect(text.output.contains("note: the same learner name is also in \(folder.path)/minji-1.yaml"))
        let csv = try BinaryRun.run(["grade", folder.path, "--course", Self.tiny, "--format", "csv"])
        let rows = csv.output.split(separator: "\n")
        #expect(rows[0].hasPrefix("learner,file,01-basics/total,"))
        #expect(rows[1].hasPrefix("minji,\(folder.path)/minji-1.yaml,2,"))
        #expect(rows[2].hasPrefix("minji,\(folder.path)/minji-2.yaml,1,"))
    }

    @Test func skipsSayWhereInTheFile() throws {
        var invalid = Data("learner: joon\ncourse: tiny\nversion: 3\nanswers:\n  01-basics/total: \"a.s".utf8)
        invalid.append(contentsOf: [0xFF, 0x41])
        invalid.append(contentsOf: Data("um()\"\n".utf8))
        let folder = try Self.folder([
            "other-course.yaml": Data("learner: a\ncourse: another\nversion: 3\nanswers: {}\n".utf8),
            "other-version.yaml": Data("learner: b\ncourse: tiny\nversion: 2\nanswers: {}\n".utf8),
            "not-utf8.yaml": invalid,
            "ok.yaml": Self.submission("c", ["01-basics/total": "a.sum()"]),
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try BinaryRun.run(["grade", folder.path, "--course", Self.tiny, "--format", "csv"])
        let lines = result.error.split(separator: "\n").map(String.init)
        #expect(
            lines.contains(
                "skipped \(folder.path)/not-utf8.yaml:5:24: submission: not valid UTF-8: the byte 0xFF at offset 70 does not start a valid character"
            ), "\(lines)")
        #expect(
            lines.contains(
                "skipped \(folder.path)/other-course.yaml:2:9: the answers are for course 'another'; this course is 'tiny'"
            ), "\(lines)")
        #expect(
            lines.contains(
                "skipped \(folder.path)/other-version.yaml:3:10: the answers are for version 2 of 'tiny'; the course is at version 3"
            ), "\(lines)")
    }
}

/// `--format gradescope` as a Gradescope autograder and a batch use it.
@Suite struct GradescopeFormatTests {
    @Test func oneSubmissionWritesItsResultsJSON() throws {
        let folder = try GradeCommandTests.folder([
            "answers.yaml": GradeCommandTests.submission("minji", ["01-basics/total": "a.mean()"])
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let results = folder.appendingPathComponent("results")
        try FileManager.default.createDirectory(at: results, withIntermediateDirectories: true)
        let run = try BinaryRun.run([
            "grade", folder.appendingPathComponent("answers.yaml").path, "--course", GradeCommandTests.tiny,
            "--format", "gradescope", "--out", results.path, "--visibility", "after_published",
        ])
        #expect(run.status == 1)
        let data = try Data(contentsOf: results.appendingPathComponent("results.json"))
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(document["score"] as? Int == 1)
        let tests = try #require(document["tests"] as? [[String: Any]])
        #expect(tests.count == 5)
        #expect(tests[0]["name"] as? String == "01-basics/total")
        #expect(tests[0]["max_score"] as? Int == 2)
        #expect(tests[0]["status"] as? String == "failed")
        #expect(tests[0]["visibility"] as? String == "after_published")
        #expect((tests[0]["output"] as? String)?.isEmpty == false)
        #expect(tests[1]["output"] as? String == "No answer was submitted.")
    }

    @Test func aFolderOfSubmissionsWritesOneFolderPerLearner() throws {
        let folder = try GradeCommandTests.folder([
            "a.yaml": GradeCommandTests.submission("minji", ["01-basics/total": "a.sum()"]),
            "b.yaml": GradeCommandTests.submission("joon", ["01-basics/total": "a.mean()"]),
            "c.yaml": Data("not: a submission\n".utf8),
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        let run = try BinaryRun.run([
            "grade", folder.path, "--course", GradeCommandTests.tiny, "--format", "gradescope", "--out",
            out.path,
        ])
        #expect(run.status == 1)
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(names == ["c", "joon", "minji"])
        let skipped = try #require(
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: out.appendingPathComponent("c/results.json")))
                as? [String: Any])
        #expect(skipped["score"] as? Int == 0)
        #expect((skipped["output"] as? String)?.contains("c.yaml:1:1") == true)
    }

    @Test func severalSubmissionsNeedAFolder() throws {
        let run = try BinaryRun.run([
            "grade", GradeCommandTests.submissions, "--course", GradeCommandTests.tiny, "--format",
            "gradescope",
        ])
        #expect(run.status == 64 || run.status == 2)
        #expect(run.error.contains("--out"))
    }
}
