import AnswerLanguage
import ArgumentParser
import Course
import Foundation
import Grading
import Wording
import Yams

/// One learner's feedback in the REPL, timed: for every exercise of a course, from the learner
/// pressing Enter on a wrong answer to the feedback text being ready, as `cnntutor learn` does it
/// (`LessonSession.answer`): the answer runs in the learner's session (with the setup's names), the
/// REPL waits for the exercise's misconception mutants when their computation (started when the
/// exercise was shown) is still running, and the grader judges the value and says why it is wrong.
///
/// Each exercise is shown three times, each time to a new grader, as to a new learner:
/// - `first_without_background`: the first wrong answer with nothing computed ahead — what the
///   REPL did before it computed mutants while the learner reads; the peer the others are quoted
///   against, measured in the same run;
/// - `first_at_once`: the first wrong answer the moment the exercise is shown, its mutants still
///   being computed (the worst case: nobody answers before reading);
/// - `first_after_reading`: the first wrong answer after `--read-seconds` of reading (less when
///   the mutants are ready sooner: nothing else happens meanwhile);
/// and `later` times every other wrong answer, `--repeats` times, after the first.
/// `mutants_ms` is the background computation's own time (it runs the setup and reference again):
/// what each exercise's mutants cost, for the engineers adding mutant kinds.
struct FeedbackBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feedback",
        abstract: "Times the REPL's feedback on wrong answers, exercise by exercise; prints JSON.",
        discussion: """
            The wrong answers: those recorded in Solutions/ and the first --per-exercise answers \
            of each exercise in --corpus (the grader's own wrong-answer corpus, when it exists).

            Example:
              swift build -c release --product cnntutor-grade-bench
              .build/release/cnntutor-grade-bench feedback --course Lessons > feedback.json
            """)

    @Option(name: .long, help: "The course folder.")
    var course = "Lessons"

    @Option(name: .long, help: "More wrong answers per exercise (a wrong-answers.yaml corpus).")
    var corpus = "Tests/GradingTests/Fixtures/wrong-answers.yaml"

    @Option(name: .long, help: "Answers taken from --corpus per exercise.")
    var perExercise = 3

    @Option(name: .long, help: "Seconds the learner reads an exercise before the first answer.")
    var readSeconds = 10.0

    @Option(name: .long, help: "Times every later answer is graded.")
    var repeats = 3

    @Option(name: .long, help: "Only exercises whose `lesson/exercise` key contains this.")
    var only: String?

    @Option(name: .long, help: "The language the REPL speaks (en, ko).")
    var lang = "en"

    mutating func run() throws {
        let loaded = try CourseLoader.load(at: course)
        let language = Language(lang)
        let extra = Self.corpusAnswers(at: corpus, count: perExercise)
        let loadBefore = Self.loadAverage()
        let started = Date()
        var rows: [Row] = []
        for lesson in loaded.lessons(in: language) {
            for exercise in lesson.exercises {
                let key = "\(lesson.id)/\(exercise.id)"
                if let only, !key.contains(only) { continue }
                let answers = (exercise.solution?.wrong.map(\.answer.text) ?? []) + (extra[key] ?? [])
                guard !answers.isEmpty else { continue }
                rows.append(measure(exercise, key: key, answers: answers, language: language))
            }
        }
        let wall = Date().timeIntervalSince(started)
        print(report(rows, wall: wall, load: (loadBefore, Self.loadAverage())))
    }

    /// One exercise's row.
    struct Row {
        var key: String
        var answers: Int
        var firstWithoutBackground: Double
        var firstAtOnce: Double
        var firstAfterReading: Double
        /// Seconds read before the first answer (the mutants were ready then, or the time was up).
        var readFor: Double
        var later: [Double]
        var mutants: Double?
        var counts: (values: Int, explained: Int)?
        var statuses: [String: Int]
    }

    private func measure(_ exercise: Exercise, key: String, answers: [String], language: Language) -> Row {
        let options = GradingOptions.forCourse(course)
        // The peer: the REPL as it was, the mutants computed by the first answer.
        let plain = Shown(exercise, options: options, background: false)
        let (withoutBackground, _) = plain.feedback(answers[0], language: language)
        var later: [Double] = []
        var statuses: [String: Int] = [:]
        for _ in 0..<repeats {
            for answer in answers.dropFirst() {
                let (milliseconds, status) = plain.feedback(answer, language: language)
                later.append(milliseconds)
                statuses[status, default: 0] += 1
            }
        }
        let atOnce = Shown(exercise, options: options, background: true).feedback(
            answers[0], language: language
        ).0
        let reader = Shown(exercise, options: options, background: true)
        let readStart = Date()
        _ = reader.grader.waitForMutants(of: exercise) { Date().timeIntervalSince(readStart) >= readSeconds }
        let readFor = Date().timeIntervalSince(readStart)
        let (afterReading, status) = reader.feedback(answers[0], language: language)
        statuses[status, default: 0] += 1
        return Row(
            key: key, answers: answers.count, firstWithoutBackground: withoutBackground, firstAtOnce: atOnce,
            firstAfterReading: afterReading, readFor: readFor, later: later,
            mutants: reader.grader.backgroundMutantSeconds(for: exercise).map { $0 * 1000 },
            counts: reader.grader.mutantCounts(for: exercise), statuses: statuses)
    }

    /// An exercise on the screen of a new learner: the grader has run its setup and reference (the
    /// REPL does so to bind the setup's names in the learner's session), and with `background`
    /// computes its mutants meanwhile.
    final class Shown {
        let exercise: Exercise
        let grader: Grader
        let learner: Interpreter

        init(_ exercise: Exercise, options: GradingOptions, background: Bool) {
            self.exercise = exercise
            grader = Grader(options: options)
            learner = Interpreter(
                options: EvaluationOptions(timeLimit: 10, dataDirectory: options.dataDirectory))
            if exercise.setup != nil, let setup = try? grader.setupInterpreter(for: exercise) {
                for name in setup.boundNames {
                    if let value = setup[name] { learner.bind(name, value) }
                }
            }
            if background { grader.prepareMutantsInBackground(for: exercise) }
        }

        /// Milliseconds from Enter to the feedback text, as `LessonSession.answer` spends them;
        /// each answer in a copy of the learner's session, so one cannot change the next.
        func feedback(_ answer: String, language: Language) -> (Double, String) {
            let session = learner.copy()
            let start = DispatchTime.now().uptimeNanoseconds
            let verdict: Verdict
            if exercise.kind == .choice {
                verdict = grader.grade(answer, for: exercise, language: language)
            } else {
                let ran = Result { () throws(LanguageError) in try session.run(answer) }
                _ = grader.waitForMutants(of: exercise) { false }
                switch ran {
                case .success(.none): verdict = grader.grade(answer, for: exercise, language: language)
                case .success(let value):
                    verdict = grader.grade(value: value, for: exercise, language: language)
                case .failure(let error):
                    verdict = Verdict(
                        status: .error, maxPoints: exercise.points,
                        note: .verbatim(error.diagnostic(source: answer, language: language)),
                        language: language)
                }
            }
            // The text the REPL shows: the brief form when it draws the picture itself.
            let renderer = VerdictRenderer(exercise: exercise, language: language)
            let text = renderer.picture(verdict) == nil ? renderer.message(verdict) : renderer.brief(verdict)
            let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
            // A wrong answer with nothing to say is counted apart in `statuses`.
            return (milliseconds, text.isEmpty && !verdict.passed ? "no-feedback" : verdict.status.rawValue)
        }
    }

    /// The first `count` wrong answers of each exercise in a wrong-answers.yaml corpus; none when
    /// the file is missing or unreadable.
    static func corpusAnswers(at path: String, count: Int) -> [String: [String]] {
        guard count > 0, let text = try? String(contentsOfFile: path, encoding: .utf8),
            let top = (try? Yams.load(yaml: text)) as? [String: Any]
        else { return [:] }
        var answers: [String: [String]] = [:]
        for (key, entry) in top {
            let wrong = ((entry as? [String: Any])?["wrong"] as? [[String: Any]]) ?? []
            answers[key] = Array(wrong.compactMap { $0["answer"] as? String }.prefix(count))
        }
        return answers
    }

    static func loadAverage() -> [Double] {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return [] }
        return text.split(separator: " ").prefix(3).compactMap { Double($0) }
    }

    // MARK: - JSON

    private func report(_ rows: [Row], wall: Double, load: ([Double], [Double])) -> String {
        func stats(_ values: [Double]) -> [String: Any] {
            let sorted = values.sorted()
            guard !sorted.isEmpty else { return ["n": 0] }
            // Nearest rank.
            let rank = { (p: Double) in sorted[max(0, Int((p * Double(sorted.count)).rounded(.up)) - 1)] }
            return [
                "n": sorted.count, "median": Self.round(rank(0.5)), "p95": Self.round(rank(0.95)),
                "max": Self.round(sorted[sorted.count - 1]),
            ]
        }
        let firstPlain = rows.map(\.firstWithoutBackground)
        let firstAtOnce = rows.map(\.firstAtOnce)
        let firstRead = rows.map(\.firstAfterReading)
        let later = rows.flatMap(\.later)
        let median = { (values: [Double]) in values.sorted()[values.count / 2] }
        var overall: [String: Any] = [
            "first_without_background_ms": stats(firstPlain),
            "first_at_once_ms": stats(firstAtOnce),
            "first_after_reading_ms": stats(firstRead),
            "later_ms": stats(later),
            "every_answer_after_reading_ms": stats(firstRead + later),
            "answers_over_50ms_after_reading": (firstRead + later).filter { $0 >= 50 }.count,
        ]
        if !rows.isEmpty {
            // Ratios against the peer measured in this run: the same first answers, nothing computed ahead.
            overall["first_after_reading_vs_without_background_median"] = Self.round(
                median(firstRead) / max(median(firstPlain), 1e-9), digits: 3)
            overall["first_at_once_vs_without_background_median"] = Self.round(
                median(firstAtOnce) / max(median(firstPlain), 1e-9), digits: 3)
        }
        let exercises: [[String: Any]] = rows.map { row in
            var entry: [String: Any] = [
                "exercise": row.key, "answers": row.answers,
                "first_without_background_ms": Self.round(row.firstWithoutBackground),
                "first_at_once_ms": Self.round(row.firstAtOnce),
                "first_after_reading_ms": Self.round(row.firstAfterReading),
                "read_s": Self.round(row.readFor, digits: 2),
                "later_ms": stats(row.later), "statuses": row.statuses,
            ]
            if let mutants = row.mutants { entry["mutants_ms"] = Self.round(mutants) }
            if let counts = row.counts {
                entry["mutant_values"] = counts.values
                entry["mutant_values_explained"] = counts.explained
            }
            return entry
        }
        let slowest = rows.filter { $0.mutants != nil }.sorted { $0.mutants! > $1.mutants! }.prefix(10)
        #if DEBUG
            let build = "debug"
        #else
            let build = "release"
        #endif
        let document: [String: Any] = [
            "benchmark": "feedback", "course": course, "build": build, "language": lang,
            "cores": ProcessInfo.processInfo.activeProcessorCount,
            "load_average_before": load.0, "load_average_after": load.1,
            "read_seconds": readSeconds, "repeats": repeats, "wall_s": Self.round(wall, digits: 2),
            "overall": overall,
            "mutants_total_ms": Self.round(rows.compactMap(\.mutants).reduce(0, +)),
            "slowest_mutants": slowest.map {
                ["exercise": $0.key, "mutants_ms": Self.round($0.mutants ?? 0)]
            },
            "exercises": exercises,
        ]
        let data =
            (try? JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys]))
            ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    static func round(_ value: Double, digits: Int = 1) -> Double {
        let scale = pow(10, Double(digits))
        return (value * scale).rounded() / scale
    }
}
