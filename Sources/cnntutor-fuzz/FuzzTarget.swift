import AnswerLanguage
import CNN
import Course
import Foundation
import Wording

/// What one fuzz input is fed to. Every target must end with a value or a thrown error for any
/// bytes: a crash, a trap or a hang is a finding.
///
/// `make fuzz` builds this executable with `-sanitize=fuzzer` (coverage-guided libFuzzer, see
/// `FuzzEntry.swift`); a normal build makes it a replayer of corpus files (`Replay.swift`), and
/// the test suite replays the committed corpus plus seeded mutations of it the same way
/// (`FuzzCorpusTests` in AnswerLanguageTests and CourseTests).
enum FuzzTarget: String, CaseIterable {
    /// The answer language: parser, evaluator and error rendering, under tight limits.
    case answer
    /// The course loader: `course.yaml`, a lesson in two languages and its solutions.
    case course
    /// The submission reader of `cnntutor grade`.
    case submission
    /// The `.npy` reader (`cnntutor eval --let`, `np.load`-style data files): from bytes, and
    /// from a file in pieces under an element limit.
    case npy

    /// Limits that keep one input to a few milliseconds: small tensors, 20 MB, 0.2 s.
    static let answerOptions = EvaluationOptions(maxElements: 100_000, maxBytes: 20_000_000, timeLimit: 0.2)

    /// Runs one input.
    func run(_ bytes: [UInt8]) {
        switch self {
        case .answer: Self.runAnswer(bytes)
        case .course: CourseScratch.shared.load(bytes)
        case .submission:
            _ = try? SubmissionLoader.parse(String(decoding: bytes, as: UTF8.self), file: "fuzz.yaml")
        case .npy: Self.runNPY(bytes)
        }
    }

    /// A scratch `.npy` file per process, rewritten for each input.
    private static let npyPath = NSTemporaryDirectory() + "cnntutor-fuzz-\(getpid()).npy"

    private static func runNPY(_ bytes: [UInt8]) {
        if let tensor = try? NPY.decode(bytes, name: "fuzz.npy") { _ = tensor.description }
        guard FileManager.default.createFile(atPath: npyPath, contents: Data(bytes)) else { return }
        if let tensor = try? NPY.read(contentsOf: URL(fileURLWithPath: npyPath), maxElements: 100_000) {
            _ = tensor.description
        }
    }

    private static func runAnswer(_ bytes: [UInt8]) {
        let interpreter = Interpreter(options: answerOptions)
        interpreter.bind("x", .tensor(Tensor(1.5)))
        do {
            let value = try interpreter.run(bytes: bytes)
            _ = value.description
        } catch {
            let source = String(decoding: bytes, as: UTF8.self)
            _ = error.diagnostic(source: source, fileName: "fuzz", language: Language("en"))
            _ = error.diagnostic(source: source, fileName: "fuzz", language: Language("ko"))
        }
    }
}

/// A course folder in the temporary directory that each course input is written into.
///
/// The input's first line may name the file it replaces (`#file: lesson.ko.md`, `course.yaml`,
/// `solutions.yaml`); otherwise it is the English lesson. The other files keep a small valid
/// course, so that mutations of one file reach the loader's later stages.
final class CourseScratch: Sendable {
    static let shared = CourseScratch()

    let root: String
    private let defaults: [String: String] = [
        "course.yaml": """
        id: fuzz
        version: 1
        default_language: en
        languages: [en, ko]
        title:
          en: Fuzz
          ko: 퍼즈
        lessons:
          - 01-fuzz
        """,
        "lesson.en.md": """
        ---
        id: 01-fuzz
        title: Fuzz
        minutes: 1
        ---

        # Fuzz

        ```exercise
        id: e
        kind: value
        prompt: What is 1 + 1?
        ```
        """,
        "lesson.ko.md": """
        ---
        id: 01-fuzz
        title: 퍼즈
        minutes: 1
        ---

        # 퍼즈

        ```exercise
        id: e
        prompt: 1 + 1은?
        ```
        """,
        "solutions.yaml": """
        e:
          reference: 1 + 1
        """,
    ]

    private init() {
        root = NSTemporaryDirectory() + "cnntutor-fuzz-\(getpid())"
    }

    private func path(of file: String) -> String {
        switch file {
        case "course.yaml": root + "/Lessons/course.yaml"
        case "solutions.yaml": root + "/Solutions/01-fuzz.yaml"
        default: root + "/Lessons/01-fuzz/" + file
        }
    }

    /// Writes the input over one file (the others at their defaults) and loads the course.
    func load(_ bytes: [UInt8]) {
        var target = "lesson.en.md"
        var content = bytes[...]
        let header = Array("#file: ".utf8)
        if bytes.starts(with: header), let end = bytes.firstIndex(of: UInt8(ascii: "\n")) {
            let name = String(decoding: bytes[header.count..<end], as: UTF8.self)
            if defaults[name] != nil {
                target = name
                content = bytes[(end + 1)...]
            }
        }
        let files = FileManager.default
        try? files.createDirectory(atPath: root + "/Lessons/01-fuzz", withIntermediateDirectories: true)
        try? files.createDirectory(atPath: root + "/Solutions", withIntermediateDirectories: true)
        for (name, text) in defaults {
            let data = name == target ? Data(content) : Data(text.utf8)
            // A file that cannot be written leaves the course incomplete, which the loader reports.
            _ = files.createFile(atPath: path(of: name), contents: data)
        }
        _ = try? CourseLoader.load(at: root + "/Lessons")
    }
}
