import Course
import Terminal
import Testing

@testable import cnntutor

/// Korean lessons wrapped to the screen: no line wider than the terminal, counting Hangul as two
/// columns.
@Suite("REPL in Korean")
struct REPLKoreanTests {
    @Test(arguments: [40, 80])
    func koreanLessonTextFitsTheWidth(_ width: Int) throws {
        let lesson = REPLHarness.course.lessons(in: "ko")[1]
        // Through every step of lesson 2: Enter on text, :skip at exercises.
        let moves = lesson.steps.map { $0.exercise == nil ? "" : ":skip" }
        let run = REPLHarness.run([":lang ko", ":open 2"] + moves + [":quit"], width: width)
        #expect(run.text.contains(lesson.title))
        #expect(run.text.contains("Lesson 2 complete"))
        let wide = run.screen.lines.filter { displayWidth($0) > width }
        #expect(wide.isEmpty, "lines wider than \(width): \(wide)")
        // The text really is Korean: a Hangul syllable on most steps.
        #expect(run.text.unicodeScalars.contains { (0xAC00...0xD7A3).contains($0.value) })
    }

    /// The tutor's own sentences follow the learner's language too, not only the lesson text.
    @Test func exerciseFeedbackIsInKorean() throws {
        // Lesson 1, step 2 is `count-elements` (x = zeros(2, 3, 4)): a named mistake, a hint, a pass.
        let run = REPLHarness.run(
            [":open 1", "", "2 + 3 + 4", ":hint", "x.numel()", ":quit"], language: "ko")
        #expect(run.text.contains("연습 문제 count-elements (1점)"))
        #expect(run.text.contains("✗ 아직 아닙니다 — added-sizes."))
        #expect(run.text.contains("힌트 1/2:"))
        #expect(run.text.contains("✓ 정답입니다! 1/1점."))
        #expect(!run.text.contains("Correct!"))
        #expect(!run.text.contains("Not yet"))
    }

    /// Looking is not answering, and the REPL says so in Korean.
    @Test func notGradedNotesAreInKorean() throws {
        // count-elements (x = zeros(2, 3, 4)) wants a number: x.shape only looks; a step with no
        // value runs; x.numel() answers.
        let run = REPLHarness.run(
            [":open 1", "", "x.shape", "show(x[0])", "manual_seed(0)", "x.numel()", ":quit"], language: "ko")
        #expect(run.text.contains("torch.Size([2, 3, 4])"))
        #expect(run.text.contains("(채점하지 않고 보여 주기만 했습니다. 답을 입력하거나 :submit 식)"))
        #expect(run.text.contains("(실행했지만 값이 없어 채점하지 않았습니다. 이어서 답을 입력하세요.)"))
        #expect(!run.text.contains("not graded"))
        #expect(run.text.contains("✓ 정답입니다! 1/1점."))
        #expect(try run.attempts().map(\.verdict) == [.pass])
    }

    /// A wrong answer with no named mistake gets the built-in diagnosis in Korean too, after
    /// switching with `:lang ko`; a count half the expected one is said to be half, not "averaged".
    @Test func diagnosisIsInKorean() throws {
        // Lesson 1, step 2 is `count-elements`: x = zeros(2, 3, 4) holds 24 numbers.
        let run = REPLHarness.run([":lang ko", ":open 1", "", "12", ":quit"])
        #expect(run.text.contains("✗ 아직 아닙니다."))
        #expect(run.text.contains("답은 12입니다. 정답의 절반입니다."))
        #expect(!run.text.contains("Your answer is"))
        #expect(!run.text.contains("averaged"))
    }

    @Test func startsInKoreanWhenAsked() throws {
        let run = REPLHarness.run([":quit"], language: "ko")
        #expect(run.session.language == "ko")
        #expect(run.text.contains(REPLHarness.course.lessons(in: "ko")[0].title))
    }
}
