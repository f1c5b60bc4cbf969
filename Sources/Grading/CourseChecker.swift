import AnswerLanguage
import Course
import Foundation
import Synchronization
import Wording

/// The course's own test suite, behind `cnntutor check`: every example runs, every reference and
/// alternative passes, every recorded wrong answer fails with its recorded mistake, every check,
/// mistake and message template parses.
public struct CourseChecker: Sendable {
    /// The settings answers are graded under.
    public var options: GradingOptions
    /// Lessons checked at once.
    public var jobs: Int

    /// Creates a checker.
    public init(options: GradingOptions = GradingOptions(), jobs: Int = 2) {
        self.options = options
        self.jobs = max(1, jobs)
    }

    /// Every problem of `course`: those found loading it, then those found running it, in file
    /// order.
    ///
    /// The work is shared out exercise by exercise rather than lesson by lesson: one exercise
    /// (a network's gradient norms run for every misconception mutant) can cost more than a whole
    /// other lesson, and whole lessons left one core idle while the other finished lesson 05.
    public func check(_ course: Course) -> [CourseProblem] {
        let items = workItems(of: course)
        let found = Mutex<[[CourseProblem]]>(Array(repeating: [], count: items.count))
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: min(jobs, max(1, items.count))) { _ in
            while true {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < items.count else { return }
                let problems = items[index]()
                found.withLock { $0[index] = problems }
            }
        }
        return (course.problems + found.withLock { $0 }.flatMap { $0 }).sorted()
    }

    /// One piece of checking work: a lesson's examples (in every language), or one exercise.
    typealias WorkItem = @Sendable () -> [CourseProblem]

    /// The checking work of `course`, each lesson's examples and each of its exercises apart.
    func workItems(of course: Course) -> [WorkItem] {
        var items: [WorkItem] = []
        for lesson in course.lessons {
            items.append { runExamples(of: lesson, in: course) }
            for exercise in lesson.exercises {
                let translations = course.languages.filter { $0 != course.defaultLanguage }.compactMap {
                    language in
                    course.translations[language.code]?[lesson.id]?.exercise(exercise.id)
                }
                items.append {
                    checkExercise(exercise, translations: translations, grader: Grader(options: options))
                }
            }
        }
        return items
    }

    /// The lesson's examples run, and its translations' examples.
    func runExamples(of lesson: Lesson, in course: Course) -> [CourseProblem] {
        var problems = runExamples(of: lesson)
        for language in course.languages where language != course.defaultLanguage {
            if let translated = course.translations[language.code]?[lesson.id], translated.file != lesson.file
            {
                problems += runExamples(of: translated)
            }
        }
        return problems
    }

    /// Runs the lesson's examples in order in one interpreter, as a learner running each in turn
    /// would (later examples may use names earlier ones bound).
    func runExamples(of lesson: Lesson) -> [CourseProblem] {
        let interpreter = Interpreter(
            options: EvaluationOptions(
                maxElements: options.maxElements, maxBytes: options.maxBytes, seed: options.seed,
                dataDirectory: options.dataDirectory))
        var problems: [CourseProblem] = []
        for step in lesson.steps {
            for example in step.examples {
                do {
                    _ = try TimedInterpreter(interpreter, seconds: options.setupTimeLimit).run(example.text)
                } catch {
                    let located = PreparedExercise.located(error, in: example, what: "this example fails")
                    problems.append(CourseProblem(located.message, at: located.location ?? example.location))
                }
            }
        }
        return problems
    }

    /// The problems of one exercise: its code must parse (its messages' `{expr}` in every
    /// language), its reference and alternatives pass, its wrong answers fail as recorded and every
    /// message they would be shown renders, no misconception mutant passes, and no named mistake
    /// fires on an unrelated mutant.
    func checkExercise(_ exercise: Exercise, translations: [Exercise] = [], grader: Grader) -> [CourseProblem]
    {
        var problems = syntaxProblems(of: exercise)
        for translation in translations {
            problems += templateProblems(of: translation) + fillProblems(of: translation, default: exercise)
        }
        guard let solution = exercise.solution else { return problems }
        let prepared: PreparedExercise
        do {
            prepared = try grader.prepare(exercise)
        } catch {
            problems.append(CourseProblem(error.message, at: error.location ?? exercise.location))
            return problems
        }
        for (answer, what) in [(solution.reference, "the reference answer")]
            + solution.alternatives.map({ ($0, "an alternative answer") })
        {
            let verdict = grader.grade(answer.text, for: exercise)
            if !verdict.passed {
                problems.append(
                    CourseProblem(
                        "\(what) of '\(exercise.id)' does not pass (\(verdict.status.rawValue)): \(verdict.message.firstLine)",
                        at: answer.location))
            }
        }
        var verdicts: [Solution.WrongAnswer: Verdict] = [:]
        for wrong in solution.wrong {
            let verdict = grader.grade(wrong.answer.text, for: exercise)
            verdicts[wrong] = verdict
            let recorded = wrong.mistake.map { "mistake '\($0)'" } ?? "no named mistake"
            switch verdict.status {
            case .pass:
                problems.append(
                    CourseProblem(
                        "this wrong answer of '\(exercise.id)' passes; expected it to fail with \(recorded)",
                        at: wrong.location))
            case .error, .timeout:
                problems.append(
                    CourseProblem(
                        "this wrong answer of '\(exercise.id)' does not evaluate (\(verdict.status.rawValue)): \(verdict.message.firstLine)",
                        at: wrong.answer.location))
            case .fail where verdict.mistake != wrong.mistake:
                let got =
                    verdict.mistake.map { "mistake '\($0)'" }
                    ?? "no named mistake (\(verdict.message.firstLine))"
                problems.append(
                    CourseProblem(
                        "this wrong answer of '\(exercise.id)' fails with \(got); expected \(recorded)",
                        at: wrong.location))
            case .fail:
                break
            }
        }
        if let right = Comparer.choiceIDs(prepared.expected, of: exercise) {
            for (choice, why) in solution.why where right.contains(choice) {
                problems.append(
                    CourseProblem(
                        "'why' of choice '\(choice)' of '\(exercise.id)' is never shown: '\(choice)' is a right choice",
                        at: why.location))
            }
        }
        problems += mutantProblems(of: exercise, prepared: prepared)
        problems += renderingProblems(
            of: exercise, translations: translations, prepared: prepared, verdicts: verdicts, grader: grader)
        return problems
    }

    /// Checks, mistakes and `{expr}` in messages must parse; found before anything runs.
    func syntaxProblems(of exercise: Exercise) -> [CourseProblem] {
        var problems: [CourseProblem] = []
        func parse(_ code: CodeSnippet, what: String) {
            do {
                _ = try Parser.parseExpression(code.text)
            } catch {
                let located = PreparedExercise.located(error, in: code, what: what)
                problems.append(CourseProblem(located.message, at: located.location ?? code.location))
            }
        }
        for check in exercise.checks {
            parse(check.expect, what: "check '\(check.id)' of '\(exercise.id)'")
        }
        for mistake in exercise.mistakes {
            parse(mistake.when, what: "mistake '\(mistake.id)' of '\(exercise.id)'")
        }
        return problems + templateProblems(of: exercise)
    }

    /// The `{expr}` of the exercise's check and mistake messages must parse, in the default
    /// language and in each translation (whose messages are located in the translated lesson).
    func templateProblems(of exercise: Exercise) -> [CourseProblem] {
        var problems: [CourseProblem] = []
        func templates(_ message: String, at location: CourseLocation, what: String) {
            for expression in MessageTemplate.expressions(in: message)
            where (try? Parser.parseExpression(expression)) == nil {
                problems.append(
                    CourseProblem(
                        "\(what): '{\(expression)}' is not an expression (write {{ for a literal brace)",
                        at: location))
            }
        }
        for check in exercise.checks {
            templates(check.message, at: check.location, what: "the message of check '\(check.id)'")
        }
        for mistake in exercise.mistakes {
            templates(mistake.message, at: mistake.location, what: "the message of mistake '\(mistake.id)'")
        }
        return problems
    }
}

