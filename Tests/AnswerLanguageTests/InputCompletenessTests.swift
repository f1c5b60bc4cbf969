import Testing

@testable import AnswerLanguage

/// When the REPL asks for another line: Python's interactive prompt (`code.compile_command`)
/// asks in the same cases.
@Suite struct InputCompletenessTests {
    @Test(arguments: [
        ("x = 1", InputCompleteness.complete),
        ("img = tensor([[1, 2],", .incomplete),
        ("img = tensor([[1, 2],\n              [3, 4]])", .complete),
        ("if x:", .incomplete),
        ("if x:  # comment", .incomplete),
        ("if x:\n    y = 1", .block),
        ("if x:\n    y = 1\n", .complete),
        ("for i in range(3):\n    if i:", .incomplete),
        ("x = 1 + \\", .incomplete),
        ("s = '''open", .incomplete),
        ("s = 'open", .complete),
        ("if x: y = 1", .complete),
        ("d = {'a': 1}", .complete),
        ("x = )", .complete),
    ])
    func completeness(source: String, expected: InputCompleteness) {
        #expect(InputCompleteness.of(source) == expected)
    }

    @Test(arguments: [
        ("print(x)", true), ("    y = 2", false), ("else:", false), ("elif x:", false), ("", false),
        (")", false), ("# note", false),
    ])
    func startsNewInput(line: String, expected: Bool) {
        #expect(InputCompleteness.startsNewInput(line) == expected)
    }
}
