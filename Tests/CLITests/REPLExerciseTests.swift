import Course
import Foundation
import Progress
import Testing

@testable import cnntutor

/// Exercises driven through whole sessions: grading, named mistakes, hints, the solution policy.
@Suite("REPL exercises")
struct REPLExerciseTests {
    static let goto = ":goto 02-filters/one-position"

    @Test func correctAnswerPassesAndIsRecorded() throws {
        let run = REPLHarness.run([Self.goto, "(img[1:3, 2:4] * k).sum()", ":quit"])
        #expect(run.text.contains("✓ Correct! 2/2 points."))
        let attempts = try run.attempts()
        #expect(attempts.count == 1)
        let attempt = try #require(attempts.first)
        #expect(attempt.key == ExerciseKey(lesson: "02-filters", exercise: "one-position"))
        #expect(attempt.verdict == .pass)
        #expect(attempt.points == 2 && attempt.maxPoints == 2)
        #expect(attempt.answer == "(img[1:3, 2:4] * k).sum()")
        #expect(attempt.hintsUsed == 0)
        #expect(run.text.contains("Bye! This session: 1 answer, 1 passed, 2 points."))
    }

    /// Every recorded wrong answer with a named mistake in the first two lessons, as the course's
    /// Solutions files list them: the REPL names the mistake, shows its message and records it.
    static let namedMistakes: [(key: String, answer: String, mistake: String)] = REPLHarness.course.lessons
        .prefix(2)
        .flatMap { lesson in
            lesson.exercises.flatMap { exercise in
                (exercise.solution?.wrong ?? []).compactMap { wrong in
                    wrong.mistake.map { ("\(lesson.id)/\(exercise.id)", wrong.answer.text, $0) }
                }
            }
        }

    @Test(arguments: namedMistakes)
    func namedMistakeIsShownAndRecorded(_ key: String, _ answer: String, _ mistake: String) throws {
        let exercise = try #require(REPLHarness.course.exercise(named: key)?.exercise)
        let message = try #require(exercise.mistakes.first { $0.id == mistake }?.message)
        // A one-line answer is typed as is; a multi-line one as its lines (assignments bind first).
        let lines = answer.split(separator: "\n").map(String.init)
        let run = REPLHarness.run([":goto \(key)"] + lines + [":quit"])
        #expect(run.text.contains("✗ Not yet — \(mistake)"))
        // The message's first words survive rendering (backticks and wrapping change the rest).
        let firstWords = message.split(separator: " ").prefix(2).joined(separator: " ")
            .replacingOccurrences(of: "`", with: "")
        #expect(run.text.replacingOccurrences(of: "`", with: "").contains(firstWords))
        let attempt = try #require(try run.attempts().last)
        #expect(attempt.verdict == .fail)
        #expect(attempt.mistake == mistake)
    }

    @Test func diagnosisShowsMatricesSideBySide() throws {
        // A wrong tensor with no named mistake gets the grader's diagnosis (feature-map: the
        // recorded answer `conv2d(x, w)[0, 0]` has the wrong shape; a scaled one differs in value).
        let run = REPLHarness.run([":goto 02-filters/feature-map", "conv2d(x, w) * 2", ":quit"])
        #expect(run.text.contains("✗ Not yet."))
        let attempt = try #require(try run.attempts().last)
        #expect(attempt.verdict == .fail)
        #expect(attempt.mistake == nil)
        // The grader's picture: a header naming both matrices, then rows with differing cells starred.
        let header = try #require(run.screen.lines.first { $0.hasPrefix("yours") })
        #expect(header.contains("expected"))
        #expect(run.screen.lines.contains { $0.contains("*") && $0.split(separator: " ").count >= 6 })
        #expect(!run.text.contains("Differing cells"))
    }

