import ArgumentParser
import Course
import Foundation
import Progress
import Terminal
import Wording

#if canImport(Glibc)
    import Glibc
#endif

/// `cnntutor learn` (and plain `cnntutor`): the interactive lesson REPL.
struct LearnCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "learn",
        abstract: "Take the course: lessons step by step, exercises graded as you answer (the default).",
        discussion: """
            Starts where you left off. At an exercise (prompt answer>) an expression is your answer \
            and is graded, while assignments, show(…), print(…) and looks at sizes are not; after a \
            pass, or after :play (prompt play>), nothing is graded until :answer. Elsewhere anything \
            you type is run as a playground. Type :help at the prompt for the commands (:hint, \
            :solution, :skip, :lessons, :show, :step …). Your answers and place are saved as you go, \
            in --data-dir, else $CNNTUTOR_DATA_DIR, else $XDG_DATA_HOME/cnntutor, else \
            ~/.local/share/cnntutor; line-editing history is kept there per profile. Piped input is \
            read as if typed (a line that opens a bracket or a block continues on the next).

            Examples:
              cnntutor
              cnntutor learn --lesson 02-filters --lang ko
              cnntutor learn --profile minji
              printf ':open 1\\n\\n:quit\\n' | cnntutor learn --data-dir /tmp/try
            """)

    @Option(help: ArgumentHelp("Open this lesson (number or id) instead of resuming.", valueName: "id"))
    var lesson: String?

    @Option(
        name: .customLong("lang"),
        help: ArgumentHelp("Lesson language (e.g. en, ko); remembered.", valueName: "lang"))
    var language: Language?

    @Option(help: "The learner profile.")
    var profile: String = Profile.defaultName

    @OptionGroup var courseOptions: CourseOptions

    @Option(
        name: .customLong("data-dir"),
        help: ArgumentHelp("Where progress and history are kept.", valueName: "dir"))
    var dataDirectory: String?

    mutating func run() throws {
        let loaded = try courseOptions.load(checkout: true)
        let directory = DataDirectory.resolve(option: dataDirectory)
        let opened: OpenedProgressStore
        do {
            opened = try ProgressStore.open(directory: directory)
        } catch {
            // In the language asked for, else the course's: the profile's own is in the database.
            let said = language.flatMap { loaded.languages.contains($0) ? $0 : nil } ?? loaded.defaultLanguage
            let problem =
                (error as? ProgressError)?.description(in: said) ?? String(reflecting: type(of: error))
            InstructorOutput.error(SessionText(language: said).cannotOpenProgress(directory.path, problem))
            throw ExitCode(2)
        }
        // A parent may start us with SIGINT blocked (test runners do); Ctrl-C must reach the
        // interrupt handler so it can stop a running evaluation.
        var interrupt = sigset_t()
        sigemptyset(&interrupt)
        sigaddset(&interrupt, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &interrupt, nil)
        let environment = ProcessInfo.processInfo.environment
        let screen = StandardOutputScreen(environment: environment)
        let completion = CompletionCandidates()
        let history = directory.appendingPathComponent(Self.historyFileName(profile: profile)).path
        let reader = LineReaders.standard(
            screen: screen, historyFile: history, completer: { completion($0, $1) })
        let io = SessionIO(
            reader: reader, screen: screen, progress: opened.store, interrupts: SignalInterruptHandler.shared,
            now: { Date() }, clock: SystemClock())
        let settings = SessionSettings(
            profile: profile, lesson: lesson, language: language, dataDirectory: directory.path)
        // The notice covers a file this open moved and one an earlier `progress` moved; taking it
        // means the learner hears of each move once.
        let recovered = ProgressStore.takeDamageNotice(directory: directory) ?? opened.recovered
        let session = LessonSession(course: loaded, settings: settings, io: io, recovered: recovered)
        completion.session = session
        session.run()
        try? opened.store.close()
    }

    /// The history file of a profile: `history-NAME`, with anything but letters, digits, `-` and
    /// `_` percent-encoded so any profile name is a safe file name.
    static func historyFileName(profile: String) -> String {
        let safe = profile.unicodeScalars.map { scalar -> String in
            scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_"
                ? String(scalar) : String(format: "%%%02X", scalar.value)
        }
        return "history-" + safe.joined()
    }
}
