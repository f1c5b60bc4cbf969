import CNN
import Testing

@testable import AnswerLanguage

/// `max`/`min` read their arguments as `torch.max` does; none of these may end the process (they
/// used to reach a `preconditionFailure` in `Call.mismatch`, issue #12).
@Suite struct ExtremaBuiltinsTests {
    func values(_ source: String, _ interpreter: Interpreter) throws -> [Double] {
        guard case .tensor(let tensor) = try interpreter.run(source) else {
            Issue.record("\(source) is not a tensor")
            return []
        }
        return tensor.scalarsAsDoubles()
    }

    @Test func dimensionGivesValuesAndIndices() throws {
        let interpreter = Interpreter()
        try interpreter.run("x = tensor([[1.0, 5.0, 2.0], [7.0, 0.0, 7.0]])")
        // PyTorch 2.x: torch.max(x, 1) == (tensor([5., 7.]), tensor([1, 0])); ties give the first.
        #expect(try values("torch.max(x, 1)[0]", interpreter) == [5, 7])
        #expect(try values("torch.max(x, 1)[1]", interpreter) == [1, 0])
        #expect(try values("x.max(dim=1).values", interpreter) == [5, 7])
        #expect(try values("x.max(dim=1).indices", interpreter) == [1, 0])
        #expect(try values("x.min(0).values", interpreter) == [1, 0, 2])
        #expect(try values("x.min(0).indices", interpreter) == [0, 1, 0])
        #expect(try interpreter.run("torch.max(x, 1, True)[0].shape") == .shape([2, 1]))
        #expect(try interpreter.run("torch.max(x, 1, keepdim=True).values.shape") == .shape([2, 1]))
        #expect(try interpreter.run("x.max(1).indices.dtype").description == "torch.int64")
        #expect(try values("torch.max(x)", interpreter) == [7])
        #expect(try values("torch.max(x, tensor([[2.0], [3.0]]))", interpreter) == [2, 5, 2, 7, 3, 7])
    }

    @Test func unpackingThePredictionLine() throws {
        let interpreter = Interpreter()
        try interpreter.run("outputs = tensor([[0.1, 0.9], [0.8, 0.2], [0.3, 0.7]])")
        try interpreter.run("_, predicted = torch.max(outputs, 1)")
        #expect(try values("predicted", interpreter) == [1, 0, 1])
        #expect(try values("outputs.argmax(1)", interpreter) == [1, 0, 1])
        #expect(try values("outputs.argmin(dim=1)", interpreter) == [0, 1, 0])
    }

    @Test func misuseIsRefusedNotFatal() throws {
        let interpreter = Interpreter()
        // torch.max reads a number after a tensor as a dimension: PyTorch says "Dimension out of
        // range (expected to be in range of [-1, 0], but got 3)".
        for source in [
            "max(zeros(2), 3)", "zeros(2, 3).max(1, 2)", "max(zeros(2), 'a')", "min(zeros(2), 0, dim=0)",
            "max(zeros(2), zeros(2), zeros(2))", "max()", "max(zeros(2), 0.5)",
            "max(zeros(2, 3), dim=(0, 1))",
        ] {
            #expect(throws: LanguageError.self, "\(source)") { try interpreter.run(source) }
        }
        #expect(try interpreter.run("zeros(2, 3).max(1)[0].shape") == .shape([2]))
        #expect(try interpreter.run("max(3, 5, 4)") == .int(5))
        #expect(try interpreter.run("min([3, 5, 1.5])") == .float(1.5))
        // A pair that is not (values, indices) has no such names.
        #expect(throws: LanguageError.self) { try interpreter.run("(zeros(2), zeros(2)).values") }
    }

    @Test func callAccessorsThrowForNamesTheSignatureLacks() throws {
        let builtin = Builtin("f(a, *rest)", "test") { call in
            _ = try call.value("nothing")
            return .none
        }
        let here = SourceRange(at: .start)
        let call = try Call(
            builtin.signature,
            arguments: [
                EvaluatedArgument(name: nil, value: .int(1), range: here),
                EvaluatedArgument(name: nil, value: .string("x"), range: here),
            ],
            evaluator: Evaluator(options: EvaluationOptions()), range: here)
        #expect(throws: LanguageError.self) { try builtin.body(call) }
        #expect(call.mismatch("rest", .int).message.contains("not str"))
        #expect(call.mismatch("unknown", .int).message.contains("not NoneType"))
    }
}
