import Course
import Foundation
import Progress
import Testing
import Wording

/// `cnntutor progress`, run as the built binary against temporary data directories.
///
/// The course is the Course tests' fixture (`Tests/CourseTests/Fixtures/tiny-course`); expected
/// totals are computed from it with `CourseLoader`, so the tests follow the fixture if it grows.
@Suite("cnntutor progress")
struct ProgressCommandTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let coursePath = repository.appendingPathComponent("Tests/CourseTests/Fixtures/tiny-course").path

    /// A data directory holding one Korean profile with some history in the fixture course:
    /// 01-basics/total passed (2 points), 01-basics/feature-map failed, then got 1 point of partial
    /// credit with a multi-line answer, then failed again (the export keeps the best answer, the
    /// multi-line one); lesson 01-basics left at step index 2.
    static func seededDataDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("cnntutor-progress-cli-\(UUID().uuidString)")
        let store = try ProgressStore.open(directory: directory).store
        _ = try store.openProfile(named: "ada", language: "ko")
        let date = Date(timeIntervalSince1970: 1_767_225_600)
        func record(
            _ exercise: String, _ answer: String, _ verdict: AttemptVerdict, _ points: Double, max: Double
        )
            throws
        {
            try store.record(
                Attempt(
                    profile: "ada", course: "tiny", courseVersion: "3",
                    key: ExerciseKey(lesson: "01-basics", exercise: exercise), answer: answer,
                    verdict: verdict,
                    points: points, maxPoints: max, date: date))
        }
        try record("total", "3", .pass, 2, max: 2)
        try record("feature-map", "conv2d(x, k)", .fail, 0, max: 3)
        try record("feature-map", "y = conv2d(x, k)\ny + 1", .fail, 1, max: 3)
        try record("feature-map", "conv2d(x, k) * 2", .fail, 0, max: 3)
        try store.setPosition(profile: "ada", course: "tiny", lesson: "01-basics", step: 2)
        try store.close()
        return directory
    }

    @Test func helpShowsExamples() throws {
        let result = try runCnntutor(["progress", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Examples:"))
        #expect(result.stdout.contains("cnntutor progress --export answers.yaml"))
    }

    @Test func withoutADatabaseNothingIsCreated() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "cnntutor-none-\(UUID())")
        let result = try runCnntutor(["progress", "--data-dir", directory.path])
        #expect(result.status == 0)
        #expect(result.stdout == "No progress recorded yet in \(directory.path).\n")
        #expect(!FileManager.default.fileExists(atPath: directory.path))
        let export = try runCnntutor(["progress", "--data-dir", directory.path, "--export", "-"])
        #expect(export.status == 2)
        #expect(export.stderr.contains("Nothing to export"))
    }

    @Test func tableCoversEveryLessonOfTheCourse() throws {
        let directory = try Self.seededDataDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let course = try CourseLoader.load(at: Self.coursePath)
        let basics = try #require(course.lesson("01-basics"))
        // `--lang en` says it in English although the profile learned in Korean.
        let result = try runCnntutor([
            "progress", "--profile", "ada", "--data-dir", directory.path, "--course", Self.coursePath,
            "--lang", "en",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\nA tiny course — tiny, version 3\n"))
        let lines = result.stdout.split(separator: "\n").map {
            $0.split(separator: " ", omittingEmptySubsequences: true)
        }
        let row = try #require(lines.first { $0.first == "01-basics" }).map(String.init)
        // Passed: total only. Points: best of total (2) + best of feature-map (1).
        #expect(Array(row.prefix(3)) == ["01-basics", "1/\(basics.exercises.count)", "3/\(basics.points)"])
        #expect(row.joined(separator: " ").contains("in progress (step 3/\(basics.steps.count))"))
        #expect(row.last == basics.title, "the language asked for picks the title")
        let untouched = try #require(lines.first { $0.first == "02-networks" }).map(String.init)
        #expect(untouched.joined(separator: " ").contains("not started"))
        let total = try #require(lines.first { $0.first == "total" }).map(String.init)
        #expect(
            Array(total.prefix(4))
                == [
                    "total", "1/\(course.allExercises.count)", "3/\(course.points)",
                    "0/\(course.lessons.count)",
                ])
    }

    @Test func withoutACourseTheDatabaseAloneIsShown() throws {
        let directory = try Self.seededDataDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // Run where there is no Lessons/ folder, so no course is at hand.
        let result = try runCnntutor(
            ["progress", "--profile", "ada", "--data-dir", directory.path, "--lang", "en"],
            workingDirectory: directory)
        #expect(result.status == 0, "\(result.stderr)")
        let row = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("01-basics") })
        // Two exercises tried, one passed; points 2 + 1 of 2 + 3.
        #expect(row.split(separator: " ").prefix(4) == ["01-basics", "1/2", "tried", "3/5"])
        #expect(result.stdout.contains("\ntiny\n"))
    }

    @Test func exportWritesYAMLInCourseOrder() throws {
        let directory = try Self.seededDataDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("answers.yaml")
        let result = try runCnntutor([
            "progress", "--profile", "ada", "--data-dir", directory.path, "--course", Self.coursePath,
            "--export", file.path, "--lang", "en",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "Exported 2 answers of profile 'ada' in tiny to \(file.path).\n")
        // The best typed answer per exercise; "3" quoted so YAML keeps it text; the multi-line
        // answer as a literal block.
        #expect(
            try String(contentsOf: file, encoding: .utf8) == """
                learner: "ada"
                course: "tiny"
                version: 3
                answers:
                  01-basics/total: "3"
                  01-basics/feature-map: |-
                    y = conv2d(x, k)
                    y + 1

                """)
    }

    @Test func exportWritesJSONForAJSONFileName() throws {
        let directory = try Self.seededDataDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("answers.json")
        let result = try runCnntutor(
            ["progress", "--profile", "ada", "--data-dir", directory.path, "--export", file.path],
            workingDirectory: directory)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        #expect(json["learner"] as? String == "ada")
        #expect(json["course"] as? String == "tiny")
        #expect(json["version"] as? Int == 3)
        #expect(
            json["answers"] as? [String: String] == [
                "01-basics/total": "3", "01-basics/feature-map": "y = conv2d(x, k)\ny + 1",
            ])
    }

    @Test func exportToStandardOutput() throws {
        let directory = try Self.seededDataDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try runCnntutor(
            ["progress", "--profile", "ada", "--data-dir", directory.path, "--export", "-"],
            workingDirectory: directory)
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("learner: \"ada\"\ncourse: \"tiny\"\nversion: 3\n"))
    }

    /// Answers the course no longer has stay out of an export made with the course at hand, and
    /// an export without a course must be told which one when the profile has several.
    @Test func exportKeepsToTheCourse() throws {
        let directory = try Self.seededDataDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try ProgressStore.open(directory: directory).store
        let date = Date(timeIntervalSince1970: 1_767_225_700)
        for (course, exercise) in [("tiny", "removed-exercise"), ("other-course", "e")] {
            try store.record(
                Attempt(
                    profile: "ada", course: course, courseVersion: "3",
                    key: ExerciseKey(lesson: "01-basics", exercise: exercise), answer: "1", verdict: .pass,
                    points: 1, maxPoints: 1, date: date))
        }
        try store.close()
        let withCourse = try runCnntutor([
            "progress", "--profile", "ada", "--data-dir", directory.path, "--course", Self.coursePath,
            "--export", "-",
        ])
        #expect(withCourse.status == 0, "\(withCourse.stderr)")
        #expect(!withCourse.stdout.contains("removed-exercise"))
        #expect(withCourse.stdout.contains("01-basics/total"))
        let withoutCourse = try runCnntutor(
            ["progress", "--profile", "ada", "--data-dir", directory.path, "--export", "-", "--lang", "en"],
            workingDirectory: directory)
        #expect(withoutCourse.status == 2)
        #expect(withoutCourse.stderr.contains("several courses (other-course, tiny)"))
    }

    /// The export is what `cnntutor grade` reads: answers come back exactly as typed (a number
    /// stays text, a multi-line answer keeps its lines) and grade as they did in the REPL.
    @Test(arguments: ["answers.yaml", "answers.json"])
    func gradeReadsTheExport(fileName: String) throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("cnntutor-progress-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try ProgressStore.open(directory: directory).store
        _ = try store.openProfile(named: "ada", language: nil)
        // Both pass: "6" is an accepted alternative for 01-basics/total (the fixture's
        // Solutions/01-basics.yaml); the value of a multi-line answer is its last line's, and 3 is
        // an odd kernel size bigger than 1 (02-networks/kernel-size's check).
        let answers = ["01-basics/total": "6", "02-networks/kernel-size": "k = 2 + 1\nk"]
        for (key, answer) in answers.sorted(by: { $0.key < $1.key }) {
            let parts = key.split(separator: "/").map(String.init)
            try store.record(
                Attempt(
                    profile: "ada", course: "tiny", courseVersion: "3",
                    key: ExerciseKey(lesson: parts[0], exercise: parts[1]), answer: answer, verdict: .pass,
                    points: 1, maxPoints: 1, date: Date(timeIntervalSince1970: 1_767_225_600)))
        }
        try store.close()
        let file = directory.appendingPathComponent(fileName)
        let export = try runCnntutor([
            "progress", "--profile", "ada", "--data-dir", directory.path, "--course", Self.coursePath,
            "--export", file.path,
        ])
        #expect(export.status == 0, "\(export.stderr)")

        let submission = try SubmissionLoader.load(at: file.path)
        #expect(submission.learner == "ada" && submission.course == "tiny" && submission.version == 3)
        #expect(
            Dictionary(uniqueKeysWithValues: submission.answers.map { ($0.key, $0.answer) }) == answers)

        let grade = try runCnntutor(["grade", file.path, "--course", Self.coursePath, "--format", "json"])
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(grade.stdout.utf8)) as? [String: Any],
            "\(grade.stderr)")
        let learner = try #require((report["learners"] as? [[String: Any]])?.first)
        #expect(learner["learner"] as? String == "ada")
        let statuses = Dictionary(
            uniqueKeysWithValues: (learner["results"] as? [[String: Any]] ?? []).compactMap { result in
                (result["exercise"] as? String).map { ($0, result["status"] as? String ?? "") }
            })
        #expect(statuses["01-basics/total"] == "pass")
        #expect(statuses["02-networks/kernel-size"] == "pass")
    }

    @Test func unknownProfileListsTheKnownOnes() throws {
        let directory = try Self.seededDataDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let table = try runCnntutor(["progress", "--profile", "bo", "--data-dir", directory.path])
        #expect(table.status == 0)
        #expect(table.stdout.contains("No profile named 'bo'") && table.stdout.contains("Profiles: ada."))
        let export = try runCnntutor([
            "progress", "--profile", "bo", "--data-dir", directory.path, "--export", "-",
        ])
        #expect(export.status == 2)
    }

    @Test func aDamagedDatabaseIsMovedAsideAndReported() throws {
        let directory = try Self.seededDataDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = directory.appendingPathComponent("progress.sqlite")
        try Data(repeating: 0x42, count: 8192).write(to: database)
        let result = try runCnntutor(["progress", "--profile", "ada", "--data-dir", directory.path])
        #expect(result.status == 0)
        #expect(result.stderr.contains("The progress database was damaged"))
        #expect(result.stderr.contains("moved to \(database.path).damaged-"))
        let moved = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter {
                $0.hasPrefix("progress.sqlite.damaged-") && !$0.hasSuffix("-wal") && !$0.hasSuffix("-shm")
            }
        #expect(moved.count == 1)
    }

    /// `--data-dir` > `CNNTUTOR_DATA_DIR` > `$XDG_DATA_HOME/cnntutor` > `~/.local/share/cnntutor`,
    /// seen in the directory the command reports looking in. `ROOT` becomes a fresh temporary path,
    /// and `HOME` is always `ROOT/home`.
    @Test(arguments: [
        (
            ["--data-dir", "ROOT/option"], ["CNNTUTOR_DATA_DIR": "ROOT/env", "XDG_DATA_HOME": "ROOT/xdg"],
            "ROOT/option"
        ),
        ([], ["CNNTUTOR_DATA_DIR": "ROOT/env", "XDG_DATA_HOME": "ROOT/xdg"], "ROOT/env"),
        ([], ["XDG_DATA_HOME": "ROOT/xdg"], "ROOT/xdg/cnntutor"),
        ([], ["XDG_DATA_HOME": "relative/is-ignored"], "ROOT/home/.local/share/cnntutor"),
        ([], [:], "ROOT/home/.local/share/cnntutor"),
    ])
    func dataDirectoryPrecedence(arguments: [String], environment: [String: String], expected: String) throws
    {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("cnntutor-dirs-\(UUID())")
            .path
        func rooted(_ text: String) -> String { text.replacingOccurrences(of: "ROOT", with: root) }
        let result = try runCnntutor(
            ["progress"] + arguments.map(rooted),
            environment: environment.mapValues(rooted).merging(["HOME": root + "/home"]) { $1 })
        #expect(result.stdout == "No progress recorded yet in \(rooted(expected)).\n")
    }
}

