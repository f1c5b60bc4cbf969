import ArgumentParser
import Course
import Foundation
import Grading

/// The class-grading benchmark behind `make bench-grade`: generates a realistic class for a course
/// (`ClassGenerator`), grades it with `cnntutor grade` as an instructor would, and prints one JSON
/// object with the wall time, learners/s and answers/s, and how the verdicts fell.
struct ClassBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "class",
        abstract: "Generates a class of submissions, grades it with cnntutor grade, prints JSON.",
        discussion: """
            The class: per exercise, 56% right answers from Solutions/, 30% recorded wrong ones, 4% \
            blank, 8% written by one learner only, 1.5% broken and a few hostile ones (a 10¹² \
            multiply-add convolution, a 10¹⁰-element tensor) at the first exercise. The same seed \
            gives the same class.

            Example:
              swift build -c release --product cnntutor && swift build -c release --product cnntutor-grade-bench
              .build/release/cnntutor-grade-bench --learners 1000 --jobs 2
            """)

    @Option(name: .long, help: "The course folder.")
    var course = "Lessons"

    @Option(name: .long, help: "Learners in the class.")
    var learners = 1000

    @Option(name: .long, help: "Seed of the generated class.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "--jobs of the grade run.")
    var jobs = 2

    @Option(name: .long, help: "The cnntutor executable (default: the one beside this program).")
    var cnntutor: String?

    @Option(name: .long, help: "Keep the generated class and the report in this folder.")
    var keep: String?

    @Option(
        name: .long, parsing: .upToNextOption,
        help: "More arguments for cnntutor grade (e.g. --in-process, --time-limit 5).")
    var gradeArguments: [String] = []

    mutating func run() throws {
        let loaded = try CourseLoader.load(at: course)
        let generator = ClassGenerator(course: loaded, seed: seed)
        let folder =
            keep.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent(
                "cnntutor-grade-bench-\(getpid())")
        let submissions = folder.appendingPathComponent("submissions")
        try? FileManager.default.removeItem(at: submissions)
        try FileManager.default.createDirectory(at: submissions, withIntermediateDirectories: true)
        defer { if keep == nil { try? FileManager.default.removeItem(at: folder) } }

        let generated = generator.learners(learners, course: loaded)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        var distinct = Set<String>()
        var kinds: [String: Int] = [:]
        for (submission, drawn) in generated {
            let file = SubmissionJSON(
                learner: submission.learner, course: submission.course, version: submission.version,
                answers: Dictionary(
                    submission.answers.map { ($0.key, $0.answer) }, uniquingKeysWith: { a, _ in a }))
            try encoder.encode(file).write(to: submissions.appendingPathComponent(submission.file))
            for (key, answer) in submission.answers { distinct.insert(key + "\u{0}" + answer) }
            for kind in drawn { kinds[kind.rawValue, default: 0] += 1 }
        }
        let answers = generated.count * generator.exercises.count

        let executable =
            cnntutor
            ?? URL(fileURLWithPath: Bundle.main.executablePath ?? CommandLine.arguments[0])
            .deletingLastPathComponent().appendingPathComponent("cnntutor").path
        let report = folder.appendingPathComponent("report.json")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments =
            [
                "grade", submissions.path, "--course", course, "--jobs", String(jobs), "--format", "json",
                "--out", report.path,
            ] + gradeArguments
        let start = Date()
        try process.run()
        process.waitUntilExit()
        let seconds = Date().timeIntervalSince(start)

        var statuses: [String: Int] = [:]
        var graded = 0
        if let data = try? Data(contentsOf: report),
            let document = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let learners = document["learners"] as? [[String: Any]]
        {
            graded = learners.count
            for learner in learners {
                for result in learner["results"] as? [[String: Any]] ?? [] {
                    statuses[result["status"] as? String ?? "?", default: 0] += 1
                }
            }
        }
        let summary: [(String, String)] = [
            ("learners", String(learners)),
            ("learners_reported", String(graded)),
            ("exercises", String(generator.exercises.count)),
            ("answers", String(answers)),
            ("distinct_answers", String(distinct.count)),
            ("jobs", String(jobs)),
            ("wall_s", String(format: "%.2f", seconds)),
            ("learners_per_s", String(format: "%.1f", Double(learners) / seconds)),
            ("answers_per_s", String(format: "%.0f", Double(answers) / seconds)),
            ("exit_status", String(process.terminationStatus)),
            ("drawn", Self.object(kinds)),
            ("statuses", Self.object(statuses)),
            ("grade_arguments", "[" + gradeArguments.map { "\"\($0)\"" }.joined(separator: ", ") + "]"),
        ]
        print("{" + summary.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}")
        if graded != learners { throw ExitCode(1) }
    }

    private static func object(_ counts: [String: Int]) -> String {
        "{" + counts.keys.sorted().map { "\"\($0)\": \(counts[$0]!)" }.joined(separator: ", ") + "}"
    }
}

/// A submission file as `cnntutor grade` reads it.
struct SubmissionJSON: Encodable {
    var learner: String
    var course: String
    var version: Int
    var answers: [String: String]
}
