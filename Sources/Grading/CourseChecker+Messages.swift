import AnswerLanguage
import Course

extension CourseChecker {
    /// Every message a recorded wrong answer would be shown, in every language of the course: the
    /// messages of the named mistakes whose `when` holds for it and of the checks it fails (those
    /// that fail plainly, or all when every failing check raised an error, as the grader picks
    /// them). One whose `{expr}` cannot be evaluated for that answer would never reach a learner
    /// (the grader falls back), but the author meant it to: it is reported, with the expression
    /// and why it fails.
    /// - Parameters:
    ///   - exercise: The default language's exercise.
    ///   - translations: The same exercise in each other language of the course.
    ///   - verdicts: The grader's verdicts on the recorded wrong answers, already made.
    func renderingProblems(
        of exercise: Exercise, translations: [Exercise], prepared: PreparedExercise,
        verdicts: [Solution.WrongAnswer: Verdict], grader: Grader
    ) -> [CourseProblem] {
        guard let solution = exercise.solution, exercise.compare || !exercise.checks.isEmpty else {
            return []
        }
        var problems: [CourseProblem] = []
        var reported: Set<String> = []
        for wrong in solution.wrong {
            let session = prepared.session()
            let answer: Value
            if exercise.kind == .choice {
                guard
                    case .success(let ids) = ChoiceAnswer.parse(
                        wrong.answer.text, choices: exercise.choices.map(\.id), multiple: exercise.multiple)
                else { continue }
                answer = ChoiceAnswer.value(ids, multiple: exercise.multiple)
            } else {
                guard let value = try? session.run(wrong.answer.text) else { continue }
                answer = value
            }
            session.interpreter.bind("answer", answer)
            session.interpreter.bind("expected", prepared.expected)
            let holding = Set(
                exercise.mistakes.filter {
                    ValueConversion.truthy((try? session.evaluate($0.when.text)) ?? .bool(false))
                }.map(\.id))
            // The checks the grader showed (or would show, when a translation's mistake cannot be
            // said): taken from its verdict rather than run again, since checks may train a network.
            let verdict = verdicts[wrong] ?? grader.grade(wrong.answer.text, for: exercise)
            let checkFindings = verdict.findings.filter { $0.source == .check }.map(\.id)
            let shownChecks = Set(checkFindings.isEmpty ? verdict.failedChecks : checkFindings)
            for version in [exercise] + translations {
                // As the grader picks them: the holding mistakes in order until one renders; when
                // none does, the failing checks.
                var messages: [(what: String, template: String, location: CourseLocation)] = []
                var mistakeShown = false
                for mistake in version.mistakes where holding.contains(mistake.id) {
                    messages.append(("mistake '\(mistake.id)'", mistake.message, mistake.location))
                    if failingExpression(in: mistake.message, session: session) == nil {
                        mistakeShown = true
                        break
                    }
                }
                if !mistakeShown {
                    for check in version.checks where shownChecks.contains(check.id) {
                        messages.append(("check '\(check.id)'", check.message, check.location))
                    }
                }
                for message in messages {
                    guard
                        let (expression, failure) = failingExpression(in: message.template, session: session)
                    else { continue }
                    let key = "\(message.location)|\(expression)|\(message.what)"
                    guard reported.insert(key).inserted else { continue }
                    problems.append(
                        CourseProblem(
                            "the message of \(message.what) of '\(exercise.id)' cannot be said for the recorded "
                                + "wrong answer `\(Self.oneLine(wrong.answer.text))` (\(wrong.answer.location)): "
                                + "'{\(expression)}' fails: \(failure)",
                            at: message.location))
                }
            }
        }
        return problems
    }

    /// The first `{expr}` of `template` that fails in `session`, with why; nil when all render.
    private func failingExpression(in template: String, session: TimedInterpreter) -> (String, String)? {
        // One that does not parse is reported by `templateProblems` already.
        for expression in MessageTemplate.expressions(in: template)
        where (try? Parser.parseExpression(expression)) != nil {
            do {
                _ = try session.evaluate(expression)
            } catch {
                return (expression, error.message(in: .english).firstLine)
            }
        }
        return nil
    }
}
