import Course
import Foundation
import Testing
import Wording

@testable import Grading

/// Hostile answers at the grader, on exercises of every kind of the shipped course: each gets a
/// verdict with a message in English and Korean (never a crash or a hang), and the same answer
/// graded again by a fresh grader gets the same message unless a time limit decided it. A fixed
/// list runs in the suite; `HOSTILE_COUNT=n` adds seeded random ones (`Fuzz/hostile.sh`).
@Suite struct HostileGradingTests {
    /// Exercises of each kind: a value, a tensor, a model and a choice.
    static let exerciseIDs = [
        "01-tensors/patch-response", "02-filters/feature-map", "03-padding-stride/valid-size",
        "04-residual-blocks/identity-residual",
        "04-residual-blocks/projection-shortcut",
    ]

    static let answers: [String] = [
        "torch.ones(10**9)", "torch.ones(1, 1).expand(10**6, 10**6).sum()", "2**2**2**2**2",
        "10**10**10", String(repeating: "(", count: 3000) + "1" + String(repeating: ")", count: 3000),
        "f = lambda n: f(n)\nf(1)", "[x for x in range(10**9)]", "'a' * 10**10", "while True:\n    pass",
        "float('nan')", "float('inf')", "torch.full((3, 3), float('nan'))", "torch.tensor([])",
        "torch.ones(0, 3)", "torch.ones(-1)", "torch.ones(3, 4) @ torch.ones(3, 4)", "층", "'🙂' * 5",
        "x = 1\n" + String(repeating: "x = x + 1\n", count: 200) + "x", "None", "print('hi')",
        "nn.Conv2d(10**6, 10**6, 3)", "nn.Sequential(*[nn.ReLU()] * 10**6)", "torch.randn(64, 64, 64, 64)",
        "F.conv2d(torch.ones(1, 3, 5, 5), torch.ones(1, 2, 3, 3))", "import os\nos.system('ls')",
        "__import__('os')", "open('/etc/passwd').read()", "exit()", "a, b = 1", "def f(:\n  pass",
        // A padding typed where it is never run (the typed-padding reading doubled it), numbers
        // past int64 where a shape of whole numbers is read, overflowed integer tensors.
        "5 if True else f(padding=2**62)", "(lambda padding: 8)(padding=2**62)",
        "(lambda padding: 8)(padding=9223372036854775807)", "[float('inf'), 1.0]", "[1e300, 2.0]",
        "torch.tensor([2**62]) * 4", "(torch.tensor([10]) ** 400).item()", "[1][9223372036854775807]",
    ]

    static func course() throws -> Course {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Lessons").path
        return try CourseLoader.load(at: path)
    }

    static func expectGradesCleanly(_ answers: [String]) throws {
        let course = try Self.course()
        let options = GradingOptions(timeLimit: 1)
        let grader = Grader(options: options)
        // A second grader of its own (its own prepared exercises and mutants), made once: the
        // same answer must get the same message from it.
        let second = Grader(options: options)
        for id in exerciseIDs {
            let exercise = try #require(course.exercise(named: id)?.exercise, "\(id)")
            for answer in answers {
                let verdict = grader.grade(answer, for: exercise)
                #expect(!verdict.passed, "\(id): \(answer.prefix(60)) passed")
                let said = verdict.message + String(describing: verdict.note)
                #expect(!verdict.message.isEmpty || verdict.note != nil, "\(id): \(answer.prefix(60))")
                let timed =
                    said.contains("timeLimit") || said.contains("time limit") || said.contains("cancel")
                if !timed {
                    let korean = grader.grade(answer, for: exercise, language: Language("ko"))
                    #expect(!korean.message.isEmpty || korean.note != nil, "\(id): \(answer.prefix(60))")
                    // A time limit may fall on either side of the line under load: compared only
                    // when neither run met it.
                    let again = second.grade(answer, for: exercise)
                    let saidAgain = again.message + String(describing: again.note)
                    let timedAgain =
                        saidAgain.contains("timeLimit") || saidAgain.contains("time limit")
                        || saidAgain.contains("cancel")
                    if !timedAgain {
                        #expect(
                            again.message + String(describing: again.note) == said,
                            "\(id): \(answer.prefix(60))")
                    }
                }
            }
        }
    }

    @Test func fixedHostileAnswersGetAVerdict() throws {
        try Self.expectGradesCleanly(Self.answers)
    }
}
