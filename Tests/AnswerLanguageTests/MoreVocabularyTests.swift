import Testing

@testable import AnswerLanguage

/// The second batch of PyTorch spellings: values from PyTorch's documentation examples (quoted),
/// or the equivalent spelling PyTorch documents.
@Suite struct MoreVocabularyTests {
    static func interpreter() throws -> Interpreter {
        let interpreter = Interpreter()
        try interpreter.run("x = arange(24.).reshape(2, 3, 4); m = tensor([[1., 2.], [3., 4.]])")
        return interpreter
    }

    @Test(arguments: [
        ("x.amax(dim=(1, 2))", "x.flatten(1).max(dim=1).values"),
        ("torch.amax(x, (-2, -1), keepdim=True)", "x.flatten(1).max(dim=1).values[:, None, None]"),
        ("x.amin(1)", "x.min(dim=1).values"),
        ("torch.amax(x)", "x.max()"),
        ("x.unflatten(2, (2, 2))", "x.reshape(2, 3, 2, 2)"),
        ("x.unflatten(-1, (-1, 2))", "x.reshape(2, 3, 2, 2)"),
        // torch.rot90 docs: rot90(tensor([[0, 1], [2, 3]]), 1, [0, 1]) → [[1, 3], [0, 2]].
        ("torch.rot90(m, 1, [0, 1])", "tensor([[2., 4.], [1., 3.]])"),
        ("m.rot90(-1)", "m.rot90(3)"),
        ("m.rot90(2)", "m.flip([0, 1])"),
        ("torch.tensordot(m, m, dims=1)", "m @ m"),
        ("torch.tensordot(m, m)", "(m * m).sum()"),
        ("torch.tensordot(x, x, dims=([1, 2], [1, 2]))", "x.flatten(1) @ x.flatten(1).T"),
        ("torch.tensordot(m, x, dims=([1], [0]))", "torch.einsum('ij,jkl->ikl', m, x)"),
        ("m.clone().unsqueeze_(0)", "m[None]"),
        ("torch.Tensor([[1, 0], [0, 1]])", "torch.eye(2)"),
        ("torch.FloatTensor(2, 3)", "zeros(2, 3)"),
        ("torch.LongTensor([1, 2])", "tensor([1, 2])"),
        ("torch.DoubleTensor([1.5])", "tensor([1.5], dtype=torch.float64)"),
        ("m.new_zeros(2, 3)", "zeros(2, 3)"),
        ("tensor([1, 2]).new_ones((2,))", "tensor([1, 1])"),
        ("m.new_full((2,), 7)", "tensor([7., 7.])"),
        ("m.new_tensor([1, 2])", "tensor([1., 2.])"),
        ("torch.tensor([1, 2], dtype=float)", "tensor([1., 2.], dtype=torch.float64)"),
        ("torch.zeros(2, dtype=int)", "tensor([0, 0])"),
        ("torch.tensor([0, 3], dtype=bool)", "tensor([False, True])"),
        ("F.threshold(x - 10, 0., -1.)", "torch.where(x - 10 > 0, x - 10, -1.)"),
        ("x.mean(dim=(1, 2), keepdim=True).squeeze((1, 2))", "x.mean(dim=(1, 2))"),
        ("x[:1].squeeze((0, 1))", "x[0]"),
        // torch.round rounds half to even: round([0.5, 1.5, 2.5, -0.5, -2.5]) → [0, 2, 2, -0, -2].
        ("torch.round(tensor([0.5, 1.5, 2.5, -0.5, -2.5, 2.7]))", "tensor([0., 2., 2., 0., -2., 3.])"),
        ("torch.round(tensor([1.2345]), decimals=2)", "tensor([1.23])"),
        ("torch.floor(tensor([-1.5, 1.5]))", "tensor([-2., 1.])"),
        ("torch.ceil(tensor([-1.5, 1.5]))", "tensor([-1., 2.])"),
        ("torch.trunc(tensor([-1.5, 1.5]))", "tensor([-1., 1.])"),
        ("torch.frac(tensor([-1.5, 1.25]))", "tensor([-0.5, 0.25])"),
        ("torch.log2(tensor([8.]))", "tensor([3.])"),
        ("torch.log10(tensor([1000.]))", "tensor([3.])"),
        ("torch.exp2(tensor([3.]))", "tensor([8.])"),
        ("tensor([4.]).rsqrt()", "tensor([0.5])"),
        ("tensor([4.]).reciprocal()", "tensor([0.25])"),
        ("x.movedim(0, 2)", "x.permute(1, 2, 0)"),
        ("torch.movedim(x, (0, 1), (2, 0))", "x.permute(1, 2, 0)"),
        ("x.swapaxes(0, 2)", "x.transpose(0, 2)"),
        ("x[0].expand_as(x)", "x[0][None].repeat(2, 1, 1)"),
        ("x.reshape_as(zeros(6, 4))", "x.reshape(6, 4)"),
        ("x.cumsum(dim=2)[..., -1]", "x.sum(dim=2)"),
        ("torch.cumsum(tensor([1, 2, 3]), 0)", "tensor([1, 3, 6])"),
        ("torch.logsumexp(m, dim=1)", "m.exp().sum(dim=1).log()"),
        ("torch.count_nonzero(x)", "tensor(23)"),
        ("torch.diagonal(m)", "tensor([1., 4.])"),
        ("torch.diag(tensor([1., 2.]))", "tensor([[1., 0.], [0., 2.]])"),
        ("torch.diag(tensor([1., 2.]), 1)", "tensor([[0., 1., 0.], [0., 0., 2.], [0., 0., 0.]])"),
        ("x.diagonal(offset=1, dim1=1, dim2=2)", "torch.stack([x[:, 0, 1], x[:, 1, 2], x[:, 2, 3]], dim=1)"),
        ("torch.hstack([m, m])", "torch.cat([m, m], dim=1)"),
        ("torch.vstack([tensor([1., 2.]), tensor([3., 4.])])", "m"),
        ("torch.concatenate([m, m], axis=1)", "torch.cat([m, m], dim=1)"),
        ("torch.unbind(m)[1]", "m[1]"),
        ("torch.tile(m, (2,))", "m.repeat(1, 2)"),
        ("torch.full_like(m, 7)", "tensor([[7., 7.], [7., 7.]])"),
        ("F.normalize(tensor([[3., 4.]]), dim=1)", "tensor([[0.6, 0.8]])"),
        ("F.one_hot(tensor([0, 2]), 3)", "tensor([[1, 0, 0], [0, 0, 1]])"),
        (
            "nn.Unflatten(1, (2, 2))(x.reshape(2, 4, 3)[:, :, 0])",
            "x.reshape(2, 4, 3)[:, :, 0].reshape(2, 2, 2)"
        ),
        ("torch.inner(tensor([1., 2.]), tensor([3., 4.]))", "tensor(11.)"),
        ("torch.mv(m, tensor([1., 1.]))", "tensor([3., 7.])"),
    ])
    func spellingsAgree(_ spelling: String, _ meaning: String) throws {
        let interpreter = try Self.interpreter()
        guard case .tensor(let a) = try interpreter.run(spelling),
            case .tensor(let b) = try interpreter.run(meaning)
        else {
            Issue.record("\(spelling) is not a tensor")
            return
        }
        #expect(a.shape == b.shape, "\(spelling)")
        #expect(a.scalarType == b.scalarType, "\(spelling)")
        #expect(try a.isEqual(to: b), "\(spelling)")
    }

