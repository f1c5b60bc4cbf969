import AnswerLanguage
import Course
import Foundation
import Grading
import Progress
import Terminal
import Wording

/// Answering exercises: binding, grading, hints, the solution, skipping; every attempt is
/// recorded the moment it is graded.
extension LessonSession {
    /// An assignment at an exercise: bound in the learner's interpreter and kept, so the graded
    /// expression that follows can use it.
    func bind(_ line: String, _ program: Program) {
        guard run(line) != nil else { return }
        var state = currentState
        state.steps.append(line)
        state.boundNames.formUnion(program.statements.flatMap(\.assignedNames))
        currentState = state
    }

    /// A look at an exercise (`show(img)`, `help(conv2d)`, a setup name): run and shown, not graded.
    func look(_ line: String) {
        guard let value = run(line) else { return }
        keepIfItChangedTheSession(line, value: value)
        showValue(value)
        sayNotGraded(text.shownNotGraded)
    }

    /// `:submit EXPR`: grades the expression as the answer even when it reads like a look.
    func submit(_ expression: String) {
        guard let exercise = currentExercise else {
            return say(text.noExerciseForAnswer)
        }
        guard exercise.kind != .choice else { return answer(expression, to: exercise) }
        switch Result(catching: { () throws(LanguageError) in try Parser.parse(expression) }) {
        case .failure(let error):
            showDiagnostic(error, source: expression)
        case .success(let program):
            if case .assignment = program.statements.last {
                return say(text.assignmentIsNotAnAnswer)
            }
            answer(expression, to: exercise, submitted: true)
        }
    }

    /// Keeps a line that ran at the exercise among its steps when it changed the session: it binds
    /// a name (`k2 = k * 2; k2.shape`) or has no value (`loss.backward()`). Later answers replay it.
    func keepIfItChangedTheSession(_ line: String, value: Value) {
        guard let program = try? Parser.parse(line),
            value == .none || program.statements.contains(where: { !$0.assignedNames.isEmpty })
        else { return }
        var state = currentState
        state.steps.append(line)
        state.boundNames.formUnion(program.statements.flatMap(\.assignedNames))
        currentState = state
    }

    /// An answer as recorded: the lines typed (or run) at the exercise, after the earlier inputs
    /// that bound names those lines use and neither the setup nor the lines bind (`fx` from an
    /// example run a step before, `g = grad_norms(…)` typed in the playground), so `grade` of the
    /// export sees what the session saw. Inputs that rebind a setup name are left out: at the
    /// exercise the session, like the grader, has the setup's values.
    func recordedAnswer(_ lines: [String], for exercise: Exercise) -> String {
        let setup = Set(setupNames(exercise))
        let bound = lines.reduce(into: setup) { names, line in
            names.formUnion((try? Parser.parse(line))?.statements.flatMap(\.assignedNames) ?? [])
        }
        var needed = lines.reduce(into: Set<String>()) { $0.formUnion(SourceNames.mentioned(in: $1)) }
            .subtracting(bound)
        var earlier: [String] = []
        for entry in bindings.reversed() where !needed.isEmpty {
            guard !entry.names.isDisjoint(with: needed), entry.names.isDisjoint(with: setup),
                !lines.contains(entry.source)
            else { continue }
            earlier.insert(entry.source, at: 0)
            needed.subtract(entry.names)
            needed.formUnion(
                SourceNames.mentioned(in: entry.source).subtracting(entry.names).subtracting(setup))
        }
        return (earlier + lines).joined(separator: "\n")
    }

    /// Runs `judge` with "checking your answer…" on the line meanwhile (on a terminal only, erased
    /// after): judging an answer that trains or measures a network takes seconds (06/plain-bn-ratio
    /// took 5–14 s on a loaded machine) and the screen said nothing.
    func checking<T>(_ judge: () -> T) -> T {
        guard io.screen.capabilities.isTTY else { return judge() }
        io.screen.write(Theme.frame.apply(text.checkingAnswer, at: colorLevel))
        defer { io.screen.write("\r\u{1B}[K") }
        return judge()
    }