extension CourseChecker {
    /// A translation's check and mistake messages must interpolate the expressions the default
    /// language's do: a verdict keeps the values of the `{expr}`s of the language it was graded in
    /// (`Verdict.Finding.fills`), and is shown in another language by filling that language's
    /// message with them. Expressions that do not parse are reported by `templateProblems`.
    func fillProblems(of translation: Exercise, default exercise: Exercise) -> [CourseProblem] {
        /// The expressions, or nil when one does not parse (reported already).
        func expressions(_ message: String) -> Set<String>? {
            let all = MessageTemplate.expressions(in: message)
            guard all.allSatisfy({ (try? Parser.parseExpression($0)) != nil }) else { return nil }
            return Set(all)
        }
        var problems: [CourseProblem] = []
        func compare(_ translated: String, _ original: String?, at location: CourseLocation, what: String) {
            guard let original, let mine = expressions(translated), let theirs = expressions(original),
                mine != theirs
            else { return }
            let said = { (set: Set<String>) in set.sorted().map { "{\($0)}" }.joined(separator: ", ") }
            problems.append(
                CourseProblem(
                    "\(what) interpolates \(mine.isEmpty ? "nothing" : said(mine)) where the default language's interpolates \(theirs.isEmpty ? "nothing" : said(theirs)): a verdict graded in one language could not be shown in the other",
                    at: location))
        }
        for check in translation.checks {
            compare(
                check.message, exercise.checks.first { $0.id == check.id }?.message, at: check.location,
                what: "the message of check '\(check.id)'")
        }
        for mistake in translation.mistakes {
            compare(
                mistake.message, exercise.mistakes.first { $0.id == mistake.id }?.message,
                at: mistake.location,
                what: "the message of mistake '\(mistake.id)'")
        }
        return problems
    }
}

extension String {
    /// The first line, for one-line problem reports.
    var firstLine: String { split(separator: "\n", maxSplits: 1).first.map(String.init) ?? "" }
}
