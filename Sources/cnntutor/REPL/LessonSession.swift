import AnswerLanguage
import Course
import Foundation
import Grading
import Progress
import Terminal
import Wording

/// The lesson REPL: a welcome and menu, lessons one step at a time, exercises graded as the
/// learner answers, and a free answer-language playground in between.
///
///     let session = LessonSession(course: course, settings: settings, io: io)
///     session.run()   // returns when the learner quits or input ends
///
/// All input comes through `io.reader` and all output goes to `io.screen`, so a test drives a
/// whole session with a `ScriptedLineReader` and a `MemoryScreen`. Nothing the learner types
/// ends the session except `:quit` and the end of input: errors are shown and the loop goes on.
final class LessonSession {
    /// How lines typed at an exercise are taken, shown in the prompt (`answer>`, `play>`).
    enum ExerciseMode: Equatable {
        /// An expression is the learner's answer: graded and recorded (looks are only shown).
        case answer
        /// Everything runs and is shown; nothing is graded or recorded (`:play`, and after a pass).
        case play
    }

    /// What the learner has done at one exercise in this session.
    struct ExerciseState {
        var hintsShown = 0
        var passed = false
        var gaveUp = false
        var skipped = false
        /// The mode the learner chose with `:play` or `:answer`; nil means the default: answering
        /// until a pass, playing after it, so nothing more is graded unless the learner asks.
        var chosenMode: ExerciseMode?
        /// Whether the reference answer was shown here (a give-up, or `:solution` when allowed):
        /// answers after it are recorded as after the solution and capped by the course.
        var sawSolution = false
        /// Lines typed at the exercise that ran without being graded and may have changed the
        /// session (assignments, lines with no value like `loss.backward()`, several statements),
        /// replayed before the graded expression so the recorded answer re-grades on its own.
        var steps: [String] = []
        /// Names assigned at the exercise: a bare one is an answer, any other name only a look.
        var boundNames: Set<String> = []
        /// Whether the last line was an empty Enter that printed the answer reminder: another empty
        /// Enter then only shows the prompt again, instead of repeating the same sentence.
        var reminded = false
        /// Whether the exercise is settled, so Enter may move on.
        var isSettled: Bool { passed || gaveUp || skipped }
    }

    /// Counts for the goodbye line.
    struct Tally {
        var answers = 0
        var passed = 0
        var points = 0
    }

    let course: Course
    let settings: SessionSettings
    let io: SessionIO
    let grader: Grader
    /// The learner's own bindings; they live for the whole session.
    let interpreter: Interpreter
    /// The live progress bar of `train(...)` runs in the learner's interpreter.
    let training: TrainingProgressDisplay
    /// The damaged database moved aside at start-up, to tell the learner about.
    let recovered: DamagedDatabase?

    /// The lesson language; the training display follows it.
    var language: Language {
        didSet { training.wording = text }
    }
    /// The open lesson's index in the course, or nil at the menu.
    var lessonIndex: Int?
    /// The step shown in the open lesson.
    var stepIndex = 0
    /// Per exercise (`lesson/exercise`), what happened in this session.
    var exercises: [String: ExerciseState] = [:]
    /// Exercise keys passed in any session (from progress), for the menu and Enter.
    var passedBefore: Set<String> = []
    /// Exercise keys given up in an earlier session: the learner has seen their solution.
    var gaveUpBefore: Set<String> = []
    /// Every input that bound names in the learner's session, oldest first: typed in the
    /// playground, run by `:run`, or typed at an exercise. An answer that uses a name bound before
    /// its exercise carries the inputs that bound it into its record (`recordedAnswer`).
    var bindings: [(source: String, names: Set<String>)] = []
    /// A line a sub-prompt read but did not use (the `:step` walk), handled next.
    var pendingLine: String?
    var tally = Tally()
    var finished = false

    /// Creates a session; `run()` starts it.
    init(course: Course, settings: SessionSettings, io: SessionIO, recovered: DamagedDatabase? = nil) {
        self.course = course
        self.settings = settings
        self.io = io
        self.recovered = recovered
        let data = URL(fileURLWithPath: course.directory).appendingPathComponent("data")
        grader = Grader(options: GradingOptions(dataDirectory: data))
        let training = TrainingProgressDisplay(screen: io.screen, clock: io.clock)
        var options = EvaluationOptions(timeLimit: settings.timeLimit, dataDirectory: data)
        options.onTrainingProgress = { training.show($0) }
        interpreter = Interpreter(options: options)
        self.training = training
        language = course.defaultLanguage
        training.wording = text
    }

