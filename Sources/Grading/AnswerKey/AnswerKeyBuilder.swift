import AnswerLanguage
import Course
import Wording

/// Builds the answer key by running the course: each expected value comes from the engine, each
/// wrong answer's mistake and message from grading it.
public struct AnswerKeyBuilder: Sendable {
    /// The settings answers are graded under.
    public var options: GradingOptions

    /// Creates a builder.
    public init(options: GradingOptions = GradingOptions()) {
        self.options = options
    }

    /// The key of `course` in `language` (the default language when nil); untranslated text falls
    /// back to the default language. The grader's messages to wrong answers are in that language
    /// too, whatever `options.language` says.
    public func build(_ course: Course, language: Language? = nil) -> AnswerKey {
        let language = language ?? course.defaultLanguage
        var options = options
        options.language = language
        let grader = Grader(options: options)
        let lessons = course.lessons(in: language).map { lesson in
            AnswerKey.LessonKey(
                id: lesson.id, title: lesson.title,
                exercises: lesson.exercises.map { key(for: $0, lesson: lesson.id, grader: grader) })
        }
        return AnswerKey(
            course: course.id, version: course.version, language: language, title: course.title(in: language),
            lessons: lessons)
    }

    private func key(for exercise: Exercise, lesson: String, grader: Grader) -> AnswerKey.ExerciseKey {
        var expectedText = ""
        var expectedNumbers: NumericArray?
        var problem: String?
        do {
            let expected = try grader.expected(for: exercise)
            expectedText = ValueConversion.text(expected)
            if exercise.kind != .choice, exercise.kind != .model {
                expectedNumbers = ValueConversion.numeric(expected)
            }
            if exercise.kind == .model {
                expectedText = grader.options.language.say(try grader.modelSummary(for: exercise))
            }
            if exercise.kind == .choice {
                let ids: [String] =
                    switch expected {
                    case .list(let items): items.map(ValueConversion.text)
                    default: [ValueConversion.text(expected)]
                    }
                expectedText = ids.joined(separator: ", ")
            }
        } catch {
            problem = error.description
        }
        let renderer = VerdictRenderer(exercise: exercise, language: grader.options.language)
        let wrong = (exercise.solution?.wrong ?? []).map { wrong in
            let verdict = grader.grade(wrong.answer.text, for: exercise)
            return AnswerKey.WrongAnswerKey(
                answer: wrong.answer.text, recordedMistake: wrong.mistake, status: verdict.status,
                mistake: verdict.mistake, message: renderer.message(verdict), points: verdict.points,
                findings: verdict.findings.map(\.label))
        }
        return AnswerKey.ExerciseKey(
            id: exercise.id, key: "\(lesson)/\(exercise.id)", kind: exercise.kind.rawValue,
            points: exercise.points,
            prompt: exercise.prompt.trimmed, setup: exercise.setup?.text.trimmed,
            reference: exercise.solution?.reference.text.trimmed ?? "",
            alternatives: exercise.solution?.alternatives.map(\.text.trimmed) ?? [],
            expectedText: expectedText,
            expectedNumbers: expectedNumbers, hints: exercise.hints,
            checks: exercise.checks.map {
                .init(id: $0.id, expect: $0.expect.text.trimmed, message: $0.message, points: $0.points)
            },
            mistakes: exercise.mistakes.map {
                .init(id: $0.id, when: $0.when.text.trimmed, message: $0.message, title: $0.title)
            },
            choices: exercise.choices.map { ($0.id, $0.text) }, wrongAnswers: wrong, problem: problem,
            why: (exercise.solution?.why ?? [:]).compactMapValues { $0.text(in: grader.options.language) })
    }
}

extension String {
    /// Without leading and trailing blank lines and spaces.
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
