import CNN
import Foundation
import Testing

@testable import AnswerLanguage

@Suite struct InterpreterTests {
    /// Expected values are Python 3's for the same expressions.
    @Test(arguments: [
        ("1 + 2 * 3", "7"), ("7 // 2", "3"), ("-7 // 2", "-4"), ("-7 % 3", "2"), ("7 / 2", "3.5"),
        ("2 ** 10", "1024"), ("2 ** -1", "0.5"), ("-2 ** 2", "-4"), ("1e-3", "0.001"), ("3.0", "3.0"),
        ("True + 1", "2"), ("1 < 2 < 3", "True"), ("1 < 3 < 2", "False"), ("not 0", "True"),
        ("0 or 'x'", "'x'"), ("1 and 2", "2"), ("[1, 2] + [3]", "[1, 2, 3]"), ("(1,) * 3", "(1, 1, 1)"),
        ("'ab' * 2", "'abab'"), ("[1, 2, 3][-1]", "3"), ("[1, 2, 3, 4][::2]", "[1, 3]"),
        ("[1, 2, 3, 4][::-1]", "[4, 3, 2, 1]"), ("(1, 2, 3)[1:]", "(2, 3)"), ("2 if 1 > 2 else 3", "3"),
        ("(lambda x, y=2: x * y)(4)", "8"), ("(lambda x: lambda y: x + y)(1)(2)", "3"),
        ("len([1, 2])", "2"), ("max(1, 5, 3)", "5"), ("min([4, 2])", "2"), ("round(2.5)", "2"),
        ("int(3.9)", "3"), ("None is None", "True"), ("3 in [1, 2, 3]", "True"), ("'b' in 'abc'", "True"),
        ("range(3)", "[0, 1, 2]"), ("x = 2; x * 3", "6"), ("a, b = 1, 2; b", "2"), ("x = 1", "None"),
        // `print` and `type` return what Python would write.
        ("print('shape', (1, 2), 3.0)", "shape (1, 2) 3.0"), ("print()", ""), ("type(1)", "<class 'int'>"),
        ("type(zeros(2))", "<class 'Tensor'>"),
    ])
    func evaluates(source: String, expected: String) throws {
        #expect(try Interpreter().run(source).description == expected)
    }

    @Test func bindingsPersistBetweenRunsAndSurviveErrors() throws {
        let interpreter = Interpreter()
        try interpreter.run("x = 2")
        #expect(throws: LanguageError.self) { try interpreter.run("y = 3\nz = nothing\nw = 4") }
        #expect(interpreter["x"] == .int(2))
        #expect(interpreter["y"] == .int(3))
        #expect(interpreter["w"] == nil)
    }

    @Test func copiesAreIndependent() throws {
        let setup = Interpreter()
        try setup.run("w = 1")
        let answer = setup.copy()
        try answer.run("w = 2")
        #expect(setup["w"] == .int(1))
        #expect(answer["w"] == .int(2))
    }

    @Test func unknownNamesSuggestTheNearest() {
        let interpreter = Interpreter()
        interpreter.bind("weights", .int(1))
        let error = #expect(throws: LanguageError.self) { try interpreter.run("wieghts + 1") }
        #expect(error?.message == "unknown name 'wieghts' — did you mean 'weights'?")
        #expect(error?.range?.lowerBound.column == 1)
        let keyword = #expect(throws: LanguageError.self) { try interpreter.run("ture") }
        #expect(keyword?.suggestion == "True")
        let attribute = #expect(throws: LanguageError.self) { try interpreter.run("torch.zeroes(2)") }
        #expect(attribute?.message == "unknown name 'torch.zeroes' — did you mean 'zeros'?")
        #expect(attribute?.range?.lowerBound.column == 7)
    }

    @Test func keywordArgumentsAreCheckedAgainstTheSignature() {
        let interpreter = Interpreter()
        let unknown = #expect(throws: LanguageError.self) {
            try interpreter.run("zeros(2, dtyp=torch.float64)")
        }
        #expect(unknown?.message == "zeros() got an unknown keyword argument 'dtyp' — did you mean 'dtype'?")
        #expect(unknown?.range?.lowerBound.column == 10)
        let missing = #expect(throws: LanguageError.self) { try interpreter.run("full((2, 2))") }
        #expect(missing?.message == "full() is missing the required argument 'fill_value'")
        let twice = #expect(throws: LanguageError.self) { try interpreter.run("full((2,), 1, size=(3,))") }
        #expect(twice?.message == "full() got multiple values for argument 'size'")
        let type = #expect(throws: LanguageError.self) { try interpreter.run("full((2,), 'a')") }
        #expect(type?.message == "full(): argument 'fill_value' must be a number, not str")
        #expect(type?.range?.lowerBound.column == 12)
    }

    @Test func runtimeErrorsPointAtTheirExpression() {
        let error = #expect(throws: LanguageError.self) { try Interpreter().run("x = 1\ny = x // 0") }
        #expect(error?.message == "integer division or modulo by zero")
        #expect(error?.range?.lowerBound.line == 2)
        #expect(error?.range?.lowerBound.column == 5)
        let overflow = #expect(throws: LanguageError.self) { try Interpreter().run("2 ** 64") }
        #expect(overflow?.kind == .value)
    }

    @Test func selfCallingLambdasStopAtTheCallDepthLimit() {
        let error = #expect(throws: LanguageError.self) {
            try Interpreter().run("f = lambda n: f(n + 1); f(0)")
        }
        #expect(error?.kind == .limit)
    }

    @Test func deepestExpressionsTheParserAllowsEvaluate() throws {
        let interpreter = Interpreter()
        let sum = Array(repeating: "1", count: 101).joined(separator: "+")
        #expect(try interpreter.run(sum) == .int(101))
        let negations = String(repeating: "-", count: 100) + "1"
        #expect(try interpreter.run(negations) == .int(1))
        // Recursion at the call-depth limit with the deepest body the parser allows.
        let body = "(" + String(repeating: "(", count: 90) + "n" + String(repeating: ")", count: 90) + ")"
        let source = "f = lambda n: 0 if n == 0 else f(\(body) - 1) + 1; f(60)"
        #expect(try interpreter.run(source) == .int(60))
    }

    @Test func namesIncludeBuiltinsNamespacesAndBindings() throws {
        let interpreter = Interpreter()
        try interpreter.run("my_tensor = zeros(2)")
        let names = interpreter.names
        #expect(names.contains("my_tensor"))
        #expect(names.contains("torch"))
        #expect(names.contains("zeros"))
        #expect(interpreter.members(of: "torch").contains("float64"))
        #expect(interpreter.members(of: "my_tensor").contains("backward"))
    }
}
