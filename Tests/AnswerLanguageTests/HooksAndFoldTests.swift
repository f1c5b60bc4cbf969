import CNN
import Testing

@testable import AnswerLanguage

/// Session 12's PyTorch fidelity for back-propagation lessons and classic stacks: tensor hooks
/// (`register_hook`), forward hooks (`register_forward_hook`), `F.fold`/`nn.Fold`, local response
/// normalisation, `itemsize`/`nbytes`, binary losses' target dtypes and `dict.setdefault`. Every
/// expected value is PyTorch 2.15's (`Differential/snippets.txt` runs the same code through
/// `make_differential.py`).
@Suite struct HooksAndFoldTests: RunsSnippets {
    // MARK: - Tensor hooks

    /// Each snippet's gradient as PyTorch gives it.
    static let hookCases: [(String, [Double])] = [
        // The hook sees the gradient reaching y: d(sum(y · [3, 4]))/dy.
        (
            "x = torch.tensor([1.0, 2.0], requires_grad=True); y = x * 2; seen = []\nh = y.register_hook(lambda g: seen.append(g))\n(y * torch.tensor([3.0, 4.0])).sum().backward(); seen[0]",
            [3.0, 4]
        ),
        // A returned tensor replaces the gradient, also what reaches the leaves below.
        (
            "x = torch.tensor([1.0, 2.0], requires_grad=True); y = x * 2\nh = y.register_hook(lambda g: g * 0); (y ** 2).sum().backward(); x.grad",
            [0, 0]
        ),
        // Hooks run in order, each on the previous one's result: (1 + 1) · 3.
        (
            "x = torch.tensor([1.0, 2.0], requires_grad=True)\nh1 = x.register_hook(lambda g: g + 1); h2 = x.register_hook(lambda g: g * 3)\nx.sum().backward(); x.grad",
            [6, 6]
        ),
        // A removed hook no longer runs.
        (
            "x = torch.tensor([1.0, 2.0], requires_grad=True); h = x.register_hook(lambda g: g * 2)\nh.remove(); (x * 5).sum().backward(); x.grad",
            [5, 5]
        ),
        // retain_grad keeps the gradient the hooks leave.
        (
            "x = torch.tensor([1.0, 2.0], requires_grad=True); y = x * 2; y.retain_grad()\nh = y.register_hook(lambda g: g * 10); y.sum().backward(); y.grad",
            [10, 10]
        ),
    ]

    @Test(arguments: hookCases)
    func tensorHooks(source: String, values: [Double]) throws {
        #expect(try tensor(source)?.scalarsAsDoubles() == values, "\(source)")
    }

