import Terminal
import Wording

/// The tutor's own words around the lesson text, in the learner's language.
///
/// Lesson text comes translated from the course; these are the sentences the REPL itself says
/// while a learner works through a step or an exercise. Each is a `SessionKey` said from the
/// catalog `session` (`Sources/Wording/Catalogs/<language>/session.json`); this type gives them
/// typed arguments. A language without a catalog of its own is said in English.
struct SessionText {
    let language: Language

    private func say(_ key: SessionKey, _ arguments: [String: any MessageArgument] = [:]) -> String {
        language.say(key, arguments)
    }

    private static func flag(_ value: Bool) -> String { value ? "yes" : "no" }

    func stepPosition(_ step: Int, of count: Int) -> String {
        say(.stepPosition, ["step": step, "count": count])
    }

    func continueStep(last: Bool, hasExample: Bool) -> String {
        say(.continueStep, ["last": Self.flag(last), "example": Self.flag(hasExample)])
    }

    func exerciseHeading(_ id: String, points: Int) -> String {
        say(.exerciseHeading, ["id": id, "points": points])
    }

    var settledAfterSkipping: String { say(.settledAfterSkipping) }

    var settledAfterPassing: String { say(.settledAfterPassing) }

    func chooseNote(multiple: Bool) -> String { say(multiple ? .chooseSeveral : .chooseOne) }

    func answerNote(hints: Int) -> String { say(.answerNote, ["hints": hints]) }

    /// After a look at an exercise (`show(img)`, `img`, `y.shape` when a tensor is wanted).
    var shownNotGraded: String { say(.shownNotGraded) }

    /// After code at a choice exercise (`conv2d(img, k)`, `img.shape`), which only the ids answer.
    func notGradedAtChoice(multiple: Bool) -> String {
        say(multiple ? .notGradedAtChoiceSeveral : .notGradedAtChoiceOne)
    }

    /// After a line with no value at an exercise (`loss.backward()`).
    var noValueNotGraded: String { say(.noValueNotGraded) }

    /// After a line that reads a value which is None at an exercise (`img.grad` before a backward
    /// pass reached `img`): the learner likely meant it as the answer, so why it is None is said.
    var noneValueNotGraded: String { say(.noneValueNotGraded) }

    func correct(points: Int, of maxPoints: Int) -> String {
        say(.correct, ["points": points, "maxPoints": maxPoints])
    }

    func continueAfterPass(solutionsShown: Bool) -> String {
        say(.continueAfterPass, ["solutions": Self.flag(solutionsShown)])
    }

    var didNotRun: String { say(.didNotRun) }

    func stopped(_ message: String) -> String { say(.stopped, ["message": message]) }

    /// "Not yet", with the named mistake and the partial points when there are any.
    func notYet(mistake: String?, points: Int, of maxPoints: Int) -> String {
        say(
            .notYet,
            [
                "named": Self.flag(mistake != nil), "mistake": mistake ?? "", "points": points,
                "maxPoints": maxPoints,
            ])
    }

    func tryAgain(hintsLeft: Bool) -> String { say(hintsLeft ? .tryAgainWithHints : .tryAgain) }

    func hintHeading(_ shown: Int, of count: Int) -> String {
        say(.hintHeading, ["shown": shown, "count": count])
    }

    var enterContinues: String { say(.enterContinues) }

    var answerReminder: String { say(.answerReminder) }

    /// Enter at an unanswered choice exercise.
    func choiceReminder(multiple: Bool) -> String {
        say(.choiceReminder, ["note": chooseNote(multiple: multiple)])
    }

    // MARK: - Training

    /// The words of `train(...)`'s live bar and loss curve.
    var trainingLabel: String { say(.trainingLabel) }
    var epochLabel: String { say(.epochLabel) }
    var lossLabel: String { say(.lossLabel) }
    var accuracyLabel: String { say(.accuracyLabel) }
    var testLabel: String { say(.testLabel) }
    var lossCurveTitle: String { say(.lossCurveTitle) }
    var lossPerStep: String { say(.lossPerStep) }
    var trainingTimes: ProgressBar.TimeWords {
        ProgressBar.TimeWords(elapsed: say(.elapsed), left: say(.left))
    }

    /// The one-line summary on leaving.
    func goodbye(answers: Int, passed: Int, points: Int, savedIn directory: String?) -> String {
        say(
            .goodbye,
            [
                "answers": answers, "passed": passed, "points": points, "saved": directory == nil ? "" : "in",
                "directory": directory ?? "",
            ])
    }
}
