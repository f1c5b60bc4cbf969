import Foundation
import Testing

@testable import Course
@testable import Grading

/// Grading each distinct answer once and reusing its verdict must give exactly the report that
/// grading every answer on its own gives: points, statuses, mistakes and messages.
@Suite struct VerdictReuseTests {
    /// The report with durations zeroed (the only thing that differs from run to run).
    static func graded(
        _ submissions: [LearnerSubmission], course: Course, reuse: Bool, options: GradingOptions
    )
        -> ClassReport
    {
        BatchGrader(options: options, jobs: 2, reusesVerdicts: reuse).grade(submissions, course: course)
            .withoutDurations
    }

    @Test func generatedClassOfTheTinyCourseGradesTheSameWithAndWithoutReuse() throws {
        let course = try CourseLoader.load(at: TestExercises.tinyCourse)
        let generator = ClassGenerator(course: course, seed: 11, hostileExercises: 0)
        let submissions = generator.learners(300, course: course).map(\.submission)
        var options = GradingOptions()
        options.timeLimit = 5
        let reused = Self.graded(submissions, course: course, reuse: true, options: options)
        let alone = Self.graded(submissions, course: course, reuse: false, options: options)
        #expect(reused.learners.count == 300)
        #expect(reused == alone)
        // The class exercises what reuse must get right: respaced and commented texts sharing a
        // verdict, and broken ones (errors quote their own text) graded under their own text.
        let statuses = Set(reused.learners.flatMap(\.results).map(\.verdict.status))
        #expect(statuses.isSuperset(of: [.pass, .fail, .error]))
        let plan = BatchPlan(
            submissions: submissions, keys: BatchExercises(course: course, language: "en").keys)
        let answered = plan.slots.joined().filter { if case .task = $0 { true } else { false } }.count
        #expect(plan.tasks.count * 5 < answered)
    }

    /// The shipped course's first three lessons (the later ones train networks and would make the
    /// ungrouped run long), with the texts a class really writes.
    @Test func generatedClassOfTheShippedCourseGradesTheSameWithAndWithoutReuse() throws {
        var course = try CourseLoader.load(at: Self.shippedCourse)
        course.lessons = Array(course.lessons.prefix(3))
        let submissions = ClassGenerator(course: course, seed: 5, hostileExercises: 0).learners(
            16, course: course
        )
        .map(\.submission)
        var options = GradingOptions.forCourse(Self.shippedCourse)
        options.timeLimit = 10
        let reused = Self.graded(submissions, course: course, reuse: true, options: options)
        let alone = Self.graded(submissions, course: course, reuse: false, options: options)
        #expect(reused == alone)
        let results = reused.learners.flatMap(\.results)
        #expect(results.count == 16 * 22)
        #expect(results.contains { $0.verdict.mistake != nil })
        #expect(results.contains { $0.verdict.passed })
    }

    static let shippedCourse = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Lessons").path

    /// An answer that does not evaluate is an error whose message quotes the line as typed: two
    /// learners who broke the same answer with different spacing get their own carets.
    @Test func errorsQuoteEachLearnersOwnText() throws {
        let course = try CourseLoader.load(at: TestExercises.tinyCourse)
        let texts = ["a.summ()", "a.summ( )", "a.summ()  # mine", "a.summ()"]
        let submissions = texts.enumerated().map { index, text in
            LearnerSubmission(
                learner: "learner-\(index)", course: "tiny", version: 3,
                answers: [("01-basics/total", text)], file: "l\(index).yaml")
        }
        let report = Self.graded(submissions, course: course, reuse: true, options: GradingOptions())
        let messages = report.learners.map { $0.results[0].verdict.message }
        for (message, text) in zip(messages, texts) {
            #expect(report.learners.allSatisfy { $0.results[0].verdict.status == .error })
            #expect(message.contains(text.trimmingCharacters(in: .whitespaces)), "\(message)")
        }
        #expect(report == Self.graded(submissions, course: course, reuse: false, options: GradingOptions()))
    }

    /// Reuse rests on answers being deterministic: the same text graded twice, by two graders, in
    /// any order, gives the same verdict — random draws included (the seed is the exercise
    /// session's, not the learner's).
    @Test func randomAnswersAreTheSameForEveryLearner() throws {
        let exercise = TestExercises.make(.tensor, reference: "randn(2, 3)")
        let first = Grader().grade("randn(2, 3) * 2", for: exercise)
        let grader = Grader()
        _ = grader.grade("randn(5)", for: exercise)
        var second = grader.grade("randn(2, 3) * 2", for: exercise)
        var again = first
        again.durationMilliseconds = 0
        second.durationMilliseconds = 0
        #expect(again == second)
        #expect(grader.grade("randn(2, 3)", for: exercise).passed)
    }

    @Test func normalisationDropsOnlyWhatCannotChangeTheValue() {
        #expect(AnswerText.normalised("conv2d( img , k )  # mine\n\n") == "conv2d(img,k)")
        #expect(AnswerText.normalised("f(x) [0]") == "f(x)[0]")
        // Kept: spaces between words and around operators, indentation, strings as written.
        #expect(AnswerText.normalised("not x") == "not x")
        #expect(AnswerText.normalised("1 if a else 2") == "1 if a else 2")
        #expect(AnswerText.normalised("a < = b") == "a < = b")
        #expect(AnswerText.normalised("2 * *x") == "2 * *x")
        #expect(AnswerText.normalised("for i in x:\n    y( i )") == "for i in x:\n    y(i)")
        #expect(AnswerText.normalised("'a ( b # c'") == "'a ( b # c'")
        #expect(AnswerText.normalised(#"f"{x} , ( y" , z"#) == #"f"{x} , ( y",z"#)
        #expect(AnswerText.normalised("'''a ,\n b''' , 1") == "'''a ,\n b''',1")
        #expect(AnswerText.normalised(#"'it\'s ( '"#) == #"'it\'s ( '"#)
        // An unterminated string keeps the rest as it is.
        #expect(AnswerText.normalised("f( 'abc , d") == "f('abc , d")
        #expect(AnswerText.normalised("  # only a comment") == "")
    }
}
