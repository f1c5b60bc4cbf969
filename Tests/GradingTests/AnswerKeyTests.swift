import Foundation
import SnapshotTesting
import Testing
import Wording

@testable import Course
@testable import Grading

@Suite struct AnswerKeyTests {
    /// The key of the tiny course (every kind of exercise).
    static func key(language: Language? = nil) throws -> AnswerKey {
        let course = try CourseLoader.load(at: TestExercises.tinyCourse)
        return AnswerKeyBuilder().build(course, language: language)
    }

    @Test func markdownSnapshot() throws {
        assertSnapshot(of: try Self.key().markdown(), as: .lines)
    }

    @Test func htmlSnapshot() throws {
        assertSnapshot(of: try Self.key().html(), as: .lines)
    }

    @Test func koreanMarkdownSnapshot() throws {
        assertSnapshot(of: try Self.key(language: "ko").markdown(), as: .lines)
    }

    @Test func jsonSnapshot() throws {
        assertSnapshot(of: try Self.key().json(), as: .lines)
    }

    @Test func htmlIsWellFormed() throws {
        try XMLCheck.assertWellFormed(try Self.key().html())
        try XMLCheck.assertWellFormed(try Self.key(language: "ko").html())
    }

    @Test func byteIdenticalTwice() throws {
        #expect(try Self.key().html() == Self.key().html())
        #expect(try Self.key().json() == Self.key().json())
    }

    @Test func wrongAnswersAreGradedLive() throws {
        let total = try #require(try Self.key().lessons.first?.exercises.first)
        #expect(total.expectedText == "6")
        #expect(total.wrongAnswers.map(\.mistake) == ["averaged", nil])
        #expect(
            total.wrongAnswers.map(\.message) == [
                "You averaged (2); the exercise asks for the sum.",
                // 5 is the alternative 1 + 2 + 3 without its first term: a misconception mutant.
                "Your answer is 5: that is what the calculation gives without the term `1`.",
            ])
        let featureMap = try #require(try Self.key().lessons.first?.exercises[1])
        #expect(featureMap.expectedNumbers == NumericArray(shape: [1, 1, 2, 2], values: [5, 2, 2, 7]))
    }
}
