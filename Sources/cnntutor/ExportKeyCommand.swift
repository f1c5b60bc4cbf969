import ArgumentParser
import Course
import Grading

/// `cnntutor export-key`: the answer key, computed by running the course.
struct ExportKeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-key",
        abstract:
            "Export the answer key: references, engine-computed expected values, checks and graded wrong answers.",
        discussion: """
            Every expected value is computed by running the reference answer on the engine, and \
            every recorded wrong answer is graded, so the key shows what the grader really says. \
            The same course gives byte-identical output. HTML is one self-contained printable file.
            Exit status: 0 on success, 1 when some exercise cannot be graded, 2 when the course or \
            the options are unusable.

            Examples:
              cnntutor export-key --out key.html
              cnntutor export-key --format md --lang ko --out key.ko.md
              cnntutor export-key --course MyCourse --format json
            """)

    @OptionGroup var courseOptions: CourseOptions

    @Option(name: .long, help: "Output format: html, md or json.")
    var format: KeyFormat = .html

    @OptionGroup var languageOption: CourseLanguageOption

    @Option(name: .long, help: "Write the key to this file instead of standard output.")
    var out: String?

    mutating func run() throws {
        let loaded = try courseOptions.load()
        let language = try languageOption.resolved(in: loaded)
        let key = AnswerKeyBuilder(options: .forCourse(loaded.directory)).build(
            loaded, language: language)
        let text: String =
            switch format {
            case .html: key.html()
            case .md: key.markdown()
            case .json: key.json()
            }
        do {
            try InstructorOutput.write(text, to: out)
        } catch {
            InstructorOutput.error("cannot write \(out ?? "the key"): \(error)")
            throw ExitCode(2)
        }
        let broken = key.lessons.flatMap(\.exercises).filter { $0.problem != nil }
        for exercise in broken { InstructorOutput.error("\(exercise.key): \(exercise.problem ?? "")") }
        if !broken.isEmpty { throw ExitCode(1) }
    }
}

/// `--format` for `export-key`.
enum KeyFormat: String, ExpressibleByArgument, CaseIterable {
    case html, md, json
}