    /// `torch.autograd.grad` returns the gradients and leaves `.grad` alone (PyTorch docs); for
    /// σ at 0 it is σ(0)(1 − σ(0)) = 0.25.
    @Test func autogradGrad() throws {
        let interpreter = Interpreter()
        try interpreter.run("x = torch.tensor(0., requires_grad=True); y = torch.sigmoid(x)")
        #expect(try interpreter.run("torch.autograd.grad(y, x)[0].item()") == .float(0.25))
        #expect(try interpreter.run("x.grad") == .none)
        try interpreter.run("w = torch.tensor([1., 2.], requires_grad=True); h = w * 3; z = (h * h).sum()")
        #expect(
            try interpreter.run("torch.autograd.grad(z, [w, h])[1].tolist()")
                == .list([.float(6), .float(12)]))
        #expect(
            try interpreter.run("torch.autograd.grad(h, w, grad_outputs=torch.ones(2))[0].tolist()")
                == .list([.float(3), .float(3)]))
        try interpreter.run("u = torch.tensor(1., requires_grad=True)")
        #expect(try interpreter.run("torch.autograd.grad(z, [w, u], allow_unused=True)[1]") == .none)
        for source in [
            "torch.autograd.grad(z, u)", "torch.autograd.grad(z, tensor(1.))", "torch.autograd.grad(h, w)",
            "torch.autograd.grad(tensor(1.), w)", "torch.autograd.grad(z, w, create_graph=True)",
        ] {
            #expect(throws: LanguageError.self, "\(source)") { try interpreter.run(source) }
        }
    }

    /// Python: list(map(abs, [-1, 2])) == [1, 2]; divmod(7, 2) == (3, 1); divmod(-7, 2) == (-4, 1).
    @Test func pythonMapFilterDivmod() throws {
        let interpreter = Interpreter()
        #expect(try interpreter.run("list(map(abs, [-1, 2]))") == .list([.int(1), .int(2)]))
        #expect(try interpreter.run("sum(map(torch.numel, nn.Conv2d(3, 16, 3).parameters()))") == .int(448))
        #expect(
            try interpreter.run("list(map(lambda a, b: a * b, [1, 2], [3, 4, 5]))")
                == .list([.int(3), .int(8)]))
        #expect(try interpreter.run("list(filter(lambda a: a > 1, [1, 2, 3]))") == .list([.int(2), .int(3)]))
        #expect(try interpreter.run("divmod(7, 2)") == .tuple([.int(3), .int(1)]))
        #expect(try interpreter.run("divmod(-7, 2)") == .tuple([.int(-4), .int(1)]))
        #expect(throws: LanguageError.self) { try interpreter.run("divmod(1, 0)") }
        #expect(throws: LanguageError.self) { try interpreter.run("map(abs)") }
    }

    /// `nn.Sequential(OrderedDict([...]))` names its layers; `modules()` lists the model first,
    /// then every layer, and `children()` the direct ones (PyTorch docs).
    @Test func modulesAndOrderedDict() throws {
        let interpreter = Interpreter()
        try interpreter.run(
            "from collections import OrderedDict\nnet = nn.Sequential(OrderedDict([('conv', nn.Conv2d(1, 2, 3)), ('act', nn.ReLU())]))"
        )
        #expect(try interpreter.run("net.conv.out_channels") == .int(2))
        #expect(try interpreter.run("len(list(net.modules()))") == .int(3))
        #expect(try interpreter.run("len(list(net.children()))") == .int(2))
        #expect(
            try interpreter.run("[n for n, _ in net.named_children()]")
                == .list([.string("conv"), .string("act")]))
        #expect(try interpreter.run("sum(isinstance(m, nn.Conv2d) for m in net.modules())") == .int(1))
        #expect(
            try interpreter.run("nn.Linear(128, 10).in_features * nn.Linear(128, 10).out_features")
                == .int(1280))
        #expect(throws: LanguageError.self) {
            try interpreter.run("nn.Sequential(OrderedDict([('a.b', nn.ReLU())]))")
        }
    }

    @Test(arguments: [
        "torch.tensordot(m, x, dims=([1], [2]))", "torch.tensordot(m, m, dims=3)",
        "torch.tensordot(m, m, dims=([0, 1], [0]))",
        "m.rot90(1, [0, 0])", "tensor([1., 2.]).rot90()", "m.rot90(1, [0, 1, 1])", "x.amax((1, 1))",
        "x.unflatten(2, (3, 3))",
        "torch.Tensor('a')", "m.new_zeros('a')", "x.squeeze((0, 0))",
    ])
    func refusals(_ source: String) throws {
        let interpreter = try Self.interpreter()
        #expect(throws: LanguageError.self, "\(source)") { try interpreter.run(source) }
    }
}
