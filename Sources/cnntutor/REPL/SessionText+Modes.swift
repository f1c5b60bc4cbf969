import Wording

/// The REPL's sentences about answering and playing at an exercise, answers after the solution,
/// `:run` at an exercise, step titles and lesson ends (catalog `session`).
extension SessionText {
    private func say(_ key: SessionKey, _ arguments: [String: any MessageArgument] = [:]) -> String {
        language.say(key, arguments)
    }

    /// The prompt's word for a mode: `[2.3/7 feature-map] answer> `.
    func modeWord(_ mode: LessonSession.ExerciseMode) -> String {
        switch mode {
        case .answer: say(.modeAnswer)
        case .play: say(.modePlay)
        }
    }

    var noExerciseForMode: String { say(.noExerciseForMode) }

    var nowPlaying: String { say(.nowPlaying) }

    var nowAnswering: String { say(.nowAnswering) }

    func nowAnsweringChoice(multiple: Bool) -> String {
        say(.nowAnsweringChoice, ["choose": chooseNote(multiple: multiple)])
    }

    /// After a line in `play>` mode that would have been an answer.
    var playingNotGraded: String { say(.playingNotGraded) }

    /// A pass after the learner saw the solution.
    func correctAfterSolution(points: Int, of maxPoints: Int) -> String {
        say(.correctAfterSolution, ["points": points, "maxPoints": maxPoints])
    }

    /// After `:run` at an exercise whose example bound some of the exercise's setup names.
    func setupNamesKept(_ names: [String]) -> String {
        say(.setupNamesKept, ["names": names.joined(separator: ", "), "count": names.count])
    }

    /// Shown while an answer is being judged (erased after).
    var checkingAnswer: String { say(.checkingAnswer) }

    /// The pager's prompt between two screenfuls.
    var pagerPrompt: String { say(.pagerPrompt) }

    /// The title of a step that continues a section after its exercise.
    func continued(_ section: String) -> String { say(.continued, ["section": section]) }

    /// The end of a lesson some of whose exercises were skipped, given up or not yet passed.
    func lessonFinishedWithOpen(_ number: Int, title: String, open: [String]) -> String {
        say(
            .lessonFinishedWithOpen,
            [
                "number": number, "title": title, "count": open.count, "list": open.joined(separator: ", "),
                "first": open.first ?? "",
            ])
    }
}
