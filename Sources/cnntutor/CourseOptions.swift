import ArgumentParser
import Course
import Wording

/// `--course`: the course a command works on, and loading it (shared by `learn`, `progress`,
/// `check`, `grade` and `export-key` as an `@OptionGroup`).
struct CourseOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The course folder (holding course.yaml); default: $CNNTUTOR_COURSE, ./Lessons, or the installed course.",
            valueName: "dir"))
    var course: String?

    /// The course (found as `CourseDirectory` says), or exit status 2 with where it looked or the
    /// loader's message; `checkout` as `CourseDirectory.load` takes it.
    func load(checkout: Bool = false) throws -> Course {
        try CourseDirectory.load(option: course, checkout: checkout)
    }
}

/// `--lang`: the language of a command's text, one of the course's (shared by `progress`, `grade` and
/// `export-key` as an `@OptionGroup`).
struct CourseLanguageOption: ParsableArguments {
    @Option(
        name: .customLong("lang"),
        help: ArgumentHelp(
            "Language of the text and the messages (default: the course's default language).",
            valueName: "lang"))
    var language: Language?

    /// The language asked for, or the course's default; exit status 2 when the course lacks it.
    func resolved(in course: Course) throws -> Language {
        guard let language else { return course.defaultLanguage }
        guard course.languages.contains(language) else {
            let known = course.languages.map(\.code).joined(separator: ", ")
            InstructorOutput.error("the course has no language '\(language)'; it has \(known)")
            throw ExitCode(2)
        }
        return language
    }
}

/// A language on the command line is its code (`--lang ko`).
extension Language: ExpressibleByArgument {
    public init?(argument: String) {
        guard !argument.isEmpty else { return nil }
        self.init(argument)
    }
}
