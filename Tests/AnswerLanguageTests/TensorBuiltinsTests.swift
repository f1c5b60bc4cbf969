import CNN
import Testing

@testable import AnswerLanguage

/// The language's tensor builtins against direct engine calls, keyword by keyword.
@Suite struct TensorBuiltinsTests {
    func tensor(_ source: String, _ interpreter: Interpreter = Interpreter()) throws -> Tensor {
        let value = try interpreter.run(source)
        guard case .tensor(let tensor) = value else {
            Issue.record("\(source) gave a \(value.typeName)")
            return Tensor(0)
        }
        return tensor
    }

    @Test func shapesCompareEqualToTuplesAndLists() throws {
        let interpreter = Interpreter()
        try interpreter.run("x = torch.ones(1, 1, 6, 6)")
        #expect(try interpreter.run("x.shape == (1, 1, 6, 6)") == .bool(true))
        #expect(try interpreter.run("x.shape == [1, 1, 6, 6]") == .bool(true))
        #expect(try interpreter.run("x.shape[-1]") == .int(6))
        #expect(try interpreter.run("x.shape") == .shape([1, 1, 6, 6]))
        #expect(try interpreter.run("x.shape").description == "torch.Size([1, 1, 6, 6])")
        #expect(
            try interpreter.run("zeros((2, 3)).shape == zeros([2, 3]).shape == zeros(size=(2, 3)).shape")
                == .bool(true))
    }

    @Test func creationMatchesTheEngine() throws {
        #expect(
            try tensor("tensor([[1, 2], [3, 4]])").isEqual(
                to: try Tensor(
                    nested: .list([.list([.integer(1), .integer(2)]), .list([.integer(3), .integer(4)])]))))
        #expect(try tensor("torch.full((2, 2), 0.5)").isEqual(to: try Tensor.full([2, 2], 0.5)))
        #expect(try tensor("arange(5)").isEqual(to: try Tensor.arange(5)))
        #expect(try tensor("arange(1, 2, 0.25)").isEqual(to: try Tensor.arange(1.0, 2.0, step: 0.25)))
        #expect(try tensor("linspace(0, 1, steps=5)").isEqual(to: try Tensor.linspace(0, 1, steps: 5)))
        #expect(try tensor("eye(2, 3)").isEqual(to: try Tensor.eye(2, 3)))
        #expect(try tensor("zeros(2, dtype=torch.float64)").dtype == .float64)
        var generator = SeededGenerator(seed: 7)
        let expected = try Tensor.randn([3, 2], using: &generator)
        #expect(try tensor("manual_seed(7); randn(3, 2)").isEqual(to: expected))
    }

    @Test func seedOptionSeedsRandomness() throws {
        var generator = SeededGenerator(seed: 42)
        let expected = try Tensor.rand([4], using: &generator)
        #expect(
            try tensor("rand(4)", Interpreter(options: EvaluationOptions(seed: 42))).isEqual(to: expected))
    }

    @Test func autogradThroughMethods() throws {
        let interpreter = Interpreter()
        try interpreter.run(
            "x = tensor([1.0, 2.0, 3.0]); x.requires_grad_(); y = (x * x).sum(); y.backward()")
        // d(Σx²)/dx = 2x.
        #expect(try tensor("x.grad", interpreter).isEqual(to: try Tensor([2.0, 4.0, 6.0], shape: [3])))
        #expect(try interpreter.run("x.requires_grad") == .bool(true))
        #expect(try interpreter.run("y.item()") == .float(14))
        try interpreter.run("z = x * 2; z.backward(tensor([1.0, 1.0, 1.0]))")
        // Gradients accumulate: 2x + 2.
        #expect(try tensor("x.grad", interpreter).isEqual(to: try Tensor([4.0, 6.0, 8.0], shape: [3])))
    }

    @Test func sumAndMeanKeywords() throws {
        let interpreter = Interpreter()
        try interpreter.run("x = arange(6).float().reshape(2, 3)")
        let x = try Tensor.arange(6).float().reshape([2, 3])
        #expect(
            try tensor("x.sum(dim=1, keepdim=True)", interpreter).isEqual(
                to: try x.sum(dim: 1, keepDim: true)))
        #expect(try tensor("torch.sum(x, 0)", interpreter).isEqual(to: try x.sum(dim: 0)))
        #expect(try tensor("x.mean()", interpreter).isEqual(to: try x.mean()))
        #expect(try tensor("x.mean(dim=(0, 1))", interpreter).isEqual(to: try x.mean(dims: [0, 1])))
    }

    @Test func operatorsWithNumbersAndLists() throws {
        let interpreter = Interpreter()
        try interpreter.run("x = tensor([1.0, -2.0])")
        #expect(try tensor("2 * x + 1", interpreter).isEqual(to: try Tensor([3.0, -3.0], shape: [2])))
        #expect(try tensor("x ** 2", interpreter).isEqual(to: try Tensor([1.0, 4.0], shape: [2])))
        #expect(try tensor("x + [1, 1]", interpreter).isEqual(to: try Tensor([2.0, -1.0], shape: [2])))
        #expect(try tensor("-x", interpreter).isEqual(to: try Tensor([-1.0, 2.0], shape: [2])))
        #expect(try tensor("x > 0", interpreter).kind == .boolean)
        #expect(throws: LanguageError.self) { try interpreter.run("x > 0 and True") }
    }

    @Test func tensorAttributeTyposSuggest() {
        let error = #expect(throws: LanguageError.self) { try Interpreter().run("zeros(2).requires_grad()") }
        #expect(error?.kind == .type)
        let typo = #expect(throws: LanguageError.self) { try Interpreter().run("zeros(2).bakward()") }
        #expect(typo?.suggestion == "backward")
    }
}

extension TensorBuiltinsTests {
    @Test func floorDivisionAndRemainderOnTensorsFollowPython() throws {
        // Python: [7, -7] // 2 == [3, -4] and [7, -7] % 2 == [1, 1].
        #expect(try tensor("tensor([7, -7]) // 2").scalarsAsDoubles() == [3, -4])
        #expect(try tensor("tensor([7, -7]) % 2").scalarsAsDoubles() == [1, 1])
        #expect(try tensor("torch.triu(ones(3, 3))").scalarsAsDoubles() == [1, 1, 1, 0, 1, 1, 0, 0, 1])
    }
}
