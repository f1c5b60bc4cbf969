import AnswerLanguage
import Course
import Grading
import Terminal

/// Playing at an exercise: the `play>` mode, where every line runs in the learner's session and is
/// shown, and nothing is graded or recorded. `:play` enters it, `:answer` leaves it, and a pass
/// enters it by itself, so looking around after passing never turns into a failed attempt.
extension LessonSession {
    /// `:play` / `:answer`: sets how lines at the current exercise are taken, and says so.
    func choose(mode wanted: ExerciseMode) {
        guard let exercise = currentExercise else { return say(text.noExerciseForMode) }
        var state = currentState
        state.chosenMode = wanted
        currentState = state
        switch wanted {
        case .play: say(text.nowPlaying, style: Theme.frame)
        case .answer:
            say(
                exercise.kind == .choice
                    ? text.nowAnsweringChoice(multiple: exercise.multiple) : text.nowAnswering,
                style: Theme.frame)
        }
    }

    /// A line in `play>` mode: run and shown like at the playground, never graded. Lines that
    /// change the session are kept as steps, so an answer given later that uses them re-grades.
    /// A line that would have been an answer says how to answer.
    func play(_ line: String, at exercise: Exercise) {
        if exercise.kind == .choice, case .picked = ChoiceAnswer.read(line, for: exercise, language: language)
        {
            return say(text.playingNotGraded, style: Theme.frame)
        }
        let program: Program
        do throws(LanguageError) {
            program = try Parser.parse(line)
        } catch {
            return showDiagnostic(error, source: line)
        }
        guard let value = run(line) else { return }
        keepIfItChangedTheSession(line, value: value)
        showValue(value)
        guard exercise.kind != .choice else { return }
        switch ExerciseInput(program, boundAtExercise: currentState.boundNames) {
        case .answer where value != .none: say(text.playingNotGraded, style: Theme.frame)
        default: break
        }
    }
}
