import CNN
import Testing

@testable import AnswerLanguage

/// Session 10's PyTorch fidelity: in-place and indexed writes keep the tensor's dtype, `alpha`,
/// `rounding_mode`, `requires_grad_` on models, `state_dict` round trips, `.grad` assignment,
/// devices, dtypes the engine lacks and `TensorDataset`. Every expected value is PyTorch 2.15's
/// (the same code is in `Differential/snippets.txt`, run in PyTorch by `make_differential.py`).
@Suite struct InPlaceTypeAndModelStateTests: RunsSnippets {
    /// The message of the error the snippet raises, or "" when it runs.
    func message(_ source: String) -> String { error(source)?.message ?? "" }

    // MARK: - Dtypes kept

    @Test(arguments: [
        // PyTorch: tensor([[0, 1], [0, 0]]), int64.
        ("cm = torch.zeros(2, 2, dtype=torch.long); cm[0, 1] += 1; cm", ScalarType.int64, [0.0, 1, 0, 0]),
        ("cm = torch.zeros(2, 2, dtype=torch.long); cm[0] = 3; cm", .int64, [3, 3, 0, 0]),
        // A real written into an int64 tensor is cut toward zero: tensor([[0, 1], [0, 2]]).
        (
            "cm = torch.zeros(2, 2, dtype=torch.long); cm[:, 1] = torch.tensor([1.7, 2.2]); cm", .int64,
            [0, 1, 0, 2]
        ),
        ("cm = torch.zeros(2, 2, dtype=torch.long); cm[0, 0] = 2.9; cm", .int64, [2, 0, 0, 0]),
        ("x = torch.arange(6); x[::2] = -1; x", .int64, [-1, 1, -1, 3, -1, 5]),
        ("b = torch.zeros(3, dtype=torch.bool); b[1] = True; b", .bool, [0, 1, 0]),
        ("b = torch.zeros(3, dtype=torch.bool); b[0] = 1; b", .bool, [1, 0, 0]),
        (
            "x = torch.zeros(3, dtype=torch.float64); x[1:] += torch.tensor([1.5, 2.5]); x", .float64,
            [0, 1.5, 2.5]
        ),
        // `+=` writes into x's own dtype: float64 added to a float32 tensor stays float32.
        ("x = torch.zeros(3); x += torch.ones(3, dtype=torch.float64); x", .float32, [1, 1, 1]),
        ("x = torch.zeros(3, dtype=torch.float64); x += torch.ones(3); x", .float64, [1, 1, 1]),
    ])
    func indexedAndAugmentedWritesKeepTheDtype(source: String, type: ScalarType, expected: [Double]) throws {
        let result = try #require(try tensor(source))
        #expect(result.scalarType == type)
        #expect(result.scalarsAsDoubles() == expected)
    }

