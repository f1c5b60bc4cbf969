import Testing

@testable import Course

/// Translated lessons: text from the translation, grading logic from the default language.
@Suite struct TranslationTests {
    @Test func translatedTextWithDefaultGrading() throws {
        let course = try CourseLoader.load(at: FixtureCourses.tiny)
        let korean = course.lessons(in: "ko")
        #expect(korean.map(\.language) == ["ko", "ko"])
        let basics = korean[0]
        #expect(basics.title == "기초")
        #expect(basics.steps.map(\.title) == [nil, "합", "합", "특징 맵", "고르기"])
        let total = try #require(basics.exercise("total"))
        #expect(total.prompt == "`a`의 합은 얼마입니까?")
        #expect(total.hints == ["`.sum()`을 쓰세요.", "1 + 2 + 3입니다."])
        #expect(total.checks[0].message == "양수의 합은 양수입니다. 지금은 {answer}입니다.")
        #expect(total.checks[0].expect.text == "answer > 0")
        #expect(total.mistakes[0].message == "평균({answer})을 구했습니다. 합을 구하세요.")
        #expect(total.points == 2)
        #expect(total.solution?.reference.text == "a.sum()")
        #expect(
            basics.exercise("same-size")?.choices.map(\.text) == [
                "`padding=1`", "`padding='same'`", "`padding=0`",
            ])
        #expect(basics.steps[1].examples.first?.text.contains("# 합") == true)
    }

    @Test func unknownLanguageFallsBackToDefault() throws {
        let course = try CourseLoader.load(at: FixtureCourses.tiny)
        #expect(course.lessons(in: "fr") == course.lessons)
    }

    @Test func missingExerciseIsShownInTheDefaultLanguage() throws {
        let course = try CourseLoader.load(at: FixtureCourses.broken)
        let korean = try #require(course.lessons(in: "ko").first)
        #expect(korean.exercises.map(\.id) == ["misspelt", "no-choices"])
        #expect(korean.exercise("no-choices")?.prompt == "Pick one.")
        #expect(korean.exercise("misspelt")?.prompt == "뭐?")
    }
}
