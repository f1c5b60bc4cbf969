import ArgumentParser
import Course
import Foundation
import Grading

/// `cnntutor grade`: batch-grade learners' submission files.
struct GradeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade",
        abstract: "Grade learners' answer files and report points, mistakes and a class summary.",
        discussion: """
            A submission is a YAML or JSON file with learner, course, version and answers (a map \
            from lesson-id/exercise-id to the answer as typed); `cnntutor progress --export` writes \
            one. A folder grades every file in it. A malformed submission is reported and skipped.
            Identical answers are graded once. Answers run in worker processes, so one that crashes, \
            hangs or exhausts memory costs its own verdict, never the report. On a terminal a \
            progress bar runs on standard error. docs/grading.md has the report schemas and the \
            Gradescope and GitHub Classroom recipes.
            Exit status: 0 when every answer passed, 1 when some did not (or a submission was \
            skipped), 2 when the course or the options are unusable or no submission could be read.

            Examples:
              cnntutor grade submissions/
              cnntutor grade minji.yaml joon.json --format json --out report.json
              cnntutor grade submissions/ --format junit --out junit.xml --time-limit 5 --jobs 2
              cnntutor grade submissions/ --format html --out class.html
              cnntutor grade /autograder/submission/answers.yaml --format gradescope \
                --out /autograder/results/results.json
              cnntutor grade submissions/ --lang ko
            """)

    @Argument(help: "Submission files or folders of them.")
    var submissions: [String]

    @OptionGroup var courseOptions: CourseOptions

    @Option(name: .long, help: "Report format: text, json, junit, csv, gradescope or html.")
    var format: ReportFormatArgument = .text

    @Option(
        name: .long,
        help: """
            Write the report to this file instead of standard output (for gradescope with several \
            submissions: the folder to write <learner>/results.json in).
            """)
    var out: String?

    @Option(
        name: .long,
        help:
            "With --format gradescope: who sees each test's result (visible, hidden, after_due_date, after_published)."
    )
    var visibility: GradescopeVisibility = .visible

    @OptionGroup var languageOption: CourseLanguageOption

    @Option(name: .long, help: "Answers graded at once.")
    var jobs: Int = 2

    @Option(
        name: .customLong("time-limit"),
        help: "Seconds each answer may run (overrides the exercises' limits).")
    var timeLimit: Double?

    @Flag(
        name: .customLong("in-process"),
        help: """
            Grade in this process instead of worker processes: starts faster, but an answer that \
            crashes the engine ends the whole batch without a report.
            """)
    var inProcess = false

    @Flag(
        name: .customLong("no-reuse"),
        help: ArgumentHelp(
            "Grade every answer on its own, even identical ones (for measuring).", visibility: .hidden))
    var noReuse = false

    @Flag(
        help: ArgumentHelp(
            "Serve answers on standard input as a worker of another grade.", visibility: .hidden))
    var worker = false

    func validate() throws {
        if format == .gradescope, out == nil,
            submissions.count > 1 || submissions.contains(where: Self.isFolder)
        {
            throw ValidationError(
                "--format gradescope writes one results.json per submission: name a folder for them with --out"
            )
        }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        if let timeLimit, !(timeLimit > 0) {
            throw ValidationError("--time-limit must be a positive number of seconds")
        }
        guard !submissions.isEmpty else {
            throw ValidationError("name at least one submission file or folder")
        }
    }

    mutating func run() throws {
        let loaded = try courseOptions.load()
        let language = try languageOption.resolved(in: loaded)
        var options = GradingOptions.forCourse(loaded.directory)
        options.timeLimit = timeLimit
        options.language = language
        if worker {
            GradingWorker.serve(course: loaded, options: options)
            return
        }
        let files = BatchGrader.submissionFiles(submissions)
        let display = GradeProgressDisplay(environment: ProcessInfo.processInfo.environment)
        var progress: (@Sendable (BatchGrader.Progress) -> Void)?
        if let display { progress = { display.show($0) } }
        let isolation: BatchIsolation =
            inProcess ? .inProcess : .workerProcesses(command: Self.workerCommand())
        var grader = BatchGrader(
            options: options, jobs: jobs, isolation: isolation, reusesVerdicts: !noReuse, progress: progress)
        let fitting = grader.jobs(fittingMemoryOf: loaded.allExercises.map(\.exercise))
        if fitting < jobs {
            InstructorOutput.error(
                "grading \(fitting) answer\(fitting == 1 ? "" : "s") at once, not \(jobs): more would not fit in this machine's memory"
            )
            grader.jobs = fitting
        }
        let report = grader.grade(files: files, course: loaded)
        display?.finish()
        // The text report lists skipped files itself; elsewhere they would go unseen.
        if format != .text || out != nil {
            for item in report.skipped {
                InstructorOutput.error(
                    item.message.hasPrefix(item.file)
                        ? "skipped \(item.message)" : "skipped \(item.file): \(item.message)")
            }
        }
        do {
            if format == .gradescope {
                try writeGradescope(report)
            } else {
                try InstructorOutput.write(report.rendered(as: format.value), to: out)
            }
        } catch {
            InstructorOutput.error("cannot write \(out ?? "the report"): \(error)")
            throw ExitCode(2)
        }
        if report.learners.isEmpty { throw ExitCode(2) }
        if !report.allPassed { throw ExitCode(1) }
    }
}

extension GradeCommand {
    /// `--format gradescope`: one submission's `results.json` to `--out` (a file, or a folder to
    /// put `results.json` in) or standard output; several submissions' into `--out`'s folder, one
    /// subfolder per learner (`<learner>/results.json`).
    func writeGradescope(_ report: ClassReport) throws {
        let results = report.gradescopeResults(visibility: visibility)
        var isFolder: ObjCBool = false
        let outIsFolder =
            out.map {
                $0.hasSuffix("/")
                    || (FileManager.default.fileExists(atPath: $0, isDirectory: &isFolder)
                        && isFolder.boolValue)
            }
            ?? false
        if results.count == 1 {
            let path = out.map { outIsFolder ? CourseLoaderPathJoin.join($0, "results.json") : $0 }
            try InstructorOutput.write(results[0].json, to: path)
            return
        }
        guard let out else { return }
        for (result, name) in zip(results, ClassReport.gradescopeFolderNames(results)) {
            let path = CourseLoaderPathJoin.join(CourseLoaderPathJoin.join(out, name), "results.json")
            try InstructorOutput.write(result.json, to: path)
        }
    }

    /// This program run as a worker of this grade: the same arguments (so the same course, language
    /// and limits) with `--worker` after the command's name.
    static func workerCommand() -> [String] {
        let executable = Bundle.main.executablePath ?? CommandLine.arguments[0]
        var arguments = Array(CommandLine.arguments.dropFirst())
        let position = arguments.firstIndex(of: "grade").map { $0 + 1 } ?? 0
        arguments.insert("--worker", at: position)
        return [executable] + arguments
    }
}

/// `--format` for `grade`.
enum ReportFormatArgument: String, ExpressibleByArgument, CaseIterable {
    case text, json, junit, csv, gradescope, html

    var value: ReportFormat { ReportFormat(rawValue: rawValue)! }
}

extension GradescopeVisibility: ExpressibleByArgument {}

extension GradeCommand {
    static func isFolder(_ path: String) -> Bool {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue
    }
}

/// Joining a folder and a name as the reports print paths.
enum CourseLoaderPathJoin {
    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