    @Test func hintsComeOneAtATimeInOrder() throws {
        let hints = try #require(
            REPLHarness.course.exercise(named: "02-filters/one-position")?.exercise.hints)
        #expect(hints.count == 2)
        let run = REPLHarness.run([
            Self.goto, ":hint", ":hint", ":hint", "(img[1:3, 2:4] * k).sum()", ":quit",
        ])
        let first = try #require(run.text.range(of: "Hint 1/2:"))
        let second = try #require(run.text.range(of: "Hint 2/2:"))
        #expect(first.upperBound < second.lowerBound)
        #expect(run.text.contains("No more hints (you have seen all 2)."))
        #expect(try run.attempts().last?.hintsUsed == 2)
    }

    @Test func solutionBeforePassingMeansGivingUpAfterConfirming() throws {
        let run = REPLHarness.run([Self.goto, ":solution", "n", ":solution", "y", ":quit"])
        #expect(run.text.contains("Nothing") == false)
        #expect(run.text.contains("Keep going"))
        #expect(run.text.contains("(img[1:3, 2:4] * k).sum()"))
        let attempts = try run.attempts()
        #expect(attempts.map(\.verdict) == [.gaveUp])
        #expect(attempts.first?.answer == nil)
    }

    @Test func solutionAfterPassingNeedsNoConfirmation() throws {
        let run = REPLHarness.run([Self.goto, "5", ":solution", ":quit"])
        #expect(run.text.contains("✓ Correct!"))
        #expect(run.text.contains("Solution:"))
        #expect(!run.text.contains("Give up"))
        #expect(try run.attempts().map(\.verdict) == [.pass])
    }

    @Test func policyNeverHidesAndAlwaysShows() throws {
        var course = REPLHarness.course
        course.solutionPolicy = .never
        let hidden = REPLHarness.run([Self.goto, "5", ":solution", ":quit"], course: course)
        #expect(hidden.text.contains("This course does not show solutions."))
        #expect(!hidden.text.contains("Solution:"))
        course.solutionPolicy = .always
        let shown = REPLHarness.run([Self.goto, ":solution", ":quit"], course: course)
        #expect(shown.text.contains("Solution:"))
        // Seeing it before a pass is recorded as a give-up, without asking.
        #expect(try shown.attempts().map(\.verdict) == [.gaveUp])
    }

    @Test func assignmentsBindAndBuildTheGradedAnswer() throws {
        let run = REPLHarness.run([Self.goto, "patch = img[1:3, 2:4]", "(patch * k).sum()", ":quit"])
        #expect(run.text.contains("✓ Correct!"))
        let attempts = try run.attempts()
        #expect(attempts.count == 1)
        #expect(attempts.first?.answer == "patch = img[1:3, 2:4]\n(patch * k).sum()")
    }

    @Test func answersMayUseBindingsMadeBeforeTheExercise() throws {
        let run = REPLHarness.run([
            "my_k = tensor([[1., 2.], [0., -3.]])", Self.goto, "(img[1:3, 2:4] * my_k).sum()", ":quit",
        ])
        #expect(run.text.contains("✓ Correct!"))
        #expect(try run.attempts().map(\.verdict) == [.pass])
    }

    @Test func bindingsStayAfterMovingOn() throws {
        let run = REPLHarness.run([
            Self.goto, "patch = img[1:3, 2:4]", ":skip", ":back", ":open 1", "patch.shape", ":quit",
        ])
        #expect(run.text.contains("torch.Size([2, 2])"))
        #expect(try run.attempts().map(\.verdict) == [.skipped])
    }

    @Test func errorsShowTheCaretAndTheSessionGoesOn() throws {
        let run = REPLHarness.run([
            Self.goto, "(img[1:3, 2:4] * kk).sum()", "(img[1:3, 2:4] * k).sum()", ":quit",
        ])
        #expect(run.text.contains("did you mean"))
        #expect(run.text.contains("^"))
        #expect(run.text.contains("✓ Correct!"))
        #expect(try run.attempts().map(\.verdict) == [.error, .pass])
    }

    @Test func enterDoesNotLeaveAnUnansweredExercise() throws {
        let run = REPLHarness.run([Self.goto, "", ":next", ":quit"])
        #expect(run.text.contains("Type your answer"))
        #expect(run.text.contains("This exercise waits for an answer."))
        #expect(run.session.currentExercise?.id == "one-position")
    }

    @Test func theAnswerReminderIsNotRepeatedOnEveryEmptyEnter() throws {
        let reminder = "Type your answer"
        let repeated = REPLHarness.run([Self.goto, "", "", "", ":quit"])
        #expect(repeated.text.components(separatedBy: reminder).count - 1 == 1)
        // Anything typed in between makes the next empty Enter remind again.
        let again = REPLHarness.run([Self.goto, "", "k.shape", "", ":quit"])
        #expect(again.text.components(separatedBy: reminder).count - 1 == 2)
    }

    @Test func choiceExercisesTakeLetters() throws {
        let exercise = try #require(REPLHarness.course.exercise(named: "01-tensors/channel-axis")?.exercise)
        let reference = try #require(exercise.solution?.reference.text)
        let run = REPLHarness.run([":goto 01-tensors/channel-axis", reference, ":quit"])
        #expect(run.text.contains("✓ Correct!"))
    }
}

extension REPLExerciseTests {
    /// A graded answer that fails to run (`fx + x` at 04/shortcut-shape, after the step before bound `fx`)
    /// shows its error header wrapped at words at 80 columns ("sizes 32 an⏎d 16" before), the
    /// source line and caret as they are.
    @Test func errorOfAGradedAnswerWrapsAtWords() throws {
        let run = REPLHarness.run([
            ":goto 04-residual-blocks/shortcut-shape", ":back", ":run", ":next", ":submit fx + x", ":quit",
        ])
        let lines = run.text.split(separator: "\n").map(String.init)
        let start = try #require(lines.firstIndex { $0.contains("did not run") })
        let report = Array(lines[(start + 1)...].prefix { !$0.hasPrefix("Try again") })
        #expect(report.allSatisfy { $0.count <= 80 }, "\(report)")
        #expect(report.joined(separator: " ").contains("sizes 32 and 16 at dimension 1"), "\(report)")
        #expect(report.suffix(2) == ["fx + x", "^~~~~~"])
    }
}

extension REPLExerciseTests {
    /// On a terminal, "checking your answer…" stands on the line while the answer is judged and is
    /// erased before the verdict; piped output never shows it.
    @Test func checkingShowsOnATerminalOnly() throws {
        let lines = [Self.goto, "(img[1:3, 2:4] * k).sum()", ":quit"]
        let terminal = REPLHarness(lines, rows: 500, isTTY: true)
        terminal.session.run()
        let text = terminal.text
        let checking = try #require(text.range(of: "checking your answer…"), "\(text)")
        let erase = try #require(text.range(of: "\r\u{1B}[K", range: checking.upperBound..<text.endIndex))
        let verdict = try #require(
            text.range(of: "Correct! 2/2 points.", range: erase.upperBound..<text.endIndex))
        #expect(text.distance(from: erase.upperBound, to: verdict.lowerBound) < 20)
        #expect(!REPLHarness.run(lines).text.contains("checking your answer"))
    }
}
