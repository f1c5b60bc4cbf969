import Foundation
import Testing
import Wording

@testable import Course
@testable import Grading

/// No raw `{expr}` reaches a learner: a message whose expression fails for this answer gives way
/// to the check's plain form, or to the next message that renders, in every language.
@Suite struct RawTemplateTests {
    static let foolable = TestExercises.fixtures.appendingPathComponent("foolable-course").path

    static func exercise(_ lesson: String, _ id: String, in folder: String, language: Language) throws
        -> Exercise
    {
        let course = try CourseLoader.load(at: folder)
        let lessons = course.lessons(in: language)
        return try #require(lessons.first { $0.id == lesson }?.exercise(id))
    }

    @Test(arguments: ["en", "ko"])
    func aCheckWhoseMessageFailsGivesItsPlainForm(code: String) throws {
        let language = Language(code)
        let exercise = try Self.exercise("01-foolable", "row-sums", in: Self.foolable, language: language)
        // A [3] tensor where [1, 3] is wanted: `{answer.shape[1]}` cannot be said.
        let verdict = Grader().grade("img.sum(dim=1)", for: exercise, language: language)
        #expect(verdict.status == .fail)
        #expect(!verdict.message.contains("{"))
        let plain = GradingText().checkDoesNotHold("answer.shape == expected.shape")
        #expect(verdict.message.hasPrefix(language.say(plain)))
        #expect(verdict.findings.first == Verdict.Finding(.check, "shape", says: plain, isSpecific: false))
    }

    @Test(arguments: ["en", "ko"])
    func aMistakeWhoseMessageFailsGivesWay(code: String) throws {
        let language = Language(code)
        let exercise = try Self.exercise("01-foolable", "row-sums", in: Self.foolable, language: language)
        // `columns` holds, but its message cannot be said (English: shape[1] of a [2] tensor;
        // Korean: an expression that does not parse): the check speaks instead.
        let verdict = Grader().grade("img.sum(dim=0)", for: exercise, language: language)
        #expect(verdict.mistake == nil)
        #expect(!verdict.message.contains("{"))
        #expect(
            verdict.findings.first
                == Verdict.Finding(
                    .check, "shape", says: GradingText().checkDoesNotHold("answer.shape == expected.shape"),
                    isSpecific: false))
    }

    /// The case on the shipped course: a [1, 1, 3, 3] filter where a 3 × 3 one is wanted.
    @Test(arguments: ["en", "ko"])
    func theShippedEdgeFilterOfTheWrongShape(code: String) throws {
        let language = Language(code)
        let lessons = TestExercises.fixtures.deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Lessons").path
        let exercise = try Self.exercise(
            "02-filters", "vertical-edge-filter", in: lessons, language: language)
        let verdict = Grader(options: .forCourse(lessons)).grade(
            "tensor([[[[1., 0., -1.], [2., 0., -2.], [1., 0., -1.]]]])", for: exercise, language: language)
        #expect(verdict.status == .fail)
        #expect(!verdict.message.contains("{"), "\(verdict.message)")
        #expect(verdict.message.contains("[1, 1, 3, 3]"))
    }
}