    @Test func aConfusionMatrixCountedInALoopStaysInt64() throws {
        let interpreter = Interpreter()
        try interpreter.run(
            """
            cm = torch.zeros(3, 3, dtype=torch.long)
            for t, p in zip(torch.tensor([0, 1, 2, 2]), torch.tensor([0, 2, 2, 1])):
                cm[t, p] += 1
            """)
        let cm = try #require(try tensor("cm", interpreter))
        #expect(cm.scalarType == .int64)
        #expect(cm.scalarsAsDoubles() == [1, 0, 0, 0, 0, 1, 0, 1, 1])
        #expect(
            try run("str(cm)", interpreter)
                == .string("tensor([[1, 0, 0],\n        [0, 0, 1],\n        [0, 1, 1]])"))
    }

    @Test(arguments: [
        // PyTorch: RuntimeError "result type Float can't be cast to the desired output type Long".
        "cm = torch.zeros(3, dtype=torch.long); cm += 1.5",
        "cm = torch.zeros(2, 2, dtype=torch.long); cm[0, 1] += 0.5",
        "cm = torch.arange(4); cm /= 2",
        "cm = torch.zeros(3, dtype=torch.long); cm.add_(1.5)",
        "cm = torch.arange(4); cm.div_(2)",
        "x = torch.arange(3); x.add_(torch.ones(3))",
        // "result type Long can't be cast to the desired output type Bool".
        "b = torch.zeros(3, dtype=torch.bool); b += 1",
    ])
    func aResultTheTensorCannotHoldIsRefused(source: String) {
        #expect(message(source).contains("can't be cast to the desired output type"))
    }

    @Test func inPlaceArithmeticThatFitsKeepsTheDtype() throws {
        #expect(try tensor("x = torch.arange(4); x //= 2; x")?.scalarType == .int64)
        #expect(try tensor("x = torch.arange(4); x.mul_(2); x")?.scalarsAsDoubles() == [0, 2, 4, 6])
        #expect(try tensor("x = torch.ones(3); x.add_(torch.arange(3)); x")?.scalarsAsDoubles() == [1, 2, 3])
        // A copy casts, as PyTorch's copy_ and fill_ do: tensor([1, 2, 0]), tensor([2, 2]).
        #expect(
            try tensor("x = torch.arange(3); x.copy_(torch.tensor([1.9, 2.1, -0.5])); x")?.scalarsAsDoubles()
                == [1, 2, 0])
        #expect(try tensor("x = torch.arange(2); x.fill_(2.5); x")?.scalarType == .int64)
    }

    // MARK: - alpha and rounding_mode

    @Test(arguments: [
        (
            "torch.add(torch.tensor([1., 2.]), torch.tensor([3., 4.]), alpha=2)", ScalarType.float32,
            [7.0, 10]
        ),
        ("torch.sub(torch.tensor([1., 2.]), torch.tensor([3., 4.]), alpha=0.5)", .float32, [-0.5, 0]),
        ("torch.tensor([1., 2.]).add(torch.tensor([3., 4.]), alpha=10)", .float32, [31, 42]),
        ("torch.tensor([1., 2.]).sub(torch.tensor([3., 4.]), alpha=2)", .float32, [-5, -6]),
        ("torch.add(torch.tensor([1, 2]), torch.tensor([3, 4]), alpha=2)", .int64, [7, 10]),
        ("torch.add(torch.tensor([1, 2]), 3, alpha=2)", .int64, [7, 8]),
        ("torch.add(torch.tensor([True]), torch.tensor([True]), alpha=2)", .bool, [1]),
        (
            "w = torch.tensor([1., 2.]); w.add_(torch.tensor([0.5, 0.5]), alpha=-0.1); w", .float32,
            [0.95, 1.95]
        ),
        ("x = torch.arange(4.); x.sub_(1, alpha=2); x", .float32, [-2, -1, 0, 1]),
        ("torch.rsub(torch.tensor([1., 2.]), 5)", .float32, [4, 3]),
    ])
    func alphaScalesTheOtherOperand(source: String, type: ScalarType, expected: [Double]) throws {
        let result = try #require(try tensor(source))
        #expect(result.scalarType == type)
        #expect(zip(result.scalarsAsDoubles(), expected).allSatisfy { abs($0 - $1) < 1e-6 })
    }

    @Test func alphaFlowsIntoTheGradient() throws {
        // d/dx (x + 3·x²) = 1 + 6x: tensor([7., 13.]).
        let interpreter = Interpreter()
        try interpreter.run(
            "x = torch.tensor([1., 2.], requires_grad=True); torch.add(x, x * x, alpha=3).sum().backward()")
        #expect(try tensor("x.grad", interpreter)?.scalarsAsDoubles() == [7, 13])
    }

    @Test func aRealAlphaWithIntegerTensorsIsRefused() {
        #expect(
            message("torch.add(torch.tensor([1, 2]), torch.tensor([3, 4]), alpha=0.5)")
                == "For integral input tensors, argument alpha must not be a floating point number.")
    }

    @Test(arguments: [
        ("torch.div(torch.tensor([7, -7]), 2, rounding_mode='floor')", ScalarType.int64, [3.0, -4]),
        ("torch.div(torch.tensor([7, -7]), 2, rounding_mode='trunc')", .int64, [3, -3]),
        ("torch.div(torch.tensor([7, -7]), 2)", .float32, [3.5, -3.5]),
        ("torch.tensor([7, -7]).div(2, rounding_mode='floor')", .int64, [3, -4]),
        ("x = torch.tensor([7, -7]); x.div_(2, rounding_mode='floor'); x", .int64, [3, -4]),
        ("torch.divide(torch.tensor([7, -7]), 2, rounding_mode='trunc')", .int64, [3, -3]),
        ("torch.true_divide(torch.tensor([7, -7]), 2)", .float32, [3.5, -3.5]),
    ])
    func divisionRoundsAsRoundingModeSays(source: String, type: ScalarType, expected: [Double]) throws {
        let result = try #require(try tensor(source))
        #expect(result.scalarType == type)
        #expect(result.scalarsAsDoubles() == expected)
    }

    @Test func integerDivisionByZeroIsRefusedAndRealDivisionIsNot() throws {
        #expect(
            message("torch.div(torch.tensor([1, 0]), 0, rounding_mode='floor')").hasPrefix(
                "ZeroDivisionError"))
        let real = try #require(try tensor("torch.div(torch.tensor([1., -1.]), 0, rounding_mode='trunc')"))
        #expect(real.scalarsAsDoubles() == [.infinity, -.infinity])
    }

    // MARK: - Dtypes the engine lacks

    /// The narrow integer widths exist since session 13 (`ByteTensorsAndDecoratorsTests` checks
    /// their wrapping): they are made, not refused.
    @Test(arguments: [
        "torch.tensor([1, 2], dtype=torch.int16)", "torch.tensor([1, 2], dtype=torch.int8)",
        "torch.zeros(2, dtype=torch.uint8)",
    ])
    func narrowIntegersAreMade(source: String) {
        #expect(message(source) == "", "\(message(source))")
    }

    @Test func halfIsRefusedNamingTheRealTypes() {
        #expect(message("torch.ones(2).half()").contains("real tensors are torch.float32 (use .float())"))
        #expect(message("torch.ones(2, dtype=torch.float16)").contains("torch.float16 is not provided here"))
    }

    // MARK: - requires_grad_

    @Test func requiresGradOnAModelFreezesEveryParameter() throws {
        let interpreter = Interpreter()
        try interpreter.run(
            "m = nn.Sequential(nn.Linear(2, 2), nn.Linear(2, 1)); r = m.requires_grad_(False)")
        #expect(
            try run("[p.requires_grad for p in m.parameters()]", interpreter)
                == .list(Array(repeating: .bool(false), count: 4)))
        #expect(try run("type(r).__name__", interpreter) == .string("Sequential"))
        try interpreter.run("m[1].requires_grad_()")
        #expect(try run("sum(p.numel() for p in m.parameters() if p.requires_grad)", interpreter) == .int(3))
        // Frozen weights get no gradient: PyTorch (True, True).
        try interpreter.run("m[0].requires_grad_(False); m(torch.ones(1, 2)).sum().backward()")
        #expect(
            try run("m[0].weight.grad is None, m[1].weight.grad is not None", interpreter)
                == .tuple([.bool(true), .bool(true)]))
    }

    @Test func requiresGradOnAClassFreezesItsChildren() throws {
        let interpreter = Interpreter()
        try interpreter.run(
            """
            class Net(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.conv = nn.Conv2d(1, 2, 3)
                    self.fc = nn.Linear(2, 2)
                def forward(self, x):
                    return self.fc(self.conv(x).mean((2, 3)))
            net = Net()
            net.conv.requires_grad_(False)
            """)
        #expect(
            try run("[n for n, p in net.named_parameters() if p.requires_grad]", interpreter)
                == .list([.string("fc.weight"), .string("fc.bias")]))
    }

    // MARK: - state_dict

    @Test func aStateDictLoadsIntoAModelOfTheSameShape() throws {
        let interpreter = Interpreter()
        try interpreter.run(
            """
            net = nn.Sequential(nn.Conv2d(1, 2, 3), nn.BatchNorm2d(2), nn.ReLU())
            net(torch.randn(4, 1, 5, 5))
            other = nn.Sequential(nn.Conv2d(1, 2, 3), nn.BatchNorm2d(2), nn.ReLU())
            r = other.load_state_dict(net.state_dict())
            """)
        #expect(try run("torch.equal(other[0].weight, net[0].weight)", interpreter) == .bool(true))
        #expect(
            try run("torch.equal(other[1].running_mean, net[1].running_mean)", interpreter) == .bool(true))
        #expect(try run("other[1].num_batches_tracked.item()", interpreter) == .int(1))
        #expect(try run("r.missing_keys, r.unexpected_keys", interpreter) == .tuple([.list([]), .list([])]))
        #expect(try run("str(r)", interpreter) == .string("<All keys matched successfully>"))
        // Loaded weights stay trainable parameters.
        #expect(try run("other[0].weight.requires_grad", interpreter) == .bool(true))
    }

    @Test func aBestModelIsRestoredFromItsCopy() throws {
        let interpreter = Interpreter()
        try interpreter.run(
            """
            m = nn.Linear(2, 1)
            best = {k: v.clone() for k, v in m.state_dict().items()}
            with torch.no_grad():
                m.weight.fill_(5.)
            m.load_state_dict(best)
            """)
        #expect(try run("torch.equal(m.weight, best['weight'])", interpreter) == .bool(true))
        // A dict written by hand loads too, in the layer's dtype: PyTorch float32, 1.0.
        try interpreter.run(
            "m2 = nn.Linear(2, 2); m2.load_state_dict({'weight': torch.eye(2).long(), 'bias': torch.zeros(2)})"
        )
        #expect(
            try run("m2.weight.dtype, m2.weight[0, 0].item()", interpreter)
                == .tuple([.dtype(.float32), .float(1)]))
    }

    @Test func keysThatDoNotMatchAreRefusedUnlessNotStrict() throws {
        #expect(
            message("a = nn.Linear(2, 3, bias=False); nn.Linear(2, 3).load_state_dict(a.state_dict())")
                == "Error(s) in loading state_dict for Linear:\n\tMissing key(s) in state_dict: \"bias\". ")
        #expect(
            message("nn.Linear(2, 3, bias=False).load_state_dict(nn.Linear(2, 3).state_dict())")
                == "Error(s) in loading state_dict for Linear:\n\tUnexpected key(s) in state_dict: \"bias\". "
        )
        #expect(
            message("nn.Linear(3, 3).load_state_dict(nn.Linear(2, 3).state_dict())")
                == "Error(s) in loading state_dict for Linear:\n\tsize mismatch for weight: copying a param with shape torch.Size([3, 2]) from checkpoint, the shape in current model is torch.Size([3, 3])."
        )
        #expect(
            message("nn.Linear(2, 2).load_state_dict([1, 2])")
                == "Expected state_dict to be dict-like, got list.")
        let interpreter = Interpreter()
        try interpreter.run(
            "r = nn.Linear(2, 3, bias=False).load_state_dict(nn.Linear(2, 3).state_dict(), strict=False)")
        #expect(
            try run("r.missing_keys, r.unexpected_keys", interpreter)
                == .tuple([.list([]), .list([.string("bias")])]))
    }

    // MARK: - .grad and devices

    @Test func aGradientOfAnotherShapeOrTypeIsRefusedAsPyTorchSays() throws {
        #expect(
            message("x = torch.ones(2, requires_grad=True); x.grad = torch.ones(3)")
                == "attempting to assign a gradient of size '[3]' to a tensor of size '[2]'. Please ensure that the gradient and the tensor are the same size"
        )
        #expect(
            message("x = torch.ones(2, requires_grad=True); x.grad = torch.ones(2, dtype=torch.float64)")
                .contains("dtype 'float64'"))
        #expect(
            message("x = torch.ones(2, requires_grad=True); x.grad = 5")
                == "assigned grad expected to be a Tensor or None but got grad of type int")
        let interpreter = Interpreter()
        try interpreter.run("m = nn.Linear(2, 1); m.weight.grad = torch.full((1, 2), 3.)")
        #expect(try tensor("m.weight.grad", interpreter)?.scalarsAsDoubles() == [3, 3])
    }

    @Test(arguments: [
        "torch.ones(2).cuda()", "torch.ones(2).to('cuda')", "torch.ones(2).cuda(0)", "nn.Linear(2, 2).cuda()",
    ])
    func aGPUIsRefusedForTensorsAsForModels(source: String) {
        #expect(message(source).hasPrefix("device 'cuda' is not available"))
    }

    // MARK: - TensorDataset

    @Test func aTensorDatasetIsIndexedAsPyTorchsIs() throws {
        let interpreter = Interpreter()
        try interpreter.run(
            "ds = torch.utils.data.TensorDataset(torch.arange(6).view(3, 2), torch.tensor([0, 1, 0]))")
        #expect(try run("len(ds)", interpreter) == .int(3))
        #expect(try run("type(ds).__name__", interpreter) == .string("TensorDataset"))
        #expect(try run("str(ds)", interpreter) == .string("<torch.utils.data.dataset.TensorDataset object>"))
        #expect(try run("ds[-1][1].item()", interpreter) == .int(0))
        #expect(try run("ds.tensors[0].shape", interpreter) == .shape([3, 2]))
        // A slice indexes every tensor alike: (tensor([[0, 1], [2, 3]]), tensor([0, 1])).
        guard case .tuple(let parts) = try run("ds[0:2]", interpreter), parts.count == 2,
            case .tensor(let rows) = parts[0]
        else {
            Issue.record("ds[0:2] is not a pair")
            return
        }
        #expect(rows.shape == [2, 2])
        #expect(try run("[y.item() for _, y in ds]", interpreter) == .list([.int(0), .int(1), .int(0)]))
        #expect(message("torch.utils.data.TensorDataset()") == "TensorDataset() needs at least one tensor")
        #expect(message("ds = torch.utils.data.TensorDataset(torch.ones(3)); ds[3]").contains("out of"))
    }

    // MARK: - index_put_ and ReduceLROnPlateau

    @Test func indexPutAccumulatesAConfusionMatrix() throws {
        // PyTorch: tensor([[1, 0, 0], [0, 2, 0], [0, 1, 0]]), int64.
        let cm = try #require(
            try tensor(
                """
                cm = torch.zeros(3, 3, dtype=torch.long)
                cm.index_put_((torch.tensor([0, 1, 1, 2]), torch.tensor([0, 1, 1, 1])), torch.tensor(1), accumulate=True)
                cm
                """))
        #expect(cm.scalarType == .int64)
        #expect(cm.scalarsAsDoubles() == [1, 0, 0, 0, 2, 0, 0, 1, 0])
        // Without accumulate a position written twice keeps one value; index_put leaves x as it was.
        let interpreter = Interpreter()
        try interpreter.run(
            "x = torch.zeros(2, 3); y = x.index_put((torch.tensor([0, 0]), torch.tensor([1, 1])), torch.tensor([1., 2.]), accumulate=True)"
        )
        #expect(try tensor("y", interpreter)?.scalarsAsDoubles() == [0, 3, 0, 0, 0, 0])
        #expect(try tensor("x", interpreter)?.scalarsAsDoubles() == [0, 0, 0, 0, 0, 0])
    }

    @Test func aPlateauReducesTheRateAfterPatienceBadEpochs() throws {
        // PyTorch (mode='max', factor=0.1, patience=0): [0.1, 0.1, 0.01, 0.01, 0.001].
        let interpreter = Interpreter()
        try interpreter.run(
            """
            opt = torch.optim.SGD(nn.Linear(2, 2).parameters(), lr=0.1)
            sched = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, mode='max', factor=0.1, patience=0)
            rates = []
            for acc in [0.5, 0.6, 0.6, 0.7, 0.65]:
                sched.step(acc)
                rates.append(opt.param_groups[0]['lr'])
            """)
        guard case .list(let rates) = try run("rates", interpreter) else {
            Issue.record("rates is not a list")
            return
        }
        let expected = [0.1, 0.1, 0.01, 0.01, 0.001]
        #expect(rates.count == 5)
        for (rate, value) in zip(rates, expected) {
            guard case .float(let r) = rate else { continue }
            #expect(abs(r - value) < 1e-12)
        }
        // Cooldown and min_lr: PyTorch [0.02].
        try interpreter.run(
            """
            opt2 = torch.optim.SGD(nn.Linear(2, 2).parameters(), lr=0.1)
            s2 = torch.optim.lr_scheduler.ReduceLROnPlateau(opt2, patience=2, cooldown=1, min_lr=0.02)
            for loss in [torch.tensor(1.0), 0.9, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95]:
                s2.step(loss)
            """)
        #expect(try run("s2.get_last_lr()", interpreter) == .list([.float(0.02)]))
        #expect(
            message(
                "opt = torch.optim.SGD(nn.Linear(2, 2).parameters(), lr=0.1); torch.optim.lr_scheduler.ReduceLROnPlateau(opt, factor=2.0)"
            ) == "Factor should be < 1.0.")
    }
}