extension ProgressCommandTests {
    /// A Korean learner's `progress` shows no English sentence of the tool's own: the headings, the
    /// table (from the course and from the database alone) and every `--export` message are said
    /// from the Korean catalog in the profile's language or `--lang ko`; only paths, names, ids and
    /// a reason the system gives stay as they are.
    @Test func koreanProgressSaysNoEnglishSentence() throws {
        let directory = try Self.seededDataDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let course = try CourseLoader.load(at: Self.coursePath)
        let basics = try #require(course.lessons(in: "ko").first { $0.id == "01-basics" })
        let data = ["--data-dir", directory.path]
        let withCourse = ["--course", Self.coursePath]
        // The profile learned in Korean: no --lang needed.
        let table = try runCnntutor(["progress", "--profile", "ada"] + data + withCourse)
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("\n작은 강좌 — tiny, 버전 3\n"), "\(table.stdout)")
        #expect(table.stdout.contains("진행 중 (\(basics.steps.count)단계 중 3단계)"), "\(table.stdout)")
        #expect(table.stdout.contains("  시작 전"))
        #expect(table.stdout.split(separator: "\n").contains { $0.hasSuffix("  \(basics.title)") })
        try Self.expectAligned(table.stdout, columns: 5)

        let file = directory.appendingPathComponent("answers.yaml").path
        let exported = try runCnntutor(
            ["progress", "--profile", "ada", "--export", file] + data + withCourse)
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(exported.stdout == "'ada' 프로필의 tiny 코스 답 2개를 \(file)에 내보냈습니다.\n")

