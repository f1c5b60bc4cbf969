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
                "01-failing/lesson.en.md:33:10: the setup of exercise 'broken-setup' fails: expected an expression, found '*'",
                "01-failing/lesson.en.md:35:5: the message of check 'bad-syntax': '{answer +}' is not an expression (write {{ for a literal brace)",
                "01-failing/lesson.en.md:36:21: check 'bad-syntax' of 'broken-setup': expected an expression, found the end of the input",
                "Solutions/01-failing.yaml:4:7: an alternative answer of 'total' does not pass (fail): Your answer is 7. It is 1.1667 × the expected value.",
                "Solutions/01-failing.yaml:6:7: this wrong answer of 'total' passes; expected it to fail with mistake 'averaged'",
                "Solutions/01-failing.yaml:8:7: this wrong answer of 'total' fails with mistake 'averaged'; expected no named mistake",
                "Solutions/01-failing.yaml:9:15: this wrong answer of 'total' does not evaluate (error): 1:7: error: '(' was never closed",
            ])
    }

    @Test func loadingProblemsComeFirstInFileOrder() throws {
        let folder = TestExercises.fixtures.appendingPathComponent("broken-course").path
        let course = try CourseLoader.load(at: folder)
        let problems = CourseChecker().check(course)
        #expect(problems.count >= course.problems.count)
        #expect(problems == problems.sorted())
    }
}
