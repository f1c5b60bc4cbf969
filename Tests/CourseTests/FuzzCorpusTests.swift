import Foundation
import TestSupport
import Testing

@testable import Course

/// The fixed-seed part of `make fuzz` for the course loader and the submission reader: the
/// committed corpus (`Fuzz/corpus/course`, `Fuzz/corpus/submission`) and seeded mutations of it
/// load to a course or a `CourseError`, never a crash.
@Suite struct FuzzCorpusTests {
    /// SplitMix64 (as the engine's `SeededGenerator`), here because this module has no engine.
    struct Mixer: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Erase a run, flip a bit, duplicate a line, or cut the rest: mutations that keep most of the
    /// YAML and Markdown structure so the loader's later stages are reached.
    static func mutate(_ input: [UInt8], using generator: inout Mixer) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: 1...4, using: &generator) where !bytes.isEmpty {
            let position = Int.random(in: 0..<bytes.count, using: &generator)
            switch Int.random(in: 0..<4, using: &generator) {
            case 0:
                bytes.removeSubrange(
                    position..<min(bytes.count, position + Int.random(in: 1...12, using: &generator)))
            case 1: bytes[position] ^= 1 << UInt8.random(in: 0..<8, using: &generator)
            case 2:
                let start = bytes[..<position].lastIndex(of: 10).map { $0 + 1 } ?? 0
                let end = bytes[position...].firstIndex(of: 10).map { $0 + 1 } ?? bytes.count
                bytes.insert(contentsOf: bytes[start..<end], at: end)
            default: bytes.removeSubrange(position...)
            }
        }
        return bytes
    }

    /// A small valid course in a temporary folder; `load` writes one input over one of its files
    /// (named by a first line `#file: NAME`, else the English lesson), as the fuzz target does.
    final class Scratch {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("cnntutor-fuzz-\(UUID())")
            .path
        let defaults: [String: String] = [
            "course.yaml":
                "id: fuzz\nversion: 1\ndefault_language: en\nlanguages: [en, ko]\ntitle:\n  en: Fuzz\n  ko: 퍼즈\nlessons:\n  - 01-fuzz\n",
            "lesson.en.md":
                "---\nid: 01-fuzz\ntitle: Fuzz\nminutes: 1\n---\n\n# Fuzz\n\n```exercise\nid: e\nkind: value\nprompt: What is 1 + 1?\n```\n",
            "lesson.ko.md":
                "---\nid: 01-fuzz\ntitle: 퍼즈\nminutes: 1\n---\n\n# 퍼즈\n\n```exercise\nid: e\nprompt: 1 + 1은?\n```\n",
            "solutions.yaml": "e:\n  reference: 1 + 1\n",
        ]

        func path(_ file: String) -> String {
            switch file {
            case "course.yaml": root + "/Lessons/course.yaml"
            case "solutions.yaml": root + "/Solutions/01-fuzz.yaml"
            default: root + "/Lessons/01-fuzz/" + file
            }
        }

        func load(_ bytes: [UInt8]) {
            var target = "lesson.en.md"
            var content = bytes[...]
            let header = Array("#file: ".utf8)
            if bytes.starts(with: header), let end = bytes.firstIndex(of: 10) {
                let name = String(decoding: bytes[header.count..<end], as: UTF8.self)
                if defaults[name] != nil {
                    target = name
                    content = bytes[(end + 1)...]
                }
            }
            try? FileManager.default.createDirectory(
                atPath: root + "/Lessons/01-fuzz", withIntermediateDirectories: true)
            try? FileManager.default.createDirectory(
                atPath: root + "/Solutions", withIntermediateDirectories: true)
            for (name, text) in defaults {
                _ = FileManager.default.createFile(
                    atPath: path(name), contents: name == target ? Data(content) : Data(text.utf8))
            }
            _ = try? CourseLoader.load(at: root + "/Lessons")
        }
    }

    @Test func theDefaultScratchCourseLoads() throws {
        let scratch = Scratch()
        defer { try? FileManager.default.removeItem(atPath: scratch.root) }
        scratch.load(Array(scratch.defaults["lesson.en.md", default: ""].utf8))
        let course = try CourseLoader.load(at: scratch.root + "/Lessons")
        #expect(course.lessons.count == 1)
    }

    /// A lesson whose lines end in a lone "\r" (old Mac files; what a fuzzer's bit flip makes of
    /// "\n"): CommonMark ends lines there, so the loader does too — its line numbers used to run
    /// past the lines it had split, and slicing the text of a step trapped.
    @Test func loneCarriageReturnsEndLines() throws {
        let scratch = Scratch()
        defer { try? FileManager.default.removeItem(atPath: scratch.root) }
        let lesson =
            "---\rid: 01-fuzz\rtitle: Fuzz\rminutes: 1\r---\r\r# Fuzz\r\rSome text\rmore text\r\r## Two\r\rbody\r"
        scratch.load(Array(lesson.utf8))
        let course = try CourseLoader.load(at: scratch.root + "/Lessons")
        let steps = try #require(course.lessons.first?.steps)
        // The first step is the text under the lesson's title (the lesson's own heading); then "Two".
        #expect(steps.map(\.title) == [nil, "Two"])
    }

    @Test func courseFilesAndMutationsOfThemLoadOrFail() {
        let scratch = Scratch()
        defer { try? FileManager.default.removeItem(atPath: scratch.root) }
        let corpus = FuzzCorpus.inputs("corpus/course")
        #expect(corpus.count >= 10)
        var generator = Mixer(state: 5)
        for input in corpus {
            scratch.load(input)
            for _ in 0..<4 { scratch.load(Self.mutate(input, using: &generator)) }
        }
    }

    @Test func submissionsAndMutationsOfThemParseOrFail() {
        let corpus = FuzzCorpus.inputs("corpus/submission")
        #expect(corpus.count >= 1)
        var generator = Mixer(state: 9)
        for input in corpus {
            for _ in 0..<200 {
                let text = String(decoding: Self.mutate(input, using: &generator), as: UTF8.self)
                _ = try? SubmissionLoader.parse(text, file: "fuzz.yaml")
            }
        }
    }
}
