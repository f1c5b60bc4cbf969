import AnswerLanguage
import Course
import Foundation
import Grading
import Progress
import Terminal

/// Answering exercises: binding, grading, hints, the solution, skipping; every attempt is
/// recorded the moment it is graded.
extension LessonSession {
    /// An assignment at an exercise: bound in the learner's interpreter and kept, so the graded
    /// expression that follows can use it.
    func bind(_ line: String) {
        guard run(line) != nil else { return }
        currentState.assignments.append(line)
    }

    /// Grades `line` (after the assignments typed at this exercise) and tells the verdict.
    func answer(_ line: String, to exercise: Exercise) {
        guard let lesson = currentLesson else { return }
        var state = currentState
        let answerText =
            exercise.kind == .choice ? line : (state.assignments + [line]).joined(separator: "\n")
        var verdict: Verdict
        let started = io.clock.now()
        if exercise.kind == .choice {
            verdict = grader.grade(answerText, for: exercise)
        } else {
            // Evaluated in the learner's own session (earlier bindings visible, Ctrl-C stops it,
            // training shows its bar), then judged by the grader like a typed answer's value.
            switch execute(line) {
            case .success(.none):
                verdict = grader.grade(answerText, for: exercise)
            case .success(let value):
                verdict = grader.grade(value: value, for: exercise)
            case .failure(let error) where error.kind == .cancelled:
                return say("Stopped (Ctrl-C); that answer was not graded.", style: Theme.frame)
            case .failure(let error):
                verdict = Verdict(
                    status: .error, points: 0, maxPoints: exercise.points,
                    message: error.diagnostic(source: line))
            }
            // The time recorded covers running the answer as well as judging it.
            let elapsed = io.clock.now() - started
            verdict.durationMilliseconds = Int(
                elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
        }
        record(
            Attempt(
                profile: settings.profile, course: course.id, courseVersion: String(course.version),
                key: ExerciseKey(lesson: lesson.id, exercise: exercise.id), answer: answerText,
                verdict: AttemptVerdict(verdict.status), points: Double(verdict.points),
                maxPoints: Double(verdict.maxPoints), mistake: verdict.mistake, hintsUsed: state.hintsShown,
                durationMilliseconds: verdict.durationMilliseconds, date: io.now()))
        tally.answers += 1
        if verdict.passed {
            let first = !state.passed && !passedBefore.contains("\(lesson.id)/\(exercise.id)")
            state.passed = true
            currentState = state
            if first {
                tally.passed += 1
                tally.points += verdict.points
            }
            say(text.correct(points: verdict.points, of: verdict.maxPoints), style: Theme.good)
            say(text.continueAfterPass(solutionsShown: course.solutionPolicy != .never), style: Theme.frame)
            return
        }
        tell(verdict)
    }

    /// Shows a failing verdict: the named mistake or diagnosis, with matrices side by side.
    func tell(_ verdict: Verdict) {
        switch verdict.status {
        case .pass: return
        case .error:
            say(text.didNotRun, style: Theme.bad)
            io.screen.writeLines(
                verdict.message.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        case .timeout:
            say(text.stopped(verdict.message), style: Theme.bad)
        case .fail:
            say(
                text.notYet(mistake: verdict.mistake, points: verdict.points, of: verdict.maxPoints),
                style: Theme.bad)
            var message = verdict.message
            let picture = verdict.diagnosis?.sideBySide
            if let diagnosis = verdict.diagnosis, picture != nil {
                // The picture marks the differing cells, so their list would only repeat it.
                message = message.replacingOccurrences(of: diagnosis.fullText, with: diagnosis.message)
            }
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
            return say("Hints belong to exercises; this step has none.")
        }
        var state = currentState
        guard state.hintsShown < exercise.hints.count else {
            return say(
                exercise.hints.isEmpty
                    ? "This exercise has no hints."
                    : "No more hints (you have seen all \(exercise.hints.count)).")
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
            return say("Solutions belong to exercises; this step has none.")
        }
        guard let reference = exercise.solution?.reference else {
            return say("This exercise has no recorded solution.")
        }
        var state = currentState
        switch course.solutionPolicy {
        case .never:
            return say("This course does not show solutions.")
        case .afterPassOrGiveUp where !isSettled(exercise) || (state.skipped && !state.gaveUp):
            guard confirm("Give up on this exercise and see the solution?") else {
                return say("Keep going — :hint may help.")
            }
            state.gaveUp = true
            currentState = state
            record(
                Attempt(
                    profile: settings.profile, course: course.id, courseVersion: String(course.version),
                    key: ExerciseKey(lesson: lesson.id, exercise: exercise.id), answer: nil, verdict: .gaveUp,
                    points: 0, maxPoints: Double(exercise.points), hintsUsed: state.hintsShown, date: io.now()
                ))
        case .afterPassOrGiveUp, .always:
            break
        }
        io.screen.writeLines(
            render("**Solution:**\n\n```cnn\n\(reference.text.trimmingTrailingNewlines())\n```"))
        say(text.enterContinues, style: Theme.frame)
    }

    /// Moves past the exercise without answering (recorded), or on, at a step without one.
    func skip() {
        guard let lesson = currentLesson else { return say("No lesson is open; :lessons shows them.") }
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
            say("Skipped \(exercise.id); :goto \(exercise.id) brings you back.", style: Theme.frame)
        }
        next()
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
