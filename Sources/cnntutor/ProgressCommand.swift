import ArgumentParser
import Course
import Foundation
import Progress
import Wording

/// `cnntutor progress`: where a learner stands, lesson by lesson; exports answers for `grade`.
struct ProgressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "progress",
        abstract: "Show where you stand in each lesson; export your answers for grading.",
        discussion: """
            Prints one line per lesson: exercises passed, points, and whether the lesson is \
            completed, in progress (and at which step) or not started. Without a course folder at \
            hand it prints what the progress database alone knows.
            Its words are in --lang, else the language the profile last learned in, else the \
            course's default language (English without a course).
            --export writes your best typed answer to every exercise (most points, then latest) as a submission file that \
            `cnntutor grade` reads: JSON when FILE ends in .json, YAML otherwise, - for standard output.
            Progress lives in --data-dir, else $CNNTUTOR_DATA_DIR, else $XDG_DATA_HOME/cnntutor, \
            else ~/.local/share/cnntutor.
            Exit status: 0 on success, 2 on a usage or input error.

            Examples:
              cnntutor progress
              cnntutor progress --profile minji
              cnntutor progress --export answers.yaml
              cnntutor progress --export - --course path/to/MyCourse
            """)

    @Option(help: "The learner profile.")
    var profile: String = Profile.defaultName

    @Option(help: ArgumentHelp("Write your latest answers as a submission file.", valueName: "file"))
    var export: String?

    @Option(name: .customLong("data-dir"), help: ArgumentHelp("Where progress is kept.", valueName: "dir"))
    var dataDirectory: String?

    @OptionGroup var courseOptions: CourseOptions

    @OptionGroup var languageOption: CourseLanguageOption

    mutating func run() throws {
        let directory = DataDirectory.resolve(option: dataDirectory)
        let database = directory.appendingPathComponent(ProgressStore.fileName).path
        let loadedCourse = try loadCourse()
        // Every sentence and heading is in `--lang`, else the profile's language (once the profile
        // is known, and if the course has it), else the course's default, else English.
        var language =
            try loadedCourse.map(languageOption.resolved(in:)) ?? languageOption.language ?? .english
        // A read-only command creates nothing: no database means nothing recorded yet.
        guard FileManager.default.fileExists(atPath: database) else {
            return try nothingRecorded(
                language, language.say(ProgressKey.noProgress, ["directory": directory.path]))
        }
        let store = try openStore(directory, language)
        let profiles = try fail(language, store.profiles())
        guard let learner = profiles.first(where: { $0.name == profile }) else {
            let known = profiles.map(\.name)
            return try nothingRecorded(
                language,
                language.say(
                    ProgressKey.noProfile,
                    [
                        "name": profile, "database": database, "known": known.count,
                        "profiles": known.joined(separator: ", "),
                    ]))
        }
        if languageOption.language == nil, let spoken = learner.language,
            loadedCourse?.languages.contains(spoken) ?? true
        {
            language = spoken
        }
        if let export {
            try exportAnswers(store, course: loadedCourse, to: export, in: language)
            return
        }
        print(language.say(ProgressKey.profileHeading, ["name": learner.name, "database": database]))
        let courses = try fail(language, store.courses(profile: learner.name))
        if let loadedCourse {
            let heading = language.say(
                ProgressKey.courseHeading,
                [
                    "title": loadedCourse.title(in: language), "id": loadedCourse.id,
                    "version": loadedCourse.version,
                ])
            print("\n" + heading)
            let summaries = try fail(
                language, store.lessonSummaries(profile: learner.name, course: loadedCourse.id))
            let table = ProgressTable(
                course: loadedCourse, language: language, summaries: summaries, wordsLanguage: language)
            print(table.text, terminator: "")
        }
        for other in courses where other != loadedCourse?.id {
            let heading =
                loadedCourse.map {
                    language.say(ProgressKey.otherCourse, ["course": other, "directory": $0.directory])
                } ?? other
            print("\n" + heading)
            let summaries = try fail(language, store.lessonSummaries(profile: learner.name, course: other))
            print(ProgressTable(summaries: summaries, wordsLanguage: language).text, terminator: "")
        }
        if loadedCourse == nil && courses.isEmpty { print(language.say(ProgressKey.noLessons)) }
    }

    /// Reports that there is nothing to show: fine for the table, an input error for `--export`.
    private func nothingRecorded(_ language: Language, _ message: String) throws {
        guard export == nil else {
            InstructorOutput.error(language.say(ProgressKey.nothingToExport, ["message": message]))
            throw ExitCode(2)
        }
        print(message)
    }

    /// Opens the store, telling the learner if a damaged database had to be moved aside.
    private func openStore(_ directory: URL, _ language: Language) throws -> ProgressStore {
        let opened = try fail(language, ProgressStore.open(directory: directory))
        if let damaged = opened.recovered {
            InstructorOutput.error(
                language.say(ProgressKey.damaged, ["reason": damaged.reason, "movedTo": damaged.movedTo]))
        }
        return opened.store
    }

    /// The course named by `--course` or `$CNNTUTOR_COURSE`, else `./Lessons` or the installed
    /// course when there is one, else none: the database alone is shown.
    private func loadCourse() throws -> Course? {
        let search = CourseDirectory.search(option: courseOptions.course)
        guard search.found != nil || search.namedButMissing != nil else { return nil }
        return try CourseDirectory.load(option: search.found ?? courseOptions.course)
    }

    /// Writes the submission for the course at hand, or the profile's only course.
    private func exportAnswers(
        _ store: ProgressStore, course loaded: Course?, to path: String, in language: Language
    ) throws {
        let courseID: String
        var order: [String] = []
        var submission: ExportedSubmission
        if let loaded {
            courseID = loaded.id
            order = loaded.allExercises.map { "\($0.lesson.id)/\($0.exercise.id)" }
            submission = try fail(
                language,
                store.submission(profile: profile, course: courseID, version: String(loaded.version)))
            // Answers to exercises the course no longer has would only confuse `grade`.
            submission.answers = submission.answers.filter { loaded.exercise(named: $0.key) != nil }
            submission.afterSolution = submission.afterSolution.filter { loaded.exercise(named: $0) != nil }
        } else {
            let courses = try fail(language, store.courses(profile: profile))
            guard courses.count == 1 else {
                InstructorOutput.error(
                    courses.isEmpty
                        ? language.say(ProgressKey.noAnswers, ["name": profile])
                        : language.say(
                            ProgressKey.severalCourses,
                            ["name": profile, "courses": courses.joined(separator: ", ")]))
                throw ExitCode(2)
            }
            courseID = courses[0]
            submission = try fail(language, store.submission(profile: profile, course: courseID))
        }
        let text = try SubmissionFile.text(submission, order: order, path: path)
        do {
            try InstructorOutput.write(text, to: path)
        } catch {
            InstructorOutput.error(
                language.say(ProgressKey.cannotWrite, ["path": path, "reason": error.localizedDescription]))
            throw ExitCode(2)
        }
        if path != "-" {
            print(
                language.say(
                    ProgressKey.exported,
                    ["count": submission.answers.count, "name": profile, "course": courseID, "path": path]))
        }
    }

    /// Runs a store operation; a ``ProgressError`` becomes a message in `language` and exit status 2.
    private func fail<T>(_ language: Language, _ body: @autoclosure () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ProgressError {
            InstructorOutput.error(error.description(in: language))
            throw ExitCode(2)
        }
    }
}