    /// Waits for the exercise's misconception mutants when their computation, started when the
    /// exercise was shown, is still running (the learner answered within seconds); false when
    /// Ctrl-C stopped the wait (the computation goes on, so the next answer waits less).
    func mutantsReady(for exercise: Exercise) -> Bool {
        guard !grader.mutantsReady(for: exercise) else { return true }
        let interrupts = io.interrupts
        interrupts.reset()
        return interrupts.whileRunning(onInterrupt: {}) {
            grader.waitForMutants(of: exercise) { interrupts.isInterrupted }
        }
    }

    /// The note after a line that ran but was not graded, while the exercise still waits.
    func sayNotGraded(_ note: String) {
        guard let exercise = currentExercise, !isSettled(exercise) else { return }
        say(note, style: Theme.frame)
    }

    /// Grades `line` (after the steps typed at this exercise) and tells the verdict.
    /// - Parameters:
    ///   - input: `.inspection` when the line reads a size or type: graded only when its value is
    ///     the expected answer's sort, otherwise shown.
    ///   - submitted: Typed with `:submit`: graded whatever it is, even with no value.
    func answer(
        _ line: String, to exercise: Exercise, as input: ExerciseInput = .answer, submitted: Bool = false
    ) {
        guard let lesson = currentLesson else { return }
        let state = currentState
        let answerText = exercise.kind == .choice ? line : recordedAnswer(state.steps + [line], for: exercise)
        var verdict: Verdict
        let started = io.clock.now()
        if exercise.kind == .choice {
            verdict = grader.grade(answerText, for: exercise, language: language)
        } else {
            // Evaluated in the learner's own session (earlier bindings visible, Ctrl-C stops it,
            // training shows its bar), then judged by the grader like a typed answer's value.
            switch execute(line) {
            case .success(.none) where !submitted:
                // A line with no value (`loss.backward()`) was a step towards the answer; one that
                // reads a value that is None (`img.grad`) was likely meant as the answer.
                keepIfItChangedTheSession(line, value: .none)
                return sayNotGraded(Self.readsAValue(line) ? text.noneValueNotGraded : text.noValueNotGraded)
            case .success(let value)
            where input == .inspection && !submitted && !inspectionAnswers(value, exercise: exercise):
                keepIfItChangedTheSession(line, value: value)
                showValue(value)
                return sayNotGraded(text.shownNotGraded)
            case .success(.none):
                guard checking({ mutantsReady(for: exercise) }) else {
                    return say(text.stoppedNotGraded, style: Theme.frame)
                }
                verdict = grader.grade(answerText, for: exercise, language: language)
            case .success(let value):
                let judged = checking {
                    mutantsReady(for: exercise)
                        ? grader.grade(value: value, for: exercise, language: language, source: line) : nil
                }
                keepIfItChangedTheSession(line, value: value)
                guard let judged else { return say(text.stoppedNotGraded, style: Theme.frame) }
                verdict = judged
            case .failure(let error) where error.kind == .cancelled:
                return say(text.stoppedNotGraded, style: Theme.frame)
            case .failure(let error) where input == .inspection && !submitted:
                // With no value there is no telling whether it answers; a failed look is no attempt.
                return showDiagnostic(error, source: line)
            case .failure(let error):
                verdict = Verdict(
                    status: .error, maxPoints: exercise.points,
                    note: .verbatim(error.diagnostic(source: line, language: language)), language: language)
            }
            // The time recorded covers running the answer as well as judging it.
            let elapsed = io.clock.now() - started
            verdict.durationMilliseconds = Int(
                elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
        }
        // Once the learner has seen the solution, an answer is worth what the course says.
        let afterSolution = sawCurrentSolution
        if afterSolution { verdict = verdict.cappedAfterSolution(at: course.afterSolutionPoints) }
        record(
            Attempt(
                profile: settings.profile, course: course.id, courseVersion: String(course.version),
                key: ExerciseKey(lesson: lesson.id, exercise: exercise.id), answer: answerText,
                verdict: AttemptVerdict(verdict.status), points: Double(verdict.points),
                maxPoints: Double(verdict.maxPoints), mistake: verdict.mistake, hintsUsed: state.hintsShown,
                durationMilliseconds: verdict.durationMilliseconds, date: io.now(),
                afterSolution: afterSolution))
        tally.answers += 1
        if verdict.passed {
            let first = !state.passed && !passedBefore.contains("\(lesson.id)/\(exercise.id)")
            var passed = currentState
            passed.passed = true
            // Back to the default, which after a pass is playing: nothing more is graded unasked.
            passed.chosenMode = nil
            currentState = passed
            if first {
                tally.passed += 1
                tally.points += verdict.points
            }
            say(
                afterSolution
                    ? text.correctAfterSolution(points: verdict.points, of: verdict.maxPoints)
                    : text.correct(points: verdict.points, of: verdict.maxPoints),
                style: Theme.good)
            say(text.continueAfterPass(solutionsShown: course.solutionPolicy != .never), style: Theme.frame)
            return
        }
        tell(verdict, about: exercise)
    }

    /// Whether an inspection's value is the sort of thing the exercise expects (a shape for a shape,
    /// a number for a number); when the expected value cannot be computed the grader says why.
    func inspectionAnswers(_ value: Value, exercise: Exercise) -> Bool {
        guard let expected = try? grader.expected(for: exercise) else { return true }
        return ExerciseInput.answers(value, expected: expected)
    }

    /// Shows a failing verdict about `exercise`: the named mistake or diagnosis, with matrices side
    /// by side, rendered from its findings in the session's language.
    func tell(_ verdict: Verdict, about exercise: Exercise) {
        let renderer = VerdictRenderer(exercise: exercise, language: language)
        switch verdict.status {
        case .pass: return
        case .error:
            say(text.didNotRun, style: Theme.bad)
            io.screen.writeLines(diagnosticLines(renderer.message(verdict)))
        case .timeout:
            say(text.stopped(renderer.message(verdict)), style: Theme.bad)
        case .fail:
            // A named mistake is named by its title in the session's language; its id is a name in
            // the course's own language, said only there.
            let name =
                renderer.mistakeTitle(verdict)
                ?? (language == course.defaultLanguage ? verdict.mistake : nil)
            say(text.notYet(mistake: name, points: verdict.points, of: verdict.maxPoints), style: Theme.bad)
            let picture = renderer.picture(verdict)
            // The picture marks the differing cells, so their list would only repeat it.
            let message = picture == nil ? renderer.message(verdict) : renderer.brief(verdict)
            io.screen.writeLines(render(message.trimmingCharacters(in: .whitespacesAndNewlines)))
            if let picture {
                io.screen.writeLines(
                    picture.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
            }
        }
        let hintsLeft = currentExercise.map { $0.hints.count - currentState.hintsShown } ?? 0
        say(text.tryAgain(hintsLeft: hintsLeft > 0), style: Theme.frame)
    }

    /// The exercise's next hint.
    func hint() {
        guard let exercise = currentExercise else {
            return say(text.noExerciseForHint)
        }
        var state = currentState
        guard state.hintsShown < exercise.hints.count else {
            return say(text.noMoreHints(seen: exercise.hints.count))
        }
        state.hintsShown += 1
        currentState = state
        io.screen.writeLines(
            render(
                text.hintHeading(state.hintsShown, of: exercise.hints.count)
                    + exercise.hints[state.hintsShown - 1]))
    }

    /// The reference answer, as the course's policy allows; asking before passing is giving up.
    func solution() {
        guard let lesson = currentLesson, let exercise = currentExercise else {
            return say(text.noExerciseForSolution)
        }
        guard let reference = exercise.solution?.reference else {
            return say(text.noSolution)
        }
        var state = currentState
        switch course.solutionPolicy {
        case .never:
            return say(text.solutionsNeverShown)
        case .afterPassOrGiveUp where !isSettled(exercise) || (state.skipped && !state.gaveUp):
            guard confirm(text.confirmGiveUp) else {
                return say(text.keepGoing)
            }
            recordGiveUp(of: exercise, in: lesson, state: &state)
        case .always where !currentPassed && !sawCurrentSolution:
            // Seen before a pass: recorded as a give-up, so the record tells the truth.
            recordGiveUp(of: exercise, in: lesson, state: &state)
        case .afterPassOrGiveUp, .always:
            break
        }
        state = currentState
        state.sawSolution = true
        currentState = state
        // A choice's solution is its right choices as the exercise lists them, not a bare letter
        // in a code box.
        let ids = reference.text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
        let picked = exercise.choices.filter { ids.contains($0.id.lowercased()) }
        if exercise.kind == .choice && !picked.isEmpty {
            io.screen.writeLines(
                render(
                    text.solutionHeading + "\n\n"
                        + picked.map { "- **\($0.id)**: \($0.text)" }.joined(separator: "\n")
                ))
        } else {
            io.screen.writeLines(
                render(text.solutionHeading + "\n\n```cnn\n\(reference.text.trimmingTrailingNewlines())\n```")
            )
        }
        say(text.enterContinues, style: Theme.frame)
    }

    /// Moves past the exercise without answering (recorded), or on, at a step without one.
    func skip() {
        guard let lesson = currentLesson else { return say(text.noLessonOpen) }
        if let exercise = currentExercise, !isSettled(exercise) {
            var state = currentState
            state.skipped = true
            currentState = state
            record(
                Attempt(
                    profile: settings.profile, course: course.id, courseVersion: String(course.version),
                    key: ExerciseKey(lesson: lesson.id, exercise: exercise.id), answer: nil,
                    verdict: .skipped,
                    points: 0, maxPoints: Double(exercise.points), hintsUsed: state.hintsShown, date: io.now()
                ))
            say(text.skipped(exercise.id), style: Theme.frame)
        }
        next()
    }

    /// Marks the exercise given up and records it so (no answer, no points), so the record tells
    /// the truth about a pass that comes after the solution.
    func recordGiveUp(of exercise: Exercise, in lesson: Lesson, state: inout ExerciseState) {
        state.gaveUp = true
        currentState = state
        record(
            Attempt(
                profile: settings.profile, course: course.id, courseVersion: String(course.version),
                key: ExerciseKey(lesson: lesson.id, exercise: exercise.id), answer: nil, verdict: .gaveUp,
                points: 0, maxPoints: Double(exercise.points), hintsUsed: state.hintsShown, date: io.now()
            ))
    }

    /// Writes an attempt to the progress store now.
    func record(_ attempt: Attempt) {
        saving { try io.progress.record(attempt) }
    }
}

extension AttemptVerdict {
    /// The stored verdict for a grader's verdict.
    init(_ status: Verdict.Status) {
        switch status {
        case .pass: self = .pass
        case .fail: self = .fail
        case .error: self = .error
        case .timeout: self = .timeout
        }
    }
}

extension LessonSession {
    /// Whether `line`'s last statement reads a value (`img.grad`, `y`, `xs[0]`) rather than calls
    /// something for its effect (`loss.backward()`, `print(…)`): a None there is a value the
    /// learner asked for, not a step.
    static func readsAValue(_ line: String) -> Bool {
        guard let program = try? Parser.parse(line), case .expression(let last) = program.statements.last
        else {
            return false
        }
        if case .call = last.kind { return false }
        return true
    }
}
