import Foundation
import Testing

@testable import Course
@testable import Grading

@Suite struct CourseCheckerTests {
    @Test func tinyCourseIsClean() throws {
        let course = try CourseLoader.load(at: TestExercises.tinyCourse)
        #expect(CourseChecker().check(course) == [])
    }

    @Test func failingCourseReportsEveryFailureWhereItIs() throws {
        let folder = TestExercises.fixtures.appendingPathComponent("failing-course").path
        let course = try CourseLoader.load(at: folder)
        let found = CourseChecker().check(course).map {
            $0.description.replacingOccurrences(of: folder + "/", with: "")
        }
        #expect(
            found == [
                "01-failing/lesson.en.md:10:5: this example fails: unknown name 'undefined_thing'",
                "01-failing/lesson.en.md:23:11: mistake 'averaged' of 'total' also holds for the unrelated slip 'mean-for-sum' (`((a).mean())`, value 2): its 'when' would fire on a coincidence; make it more specific, or record that answer as this mistake if it is one",
                "01-failing/lesson.en.md:33:10: the setup of exercise 'broken-setup' fails: expected an expression, found '*'",
                "01-failing/lesson.en.md:35:5: the message of check 'bad-syntax': '{answer +}' is not an expression (write {{ for a literal brace)",
                "01-failing/lesson.en.md:36:21: check 'bad-syntax' of 'broken-setup': expected an expression, found the end of the input",
                "Solutions/01-failing.yaml:4:7: an alternative answer of 'total' does not pass (fail): Your answer is the calculation with one step more at the end: `… + 1`.",
                "Solutions/01-failing.yaml:6:7: this wrong answer of 'total' passes; expected it to fail with mistake 'averaged'",
                "Solutions/01-failing.yaml:8:7: this wrong answer of 'total' fails with mistake 'averaged'; expected no named mistake",
                "Solutions/01-failing.yaml:9:15: this wrong answer of 'total' does not evaluate (error): 1:7: error: '(' was never closed",
            ])
    }

    /// What would fool or fail a learner though every reference passes: a mutant the setup's
    /// data hides, a mistake that fires on an unrelated mutant, messages that cannot be said for a
    /// recorded wrong answer (in each language, located in its own file), an unparsable `{expr}`
    /// in a translation.
    @Test func foolableCourseReportsWhatWouldFoolALearner() throws {
        let folder = TestExercises.fixtures.appendingPathComponent("foolable-course").path
        let course = try CourseLoader.load(at: folder)
        #expect(course.problems == [])
        let found = CourseChecker().check(course).map {
            $0.description.replacingOccurrences(of: folder + "/", with: "")
        }
        let expected = [
            "01-foolable/lesson.en.md:16:3: the setup of 'symmetric-kernel' cannot tell the misconception 'kernel-transposed' (`(img[0:2, 0:2] * (k).transpose(-2, -1)).sum()`) from the reference: such a wrong answer would pass; change the setup's data so that it gives another value",
            "01-foolable/lesson.en.md:32:11: mistake 'too-small' of 'output-size' holds for the slip 'plus-one-dropped' (`(n - f)`, value 5) only with this setup's numbers",
            "01-foolable/lesson.en.md:46:5: the message of check 'shape' of 'row-sums' cannot be said for the recorded wrong answer `img.sum(dim=1)` (Solutions/01-foolable.yaml:11:15): '{answer.shape[1]}' fails: index 1 is out of range",
            "01-foolable/lesson.ko.md:30:3: the message of check 'shape' of 'row-sums' cannot be said for the recorded wrong answer `img.sum(dim=1)`",
            "01-foolable/lesson.ko.md:32:3: the message of mistake 'columns': '{answer +}' is not an expression (write {{ for a literal brace)",
            "01-foolable/lesson.en.md:50:5: the message of mistake 'columns' of 'row-sums' cannot be said for the recorded wrong answer `img.sum(dim=0)`",
            // Negating (or mirroring) a kernel that is antisymmetric (and symmetric top to bottom)
            // is turning it by 180°: the flipped-kernel mistake would be told to a learner who
            // negated or mirrored the kernel.
            "01-foolable/lesson.en.md:67:11: mistake 'flipped-kernel' of 'antisymmetric-kernel' also holds for the unrelated slip 'kernel-mirrored'",
        ]
        for line in expected {
            #expect(
                found.contains { $0.hasPrefix(line) },
                "missing: \(line)\nfound:\n\(found.joined(separator: "\n"))")
        }
        // An unparsable `{expr}` is reported once, as not an expression.
        #expect(!found.contains { $0.contains("'{answer +}' fails") })
        // Another way of writing the answer is no problem: `f // 2` for an odd `f`, the shape of
        // `a - b` for `a + b`, a `padding=0` left out.
        #expect(!found.contains { $0.contains("'output-size' cannot tell") })
    }

    @Test func loadingProblemsComeFirstInFileOrder() throws {
        let folder = TestExercises.fixtures.appendingPathComponent("broken-course").path
        let course = try CourseLoader.load(at: folder)
        let problems = CourseChecker().check(course)
        #expect(problems.count >= course.problems.count)
        #expect(problems == problems.sorted())
    }
}

extension CourseCheckerTests {
    /// A verdict keeps the values of the `{expr}`s of the language it was graded in, so a
    /// translation's message must interpolate the same expressions to be filled from them.
    @Test func aTranslationInterpolatesTheDefaultLanguagesExpressions() {
        let exercise = TestExercises.make(
            .value, setup: "a = tensor([1., 2., 3.])", reference: "a.sum()",
            checks: [("positive", "answer > 0", "It is {answer}; it must be positive.", nil)],
            mistakes: [("averaged", "answer == a.mean()", "You averaged ({answer}).")])
        var translation = exercise
        translation.checks[0].message = "{answer}입니다. 양수여야 합니다."
        translation.mistakes[0].message = "평균({answer.item()})을 구했습니다."
        let problems = CourseChecker().fillProblems(of: translation, default: exercise).map(\.message)
        #expect(
            problems == [
                "the message of mistake 'averaged' interpolates {answer.item()} where the default language's interpolates {answer}: a verdict graded in one language could not be shown in the other"
            ])
        // One that does not parse is reported by the template check, not again here.
        translation.mistakes[0].message = "평균({answer.}})을 구했습니다."
        #expect(CourseChecker().fillProblems(of: translation, default: exercise).isEmpty)
    }
}
