import ArgumentParser
import Course
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
            Exit status: 0 when every answer passed, 1 when some did not (or a submission was \
            skipped), 2 when the course or the options are unusable or no submission could be read.

            Examples:
              cnntutor grade submissions/
              cnntutor grade minji.yaml joon.json --format json --out report.json
              cnntutor grade submissions/ --format junit --out junit.xml --time-limit 5 --jobs 2
              cnntutor grade submissions/ --lang ko
            """)

    @Argument(help: "Submission files or folders of them.")
    var submissions: [String]

    @OptionGroup var courseOptions: CourseOptions

    @Option(name: .long, help: "Report format: text, json, junit or csv.")
    var format: ReportFormatArgument = .text

    @Option(name: .long, help: "Write the report to this file instead of standard output.")
    var out: String?

    @OptionGroup var languageOption: CourseLanguageOption

    @Option(name: .long, help: "Answers graded at once.")
    var jobs: Int = 2

    @Option(
        name: .customLong("time-limit"),
        help: "Seconds each answer may run (overrides the exercises' limits).")
    var timeLimit: Double?

    func validate() throws {
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
        let files = BatchGrader.submissionFiles(submissions)
        var options = GradingOptions.forCourse(courseOptions.course)
        options.timeLimit = timeLimit
        options.language = language
        let report = BatchGrader(options: options, jobs: jobs).grade(files: files, course: loaded)
        // The text report lists skipped files itself; elsewhere they would go unseen.
        if format != .text || out != nil {
            for item in report.skipped {
                InstructorOutput.error(
                    item.message.hasPrefix(item.file)
                        ? "skipped \(item.message)" : "skipped \(item.file): \(item.message)")
            }
        }
        do {
            try InstructorOutput.write(report.rendered(as: format.value), to: out)
        } catch {
            InstructorOutput.error("cannot write \(out ?? "the report"): \(error)")
            throw ExitCode(2)
        }
        if report.learners.isEmpty { throw ExitCode(2) }
        if !report.allPassed { throw ExitCode(1) }
    }
}

/// `--format` for `grade`.
enum ReportFormatArgument: String, ExpressibleByArgument, CaseIterable {
    case text, json, junit, csv

    var value: ReportFormat { ReportFormat(rawValue: rawValue)! }
}
