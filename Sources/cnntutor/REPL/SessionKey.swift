import Wording

/// The REPL's own sentences (catalog `session`), said through `SessionText`.
enum SessionKey: String, MessageKey {
    static let catalog = "session"

    case stepPosition, continueStep, exerciseHeading, settledAfterSkipping, settledAfterPassing
    case chooseSeveral, chooseOne, answerNote, shownNotGraded, notGradedAtChoiceSeveral
    case notGradedAtChoiceOne, noValueNotGraded, noneValueNotGraded, correct, continueAfterPass, didNotRun,
        stopped, notYet
    case tryAgainWithHints, tryAgain, hintHeading, enterContinues, answerReminder, choiceReminder
    case trainingLabel, epochLabel, lossLabel, accuracyLabel, testLabel, lossCurveTitle, lossPerStep
    case elapsed, left, goodbye, stoppedKeepingBindings, stoppedNotGraded, setupFailed, noExample
    case couldNotSave, noExerciseForAnswer, assignmentIsNotAnAnswer, noExerciseForHint, noHints
    case noMoreHints, noExerciseForSolution, noSolution, solutionsNeverShown, confirmGiveUp, keepGoing
    case solutionHeading, skipped, waitsForAnswer, noLessonOpen, firstStep, couldNotOpenProfile
    case cannotOpenProgress
    case noSuchLanguage, welcome, damagedDatabase, noLesson, noLessonListing, welcomeBack, menuPrompt,
        menuPromptOpen, menuPromptFinished
    case lessonOverview, lessonComplete, noExercise, languages, languageSwitched, whichLessonToReset
    case confirmReset, nothingReset, lessonReset, yesNo, commandsHeading, walkKeys, walkDone
    case commandNotACommand, commandUnknown, commandAmbiguous, commandNeedsArgument
    /// What counts as "yes" to a yes/no question, comma-separated (English's are always accepted).
    case yesAnswers
    case commandTakesNoArgument, walkUsage, walkArgumentFailed, walkBatch, walkPlanes, walkTooLarge
    case walkPrompt, walkAccepts, walkFirstChannel
    /// Answering and playing at an exercise, answers after the solution, `:run`, titles, lesson ends.
    case modeAnswer, modePlay, noExerciseForMode, nowPlaying, nowAnswering, nowAnsweringChoice
    case playingNotGraded, correctAfterSolution, setupNamesKept, continued, lessonFinishedWithOpen
    case pagerPrompt, checkingAnswer
}
