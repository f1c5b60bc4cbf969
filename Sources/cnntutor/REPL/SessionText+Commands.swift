import Foundation
import Wording

/// The REPL's sentences around commands, navigation and running code, in the learner's language.
///
/// Kept apart from `SessionText.swift`, which holds what is said at a step or an exercise; both say
/// their sentences from the catalog `session`.
extension SessionText {
    private func say(_ key: SessionKey, _ arguments: [String: any MessageArgument] = [:]) -> String {
        language.say(key, arguments)
    }

    // MARK: Running code

    var stoppedKeepingBindings: String { say(.stoppedKeepingBindings) }

    var stoppedNotGraded: String { say(.stoppedNotGraded) }

    func setupFailed(_ error: String) -> String { say(.setupFailed, ["error": error]) }

    var noExample: String { say(.noExample) }

    func couldNotSave(_ error: String) -> String { say(.couldNotSave, ["error": error]) }

    // MARK: Exercises

    var noExerciseForAnswer: String { say(.noExerciseForAnswer) }

    var assignmentIsNotAnAnswer: String { say(.assignmentIsNotAnAnswer) }

    var noExerciseForHint: String { say(.noExerciseForHint) }

    func noMoreHints(seen count: Int) -> String {
        count == 0 ? say(.noHints) : say(.noMoreHints, ["count": count])
    }

    var noExerciseForSolution: String { say(.noExerciseForSolution) }

    var noSolution: String { say(.noSolution) }

    var solutionsNeverShown: String { say(.solutionsNeverShown) }

    var confirmGiveUp: String { say(.confirmGiveUp) }

    var keepGoing: String { say(.keepGoing) }

    var solutionHeading: String { say(.solutionHeading) }

    func skipped(_ id: String) -> String { say(.skipped, ["id": id]) }

    var waitsForAnswer: String { say(.waitsForAnswer) }

    // MARK: Lessons and navigation

    var noLessonOpen: String { say(.noLessonOpen) }

    var firstStep: String { say(.firstStep) }

    func couldNotOpenProfile(_ profile: String, _ error: String) -> String {
        say(.couldNotOpenProfile, ["profile": profile, "error": error])
    }

    /// `learn` could not open the progress database in `directory` (said before a session starts).
    func cannotOpenProgress(_ directory: String, _ error: String) -> String {
        say(.cannotOpenProgress, ["directory": directory, "error": error])
    }

    func noSuchLanguage(_ asked: String, languages: String) -> String {
        say(.noSuchLanguage, ["asked": asked, "languages": languages])
    }

    func welcome(profile: String) -> String {
        say(.welcome, ["profile": profile, "language": language.code])
    }

    func damagedDatabase(reason: String, movedTo: String) -> String {
        say(.damagedDatabase, ["reason": reason, "movedTo": movedTo])
    }

    func noLesson(_ name: String) -> String { say(.noLesson, ["name": name]) }

    func noLesson(_ name: String, lessons: String) -> String {
        say(.noLessonListing, ["name": name, "lessons": lessons])
    }

    func welcomeBack(lesson: Int, step: Int) -> String {
        say(.welcomeBack, ["lesson": lesson, "step": step])
    }

    func menuPrompt(minutes: Int, lesson: Int, title: String) -> String {
        say(.menuPrompt, ["minutes": minutes, "lesson": lesson, "title": title])
    }

    /// The menu's prompt once every lesson has been gone through, some exercises still open.
    func menuPromptOpen(open: Int, lesson: Int, title: String) -> String {
        say(.menuPromptOpen, ["open": open, "lesson": lesson, "title": title])
    }

    /// The menu's prompt once the whole course is done.
    var menuPromptFinished: String { say(.menuPromptFinished) }

    func lessonOverview(steps: Int, exercises: Int, minutes: Int) -> String {
        say(.lessonOverview, ["steps": steps, "exercises": exercises, "minutes": minutes])
    }

    func lessonComplete(_ number: Int, title: String) -> String {
        say(.lessonComplete, ["number": number, "title": title])
    }

    func noExercise(_ target: String, here known: String) -> String {
        say(.noExercise, ["target": target, "known": known, "listed": known.isEmpty ? "no" : "yes"])
    }

    func languages(_ list: String) -> String { say(.languages, ["list": list, "language": language.code]) }

    /// Said after `:lang` switched; `language` is already the new one.
    var languageSwitched: String { say(.languageSwitched, ["language": language.code]) }

    var whichLessonToReset: String { say(.whichLessonToReset) }

    func confirmReset(_ number: Int, title: String) -> String {
        say(.confirmReset, ["number": number, "title": title])
    }

    var nothingReset: String { say(.nothingReset) }

    func lessonReset(_ number: Int) -> String { say(.lessonReset, ["number": number]) }

    /// The `[y/N]` after a yes/no question.
    var yesNo: String { say(.yesNo) }

    /// Whether `answer` to a yes/no question is yes (in English or in the session's language).
    func isYes(_ answer: String) -> Bool {
        let words = (say(.yesAnswers) + "," + Language.english.say(SessionKey.yesAnswers)).split(
            separator: ",")
        return words.contains {
            $0.trimmingCharacters(in: .whitespaces)
                == answer.trimmingCharacters(in: .whitespaces).lowercased()
        }
    }

    // MARK: Commands

    var commandsHeading: String { say(.commandsHeading) }

    /// Why a `:` line is not a command.
    func commandProblem(_ problem: REPLCommand.ParseError) -> String {
        switch problem.reason {
        case .notACommand: say(.commandNotACommand)
        case .unknown(let name): say(.commandUnknown, ["name": name])
        case .ambiguous(let name, let options): say(.commandAmbiguous, ["name": name, "options": options])
        case .needsArgument(let name, let argument):
            say(.commandNeedsArgument, ["name": name, "argument": argument])
        case .takesNoArgument(let name): say(.commandTakesNoArgument, ["name": name])
        }
    }

    /// The `:help` lines in the session's language.
    var helpLines: [String] { REPLCommand.helpLines(in: language) }

    // MARK: :step, the convolution walk

    var walkKeys: String { say(.walkKeys) }

    var walkDone: String { say(.walkDone) }

    /// The walk's prompt: `step 2/9> `.
    func walkPrompt(_ step: Int, of count: Int) -> String {
        say(.walkPrompt, ["step": step, "count": count])
    }

    /// A line the walk does not take; it is not graded and the walk goes on.
    var walkAccepts: String { say(.walkAccepts) }

    /// Shown when the filter bank has several output channels.
    func walkFirstChannel(of count: Int) -> String { say(.walkFirstChannel, ["count": count]) }

    /// Why `:step` cannot walk an expression.
    func walkProblem(_ problem: LessonSession.WalkProblem) -> String {
        switch problem {
        case .usage: say(.walkUsage)
        case .argumentFailed: say(.walkArgumentFailed)
        case .batch: say(.walkBatch)
        case .planes: say(.walkPlanes)
        case .tooLarge(let largest, let padding):
            say(.walkTooLarge, ["largest": largest, "padding": padding])
        }
    }
}
