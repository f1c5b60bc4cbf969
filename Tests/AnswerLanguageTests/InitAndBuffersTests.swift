import CNN
import Testing

@testable import AnswerLanguage

/// Session 12's PyTorch fidelity for modules written as classes and for `nn.init`:
/// `register_buffer` (in `state_dict()`, loaded by `load_state_dict`, not a parameter),
/// `add_module`, `nn.init.dirac_`/`trunc_normal_`/`orthogonal_`, and `d.setdefault(k, []).append(x)`
/// writing into `d` as Python's shared list does. Expected values are PyTorch 2.15's
/// (`Differential/snippets.txt`, group "session 12: init and buffers").
@Suite struct InitAndBuffersTests: RunsSnippets {
    static let bufferModule = """
        class M(nn.Module):
            def __init__(self):
                super().__init__()
                self.fc = nn.Linear(2, 2)
                self.register_buffer('mask', torch.tensor([1.0, 0.0]))
                self.register_buffer('tmp', torch.zeros(2), persistent=False)
            def forward(self, x):
                return self.fc(x) * self.mask
        m = M()

        """

    @Test func buffersAreInTheStateDictButNotParameters() throws {
        // PyTorch: (2, ['mask', 'fc.weight', 'fc.bias']): the module's own buffers before its children.
        #expect(
            try run(Self.bufferModule + "(len(list(m.parameters())), list(m.state_dict().keys()))")
                == .tuple([
                    .int(2), .list([.string("mask"), .string("fc.weight"), .string("fc.bias")]),
                ]))
        #expect(try run(Self.bufferModule + "[n for n, _ in m.named_buffers()]") == .list([.string("mask")]))
        #expect(try tensor(Self.bufferModule + "m.tmp")?.scalarsAsDoubles() == [0, 0])
    }

    @Test func loadStateDictWritesBuffers() throws {
        let source = """
            class M(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.register_buffer('mean', torch.zeros(2))
                def forward(self, x):
                    return x - self.mean
            m = M()
            m.load_state_dict({'mean': torch.tensor([1.0, 2.0])})
            m(torch.tensor([5.0, 5.0]))
            """
        #expect(try tensor(source)?.scalarsAsDoubles() == [4, 3])
    }

    @Test func aBufferChangedInForwardStaysABuffer() throws {
        let source = """
            class M(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.register_buffer('steps', torch.zeros(1))
                def forward(self, x):
                    self.steps += 1
                    return x
            m = M()
            m(torch.ones(1))
            m(torch.ones(1))
            m.state_dict()['steps']
            """
        #expect(try tensor(source)?.scalarsAsDoubles() == [2])
    }

    @Test func addModuleRegistersALayer() throws {
        let source = """
            class M(nn.Module):
                def __init__(self):
                    super().__init__()
                    for i in range(3):
                        self.add_module(f'fc{i}', nn.Linear(2, 2))
                def forward(self, x):
                    return x
            [n for n, _ in M().named_parameters()][:2]
            """
        #expect(try run(source) == .list([.string("fc0.weight"), .string("fc0.bias")]))
        // Must-not: a built-in layer cannot gain one here, and says so.
        #expect(error("nn.Linear(2, 2).register_buffer('b', torch.ones(1))")?.kind == .unsupported)
    }

    @Test func diracPassesTheInputThrough() throws {
        #expect(
            try tensor(
                "w = nn.init.dirac_(torch.empty(2, 2, 3, 3)); F.conv2d(torch.arange(18.0).reshape(1, 2, 3, 3), w, padding=1).flatten()"
            )?.scalarsAsDoubles() == (0..<18).map(Double.init))
        #expect(
            try tensor("nn.init.dirac_(torch.empty(4, 2, 1, 3), groups=2)[3, 1]")?.scalarsAsDoubles() == [
                0, 1, 0,
            ])
        #expect(
            error("nn.init.dirac_(torch.empty(3, 3))")?.message
                == "Only tensors with 3, 4, or 5 dimensions are supported")
        #expect(
            error("nn.init.dirac_(torch.empty(3, 2, 3), groups=2)")?.message
                == "dim 0 must be divisible by groups")
    }

    @Test func truncatedNormalStaysInside() throws {
        #expect(
            try run(
                "w = nn.init.trunc_normal_(torch.empty(50, 50), std=1.0, a=-0.5, b=0.5); bool((w.abs() <= 0.5).all())"
            )
                == .bool(true))
    }

    @Test func orthogonalRowsOrColumnsAreOrthonormal() throws {
        #expect(
            try run(
                "w = nn.init.orthogonal_(torch.empty(5, 3)); torch.allclose(w.T @ w, torch.eye(3), atol=1e-5)"
            )
                == .bool(true))
        #expect(
            try run(
                "w = nn.init.orthogonal_(torch.empty(3, 6)); torch.allclose(w @ w.T, torch.eye(3), atol=1e-5)"
            )
                == .bool(true))
        #expect(
            error("nn.init.orthogonal_(torch.empty(3))")?.message
                == "Only tensors with 2 or more dimensions are supported")
    }

    @Test func setdefaultListsAreSharedWithTheDict() throws {
        let source = """
            groups = {}
            for name, size in [('a', 1), ('b', 2), ('a', 3)]:
                groups.setdefault(name, []).append(size)
            groups
            """
        #expect(
            try run(source)
                == .dict([.init("a", .list([.int(1), .int(3)])), .init("b", .list([.int(2)]))]))
        #expect(
            try run("d = {'x': [1]}; d.get('x').append(2); d")
                == .dict([.init("x", .list([.int(1), .int(2)]))]))
        // Must-not: a default get did not store stays out of the dict, as in Python.
        #expect(try run("d = {}; d.get('x', []).append(2); d") == .dict([]))
        // A key that is not a plain name or literal is refused rather than guessed.
        #expect(error("d = {}; d.setdefault(str(1), []).append(2)")?.kind == .unsupported)
    }
}
