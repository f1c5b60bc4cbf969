import CNN
import Testing

@testable import AnswerLanguage

/// Session 13's PyTorch fidelity: `uint8`/`int8`/`int16` tensors (image bytes and quantised
/// weights) whose arithmetic wraps as PyTorch's does, `int32` wrapping at 2^31, decorators on a
/// `def` (`@torch.no_grad()`, `@staticmethod`, `@property`), `copy.deepcopy(model)`,
/// `add_module`/`append` on an `nn.Sequential`, and optimiser parameter groups given as dicts.
/// Expected values are PyTorch 2.15's (`Differential/snippets.txt`, groups "session 13: …").
@Suite struct ByteTensorsAndDecoratorsTests: RunsSnippets {
    // MARK: - uint8, int8, int16

    @Test func byteTensorsKeepTheirTypeAndWrap() throws {
        let bytes = try tensor(
            "torch.tensor([250, 10], dtype=torch.uint8) + torch.tensor([10, 250], dtype=torch.uint8)")
        #expect(bytes?.scalarType == .uint8)
        #expect(bytes?.scalarsAsDoubles() == [4, 4])
        #expect(
            try tensor("torch.tensor([5, 10], dtype=torch.uint8) - torch.tensor([10, 5], dtype=torch.uint8)")?
                .scalarsAsDoubles() == [251, 5])
        #expect(try tensor("torch.tensor([200], dtype=torch.uint8) * 2")?.scalarsAsDoubles() == [144])
        #expect(try tensor("torch.tensor([10], dtype=torch.uint8) - 20")?.scalarsAsDoubles() == [246])
        #expect(try tensor("torch.tensor([127], dtype=torch.int8) + 1")?.scalarsAsDoubles() == [-128])
        #expect(
            try tensor("torch.tensor([100, -100], dtype=torch.int8) * 2")?.scalarsAsDoubles() == [-56, 56])
    }

    @Test func conversionsToBytesTruncateThenWrap() throws {
        // PyTorch: [1, 255, 44] and [44, 255].
        #expect(try tensor("torch.tensor([1.7, 255.9, 300.0]).byte()")?.scalarsAsDoubles() == [1, 255, 44])
        #expect(try tensor("torch.tensor([300, -1]).to(torch.uint8)")?.scalarsAsDoubles() == [44, 255])
        #expect(
            try tensor("torch.tensor([1.4, -2.6, 300.0]).round().clamp(-128, 127).to(torch.int8)")?
                .scalarsAsDoubles() == [1, -3, 127])
    }

    @Test func byteTensorsPromoteAsPyTorchDoes() throws {
        // A dimensioned int64 tensor widens; a Python int does not; a float or `/` gives float32.
        #expect(
            try run("(torch.tensor([10, 20], dtype=torch.uint8) + torch.tensor([1, 2])).dtype")
                == .dtype(.int64))
        #expect(try run("(torch.tensor([10, 20], dtype=torch.uint8) + 1).dtype") == .dtype(.uint8))
        #expect(try run("(torch.tensor([0, 128, 255], dtype=torch.uint8) / 255).dtype") == .dtype(.float32))
        #expect(try run("(torch.tensor([1], dtype=torch.uint8) * 1.0).dtype") == .dtype(.float32))
        #expect(
            try run("(torch.tensor([1], dtype=torch.uint8) + torch.tensor([1], dtype=torch.int8)).dtype")
                == .dtype(.int16))
        #expect(try run("torch.tensor([10, 20], dtype=torch.uint8).sum().dtype") == .dtype(.int64))
        #expect(try run("torch.tensor([200, 100], dtype=torch.uint8).max().dtype") == .dtype(.uint8))
    }

    @Test func byteTensorsPrintAndMeasureAsPyTorch() throws {
        #expect(
            try run("str(torch.tensor([0, 128, 255], dtype=torch.uint8))")
                == .string("tensor([  0, 128, 255], dtype=torch.uint8)"))
        #expect(try run("torch.tensor([1, 2], dtype=torch.uint8).element_size()") == .int(1))
        #expect(try run("torch.tensor([3, 200], dtype=torch.uint8).tolist()") == .list([.int(3), .int(200)]))
        #expect(try run("torch.tensor([1], dtype=torch.uint8).type()") == .string("torch.ByteTensor"))
    }

    @Test func byteTensorsRefuseWhatPyTorchRefuses() {
        #expect(error("torch.tensor([200, 100], dtype=torch.uint8).mean()") != nil)
        #expect(error("torch.tensor([1, 2], dtype=torch.uint8).requires_grad_()") != nil)
    }

    @Test func int32WrapsAt2To31() throws {
        #expect(try tensor("torch.tensor([2**30], dtype=torch.int32) * 4")?.scalarsAsDoubles() == [0])
        #expect(
            try tensor("torch.tensor([100000], dtype=torch.int32) * 100000")?.scalarsAsDoubles() == [
                1_410_065_408
            ])
        // int32's largest value is stored rounded up to 2^31 (float32), and is not wrapped to −2^31.
        #expect(
            try tensor("torch.tensor([2**31 - 1], dtype=torch.int32)")?.scalarsAsDoubles().allSatisfy {
                $0 > 0
            } == true)
        // Must not wrap: int64 arithmetic, and an int32 sum (PyTorch sums into int64).
        #expect(try tensor("torch.tensor([2**31 - 1]) + 1")?.scalarsAsDoubles() == [2_147_483_648])
        #expect(
            try tensor("torch.tensor([2**30, 2**30], dtype=torch.int32).sum()")?.scalarsAsDoubles() == [
                2_147_483_648
            ])
    }

    // MARK: - Decorators

    @Test func noGradDecoratorTurnsGradientsOffInsideTheFunction() throws {
        for decorator in ["@torch.no_grad()", "@torch.no_grad", "@torch.inference_mode()"] {
            let source =
                "\(decorator)\ndef f(x):\n    return x * 2\nf(torch.tensor([1.0], requires_grad=True)).requires_grad"
            #expect(try run(source) == .bool(false), "\(decorator)")
        }
        // Outside the decorated function gradients are recorded as before.
        let after =
            "@torch.no_grad()\ndef f(x):\n    return x * 2\nx = torch.tensor([1.0], requires_grad=True)\nf(x)\n(x * 2).requires_grad"
        #expect(try run(after) == .bool(true))
    }

    @Test func staticMethodsAndPropertiesInAModule() throws {
        let source = """
            class Net(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.fc = nn.Linear(3, 2)
                @property
                def n_out(self):
                    return self.fc.out_features
                @staticmethod
                def scale(x):
                    return x * 10
                def forward(self, x):
                    return self.scale(x)
            net = Net()

            """
        #expect(try run(source + "net.n_out") == .int(2))
        #expect(try tensor(source + "net(torch.ones(2))")?.scalarsAsDoubles() == [10, 10])
        #expect(try tensor(source + "Net.scale(torch.ones(1))")?.scalarsAsDoubles() == [10])
    }

    @Test func otherDecoratorsAreFunctionsCalledWithTheFunction() throws {
        let source = """
            def twice(f):
                return lambda x: f(f(x))
            @twice
            def inc(x):
                return x + 1
            inc(1)
            """
        #expect(try run(source) == .int(3))
        #expect(error("@staticmethod\ndef f(x):\n    return x\nf(1)") != nil)
        #expect(error("@3\ndef f(x):\n    return x") != nil)
        #expect(error("@torch.no_grad()\nx = 1") != nil)
    }

    // MARK: - copy.deepcopy of a model, Sequential.add_module

    @Test func deepcopyOfAModelIsIndependent() throws {
        let source = """
            import copy
            m = nn.Sequential(nn.Linear(2, 2), nn.BatchNorm1d(2))
            nn.init.constant_(m[0].weight, 1.0)
            m.eval()
            m2 = copy.deepcopy(m)
            nn.init.constant_(m[0].weight, 3.0)

            """
        #expect(try tensor(source + "m2[0].weight")?.scalarsAsDoubles() == [1, 1, 1, 1])
        #expect(try run(source + "m2[0].weight is m[0].weight") == .bool(false))
        #expect(try run(source + "m2.training") == .bool(false))
        let written = """
            import copy
            class Net(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.fc = nn.Linear(2, 1)
                def forward(self, x):
                    return self.fc(x)
            a = Net()
            b = copy.deepcopy(a)
            nn.init.constant_(b.fc.weight, 0.0)
            a.fc.weight.abs().sum().item() > 0
            """
        #expect(try run(written) == .bool(true))
    }

    @Test func sequentialGrowsByAddModuleAndAppend() throws {
        let source = """
            m = nn.Sequential()
            m.add_module('fc', nn.Linear(2, 3))
            m.add_module('act', nn.ReLU())
            m.append(nn.Linear(3, 1))

            """
        #expect(try run(source + "len(m)") == .int(3))
        #expect(try run(source + "m(torch.ones(4, 2)).shape") == .shape([4, 1]))
        #expect(
            try run(source + "list(m.state_dict().keys())")
                == .list(["fc.weight", "fc.bias", "2.weight", "2.bias"].map(Value.string)))
        #expect(error("nn.ReLU().append(nn.ReLU())") != nil)
    }

    // MARK: - Parameter groups

    @Test func parameterGroupsKeepTheirOwnRates() throws {
        let source = """
            a = nn.Linear(1, 1)
            nn.init.constant_(a.weight, 1.0); nn.init.constant_(a.bias, 0.0)
            b = nn.Linear(1, 1)
            nn.init.constant_(b.weight, 1.0); nn.init.constant_(b.bias, 0.0)
            opt = torch.optim.SGD([{'params': a.parameters()}, {'params': b.parameters(), 'lr': 0.5}], lr=0.1)

            """
        #expect(try run(source + "[g['lr'] for g in opt.param_groups]") == .list([.float(0.1), .float(0.5)]))
        // PyTorch: (0.9, 0.5): each weight's gradient is 1, stepped at its group's rate.
        let stepped = try run(
            source
                + "x = torch.ones(1, 1)\n(a(x) + b(x)).sum().backward()\nopt.step()\n(a.weight.item(), b.weight.item())"
        )
        guard case .tuple(let weights) = stepped, case .float(let first) = weights[0],
            case .float(let second) = weights[1]
        else {
            Issue.record("\(stepped)")
            return
        }
        #expect(abs(first - 0.9) < 1e-6 && abs(second - 0.5) < 1e-6)
        #expect(error("torch.optim.SGD([{'lr': 0.1}], lr=0.1)") != nil)
    }

    // MARK: - Smaller additions

    @Test func clampTakesTensorBounds() throws {
        // PyTorch: [0, 1, 2] — per-element lower bounds.
        #expect(
            try tensor("torch.tensor([-1.0, 0.5, 2.0]).clamp(min=torch.tensor([0.0, 1.0, 0.0]))")?
                .scalarsAsDoubles() == [0, 1, 2])
        #expect(
            try tensor("torch.clamp(torch.tensor([-1.0, 0.5, 2.0]), max=torch.tensor([0.0, 0.0, 1.0]))")?
                .scalarsAsDoubles() == [-1, 0, 1])
    }

    @Test func klDivLossModuleMatchesTheFunction() throws {
        let source = "p = torch.tensor([[0.2, 0.3, 0.5]])\nq = torch.tensor([[0.1, 0.6, 0.3]])\n"
        let module = try tensor(source + "nn.KLDivLoss(reduction='batchmean')(q.log(), p)")?.item()
        let function = try tensor(source + "F.kl_div(q.log(), p, reduction='batchmean')")?.item()
        // PyTorch: 0.18609806895256042 for both.
        #expect(module.map { abs($0 - 0.186098) < 1e-5 } == true)
        #expect(module == function)
        #expect(error(source + "nn.KLDivLoss(reduction='average')") != nil)
    }

    @Test func integerInfoUnravelAndEntropy() throws {
        #expect(try run("torch.iinfo(torch.uint8).max") == .int(255))
        #expect(try run("torch.iinfo(torch.int8).min") == .int(-128))
        #expect(try run("torch.iinfo(torch.int32).max") == .int(2_147_483_647))
        #expect(error("torch.iinfo(torch.float32)") != nil)
        // PyTorch: (tensor(0), tensor(1)) and, taking -1 modulo 6, (tensor(1), tensor(2)).
        let coordinates = try run("torch.unravel_index(torch.tensor(1), (2, 2))")
        #expect(coordinates.description == "(tensor(0), tensor(1))")
        #expect(
            try run("torch.unravel_index(torch.tensor(-1), (2, 3))").description == "(tensor(1), tensor(2))")
        #expect(error("torch.unravel_index(torch.tensor(1.0), (2, 3))") != nil)
        let entropy = try tensor("torch.special.entr(torch.tensor([0.2, 0.3, 0.5])).sum()")?.item()
        #expect(entropy.map { abs($0 - 1.0296531) < 1e-5 } == true)
        #expect(error("torch.quantize_per_tensor(torch.tensor([0.5]), 0.1, 0, torch.quint8)") != nil)
    }

    @Test func batchNormResetsAndLossModulesPrint() throws {
        let source =
            "bn = nn.BatchNorm2d(2)\nbn(torch.arange(8.).reshape(2, 2, 2, 1))\nbn.reset_running_stats()\n"
        #expect(try tensor(source + "bn.running_var")?.scalarsAsDoubles() == [1, 1])
        #expect(try run(source + "bn.num_batches_tracked.item()") == .int(0))
        #expect(try run("str(nn.CrossEntropyLoss(label_smoothing=0.1))") == .string("CrossEntropyLoss()"))
        #expect(
            try run(
                "net = nn.Sequential(nn.Linear(2, 2))\nnet.fc2 = nn.Linear(2, 1)\nlen(list(net.parameters()))"
            ) == .int(4))
        #expect(
            try run("opt = torch.optim.SGD(nn.Linear(1, 1).parameters(), lr=0.1)\nopt.defaults['lr']")
                == .float(0.1))
    }
}