        let store = try ProgressStore.open(directory: directory).store
        try store.record(
            Attempt(
                profile: "ada", course: "other-course", courseVersion: "1",
                key: ExerciseKey(lesson: "01-basics", exercise: "e"), answer: "1", verdict: .pass, points: 1,
                maxPoints: 1, date: Date(timeIntervalSince1970: 1_767_225_700)))
        try store.close()
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("cnntutor-none-\(UUID())")
        let blocked = directory.appendingPathComponent("progress.sqlite/answers.yaml").path
        let runs: [(arguments: [String], status: Int32, workingDirectory: URL?)] = [
            // Without a course: the database alone, then the other course under the loaded one.
            (["progress", "--profile", "ada"] + data, 0, directory),
            (["progress", "--profile", "ada"] + data + withCourse, 0, nil),
            (["progress", "--profile", "ada", "--export", "-"] + data, 2, directory),
            (["progress", "--profile", "bo", "--lang", "ko"] + data + withCourse, 0, nil),
            (["progress", "--profile", "bo", "--lang", "ko", "--export", "-"] + data + withCourse, 2, nil),
            (["progress", "--data-dir", missing.path, "--lang", "ko", "--export", "-"] + withCourse, 2, nil),
            (["progress", "--data-dir", missing.path, "--lang", "ko"] + withCourse, 0, nil),
            (["progress", "--profile", "ada", "--export", blocked] + data + withCourse, 2, nil),
        ]
        var said = [table.stdout, exported.stdout]
        for (index, run) in runs.enumerated() {
            let result = try runCnntutor(run.arguments, workingDirectory: run.workingDirectory)
            #expect(result.status == run.status, "\(run.arguments): \(result.stderr)")
            #expect(!result.stdout.isEmpty || !result.stderr.isEmpty, "\(run.arguments)")
            said += [result.stdout, result.stderr]
            if run.arguments.contains(blocked) {
                #expect(result.stderr.hasPrefix("\(blocked): 제출 파일을 쓸 수 없습니다("), "\(result.stderr)")
            }
            if index == 0 {
                #expect(result.stdout.contains("시도 2개 중 1개 통과"), "\(result.stdout)")
                try Self.expectAligned(result.stdout, columns: 4)
            }
        }
        for line in said.flatMap({ $0.split(separator: "\n").map(String.init) }) {
            // The system's reason a file cannot be written is its own words, in its language.
            let own = line.hasPrefix(blocked) ? String(line.prefix { $0 != "(" }) : line
            #expect(KoreanErrorsTests.englishSentence(in: own) == nil, "\(line)")
        }
    }

    /// Every line of each table in `output` starts its columns where its header line does, in
    /// display columns (a Hangul syllable is two): columns are separated by two spaces or more.
    /// A table from the database alone has no title column: `count` is 4 there, else 5.
    static func expectAligned(_ output: String, columns count: Int) throws {
        let lines = output.split(separator: "\n").map(String.init)
        let header = try #require(lines.firstIndex { $0.hasPrefix("레슨") }, "\(output)")
        func starts(_ line: String) -> Set<Int> {
            var result: Set<Int> = [0]
            var prefix = ""
            var spaces = 0
            for character in line {
                if character == " " {
                    spaces += 1
                } else {
                    if spaces >= 2 { result.insert(displayWidth(prefix)) }
                    spaces = 0
                }
                prefix.append(character)
            }
            return result
        }
        let columns = starts(lines[header])
        #expect(columns.count == count, "\(lines[header])")
        for line in lines[(header + 1)...].prefix(while: { !$0.isEmpty }) {
            #expect(starts(line).isSubset(of: columns), "\(line)\n\(lines[header])")
        }
    }
}

/// What a run of the binary printed and returned.
private struct CnntutorRun {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs the built `cnntutor` with `arguments`, a minimal environment and no terminal.
private func runCnntutor(
    _ arguments: [String], environment: [String: String] = [:], workingDirectory: URL? = nil
) throws -> CnntutorRun {
    let process = Process()
    process.executableURL = try cnntutorBinary()
    process.arguments = arguments
    process.environment = ["PATH": "/usr/bin:/bin", "HOME": "/tmp/cnntutor-cli-home-unused"]
        .merging(environment) { $1 }
    if let workingDirectory { process.currentDirectoryURL = workingDirectory }
    let (out, err) = (Pipe(), Pipe())
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CnntutorRun(
        status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
        stderr: String(decoding: stderr, as: UTF8.self))
}

/// The `cnntutor` binary built beside this test bundle.
private func cnntutorBinary() throws -> URL {
    let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let candidates = [
        bundleDirectory.appendingPathComponent("cnntutor"),
        ProgressCommandTests.repository.appendingPathComponent(".build/debug/cnntutor"),
    ]
    guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) })
    else {
        throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: candidates[0].path])
    }
    return found
}
