import Testing
import Wording

@testable import cnntutor

/// Every sentence `SessionText` can say goes through the catalogs: said in a pseudo-language whose
/// every message is the English one in ⟦…⟧, each comes back bracketed from end to end (arguments
/// inside the brackets), so none is assembled in code around the catalog.
@Suite struct SessionTextRoutingTests {
    static let text = SessionText(language: CatalogCoverageTests.pseudo)

    static var sentences: [String] {
        let t = text
        var said = [
            t.stepPosition(2, of: 5), t.continueStep(last: true, hasExample: true),
            t.continueStep(last: false, hasExample: false), t.exerciseHeading("e1", points: 1),
            t.exerciseHeading("e1", points: 3), t.settledAfterSkipping, t.settledAfterPassing,
            t.chooseNote(multiple: true), t.chooseNote(multiple: false), t.answerNote(hints: 0),
            t.answerNote(hints: 2), t.shownNotGraded, t.notGradedAtChoice(multiple: true),
            t.notGradedAtChoice(multiple: false), t.noValueNotGraded, t.noneValueNotGraded,
            t.correct(points: 1, of: 2),
            t.continueAfterPass(solutionsShown: true), t.continueAfterPass(solutionsShown: false),
            t.didNotRun,
            t.stopped("x"), t.notYet(mistake: "m", points: 1, of: 3),
            t.notYet(mistake: nil, points: 0, of: 3),
            t.tryAgain(hintsLeft: true), t.tryAgain(hintsLeft: false), t.hintHeading(1, of: 2),
            t.enterContinues,
            t.answerReminder, t.choiceReminder(multiple: true), t.trainingLabel, t.epochLabel, t.lossLabel,
            t.accuracyLabel, t.testLabel, t.lossCurveTitle, t.lossPerStep, t.trainingTimes.elapsed,
            t.trainingTimes.left, t.goodbye(answers: 1, passed: 1, points: 2, savedIn: "/tmp"),
            t.goodbye(answers: 2, passed: 0, points: 1, savedIn: nil), t.stoppedKeepingBindings,
            t.stoppedNotGraded,
            t.setupFailed("x"), t.noExample, t.couldNotSave("x"), t.noExerciseForAnswer,
            t.assignmentIsNotAnAnswer,
            t.noExerciseForHint, t.noMoreHints(seen: 0), t.noMoreHints(seen: 2), t.noExerciseForSolution,
            t.noSolution, t.solutionsNeverShown, t.confirmGiveUp, t.keepGoing, t.solutionHeading,
            t.skipped("e1"),
            t.waitsForAnswer, t.noLessonOpen, t.firstStep, t.couldNotOpenProfile("p", "x"),
            t.cannotOpenProgress("/d", "x"),
            t.noSuchLanguage("fr", languages: "en, ko"), t.welcome(profile: "p"),
            t.damagedDatabase(reason: "r", movedTo: "/tmp/x"), t.noLesson("9"),
            t.noLesson("9", lessons: "1, 2"),
            t.welcomeBack(lesson: 1, step: 2), t.menuPrompt(minutes: 5, lesson: 1, title: "T"),
            t.menuPromptOpen(open: 2, lesson: 1, title: "T"), t.menuPromptFinished, t.pagerPrompt,
            t.checkingAnswer,
            t.lessonOverview(steps: 3, exercises: 2, minutes: 10), t.lessonComplete(1, title: "T"),
            t.noExercise("e9", here: "e1, e2"), t.noExercise("e9", here: ""), t.languages("en, ko"),
            t.languageSwitched, t.whichLessonToReset, t.confirmReset(1, title: "T"), t.nothingReset,
            t.lessonReset(1), t.yesNo, t.commandsHeading, t.walkKeys, t.walkDone,
            t.walkPrompt(1, of: 9), t.walkAccepts, t.walkFirstChannel(of: 2), t.modeWord(.answer),
            t.modeWord(.play), t.noExerciseForMode, t.nowPlaying, t.nowAnswering,
            t.nowAnsweringChoice(multiple: true), t.playingNotGraded,
            t.correctAfterSolution(points: 0, of: 2),
            t.setupNamesKept(["x", "w"]), t.setupNamesKept(["x"]), t.continued("S"),
            t.lessonFinishedWithOpen(1, title: "T", open: ["e1"]),
        ]
        let problems: [REPLCommand.ParseError.Reason] = [
            .notACommand, .unknown("x"), .ambiguous("h", ":hint, :help"), .needsArgument("open", "LESSON"),
            .takesNoArgument("next"),
        ]
        said += problems.map { t.commandProblem(REPLCommand.ParseError(reason: $0)) }
        let walks: [LessonSession.WalkProblem] = [
            .usage, .argumentFailed, .batch, .planes, .tooLarge(largest: 16, padding: 4),
        ]
        said += walks.map(t.walkProblem)
        return said
    }

    @Test func everySentenceIsRouted() {
        for sentence in Self.sentences {
            #expect(CatalogCoverageTests.isRouted(sentence), "\(sentence)")
        }
    }

    /// `:help`: each command's line ends in its bracketed summary, and the note on code is bracketed.
    @Test func helpIsRouted() {
        let lines = REPLCommand.helpLines(in: CatalogCoverageTests.pseudo)
        for line in lines.prefix(REPLCommand.all.count) {
            #expect(line.hasSuffix("⟧") && line.contains("⟦"), "\(line)")
        }
        #expect(lines.dropFirst(REPLCommand.all.count).joined(separator: "\n").contains("⟦"))
    }
}
