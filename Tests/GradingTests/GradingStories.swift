import Testing

@testable import Course
@testable import Grading

/// How the grading tests read a verdict: the story it tells and the mutants it names.
extension Verdict {
    /// The story told: the named mistake's id, or else the last finding's id (`lastFinding`).
    var story: String? { mistake ?? lastFinding }

    /// The last finding's id, written `bare:<id>` where the finding is not specific.
    var lastFinding: String? { findings.last.map { $0.isSpecific ? $0.id : "bare:\($0.id)" } }

    /// The ids of the mutant findings, in order.
    var mutantIDs: [String] { findings.filter { $0.source == .mutant }.map(\.id) }
}

/// A suite that grades wrong answers with its `grader` and reads what each is told.
protocol StorySuite {
    var grader: Grader { get }
}

extension StorySuite {
    /// The story a wrong answer is told (`Verdict.story`); expects the answer to fail.
    func story(
        _ answer: String, _ exercise: Exercise, sourceLocation: SourceLocation = #_sourceLocation
    ) -> String? {
        failing(answer, exercise, sourceLocation: sourceLocation).story
    }

    /// The built-in finding a wrong answer gets (`Verdict.lastFinding`, whatever mistake is named);
    /// expects the answer to fail.
    func finding(
        _ answer: String, _ exercise: Exercise, sourceLocation: SourceLocation = #_sourceLocation
    ) -> String? {
        failing(answer, exercise, sourceLocation: sourceLocation).lastFinding
    }

    /// The verdict on `answer`, expected to fail.
    func failing(_ answer: String, _ exercise: Exercise, sourceLocation: SourceLocation) -> Verdict {
        let verdict = grader.grade(answer, for: exercise)
        #expect(verdict.status == .fail, "\(answer): \(verdict.message)", sourceLocation: sourceLocation)
        return verdict
    }
}
