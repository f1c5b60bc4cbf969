import ArgumentParser
import Course
import Grading

/// `cnntutor check`: the course's own test suite.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a course: parse it, run its examples, grade its reference and wrong answers.",
        discussion: """
            Every lesson must parse, every ```cnn example must run, every reference and accepted \
            answer must pass, every recorded wrong answer must fail with its recorded mistake, and \
            every translation must be complete. Each problem is printed as file:line:column: message.
            Exit status: 0 when the course is clean, 1 when it has problems, 2 when it cannot be read.

            Examples:
              cnntutor check
              cnntutor check --course path/to/MyCourse
            """)

    @OptionGroup var courseOptions: CourseOptions

    @Option(name: .long, help: "Lessons checked at once.")
    var jobs: Int = 2

    mutating func run() throws {
        let loaded = try courseOptions.load()
        let problems = CourseChecker(options: .forCourse(loaded.directory), jobs: jobs).check(loaded)
        for problem in problems { print(problem) }
        let exercises = loaded.allExercises.count
        if problems.isEmpty {
            print("\(loaded.id): \(loaded.lessons.count) lessons, \(exercises) exercises — no problems.")
        } else {
            print("\(loaded.id): \(problems.count) problem\(problems.count == 1 ? "" : "s").")
            throw ExitCode(1)
        }
    }
}