    // MARK: - The loop

    /// Welcomes the learner, resumes or shows the menu, then reads and handles lines until the
    /// learner quits or input ends.
    func run() {
        start()
        let input = Self.inputReader(io.reader)
        while !finished {
            let line: String
            if let pending = pendingLine {
                pendingLine = nil
                line = pending
            } else {
                switch input.read(prompt: prompt, continuationPrompt: Self.continuationPrompt) {
                case .line(let text): line = text
                case .interrupted: continue
                case .endOfInput:
                    quit()
                    continue
                }
                let entry = line.trimmingCharacters(in: .whitespacesAndNewlines)
                if !entry.isEmpty { io.reader.addHistory(entry) }
            }
            handle(line)
        }
    }

    /// Handles one line as the prompt received it.
    func handle(_ line: String) {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return enter() }
        if currentExercise != nil { currentState.reminded = false }
        if Self.leavingLines.contains(trimmed) {
            // Python's way out; never an answer, even at an exercise.
            quit()
        } else if trimmed.hasPrefix(":") {
            switch REPLCommand.parse(trimmed) {
            case .success(let command): perform(command)
            case .failure(let error): say(text.commandProblem(error))
            }
        } else if lessonIndex == nil, let lesson = menuChoice(trimmed) {
            open(lesson)
        } else if let exercise = currentExercise {
            guard mode == .answer else { return play(line, at: exercise) }
            guard exercise.kind != .choice else { return choose(line, at: exercise) }
            switch Result(catching: { () throws(LanguageError) in try Parser.parse(line) }) {
            case .failure(let error):
                // A line that does not parse is a typo, not an answer: shown, not graded.
                showDiagnostic(error, source: line)
            case .success(let program):
                // Only an answer is graded; see `ExerciseInput` for the rule.
                switch ExerciseInput(program, boundAtExercise: currentState.boundNames) {
                case .assignment: bind(line, program)
                case .look: look(line)
                case .inspection: answer(line, to: exercise, as: .inspection)
                case .answer: answer(line, to: exercise, as: .answer)
                }
            }
        } else {
            evaluate(line)
        }
    }

    /// Lines that leave the session as they leave Python's REPL.
    static let leavingLines: Set<String> = ["exit()", "quit()", "exit", "quit"]

    /// A lesson picked at the menu by its number or its exact id (anything else is code).
    func menuChoice(_ text: String) -> Int? {
        if let number = Int(text) { return course.lessons.indices.contains(number - 1) ? number - 1 : nil }
        return course.lessons.firstIndex { $0.id == text }
    }

    /// Runs one command.
    func perform(_ command: REPLCommand) {
        switch command {
        case .next: next()
        case .back: back()
        case .hint: hint()
        case .solution: solution()
        case .skip: skip()
        case .goto(let target): goto(target)
        case .lessons: showMenu()
        case .open(let name):
            guard let index = lessonIndex(named: name) else {
                return say(text.noLesson(name, lessons: course.lessons.map(\.id).joined(separator: ", ")))
            }
            open(index)
        case .run: runExamples()
        case .progress: showProgress()
        case .reset(let name): reset(name)
        case .lang(let name): switchLanguage(name)
        case .show(let expression): show(expression)
        case .step(let expression): walk(expression)
        case .submit(let expression): submit(expression)
        case .play: choose(mode: .play)
        case .answer: choose(mode: .answer)
        case .help: showHelp()
        case .quit: quit()
        }
    }

    /// Enter on an empty line: continue to the next step, unless an exercise waits for an answer.
    func enter() {
        guard lessonIndex != nil else { return openSuggestedLesson() }
        if let exercise = currentExercise, !isSettled(exercise) {
            guard !currentState.reminded else { return }
            currentState.reminded = true
            return say(
                exercise.kind == .choice
                    ? text.choiceReminder(multiple: exercise.multiple) : text.answerReminder)
        }
        next()
    }

    /// Saves, prints the one-line summary and ends the loop.
    func quit() {
        guard !finished else { return }
        finished = true
        say(
            text.goodbye(
                answers: tally.answers, passed: tally.passed, points: tally.points,
                savedIn: settings.dataDirectory))
    }

    // MARK: - Shared helpers

    /// The tutor's own sentences in the current language.
    var text: SessionText { SessionText(language: language) }

    /// The open lesson in the current language.
    var currentLesson: Lesson? {
        guard let lessonIndex else { return nil }
        return course.lessons(in: language)[lessonIndex]
    }

    /// The step shown.
    var currentStep: Step? {
        guard let lesson = currentLesson, lesson.steps.indices.contains(stepIndex) else { return nil }
        return lesson.steps[stepIndex]
    }

    /// The exercise of the step shown, if it has one.
    var currentExercise: Exercise? { currentStep?.exercise }

    /// `lesson/exercise` of the current exercise.
    var currentKey: String? {
        guard let lesson = currentLesson, let exercise = currentExercise else { return nil }
        return "\(lesson.id)/\(exercise.id)"
    }

    /// The session state of the current exercise (a fresh one when there is none).
    var currentState: ExerciseState {
        get { currentKey.flatMap { exercises[$0] } ?? ExerciseState() }
        set { if let key = currentKey { exercises[key] = newValue } }
    }

    /// Whether the current exercise was passed, in this session or an earlier one.
    var currentPassed: Bool {
        guard let key = currentKey else { return false }
        return currentState.passed || passedBefore.contains(key)
    }

    /// How a line at the current exercise is taken: the learner's choice, else answering until a
    /// pass and playing after it; nil away from exercises.
    var mode: ExerciseMode? {
        guard currentExercise != nil else { return nil }
        return currentState.chosenMode ?? (currentPassed ? .play : .answer)
    }

    /// Whether the learner has seen the current exercise's solution (here or in an earlier session).
    var sawCurrentSolution: Bool {
        guard let key = currentKey else { return false }
        return currentState.sawSolution || currentState.gaveUp || gaveUpBefore.contains(key)
    }

    /// Whether the current exercise is passed (now or before), given up or skipped.
    func isSettled(_ exercise: Exercise) -> Bool {
        guard let key = currentKey else { return true }
        return currentState.isSettled || passedBefore.contains(key)
    }

    /// The prompt: where the learner is, and the exercise when one is waiting.
    var prompt: String {
        guard let lesson = currentLesson else { return "cnn> " }
        let number = (lessonIndex ?? 0) + 1
        let position = "\(number).\(stepIndex + 1)/\(lesson.steps.count)"
        if let exercise = currentExercise, let mode {
            return "[\(position) \(exercise.id)] \(text.modeWord(mode))> "
        }
        return "[\(position)] > "
    }

    /// The width text is wrapped to.
    var width: Int { max(20, io.screen.capabilities.size.columns) }

    /// The colour level of the screen.
    var colorLevel: ColorLevel { io.screen.capabilities.colorLevel }

    /// Markdown rendered at the screen's width.
    func render(_ markdown: String) -> [String] {
        MarkdownRenderer(width: width, colorLevel: colorLevel).render(markdown)
    }

    /// A message for the learner, wrapped to the screen.
    func say(_ text: String, style: TextStyle = .plain) {
        io.screen.writeLines(WordWrapper(width: width, colorLevel: colorLevel).wrap(text, style: style))
    }

    /// Lines the learner asked to see, a screenful at a time on a terminal; `.stopped` when the
    /// learner typed `q` (or Ctrl-C) at the pager.
    @discardableResult
    func page(_ lines: [String]) -> Pager.Outcome {
        Pager(screen: io.screen, reader: io.reader, prompt: text.pagerPrompt).show(lines)
    }

    /// Runs a progress-store write; a failure is told, not fatal.
    func saving(_ body: () throws -> Void) {
        do {
            try body()
        } catch {
            say(text.couldNotSave(progressProblem(error)), style: Theme.bad)
        }
    }

    /// A progress store's failure in the session's language: the stores throw only
    /// `ProgressError`; anything else (a bug) is named by its type.
    func progressProblem(_ error: any Error) -> String {
        (error as? ProgressError)?.description(in: language) ?? String(reflecting: type(of: error))
    }
}
