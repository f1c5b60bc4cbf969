import Foundation

@testable import Course

/// Exercises built in code for grading tests, and the fixture course the Course tests use.
enum TestExercises {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("CourseTests/Fixtures")
    static var tinyCourse: String { fixtures.appendingPathComponent("tiny-course").path }

    static func code(_ text: String, line: Int = 1) -> CodeSnippet {
        CodeSnippet(text, at: CourseLocation(file: "test.md", line: line, column: 1))
    }

    /// An exercise of `kind` whose setup is `setup` and reference answer `reference`.
    static func make(
        _ kind: Exercise.Kind = .tensor, id: String = "test", points: Int = 2, setup: String? = nil,
        reference: String, alternatives: [String] = [],
        checks: [(id: String, expect: String, message: String, points: Int?)] = [],
        mistakes: [(id: String, when: String, message: String)] = [], compare: Bool = true,
        tolerance: Exercise.Tolerance = .standard, time: Double? = nil, choices: [String] = [],
        multiple: Bool = false,
        inputShape: [Int]? = nil, line: Int = 1
    ) -> Exercise {
        Exercise(
            id: id, kind: kind, points: points, prompt: "Prompt.", setup: setup.map { code($0) }, hints: [],
            checks: checks.map {
                Exercise.Check(
                    id: $0.id, expect: code($0.expect), message: $0.message, points: $0.points,
                    location: .start(of: "test.md"))
            },
            mistakes: mistakes.map {
                Exercise.Mistake(
                    id: $0.id, when: code($0.when), message: $0.message, location: .start(of: "test.md"))
            },
            tolerance: tolerance, compare: compare, limits: Exercise.Limits(time: time),
            choices: choices.map { Exercise.Choice(id: $0, text: "Choice \($0).") }, multiple: multiple,
            inputShape: inputShape,
            solution: Solution(
                reference: code(reference), alternatives: alternatives.map { code($0) }, wrong: [],
                location: .start(of: "solutions.yaml")),
            location: CourseLocation(file: "test.md", line: line, column: 1))
    }
}
