import Testing

@testable import AnswerLanguage

/// PyTorch's other spellings of what the language already computes — the correct phrasings the
/// grader used to refuse (`torch.trace`, `x.narrow`, `torch.broadcast_shapes`,
/// `nn.ReflectionPad2d`, `axis=`, …). Each is checked against the spelling it stands for in
/// PyTorch (its documentation states the equivalence), or against values from PyTorch's docs.
@Suite struct VocabularyTests {
    static func interpreter() throws -> Interpreter {
        let interpreter = Interpreter()
        try interpreter.run(
            "x = arange(36.).reshape(6, 6); p = tensor([[3., 1.], [0., 5.]]); k = tensor([[0., 1.], [-1., 2.]])"
        )
        return interpreter
    }

    /// Pairs that PyTorch computes alike: the new spelling, then the old one.
    @Test(arguments: [
        ("x.narrow(0, 0, 3).narrow(1, 0, 3)", "x[0:3, 0:3]"),
        ("torch.narrow(x, 1, -2, 2)", "x[:, 4:6]"),
        ("x.narrow(0, torch.tensor(1), 2)", "x[1:3]"),
        ("torch.trace(p @ k.T)", "(p * k).sum()"),
        ("(p @ k.t()).trace()", "(p * k).sum()"),
        ("x.unfold(0, 3, 1).unfold(1, 3, 1)[2, 1]", "x[2:5, 1:4]"),
        ("x.unfold(1, 2, 2).max(-1).values", "torch.maximum(x[:, ::2], x[:, 1::2])"),
        (
            "torch.outer(tensor([1., 2.]), tensor([3., 4., 5.]))",
            "tensor([[1.], [2.]]) * tensor([3., 4., 5.])"
        ),
        ("torch.ger(tensor([1., 2.]), tensor([3., 4.]))", "tensor([[3., 4.], [6., 8.]])"),
        ("x.index_select(1, torch.tensor([0, 2]))", "x[:, [0, 2]]"),
        ("torch.index_select(x, -2, torch.tensor(4))", "x[4:5]"),
        ("torch.clip(x, 3, 20)", "x.clamp(3, 20)"),
        ("x.clip(min=7)", "x.clamp(min=7)"),
        ("x.clamp_min(7)", "x.clamp(min=7)"),
        ("torch.clamp_max(x, 7)", "x.clamp(max=7)"),
        ("F.relu6(x - 10)", "(x - 10).clamp(0, 6)"),
        ("nn.ReLU6()(x - 10)", "(x - 10).clamp(0, 6)"),
        ("F.relu(x - 10, inplace=True)", "(x - 10).clamp(min=0)"),
        ("x.sum(axis=1, keepdims=True)", "x.sum(dim=1, keepdim=True)"),
        ("torch.mean(x, axis=(0, 1))", "x.mean()"),
        ("x.max(axis=0).values", "x.max(dim=0).values"),
        ("nn.ReflectionPad2d(1)(x[None, None])", "F.pad(x[None, None], (1, 1, 1, 1), mode='reflect')"),
        ("nn.ReflectionPad2d((1, 0, 2, 1))(x[None])", "F.pad(x[None], (1, 0, 2, 1), mode='reflect')"),
        ("nn.ReplicationPad2d(2)(x[None])", "F.pad(x[None], (2, 2, 2, 2), mode='replicate')"),
        ("nn.ConstantPad2d(1, 3.5)(x)", "F.pad(x, (1, 1, 1, 1), value=3.5)"),
        (
            "nn.ConstantPad3d((0, 0, 0, 0, 1, 1), 0)(x[None, None])",
            "F.pad(x[None, None], (0, 0, 0, 0, 1, 1))"
        ),
        ("nn.ReflectionPad1d(2)(x[None])", "F.pad(x[None], (2, 2), mode='reflect')"),
        (
            "F.pad(x[None], (1, 1, 1, 1), mode='reflect', value=0)",
            "F.pad(x[None], (1, 1, 1, 1), mode='reflect')"
        ),
        ("torch.broadcast_tensors(zeros(8, 1, 5), zeros(3, 1))[1].shape", "(8, 3, 5)"),
    ])
    func spellingsAgree(_ spelling: String, _ meaning: String) throws {
        let interpreter = try Self.interpreter()
        let a = try interpreter.run(spelling)
        let b = try interpreter.run(meaning)
        guard case .tensor(let x) = a, case .tensor(let y) = b else {
            #expect(a == b, "\(spelling)")
            return
        }
        #expect(x.shape == y.shape, "\(spelling)")
        #expect(x.scalarType == y.scalarType, "\(spelling)")
        #expect(try x.isEqual(to: y), "\(spelling)")
    }

    /// torch.broadcast_shapes docs: broadcast_shapes((2,), (3, 1), (1, 1, 1)) → torch.Size([1, 3, 2]).
    @Test func broadcastShapes() throws {
        let interpreter = Interpreter()
        #expect(try interpreter.run("torch.broadcast_shapes((2,), (3, 1), (1, 1, 1))") == .shape([1, 3, 2]))
        #expect(try interpreter.run("torch.broadcast_shapes((8, 1, 5), (3, 1))") == .shape([8, 3, 5]))
        #expect(try interpreter.run("torch.broadcast_shapes(torch.Size([2, 3]), 3)") == .shape([2, 3]))
        #expect(try interpreter.run("torch.broadcast_shapes()") == .shape([]))
        #expect(throws: LanguageError.self) { try interpreter.run("torch.broadcast_shapes((2, 3), (4,))") }
        #expect(throws: LanguageError.self) { try interpreter.run("torch.broadcast_shapes('a')") }
    }

    /// `x.nelement()` is `x.numel()`; a `ReflectionPad2d` prints as PyTorch prints it.
    @Test func namesAndLayers() throws {
        let interpreter = try Self.interpreter()
        #expect(try interpreter.run("x.nelement()") == .int(36))
        #expect(try interpreter.run("x.sum(axis=0).shape") == .shape([6]))
    }

    /// Wrong calls are refused with PyTorch's reasons, never a crash.
    @Test(arguments: [
        "x.narrow(0, 5, 2)", "x.narrow(2, 0, 1)", "x.unfold(0, 7, 1)", "x.unfold(0, 2, 0)",
        "torch.trace(zeros(2, 2, 2))", "torch.outer(x, x)", "x.index_select(0, zeros(2, 2).long())",
        "x.index_select(0, tensor([1.5]))", "x.index_select(3, tensor([0]))",
        "nn.ReflectionPad2d(3)(zeros(1, 1, 2, 2))",
        "nn.ReflectionPad2d((1, 2))", "F.pad(x[None], (1, 1), mode='reflect', value=1)",
        "F.unfold(zeros(1, 1, 2, 2), 3)", "F.unfold(zeros(4), 1)", "x.sum(axis=1, dim=0)",
    ])
    func refusals(_ source: String) throws {
        let interpreter = try Self.interpreter()
        #expect(throws: LanguageError.self, "\(source)") { try interpreter.run(source) }
    }
}
