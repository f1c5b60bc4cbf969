import CNN
import Testing
import Wording

@testable import AnswerLanguage

/// Session 11's PyTorch fidelity: `torch.int32` tensors, `alpha` only by keyword, one
/// `load_state_dict` error listing every problem, `OneCycleLR`, `random_split`, a `DataLoader`
/// that reshuffles each epoch, a live `state_dict()` and `copy.deepcopy`. Every expected value is
/// PyTorch 2.15's (`Differential/snippets.txt` runs the same code through `make_differential.py`).
@Suite struct Int32AndDataTests: RunsSnippets {
    // MARK: - int32

    @Test(arguments: [
        // PyTorch: tensor([1, -1, 2], dtype=torch.int32): `.int()` cuts toward zero.
        ("torch.tensor([1.7, -1.7, 2.5]).int()", ScalarType.int32, [1.0, -1, 2]),
        ("torch.tensor([1, 2], dtype=torch.int32) * 2", .int32, [2, 4]),
        // A 0-d integer or a Python int does not widen a dimensioned int32 tensor.
        ("torch.tensor([1, 2], dtype=torch.int32) + torch.tensor(5)", .int32, [6, 7]),
        ("torch.tensor(5) + torch.tensor([1, 2], dtype=torch.int32)", .int32, [6, 7]),
        // Dimensioned int64 (or two 0-d tensors) widen to int64.
        ("torch.tensor([1, 2], dtype=torch.int32) + torch.tensor([1, 2])", .int64, [2, 4]),
        ("torch.tensor(1, dtype=torch.int32) + torch.tensor(5)", .int64, [6]),
        ("torch.tensor([1, 2], dtype=torch.int32) + 0.5", .float32, [1.5, 2.5]),
        ("torch.tensor([1, 2], dtype=torch.int32) / 2", .float32, [0.5, 1]),
        ("torch.tensor([7, -7], dtype=torch.int32) // 2", .int32, [3, -4]),
        ("torch.tensor([7, -7], dtype=torch.int32) % 3", .int32, [1, 2]),
        // Sums, cumulative sums and products of int32 are int64, as in PyTorch.
        ("torch.tensor([1, 2, 3], dtype=torch.int32).sum()", .int64, [6]),
        ("torch.tensor([1, 2], dtype=torch.int32).cumsum(0)", .int64, [1, 3]),
        ("torch.tensor([1, 2, 3], dtype=torch.int32).prod()", .int64, [6]),
        ("torch.tensor([3, 1, 2], dtype=torch.int32).max()", .int32, [3]),
        ("torch.zeros(2, dtype=torch.int32) + torch.zeros(2, dtype=torch.bool)", .int32, [0, 0]),
        (
            "torch.where(torch.tensor([True, False]), torch.tensor([1, 2], dtype=torch.int32), 0)", .int32,
            [1, 0]
        ),
        (
            "torch.tensor([[1, 2]], dtype=torch.int32) @ torch.tensor([[3], [4]], dtype=torch.int32)", .int32,
            [11]
        ),
        (
            "torch.tensor([1, 2], dtype=torch.int32) & torch.tensor([3, 3], dtype=torch.int32)", .int32,
            [1, 2]
        ),
        ("torch.tensor([1, 5], dtype=torch.int32).clamp(0, 3)", .int32, [1, 3]),
        ("torch.tensor([1, 2], dtype=torch.int32) ** 2", .int32, [1, 4]),
        ("x = torch.zeros(3, dtype=torch.int32); x[0] += 5; x", .int32, [5, 0, 0]),
        ("x = torch.zeros(3, dtype=torch.int32); x += torch.tensor([1, 2, 3]); x", .int32, [1, 2, 3]),
        ("torch.IntTensor([1, 2])", .int32, [1, 2]),
        ("torch.tensor([1, 2]).type(torch.IntTensor)", .int32, [1, 2]),
        ("torch.ones(3, dtype=torch.int)", .int32, [1, 1, 1]),
        ("torch.tensor([5, 6, 7])[torch.tensor([2, 0], dtype=torch.int32)]", .int64, [7, 5]),
    ])
    func int32KeepsPyTorchsTypeAndValues(source: String, type: ScalarType, values: [Double]) throws {
        let result = try #require(try tensor(source))
        #expect(result.scalarType == type, "\(source)")
        #expect(result.scalarsAsDoubles() == values, "\(source)")
    }