    @Test func tensorHookRefusals() {
        // PyTorch: RuntimeError, word for word.
        #expect(
            error("torch.tensor([1.0, 2.0]).register_hook(lambda g: g)")?.message
                == "cannot register a hook on a tensor that doesn't require gradient")
        // A hook that changes the gradient's shape is refused, as PyTorch's "has changed the size".
        #expect(
            error(
                "x = torch.ones(2, requires_grad=True); h = x.register_hook(lambda g: g.sum()); x.sum().backward()"
            )?
            .message.contains("changed the size") == true)
        #expect(
            error(
                "x = torch.ones(2, requires_grad=True); h = x.register_hook(lambda g: 3); x.sum().backward()")
                != nil)
    }

    // MARK: - Forward hooks

    @Test func forwardHooksSeeEveryLayerOfAContainer() throws {
        let source = """
            model = nn.Sequential(nn.Conv2d(1, 2, 3), nn.ReLU(), nn.Flatten(), nn.Linear(8, 1))
            shapes = []
            for layer in model:
                layer.register_forward_hook(lambda m, i, o: shapes.append(tuple(o.shape)))
            out = model(torch.ones(1, 1, 4, 4))
            shapes
            """
        // PyTorch: [(1, 2, 2, 2), (1, 2, 2, 2), (1, 8), (1, 1)].
        #expect(
            try run(source)
                == .list([
                    .tuple([.int(1), .int(2), .int(2), .int(2)]),
                    .tuple([.int(1), .int(2), .int(2), .int(2)]),
                    .tuple([.int(1), .int(8)]), .tuple([.int(1), .int(1)]),
                ]))
    }

    @Test func forwardHookOnAModuleWrittenHereRunsOnce() throws {
        let source = """
            class Net(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.conv = nn.Conv2d(1, 3, 3)
                    self.fc = nn.Linear(12, 2)
                def forward(self, x):
                    return self.fc(F.relu(self.conv(x)).flatten(1))
            net = Net()
            seen = []
            h1 = net.conv.register_forward_hook(lambda m, i, o: seen.append(o.shape))
            h2 = net.register_forward_hook(lambda m, i, o: seen.append(o.shape))
            net(torch.ones(1, 1, 4, 4))
            seen
            """
        #expect(try run(source) == .list([.shape([1, 3, 2, 2]), .shape([1, 2])]))
    }

    @Test func forwardHookGetsTheInputsAsATupleAndCanBeRemoved() throws {
        let source = """
            lin = nn.Linear(2, 3)
            seen = []
            h = lin.register_forward_hook(lambda m, i, o: seen.append(i[0].shape))
            lin(torch.ones(4, 2))
            h.remove()
            lin(torch.ones(5, 2))
            seen
            """
        #expect(try run(source) == .list([.shape([4, 2])]))
    }

    @Test func forwardHookResultReplacesTheOutput() throws {
        let source = """
            model = nn.Sequential(nn.Linear(2, 2), nn.ReLU())
            h = model[1].register_forward_hook(lambda m, i, o: o * 0)
            model(torch.ones(1, 2))
            """
        #expect(try tensor(source)?.scalarsAsDoubles() == [0, 0])
    }

    /// Must-not: a layer without hooks, and a fresh layer, run no other layer's hooks.
    @Test func hooksStayWithTheirLayer() throws {
        let source = """
            a = nn.Linear(2, 2)
            b = nn.Linear(2, 2)
            seen = []
            h = a.register_forward_hook(lambda m, i, o: seen.append(1))
            b(torch.ones(1, 2))
            nn.Linear(2, 2)(torch.ones(1, 2))
            len(seen)
            """
        #expect(try run(source) == .int(0))
    }

    // MARK: - fold and local response normalisation

    @Test func foldSumsOverlappingPatches() throws {
        // PyTorch: every pixel counted once per 2 × 2 patch covering it.
        #expect(
            try tensor("F.fold(torch.ones(1, 4, 9), output_size=(4, 4), kernel_size=2)")?.scalarsAsDoubles()
                == [1, 2, 2, 1, 2, 4, 4, 2, 2, 4, 4, 2, 1, 2, 2, 1])
        #expect(
            try run(
                "x = torch.arange(32.0).reshape(1, 2, 4, 4); torch.equal(F.fold(F.unfold(x, 2, stride=2), (4, 4), 2, stride=2), x)"
            ) == .bool(true))
        #expect(
            try run("nn.Fold(output_size=(5, 5), kernel_size=3, stride=2)(torch.ones(2, 9, 4)).shape")
                == .shape([2, 1, 5, 5]))
        // Its gradient is unfold's of the incoming gradient.
        #expect(
            try tensor(
                "c = torch.ones(1, 4, 9, requires_grad=True)\n(F.fold(c, (4, 4), 2) * torch.arange(16.0).reshape(1, 1, 4, 4)).sum().backward(); c.grad[0, :, 0]"
            )?.scalarsAsDoubles() == [0, 1, 4, 5])
    }

    @Test func foldRefusalsAreTorchs() {
        #expect(
            error("F.fold(torch.ones(1, 5, 9), (4, 4), 2)")?.message.hasPrefix(
                "Expected size of input's dimension 1 to be divisible by the product of kernel_size") == true)
        #expect(
            error("F.fold(torch.ones(1, 4, 8), (4, 4), 2)")?.message.contains(
                "calculated number of sliding blocks 3 * 3") == true)
    }

    @Test func localResponseNormIsTorchs() throws {
        // PyTorch 2.15: F.local_response_norm(torch.arange(6.0).reshape(1, 6, 1, 1), 3).flatten().
        let expected = [0.0, 0.999_875_1, 1.999_300_2, 2.997_826_8, 3.995_007, 4.994_881_2]
        let values =
            try tensor("F.local_response_norm(torch.arange(6.0).reshape(1, 6, 1, 1), 3).flatten()")?
            .scalarsAsDoubles() ?? []
        #expect(values.count == 6)
        #expect(zip(values, expected).allSatisfy { abs($0 - $1) < 1e-5 })
        #expect(
            try run("nn.LocalResponseNorm(5, k=2.0)(torch.zeros(1, 96, 3, 3)).shape")
                == .shape([1, 96, 3, 3]))
        #expect(
            error("F.local_response_norm(torch.ones(3, 4), 2)")?.message
                == "Expected 3D or higher dimensionality input (got 2 dimensions)")
    }

    // MARK: - Memory, binary targets, dicts

    @Test func bytesOfTensors() throws {
        #expect(try run("torch.zeros(2, 3).itemsize") == .int(4))
        #expect(try run("torch.zeros(2, 3).nbytes") == .int(24))
        #expect(try run("torch.zeros(4, dtype=torch.float64).nbytes") == .int(32))
        #expect(try run("sum(p.nbytes for p in nn.Conv2d(3, 16, 3).parameters())") == .int(1792))
    }

    @Test func binaryLossesRefuseIntegerTargets() throws {
        // PyTorch: RuntimeError "result type Float can't be cast to the desired output type Long".
        #expect(
            error("nn.BCEWithLogitsLoss()(torch.tensor([0.5, -1.0]), torch.tensor([1, 0]))")?.kind == .type)
        // PyTorch: RuntimeError "Found dtype Long but expected Float".
        #expect(error("F.binary_cross_entropy(torch.tensor([0.5, 0.3]), torch.tensor([1, 0]))") != nil)
        #expect(
            error(
                "F.binary_cross_entropy(torch.tensor([0.5, 0.3], dtype=torch.float64), torch.tensor([1.0, 0.0]))"
            )
                != nil)
        // Must-not: a real target of the input's dtype (or made with .float()) is a loss.
        #expect(
            try tensor("nn.BCEWithLogitsLoss()(torch.tensor([0.5, -1.0]), torch.tensor([1, 0]).float())")
                != nil)
        #expect(
            try tensor(
                "nn.BCEWithLogitsLoss(pos_weight=torch.tensor([3.0]))(torch.tensor([0.5, -1.0]), torch.tensor([1.0, 0.0]))"
            ) != nil)
    }

    @Test func setdefaultIsPythons() throws {
        #expect(
            try run("d = {}; d.setdefault('a', 1); d.setdefault('a', 2); d") == .dict([.init("a", .int(1))]))
        #expect(try run("d = {'x': 3}; d.setdefault('x', 5)") == .int(3))
        #expect(try run("d = {'x': 3}; d.setdefault('y'); d['y']") == .none)
        // Changing the list setdefault gives changes d, as in Python.
        #expect(
            try run("d = {}; d.setdefault('a', []).append(1); d")
                == .dict([.init("a", .list([.int(1)]))]))
    }
}
