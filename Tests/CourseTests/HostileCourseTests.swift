import Foundation
import Testing

@testable import Course

/// Course folders written to stall or crash the loader: YAML alias bombs, duplicate keys, bytes
/// that are not UTF-8, absurd limits, a pipe where the solutions should be. Each loads (or is
/// refused) at once with a problem at its file, line and column, and the rest of the course
/// still loads.
@Suite struct HostileCourseTests {
    static let manifest = """
        id: tiny
        version: 1
        default_language: en
        languages: [en]
        title:
          en: Tiny
        lessons:
          - 01-a

        """
    static let lessonHead = "---\nid: 01-a\ntitle: A\nminutes: 5\n---\n\n# A\n\n"
    static let exercise =
        "```exercise\nid: plus\nkind: value\npoints: 1\nprompt: What is `x + 1`?\nsetup: |\n  x = 2\n```\n"
    static let solutions = "plus:\n  reference: x + 1\n"

    /// Nine anchors of nine aliases each: 9^9 nodes if anything walks it whole.
    static let bomb = (0..<9).map { level in
        let name = String(UnicodeScalar(UInt8(ascii: "a") + UInt8(level)))
        let item = level == 0 ? "x" : "*" + String(UnicodeScalar(UInt8(ascii: "a") + UInt8(level - 1)))
        return "\(name): &\(name) [" + Array(repeating: item, count: 9).joined(separator: ", ") + "]\n"
    }.joined()

    /// Writes a course folder with the given files (the others valid) and returns its path.
    static func course(
        manifest: String = manifest, lesson: Data? = nil, solutions: Data? = nil
    ) throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "hostile-course-\(UUID().uuidString)")
        let course = root.appendingPathComponent("Lessons")
        try FileManager.default.createDirectory(
            at: course.appendingPathComponent("01-a"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("Solutions"), withIntermediateDirectories: true)
        try Data(manifest.utf8).write(to: course.appendingPathComponent("course.yaml"))
        try (lesson ?? Data((lessonHead + exercise).utf8)).write(
            to: course.appendingPathComponent("01-a/lesson.en.md"))
        try (solutions ?? Data(Self.solutions.utf8)).write(
            to: root.appendingPathComponent("Solutions/01-a.yaml"))
        return course.path
    }

    @Test func anAliasUsedAsAKeyIsRefusedWhereItStands() throws {
        // Yams hashes a mapping's keys to find duplicates: a bomb as a key would hang in there.
        let path = try Self.course(
            solutions: Data((Self.bomb + "plus:\n  reference: x + 1\n? *i\n: 2\n").utf8))
        let course = try CourseLoader.load(at: path)
        let problem = try #require(course.problems.first { $0.message.contains("aliases") })
        #expect(problem.location.line == 2 && problem.location.column == 8)
        #expect(problem.message.contains("'*a'"))
    }

    @Test func anAliasInTheManifestIsRefusedToo() throws {
        let error = #expect(throws: CourseError.self) {
            try CourseLoader.load(at: try Self.course(manifest: Self.manifest + Self.bomb + "? [*i]\n: 1\n"))
        }
        #expect(error?.message.contains("aliases are not supported") == true)
        #expect(error?.location.line == 10)
    }

    @Test func markdownEmphasisIsNotTakenForAnAlias() throws {
        let prompt =
            "```exercise\nid: plus\nkind: value\npoints: 1\nprompt: |\n  *Why* is `x` & **this**: so?\n"
            + "  - *a*: b\nsetup: |\n  x = 2\nhints:\n  - \"&a *a\"\n  - '*b & c'\n```\n"
        let course = try CourseLoader.load(at: try Self.course(lesson: Data((Self.lessonHead + prompt).utf8)))
        #expect(course.problems.isEmpty)
        #expect(course.allExercises.count == 1)
    }

    @Test func aDuplicateKeyIsReportedOnOneLineAtTheKey() throws {
        let block = "```exercise\nid: plus\nkind: value\nid: again\npoints: 1\nprompt: What?\n```\n"
        let course = try CourseLoader.load(at: try Self.course(lesson: Data((Self.lessonHead + block).utf8)))
        let problem = try #require(course.problems.first { $0.message.contains("more than once") })
        #expect(problem.message.contains("'id' appears more than once"))
        #expect(!problem.message.contains("\n"))
        #expect(problem.location.line == 10)
    }

    @Test func bytesThatAreNotUTF8AreReportedWhereTheyAre() throws {
        var lesson = Data((Self.lessonHead + "Text\n").utf8)
        lesson.append(contentsOf: [0x41, 0xC3, 0x28, 0x0A])
        let course = try CourseLoader.load(at: try Self.course(lesson: lesson))
        let problem = try #require(course.problems.first { $0.location.line == 10 })
        #expect(problem.location.column == 2)
        #expect(problem.message.contains("not valid UTF-8"))
    }

    @Test func aSolutionsFileThatIsNotUTF8IsNotCalledMissing() throws {
        let course = try CourseLoader.load(
            at: try Self.course(solutions: Data([0x70, 0x3A, 0x20, 0xFF, 0x0A])))
        #expect(!course.problems.contains { $0.message.contains("no solutions file") })
        let problem = try #require(course.problems.first { $0.message.contains("not valid UTF-8") })
        #expect(problem.location.line == 1 && problem.location.column == 4)
    }

    @Test func aPipeInPlaceOfTheSolutionsIsNotWaitedOn() throws {
        let path = try Self.course()
        let solutions = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(
            "Solutions/01-a.yaml"
        ).path
        try FileManager.default.removeItem(atPath: solutions)
        #expect(mkfifo(solutions, 0o644) == 0)
        let course = try CourseLoader.load(at: path)
        #expect(course.problems.contains { $0.message.contains("not a regular file") })
    }

    @Test func absurdLimitsAreRefusedNotTrusted() throws {
        for (limits, expected) in [
            ("{time: 1e308}", "at most"), ("{time: .nan}", "must be positive"), ("{time: .inf}", "at most"),
            ("{memory: 10000000000000}", "megabytes"), ("{time: -1}", "must be positive"),
        ] {
            let block =
                "```exercise\nid: plus\nkind: value\npoints: 1\nprompt: What?\nlimits: \(limits)\n```\n"
            let course = try CourseLoader.load(
                at: try Self.course(lesson: Data((Self.lessonHead + block).utf8)))
            #expect(course.problems.contains { $0.message.contains(expected) }, "\(limits)")
            // Reported and then dropped: the exercise runs under the default limits, not the refused one.
            let exercise = course.lessons.first?.exercises.first
            #expect(exercise?.limits == Exercise.Limits(), "\(limits)")
        }
    }

    @Test func aRefusedLimitLeavesTheOthersInForce() throws {
        let block =
            "```exercise\nid: plus\nkind: value\npoints: 1\nprompt: What?\nlimits: {time: .nan, elements: 500}\n```\n"
        let course = try CourseLoader.load(at: try Self.course(lesson: Data((Self.lessonHead + block).utf8)))
        #expect(course.lessons.first?.exercises.first?.limits == Exercise.Limits(elements: 500))
    }
}

extension HostileCourseTests {
    @Test func aLessonOutsideTheCourseFolderIsRefused() throws {
        let manifest = Self.manifest + "  - ../../etc\n  - /etc\n  - a/b\n"
        let course = try CourseLoader.load(at: try Self.course(manifest: manifest))
        let refused = course.problems.filter { $0.message.contains("expected the name of a folder") }
        #expect(refused.map(\.location.line) == [9, 10, 11])
        #expect(course.lessons.map(\.id) == ["01-a"])
    }
}
