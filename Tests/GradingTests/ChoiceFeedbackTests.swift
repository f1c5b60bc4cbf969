import Testing
import Wording

@testable import Course
@testable import Grading

/// A partly right choice answer says which picked choice is wrong (with the author's `why`), or
/// which right one is missing, one choice at a time; never the whole key.
@Suite struct ChoiceFeedbackTests {
    /// `a` and `c` are right; `b` and `d` wrong, and `b` has a `why` in English and Korean.
    static var multiple: Exercise {
        var exercise = TestExercises.make(
            .choice, reference: "a, c", choices: ["a", "b", "c", "d"], multiple: true)
        exercise.solution?.why = [
            "b": LocalizedText(
                texts: ["en": "Padding adds zeros around the image.", "ko": "패딩은 이미지 둘레에 0을 더합니다."],
                defaultLanguage: "en", location: .start(of: "solutions.yaml"))
        ]
        return exercise
    }

    static let single = TestExercises.make(.choice, reference: "b", choices: ["a", "b", "c"])

    @Test func aWrongPickIsNamedWithItsWhy() throws {
        let verdict = Grader().grade("a, b, c", for: Self.multiple)
        #expect(verdict.status == .fail)
        #expect(verdict.message == "Choice b is not right. Padding adds zeros around the image.")
        let finding = try #require(verdict.findings.first)
        #expect(finding.source == .choice)
        #expect(finding.id == "choice-wrong")
        #expect(finding.choice == "b")
        #expect(finding.numbers == ["wrong": 1, "missing": 0])
    }

    @Test func theWhyIsInTheGradingLanguage() {
        let verdict = Grader().grade("a, b, c", for: Self.multiple, language: Language("ko"))
        #expect(verdict.message == "맞지 않는 보기를 골랐습니다: b. 패딩은 이미지 둘레에 0을 더합니다.")
    }

    @Test func severalWrongPicksNameTheFirstAndCountTheRest() {
        let verdict = Grader().grade("b, d", for: Self.multiple)
        #expect(
            verdict.message
                == "Choice b is not right. Padding adds zeros around the image. One more of your choices is not right either."
        )
        #expect(verdict.findings.first?.numbers == ["wrong": 2, "missing": 2])
    }

    @Test func aMissingRightChoiceIsNamedWhenEveryPickIsRight() throws {
        let verdict = Grader().grade("c", for: Self.multiple)
        #expect(verdict.message == "The choices you picked are right, but a right one is missing: a.")
        let finding = try #require(verdict.findings.first)
        #expect(finding.id == "choice-missing")
        #expect(finding.choice == "a")
        let korean = Grader().grade("c", for: Self.multiple, language: Language("ko"))
        #expect(korean.message == "고른 보기는 맞지만, 맞는 보기 1개를 빠뜨렸습니다. 빠뜨린 보기: a.")
    }

    @Test func aSingleWrongChoiceNamesThePickNotTheKey() throws {
        let verdict = Grader().grade("c", for: Self.single)
        #expect(verdict.message == "Choice c is not right.")
        #expect(!verdict.message.contains("b"))
        #expect(try #require(verdict.findings.first).choice == "c")
    }

    @Test func aValueFromTheSessionIsReadTheSameWay() {
        let verdict = Grader().grade(value: .list([.string("A"), .string("d")]), for: Self.multiple)
        #expect(verdict.message == "Choice d is not right.")
        #expect(verdict.findings.first?.numbers == ["wrong": 1, "missing": 1])
    }
}