    @Test func int32PrintsItsDtype() throws {
        #expect(
            try run("str(torch.tensor([1.5, 2.5]).int())") == .string("tensor([1, 2], dtype=torch.int32)"))
        #expect(
            try run("repr(torch.tensor(7, dtype=torch.int32))") == .string("tensor(7, dtype=torch.int32)"))
        #expect(try run("torch.int") == .dtype(.int32))
        #expect(try run("torch.tensor([1, 2]).int().type()") == .string("torch.IntTensor"))
        #expect(try run("torch.tensor([1, 2], dtype=torch.int32).element_size()") == .int(4))
        #expect(try run("f'{torch.tensor(3, dtype=torch.int32)}'") == .string("3"))
        #expect(try run("(torch.tensor([1, 0, 2]) == torch.tensor([1, 1, 2])).int().sum().item()") == .int(2))
    }

    @Test func int32RefusesWhatPyTorchRefuses() {
        // PyTorch: "result type Float can't be cast to the desired output type Int".
        #expect(error("x = torch.zeros(3, dtype=torch.int32); x += 1.5")?.message.contains("int32") == true)
        #expect(error("torch.tensor([1., 2.]).int().requires_grad_()") != nil)
        #expect(error("torch.tensor([1, 2], dtype=torch.int32).mean()") != nil)
        // The 16-bit floats stay refused, naming what there is (the narrow integers exist).
        #expect(error("torch.ones(2).half()")?.kind == .unsupported)
    }

    /// Must not: int32 does not leak into int64 arithmetic or indices.
    @Test func int64StaysInt64() throws {
        #expect(try tensor("torch.tensor([1, 2]) + 1")?.scalarType == .int64)
        #expect(try tensor("torch.tensor([3, 1, 2], dtype=torch.int32).argmax()")?.scalarType == .int64)
        #expect(try tensor("torch.tensor([True, False]) + torch.tensor([True, True])")?.scalarType == .bool)
    }

    // MARK: - alpha is keyword-only

    @Test(arguments: [
        (
            "torch.add(torch.tensor([1., 2.]), torch.tensor([1., 1.]), 2)",
            "add() takes 2 positional arguments but 3 were given"
        ),
        (
            "torch.sub(torch.tensor([1., 2.]), torch.tensor([1., 1.]), 2)",
            "sub() takes 2 positional arguments but 3 were given"
        ),
        (
            "x = torch.tensor([1., 2.]); x.add_(torch.tensor([1., 1.]), 3)",
            "add_() takes 2 positional arguments but 3 were given"
        ),
    ])
    func alphaByPositionIsRefused(source: String, text: String) {
        let refusal = error(source)
        #expect(refusal?.message == text)
        #expect(refusal?.kind == .argument)
    }

    @Test func alphaByKeywordStillWorks() throws {
        #expect(
            try tensor("torch.add(torch.tensor([1., 2.]), torch.tensor([1., 1.]), alpha=2)")?
                .scalarsAsDoubles() == [3, 4])
    }

    // MARK: - load_state_dict lists every problem

    @Test func loadStateDictListsEveryProblemAsPyTorchDoes() throws {
        let source = """
            model = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))
            sd = {k: v for k, v in model.state_dict().items() if k != '2.bias'}
            sd['extra.weight'] = torch.zeros(1)
            sd['0.weight'] = torch.zeros(4, 2)
            model.load_state_dict(sd)
            """
        let refusal = try #require(error(source))
        // PyTorch 2.15's str(error), word for word.
        #expect(
            refusal.message
                == "Error(s) in loading state_dict for Sequential:\n\tMissing key(s) in state_dict: \"2.bias\". \n\tUnexpected key(s) in state_dict: \"extra.weight\". \n\tsize mismatch for 0.weight: copying a param with shape torch.Size([4, 2]) from checkpoint, the shape in current model is torch.Size([3, 2])."
        )
        #expect(refusal.range?.lowerBound.line == 5)
        let korean = refusal.message(in: Language("ko"))
        #expect(
            korean.contains("\"2.bias\"") && korean.contains("\"extra.weight\"")
                && korean.contains("0.weight"))
        #expect(korean.components(separatedBy: "\n\t").count == 4)
    }

    @Test func strictFalseStillRefusesSizesOnly() throws {
        let refusal = try #require(
            error(
                "m = nn.Linear(2, 1); m.load_state_dict({'weight': torch.zeros(1, 3), 'bias': torch.zeros(1), 'scale': torch.zeros(1)}, strict=False)"
            ))
        #expect(
            refusal.message
                == "Error(s) in loading state_dict for Linear:\n\tsize mismatch for weight: copying a param with shape torch.Size([1, 3]) from checkpoint, the shape in current model is torch.Size([1, 2])."
        )
        // Must not: with strict=False, missing and unexpected keys alone are no error.
        #expect(
            try run(
                "nn.Linear(2, 1).load_state_dict({'weight': torch.zeros(1, 2)}, strict=False).missing_keys")
                == .list([.string("bias")]))
    }

    // MARK: - state_dict shares the parameters

    @Test func stateDictReadsTheModelAsItIsNow() throws {
        let interpreter = Interpreter()
        try interpreter.run("model = nn.Linear(2, 1); sd = model.state_dict(); sd['weight'].zero_()")
        #expect(try run("model.weight.sum().item()", interpreter) == .float(0))
        try interpreter.run("sd['bias'].fill_(3.0)")
        #expect(try tensor("model.bias", interpreter)?.scalarsAsDoubles() == [3])
        try interpreter.run("with torch.no_grad():\n    model.weight.fill_(1.0)")
        #expect(try tensor("sd['weight']", interpreter)?.scalarsAsDoubles() == [1, 1])
        #expect(
            try run("list(sd.keys()), len(sd), 'bias' in sd", interpreter)
                == .tuple([.list([.string("weight"), .string("bias")]), .int(2), .bool(true)]))
        // PyTorch: an optimiser's step shows in a state_dict taken before it (0.5 − 0.1 · 1).
        try interpreter.run(
            """
            nn.init.constant_(model.weight, 0.5)
            opt = torch.optim.SGD(model.parameters(), lr=0.1)
            model(torch.ones(1, 2)).sum().backward()
            opt.step()
            """)
        #expect(
            try tensor("sd['weight']", interpreter)?.scalarsAsDoubles() == [
                Double(Float(0.4)), Double(Float(0.4)),
            ])
    }

    /// Must not: a copy taken with clone() or copy.deepcopy keeps the old weights.
    @Test func copiesOfTheStateDictDoNotFollowTheModel() throws {
        let interpreter = Interpreter()
        try interpreter.run(
            """
            import copy
            model = nn.Linear(2, 1)
            nn.init.constant_(model.weight, 2.0)
            saved = {k: v.clone() for k, v in model.state_dict().items()}
            deep = copy.deepcopy(model.state_dict())
            with torch.no_grad():
                model.weight.fill_(1.0)
            """)
        #expect(try tensor("saved['weight']", interpreter)?.scalarsAsDoubles() == [2, 2])
        #expect(try tensor("deep['weight']", interpreter)?.scalarsAsDoubles() == [2, 2])
        try interpreter.run("model.load_state_dict(deep)")
        #expect(try tensor("model.weight", interpreter)?.scalarsAsDoubles() == [2, 2])
        // A model deep-copied is its own (session 13; `ByteTensorsAndDecoratorsTests`).
        #expect(error("import copy; copy.deepcopy(nn.Linear(2, 1))") == nil)
        #expect(error("sd = nn.Linear(2, 1).state_dict(); sd['scale'] = torch.zeros(1)")?.kind == .type)
    }

    // MARK: - OneCycleLR

    @Test func oneCycleFollowsPyTorchsSchedule() throws {
        let interpreter = Interpreter()
        try interpreter.run(
            """
            model = nn.Linear(2, 1)
            opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
            sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=1.0, total_steps=10)
            first = opt.param_groups[0]['lr']
            lrs, moms = [], []
            for _ in range(10):
                opt.step()
                sched.step()
                lrs.append(round(sched.get_last_lr()[0], 6))
                moms.append(round(opt.param_groups[0]['momentum'], 6))
            """)
        // PyTorch 2.15.
        let rates = [0.52, 1.0, 0.950485, 0.811746, 0.611262, 0.388742, 0.188258, 0.049519, 4e-06, 0.049519]
        #expect(try run("lrs", interpreter) == .list(rates.map(Value.float)))
        #expect(try run("moms[:4]", interpreter) == .list([0.9, 0.85, 0.854952, 0.868826].map(Value.float)))
        #expect(try run("round(first, 6)", interpreter) == .float(0.04))
    }

    @Test func oneCycleTrainsAsPyTorch() throws {
        let weights = try #require(
            try tensor(
                """
                model = nn.Linear(2, 1)
                nn.init.constant_(model.weight, 0.5)
                nn.init.zeros_(model.bias)
                opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
                sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=0.1, total_steps=6)
                x = torch.tensor([[1., 2.], [3., -1.]])
                y = torch.tensor([[1.], [0.]])
                for _ in range(6):
                    opt.zero_grad()
                    F.mse_loss(model(x), y).backward()
                    opt.step()
                    sched.step()
                model.weight
                """))
        // PyTorch 2.15: [[0.022362955, 0.43339449]].
        let expected = [0.022362954914569855, 0.43339449167251587]
        for (a, b) in zip(weights.scalarsAsDoubles(), expected) { #expect(abs(a - b) < 1e-5) }
    }

    @Test func oneCycleRefusesAsPyTorch() {
        #expect(
            error(
                "opt = torch.optim.SGD(nn.Linear(2, 1).parameters(), lr=0.1)\nsched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=1.0)"
            )?
            .message == "You must define either total_steps OR (epochs AND steps_per_epoch)")
        let tooMany = error(
            """
            opt = torch.optim.SGD(nn.Linear(2, 1).parameters(), lr=0.1, momentum=0.9)
            sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=0.5, total_steps=4)
            for _ in range(5):
                sched.step()
            """)
        #expect(tooMany?.message == "Tried to step 5 times. The specified number of total steps is 4")
        #expect(tooMany?.range?.lowerBound.line == 4)
        #expect(
            error(
                "opt = torch.optim.SGD(nn.Linear(2, 1).parameters(), lr=0.1)\ntorch.optim.lr_scheduler.OneCycleLR(opt, 1.0, 10, pct_start=1.5)"
            )?
            .range?.lowerBound.line == 2)
    }

    // MARK: - random_split and DataLoader

    @Test func randomSplitCutsTheDataSetInDisjointParts() throws {
        let interpreter = Interpreter()
        try interpreter.run(
            """
            ds = torch.utils.data.TensorDataset(torch.arange(10).float())
            a, b = torch.utils.data.random_split(ds, [7, 3])
            c, d, e = torch.utils.data.random_split(ds, [0.5, 0.3, 0.2])
            f, g = torch.utils.data.random_split(ds, [0.75, 0.25], generator=torch.Generator().manual_seed(42))
            """)
        #expect(try run("len(a), len(b)", interpreter) == .tuple([.int(7), .int(3)]))
        #expect(
            try run("[len(c), len(d), len(e)], [len(f), len(g)]", interpreter)
                == .tuple([.list([.int(5), .int(3), .int(2)]), .list([.int(8), .int(2)])]))
        #expect(
            try run(
                "sorted([int(a[i][0]) for i in range(len(a))] + [int(b[i][0]) for i in range(len(b))])",
                interpreter)
                == .list((0..<10).map(Value.int)))
        #expect(
            try run("sorted(a.indices + b.indices) == list(range(10)), len(a.dataset)", interpreter)
                == .tuple([.bool(true), .int(10)]))
        #expect(
            try run("[xb.shape for (xb,) in torch.utils.data.DataLoader(a, batch_size=4)]", interpreter)
                == .list([.shape([4]), .shape([3])]))
        let refusal = error(
            "ds = torch.utils.data.TensorDataset(torch.arange(10).float())\ntorch.utils.data.random_split(ds, [7, 4])"
        )
        #expect(refusal?.message == "Sum of input lengths does not equal the length of the input dataset!")
        #expect(refusal?.range?.lowerBound.line == 2)
        #expect(refusal?.range?.lowerBound.column == 35)
    }

    @Test func aShufflingLoaderDrawsANewOrderEachEpoch() throws {
        let interpreter = Interpreter()
        try interpreter.run(
            """
            ds = torch.utils.data.TensorDataset(torch.arange(8))
            loader = torch.utils.data.DataLoader(ds, batch_size=8, shuffle=True)
            orders = [b[0].tolist() for b in loader] + [b[0].tolist() for b in loader] + [b[0].tolist() for b in loader]
            """)
        #expect(try run("orders[0] != orders[1] or orders[1] != orders[2]", interpreter) == .bool(true))
        #expect(try run("all(sorted(o) == list(range(8)) for o in orders)", interpreter) == .bool(true))
        #expect(
            try run("len(loader), loader.batch_size, len(loader.dataset)", interpreter)
                == .tuple([.int(1), .int(8), .int(8)]))
        // Must not: without shuffle every epoch is in order.
        try interpreter.run("plain = torch.utils.data.DataLoader(ds, batch_size=3, drop_last=True)")
        #expect(
            try run(
                "[b[0].tolist() for b in plain] == [b[0].tolist() for b in plain], len(plain)", interpreter)
                == .tuple([.bool(true), .int(2)]))
        #expect(error("torch.utils.data.DataLoader([1, 2], collate_fn=len)")?.kind == .unsupported)
    }
}
