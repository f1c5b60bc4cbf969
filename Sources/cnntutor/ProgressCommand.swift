import ArgumentParser
import Course
import Foundation
import Progress

/// `cnntutor progress`: where a learner stands, lesson by lesson; exports answers for `grade`.
struct ProgressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "progress",
        abstract: "Show where you stand in each lesson; export your answers for grading.",
        discussion: """
            Prints one line per lesson: exercises passed, points, and whether the lesson is \
            completed, in progress (and at which step) or not started. Without a course folder at \
            hand it prints what the progress database alone knows.
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

    mutating func run() throws {
        let directory = DataDirectory.resolve(option: dataDirectory)
        let database = directory.appendingPathComponent(ProgressStore.fileName).path
        // A read-only command creates nothing: no database means nothing recorded yet.
        guard FileManager.default.fileExists(atPath: database) else {
            return try nothingRecorded("No progress recorded yet in \(directory.path).")
        }
        let store = try openStore(directory)
        let loadedCourse = try loadCourse()
        let profiles = try fail(store.profiles())
        guard let learner = profiles.first(where: { $0.name == profile }) else {
            let known = profiles.map(\.name)
            let list = known.isEmpty ? "" : " Profiles: \(known.joined(separator: ", "))."
            return try nothingRecorded("No profile named '\(profile)' in \(database).\(list)")
        }
        if let export {
            try exportAnswers(store, course: loadedCourse, to: export)
            return
        }
        print("Progress of profile '\(learner.name)' (\(database))")
        let courses = try fail(store.courses(profile: learner.name))
        if let loadedCourse {
            print(
                "\n\(loadedCourse.title(in: learner.language)) — \(loadedCourse.id), version \(loadedCourse.version)"
            )
            let summaries = try fail(store.lessonSummaries(profile: learner.name, course: loadedCourse.id))
            print(
                ProgressTable(course: loadedCourse, language: learner.language, summaries: summaries).text,
                terminator: "")
        }
        for other in courses where other != loadedCourse?.id {
            let note = loadedCourse.map { " (not the course in \($0.directory))" } ?? ""
            print("\n\(other)\(note)")
            let summaries = try fail(store.lessonSummaries(profile: learner.name, course: other))
            print(ProgressTable(summaries: summaries).text, terminator: "")
        }
        if loadedCourse == nil && courses.isEmpty { print("No lessons started yet.") }
    }

    /// Reports that there is nothing to show: fine for the table, an input error for `--export`.
    private func nothingRecorded(_ message: String) throws {
        guard export == nil else {
            InstructorOutput.error("\(message) Nothing to export.")
            throw ExitCode(2)
        }
        print(message)
    }

    /// Opens the store, telling the learner if a damaged database had to be moved aside.
    private func openStore(_ directory: URL) throws -> ProgressStore {
        let opened = try fail(ProgressStore.open(directory: directory))
        if let damaged = opened.recovered {
            InstructorOutput.error(
                "The progress database was damaged (\(damaged.reason)). It was moved to "
                    + "\(damaged.movedTo) and a new one started.")
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
    private func exportAnswers(_ store: ProgressStore, course loaded: Course?, to path: String) throws {
        let courseID: String
        var order: [String] = []
        var submission: ExportedSubmission
        if let loaded {
            courseID = loaded.id
            order = loaded.allExercises.map { "\($0.lesson.id)/\($0.exercise.id)" }
            submission = try fail(
                store.submission(profile: profile, course: courseID, version: String(loaded.version)))
            // Answers to exercises the course no longer has would only confuse `grade`.
            submission.answers = submission.answers.filter { loaded.exercise(named: $0.key) != nil }
            submission.afterSolution = submission.afterSolution.filter { loaded.exercise(named: $0) != nil }
        } else {
            let courses = try fail(store.courses(profile: profile))
            guard courses.count == 1 else {
                InstructorOutput.error(
                    courses.isEmpty
                        ? "Profile '\(profile)' has no answers to export."
                        : "Profile '\(profile)' has answers in several courses (\(courses.joined(separator: ", "))); "
                            + "name one with --course DIR.")
                throw ExitCode(2)
            }
            courseID = courses[0]
            submission = try fail(store.submission(profile: profile, course: courseID))
        }
        let text = try SubmissionFile.text(submission, order: order, path: path)
        do {
            try InstructorOutput.write(text, to: path)
        } catch {
            InstructorOutput.error("\(path): cannot write the submission (\(error.localizedDescription))")
            throw ExitCode(2)
        }
        if path != "-" {
            print(
                "Exported \(submission.answers.count) answers of profile '\(profile)' in \(courseID) to \(path)."
            )
        }
    }

    /// Runs a store operation; a ``ProgressError`` becomes a message and exit status 2.
    private func fail<T>(_ body: @autoclosure () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ProgressError {
            InstructorOutput.error("\(error)")
            throw ExitCode(2)
        }
    }
}
