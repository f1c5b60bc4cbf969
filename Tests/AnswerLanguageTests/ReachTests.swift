import CNN
import Testing
import Wording

@testable import AnswerLanguage

/// What a CNN notebook types that PyTorch has, each checked against the value PyTorch 2.x gives
/// (the numbers in comments are PyTorch's; `Differential/snippets.txt` runs the same code in both).
@Suite struct ReachTests {
    func doubles(_ source: String, _ interpreter: Interpreter = Interpreter()) throws -> [Double] {
        guard case .tensor(let tensor) = try interpreter.run(source) else {
            Issue.record("\(source) is not a tensor")
            return []
        }
        return tensor.scalarsAsDoubles()
    }

    func shape(_ source: String, _ interpreter: Interpreter = Interpreter()) throws -> [Int] {
        guard case .tensor(let tensor) = try interpreter.run(source) else {
            Issue.record("\(source) is not a tensor")
            return []
        }
        return tensor.shape
    }

    func message(_ source: String) -> String {
        do {
            _ = try Interpreter().run(source)
            return ""
        } catch {
            return error.message
        }
    }

    @Test func severalIndexTensorsPickOneElementPerPosition() throws {
        let interpreter = Interpreter()
        try interpreter.run("x = torch.arange(24).reshape(2, 3, 4); y = torch.arange(12).reshape(3, 4)")
        // Side by side: the broadcast shape stands where they stood.
        #expect(try doubles("y[[0, 2], [1, 3]]", interpreter) == [1, 11])
        #expect(try doubles("x[:, [0, 2], [1, 3]]", interpreter) == [1, 11, 13, 23])
        #expect(try doubles("x[1, [0, 2], [1, 3]]", interpreter) == [13, 23])
        #expect(
            try doubles("y[torch.tensor([[0], [2]]), torch.tensor([1, 3])]", interpreter) == [1, 3, 9, 11])
        // Apart (a slice between them): the broadcast shape comes first, PyTorch's [2, 3].
        #expect(try shape("x[[0, 1], :, [1, 2]]", interpreter) == [2, 3])
        #expect(try doubles("x[[0, 1], :, [1, 2]]", interpreter) == [1, 5, 9, 14, 18, 22])
        // A mask counts as its true positions.
        #expect(
            try doubles("x[torch.tensor([True, False]), [0, 2]]", interpreter) == [0, 1, 2, 3, 8, 9, 10, 11])
        #expect(
            message("torch.arange(12).reshape(3, 4)[[0, 1], [0, 1, 2]]").contains(
                "could not be broadcast together with shapes [2], [3]"))
    }

    @Test func theTargetsLogProbabilitiesByIndexCarryTheGradient() throws {
        let interpreter = Interpreter()
        try interpreter.run(
            """
            x = torch.zeros(2, 3, requires_grad=True)
            x[torch.arange(2), torch.tensor([2, 0])].sum().backward()
            """)
        #expect(try doubles("x.grad", interpreter) == [0, 0, 1, 1, 0, 0])
        try interpreter.run("z = torch.zeros(3, 3); z[[0, 1, 2], [0, 1, 2]] = torch.tensor([1., 2., 3.])")
        #expect(try doubles("z", interpreter) == [1, 0, 0, 0, 2, 0, 0, 0, 3])
    }

    @Test func aGradientCanBeZeroedOrSetInPlace() throws {
        let interpreter = Interpreter()
        try interpreter.run("x = torch.tensor([1., 2.], requires_grad=True); (x ** 2).sum().backward()")
        #expect(try doubles("x.grad", interpreter) == [2, 4])
        try interpreter.run("x.grad.zero_()")
        #expect(try doubles("x.grad", interpreter) == [0, 0])
        try interpreter.run("(x ** 2).sum().backward(); x.grad.data.mul_(0.5)")
        #expect(try doubles("x.grad", interpreter) == [1, 2])
    }

    @Test func gradientsAreClippedByNormOrValue() throws {
        let interpreter = Interpreter()
        try interpreter.run("w = torch.tensor([3.0, 4.0], requires_grad=True); (w * w).sum().backward()")
        // The gradient (6, 8) has norm 10; clipped to norm 1 it is (0.6, 0.8) (PyTorch 0.59999996, 0.79999995).
        #expect(try doubles("torch.nn.utils.clip_grad_norm_([w], max_norm=1.0)", interpreter) == [10])
        let clipped = try doubles("w.grad", interpreter)
        #expect(abs(clipped[0] - 0.6) < 1e-6 && abs(clipped[1] - 0.8) < 1e-6)
        try interpreter.run("v = torch.tensor([3.0, -4.0], requires_grad=True); (v * v).sum().backward()")
        try interpreter.run("torch.nn.utils.clip_grad_value_([v], clip_value=1.0)")
        #expect(try doubles("v.grad", interpreter) == [1, -1])
    }

    @Test func aParameterGroupsLearningRateIsTheOptimisers() throws {
        let interpreter = Interpreter()
        try interpreter.run(
            """
            w = torch.tensor([1.0], requires_grad=True)
            opt = torch.optim.SGD([w], lr=0.1)
            for g in opt.param_groups:
                g['lr'] = 0.5
            (w * w).sum().backward()
            opt.step()
            """)
        // One step at lr 0.5 on w² from 1: 1 − 0.5·2 = 0.
        #expect(try doubles("w", interpreter) == [0])
        #expect(try interpreter.run("opt.param_groups[0]['lr']") == .float(0.5))
        try interpreter.run(
            "sched = torch.optim.lr_scheduler.StepLR(opt, 1, gamma=0.1); opt.step(); sched.step()")
        #expect(try #require(try interpreter.run("opt.param_groups[0]['lr']").number) - 0.05 < 1e-12)
        #expect(
            message(
                "opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1); opt.param_groups[0]['momentum'] = 0.9"
            )
            .contains("only 'lr'"))
    }

    /// PyTorch's learning rates after each of four steps.
    static let schedules: [(String, [Double])] = [
        ("torch.optim.lr_scheduler.MultiStepLR(opt, milestones=[2, 4], gamma=0.1)", [1.0, 0.1, 0.1, 0.01]),
        ("torch.optim.lr_scheduler.ExponentialLR(opt, gamma=0.5)", [0.5, 0.25, 0.125, 0.0625]),
        (
            "torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=4)",
            [0.853_553_390_593_273_7, 0.5, 0.146_446_609_406_726_27, 0]
        ),
        ("torch.optim.lr_scheduler.LambdaLR(opt, lambda epoch: 1 / (epoch + 1))", [0.5, 1 / 3, 0.25, 0.2]),
    ]

    @Test(arguments: schedules)
    func schedulesFollowPyTorchsFormulas(schedule: String, rates: [Double]) throws {
        let interpreter = Interpreter()
        try interpreter.run(
            "opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=1.0); s = \(schedule)")
        for rate in rates {
            try interpreter.run("opt.step(); s.step()")
            let now = try #require(try interpreter.run("s.get_last_lr()[0]").number)
            #expect(abs(now - rate) < 1e-12, "\(schedule): \(now) where PyTorch has \(rate)")
        }
    }

    @Test func frozenParametersGetNoGradientAndNoStep() throws {
        let interpreter = Interpreter()
        try interpreter.run(
            """
            model = nn.Sequential(nn.Linear(2, 3), nn.Linear(3, 1))
            for p in model[0].parameters():
                p.requires_grad = False
            before = model[0].weight.clone()
            opt = torch.optim.SGD(model.parameters(), lr=0.1)
            model(torch.ones(4, 2)).sum().backward()
            opt.step()
            """)
        #expect(
            try interpreter.run("sum(p.numel() for p in model.parameters() if p.requires_grad)") == .int(4))
        #expect(try interpreter.run("model[0].weight.grad is None") == .bool(true))
        #expect(try interpreter.run("torch.equal(model[0].weight, before)") == .bool(true))
        #expect(try interpreter.run("model[1].weight.grad is None") == .bool(false))
    }

    @Test func applyVisitsEveryLayerChildrenFirst() throws {
        let interpreter = Interpreter()
        try interpreter.run(
            """
            names = []
            def init_weights(m):
                names.append(type(m).__name__)
                if isinstance(m, nn.Linear):
                    nn.init.ones_(m.weight)
                    nn.init.zeros_(m.bias)
            model = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))
            model.apply(init_weights)
            """)
        // (1 + 2) · 3 = 9, PyTorch's tensor([[9.]]).
        #expect(try doubles("model(torch.tensor([[1., 2.]]))", interpreter) == [9])
        #expect(
            try interpreter.run("names")
                == .list(["Linear", "ReLU", "Linear", "Sequential"].map(Value.string)))
    }

    @Test func reluInPlaceChangesTheNamedTensorAndKeepsTheGraph() throws {
        let interpreter = Interpreter()
        try interpreter.run("x = torch.tensor([-1.0, 2.0]); F.relu(x, inplace=True)")
        #expect(try doubles("x", interpreter) == [0, 2])
        try interpreter.run(
            "w = torch.tensor([-1.0, 2.0], requires_grad=True); F.relu(w * 3, inplace=True).sum().backward()")
        #expect(try doubles("w.grad", interpreter) == [0, 3])
        #expect(try interpreter.run("str(nn.ReLU(inplace=True))") == .string("ReLU(inplace=True)"))
        #expect(
            message("w = torch.ones(2, requires_grad=True); F.relu(w, inplace=True)").contains("in-place"))
    }

    @Test func realClassIndicesAreRefusedAsPyTorchRefusesThem() throws {
        let text = message("F.cross_entropy(torch.tensor([[2.0, 0.5]]), torch.tensor([1.0]))")
        #expect(text.contains("expected target dtype to be Long"))
        #expect(message("nn.CrossEntropyLoss()(torch.tensor([[2.0, 0.5]]), torch.tensor([1.0]))") == text)
        #expect(!message("F.nll_loss(torch.tensor([[-0.5, -1.2]]), torch.tensor([1.0]))").isEmpty)
        // Class probabilities of the input's shape are still a target.
        #expect(
            try doubles("F.cross_entropy(torch.tensor([[0.0, 0.0]]), torch.tensor([[0.5, 0.5]]))").count == 1)
    }

    @Test func pythonsRoundAndFormattingFollowTheDecimalDigits() throws {
        let interpreter = Interpreter()
        // 2.675 is 2.67499999… as a double, so Python gives 2.67; ints stay ints.
        #expect(try interpreter.run("round(2.675, 2)") == .float(2.67))
        #expect(try interpreter.run("round(0.125, 2)") == .float(0.12))
        #expect(try interpreter.run("round(7, 2)") == .int(7))
        #expect(try interpreter.run("round(15, -1)") == .int(20))
        #expect(try interpreter.run("f'{torch.tensor(1.5)}'") == .string("1.5"))
        #expect(try interpreter.run("f'{torch.tensor(3)}|{torch.tensor(True)}'") == .string("3|True"))
        #expect(try interpreter.run("str('ab') + repr('ab')") == .string("ab'ab'"))
        #expect(try interpreter.run("3 * 'ab'") == .string("ababab"))
    }

    @Test func theDeviceIsTheCPUAndPrintsAsPyTorchs() throws {
        let interpreter = Interpreter()
        #expect(try interpreter.run("torch.device('cpu')").description == "device(type='cpu')")
        #expect(try interpreter.run("str(torch.zeros(2).device)") == .string("cpu"))
        #expect(try interpreter.run("torch.zeros(2).device == torch.device('cpu')") == .bool(true))
        #expect(try interpreter.run("torch.zeros(2).device.type") == .string("cpu"))
        try interpreter.run(
            """
            device = torch.device('cuda' if torch.cuda.is_available() else 'cpu')
            model = nn.Linear(2, 1).to(device)
            x = torch.ones(3, 2, device=device)
            """)
        #expect(try shape("model(x)", interpreter) == [3, 1])
        #expect(message("torch.zeros(2, device='cuda')").contains("'cuda' is not available"))
        #expect(message("nn.Linear(2, 1).cuda()").contains("'cuda' is not available"))
    }

    @Test func typesCompareWithTheirBuiltinsAndHaveNames() throws {
        let interpreter = Interpreter()
        #expect(
            try interpreter.run("type(3.0) == float, type(3) == int, type(3) == float")
                == .tuple([.bool(true), .bool(true), .bool(false)]))
        #expect(try interpreter.run("type(nn.Conv2d(1, 1, 3)).__name__") == .string("Conv2d"))
        #expect(try interpreter.run("max(['a', 'bbb', 'cc'], key=len)") == .string("bbb"))
        #expect(try interpreter.run("min(range(10), key=lambda i: abs(i - 3.6))") == .int(4))
    }

    @Test func smallPyTorchCallsBehaveAsThere() throws {
        let interpreter = Interpreter()
        #expect(try doubles("torch.tensor([5, -5]).div(2, rounding_mode='floor')", interpreter) == [2, -3])
        #expect(try doubles("torch.tensor([5, -5]).div(2, rounding_mode='trunc')", interpreter) == [2, -2])
        #expect(
            try interpreter.run("torch.tensor([5, -5]).div(2, rounding_mode='trunc').dtype") == .dtype(.int64)
        )
        #expect(message("torch.tensor([5]).div(2, rounding_mode='round')").contains("rounding_mode"))
        #expect(
            try interpreter.run("torch.where(torch.tensor([1, 0, 3]) > 0)[0].tolist()")
                == .list([.int(0), .int(2)]))
        #expect(
            try interpreter.run("nn.init.calculate_gain('linear'), nn.init.calculate_gain('tanh')")
                == .tuple([.int(1), .float(5.0 / 3)]))
        #expect(
            try interpreter.run("nn.init._calculate_fan_in_and_fan_out(torch.empty(16, 3, 5, 5))")
                == .tuple([.int(75), .int(400)]))
        #expect(try doubles("nn.init.eye_(torch.empty(2, 2))", interpreter) == [1, 0, 0, 1])
        #expect(
            try interpreter.run("nn.MaxPool2d(2).kernel_size, nn.MaxPool2d((2, 3)).kernel_size")
                == .tuple([.int(2), .tuple([.int(2), .int(3)])]))
        #expect(
            try interpreter.run("str(nn.Conv2d(3, 8, 3, padding='same'))")
                == .string("Conv2d(3, 8, kernel_size=(3, 3), stride=(1, 1), padding=same)"))
        #expect(
            try interpreter.run("import math; math.isclose(0.1 + 0.2, 0.3), math.cos(0.0), math.factorial(5)")
                == .tuple([.bool(true), .float(1), .int(120)]))
    }

    @Test func percentFormattingIsPythons() throws {
        let interpreter = Interpreter()
        #expect(
            try interpreter.run("'[%d, %5d] loss: %.3f' % (1, 20, 0.5)") == .string("[1,    20] loss: 0.500"))
        #expect(try interpreter.run("'%s|%-4s|%5s|%%' % ('a', 'b', 'c')") == .string("a|b   |    c|%"))
        #expect(
            try interpreter.run("'%.2f %d %+.1e' % (torch.tensor(1.005), 3.9, 12345.0)")
                == .string("1.00 3 +1.2e+04"))
        #expect(try interpreter.run("'%05.1f' % 2.25") == .string("002.2"))
        #expect(message("'%d %d' % (1,)").contains("not enough arguments"))
        #expect(message("'%d' % (1, 2)").contains("not all arguments converted"))
    }

    @Test func nextAndIterReadTheFirstItem() throws {
        let interpreter = Interpreter()
        try interpreter.run("model = nn.Linear(2, 3)")
        #expect(try shape("next(model.parameters())", interpreter) == [3, 2])
        #expect(try interpreter.run("next(iter([4, 5]))") == .int(4))
        #expect(try interpreter.run("next(iter([]), 'done')") == .string("done"))
        #expect(message("next(iter([]))").contains("StopIteration"))
        // A bare `next` still says how to go on in a lesson.
        #expect(message("next").contains(":next"))
    }

    @Test func tensorDatasetsAndLoadersBatchTheRows() throws {
        let interpreter = Interpreter()
        try interpreter.run(
            """
            ds = torch.utils.data.TensorDataset(torch.arange(10.).view(5, 2), torch.arange(5))
            loader = torch.utils.data.DataLoader(ds, batch_size=2)
            """)
        #expect(try interpreter.run("len(ds), len(loader)") == .tuple([.int(5), .int(3)]))
        #expect(try doubles("ds[1][0]", interpreter) == [2, 3])
        #expect(
            try interpreter.run("[tuple(xb.shape) for xb, yb in loader]")
                == .list([
                    .tuple([.int(2), .int(2)]), .tuple([.int(2), .int(2)]), .tuple([.int(1), .int(2)]),
                ]))
        #expect(try doubles("next(iter(loader))[1]", interpreter) == [0, 1])
        #expect(
            try interpreter.run("len(torch.utils.data.DataLoader(ds, batch_size=2, drop_last=True))")
                == .int(2))
        #expect(
            try interpreter.run(
                "sorted(torch.cat([y for _, y in torch.utils.data.DataLoader(ds, batch_size=2, shuffle=True)]).tolist())"
            )
                == .list((0..<5).map(Value.int)))
        #expect(
            message("torch.utils.data.TensorDataset(torch.ones(3), torch.ones(2))").contains("Size mismatch"))
    }

    @Test func integerMatricesMultiplyToIntegers() throws {
        let interpreter = Interpreter()
        #expect(
            try interpreter.run("(torch.tensor([1, 2, 3]) @ torch.tensor([1, 1, 1])).dtype") == .dtype(.int64)
        )
        #expect(
            try interpreter.run("torch.mm(torch.eye(2).long(), torch.ones(2, 2).long()).dtype")
                == .dtype(.int64))
        #expect(try interpreter.run("(torch.ones(2) @ torch.ones(2)).dtype") == .dtype(.float32))
    }

    @Test func notebookAttributesAnswer() throws {
        let interpreter = Interpreter()
        #expect(
            try interpreter.run("nn.Dropout(p=0.2).p, torch.zeros(2).is_cuda")
                == .tuple([.float(0.2), .bool(false)]))
        #expect(try interpreter.run("torch.ones(2).type_as(torch.tensor([1])).dtype") == .dtype(.int64))
    }

    @Test func boolTensorsStayBoolAndFloatLimitsAreKnown() throws {
        let interpreter = Interpreter()
        // PyTorch: tensor([True]) + tensor([True]) is tensor([True]); * is and; - is refused.
        #expect(
            try interpreter.run("(torch.tensor([True, False]) + torch.tensor([True, False])).tolist()")
                == .list([.bool(true), .bool(false)]))
        #expect(
            try interpreter.run("(torch.tensor([True, True]) * torch.tensor([True, False])).tolist()")
                == .list([.bool(true), .bool(false)]))
        #expect(message("torch.tensor([True]) - torch.tensor([True])").contains("two bool tensors"))
        #expect(try interpreter.run("torch.finfo(torch.float32).eps") == .float(Double(Float.ulpOfOne)))
        #expect(
            try interpreter.run("torch.finfo(torch.float64).bits, torch.finfo().dtype")
                == .tuple([.int(64), .string("float32")]))
        #expect(message("torch.finfo(torch.long)").contains("floating point"))
    }
}
