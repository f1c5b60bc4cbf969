import CNN
import Testing
import Wording

@testable import AnswerLanguage

/// Optimisers, loss modules, `nn.init` and in-place calls: what a hand-written PyTorch training
/// loop does to the model must happen to the model here, although tensors are values.
@Suite struct PyTorchObjectsTests {
    func doubles(_ source: String, _ interpreter: Interpreter) throws -> [Double] {
        guard case .tensor(let tensor) = try interpreter.run(source) else {
            Issue.record("\(source) is not a tensor")
            return []
        }
        return tensor.scalarsAsDoubles()
    }

    @Test func optimizerStepsUpdateTheModelAndTheNamesBoundToItsWeights() throws {
        let interpreter = Interpreter()
        try interpreter.run(
            """
            model = nn.Sequential(nn.Conv2d(1, 1, 2, bias=False))
            nn.init.ones_(model[0].weight)
            w = model[0].weight
            opt = torch.optim.SGD(model.parameters(), lr=0.5)
            x = torch.ones(1, 1, 2, 2)
            opt.zero_grad()
            model(x).sum().backward()
            opt.step()
            """)
        // d(sum of w·x)/dw = x = 1, so every weight becomes 1 − 0.5·1.
        #expect(try doubles("model[0].weight", interpreter) == [0.5, 0.5, 0.5, 0.5])
        #expect(try doubles("w", interpreter) == [0.5, 0.5, 0.5, 0.5])
        #expect(try interpreter.run("opt.param_groups[0]['lr']") == .float(0.5))
        #expect(try interpreter.run("type(opt)").description == "<class 'SGD'>")
        try interpreter.run("opt.zero_grad()")
        #expect(try interpreter.run("model[0].weight.grad") == .none)
    }

    @Test func aTrainingLoopLowersTheLoss() throws {
        let interpreter = Interpreter()
        try interpreter.run(
            """
            manual_seed(3)
            model = nn.Sequential(nn.Conv2d(1, 2, 3), nn.Flatten())
            criterion = nn.CrossEntropyLoss()
            opt = torch.optim.Adam(model.parameters(), lr=0.05)
            x = torch.randn(4, 1, 3, 3)
            y = torch.tensor([0, 1, 1, 0])
            first = criterion(model(x), y).item()
            step = lambda: (opt.zero_grad(), criterion(model(x), y).backward(), opt.step())
            _ = [step(), step(), step(), step(), step()]
            """)
        let first = try #require(try interpreter.run("first").number)
        let last = try #require(try interpreter.run("criterion(model(x), y).item()").number)
        #expect(last < first)
    }

    @Test func inPlaceCallsFollowPyTorchsRules() throws {
        let interpreter = Interpreter()
        try interpreter.run("x = torch.tensor([1.0, 2.0]); x.add_(1)")
        #expect(try doubles("x", interpreter) == [2, 3])
        try interpreter.run("w = torch.ones(2, requires_grad=True)")
        // PyTorch: "a leaf Variable that requires grad is being used in an in-place operation".
        #expect(throws: LanguageError.self) { try interpreter.run("w.zero_()") }
        try interpreter.run("w.data.zero_()")
        #expect(try doubles("w", interpreter) == [0, 0])
        #expect(try interpreter.run("w.requires_grad") == .bool(true))
        try interpreter.run("conv = nn.Conv2d(1, 1, 1); conv.bias.data.fill_(0.25)")
        #expect(try doubles("conv.bias", interpreter) == [0.25])
    }

    @Test func initializersUsePyTorchsFans() throws {
        let interpreter = Interpreter(options: EvaluationOptions(seed: 5))
        // kaiming_uniform_ with a=√5 (nn.Conv2d's own default) bounds at 1/√fan_in; fan_in = 3·3·3.
        try interpreter.run("w = torch.empty(16, 3, 3, 3); nn.init.kaiming_uniform_(w, a=5 ** 0.5)")
        let bound = 1 / 27.0.squareRoot()
        let values = try doubles("w", interpreter)
        #expect(values.allSatisfy { abs($0) <= bound })
        #expect(values.contains { abs($0) > bound / 2 })
        #expect(try interpreter.run("nn.init.calculate_gain('tanh')") == .float(5.0 / 3))
        #expect(throws: LanguageError.self) { try interpreter.run("nn.init.xavier_uniform_(torch.zeros(3))") }
    }

    @Test func dtypesAndPromotion() throws {
        let interpreter = Interpreter()
        #expect(try interpreter.run("torch.tensor([1, 2, 3])").description == "tensor([1, 2, 3])")
        #expect(
            try interpreter.run("torch.tensor([1, 2, 3]) > 1").description == "tensor([False,  True,  True])")
        #expect(try interpreter.run("(torch.arange(4) / 2).dtype").description == "torch.float32")
        #expect(try interpreter.run("(torch.arange(4) // 2).dtype").description == "torch.int64")
        #expect(try interpreter.run("torch.zeros(2, dtype=torch.long)").json.contains(#""dtype": "int64""#))
        #expect(try interpreter.run("torch.tensor([1.9, -1.9]).long()").description == "tensor([ 1, -1])")
        #expect(try interpreter.run("torch.tensor([3]).item()") == .int(3))
        #expect(try interpreter.run("abs(-3)") == .int(3))
        #expect(try interpreter.run("sum([1, 2, 3])") == .int(6))
        #expect(throws: LanguageError.self) {
            try interpreter.run("torch.tensor([1, 2], requires_grad=True)")
        }
        #expect(throws: LanguageError.self) { try interpreter.run("torch.ones(2) & torch.ones(2)") }
        #expect(throws: LanguageError.self) { try interpreter.run("torch.zeros(2).to('cuda')") }
    }

    /// The new refusals are said in English and Korean from the catalogs.
    @Test func newRefusalsAreSaidInBothLanguages() throws {
        let examples: [(source: String, english: String, korean: String)] = [
            (
                "0.25 ^ 20",
                "unsupported operand types for ^: float and int — ^ is exclusive or; for a power, write ** (0.25 ** 20)",
                "연산자 ^: 이 두 타입에는 쓸 수 없습니다(float, int). ^는 배타적 논리합입니다. 거듭제곱은 **로 씁니다(0.25 ** 20)."
            ),
            (
                "w = torch.ones(2, requires_grad=True); w.fill_(3)",
                "a leaf tensor that requires grad is being used in an in-place operation: change its .data instead, or do it inside 'with torch.no_grad():'",
                "그래디언트가 필요한 리프 텐서를 제자리(in-place) 연산으로 바꾸려 했습니다. 그 텐서의 .data를 바꾸거나 'with torch.no_grad():' 안에서 하세요."
            ),
            (
                "torch.ones(2).to('cuda')",
                "device 'cuda' is not available: everything here runs on the CPU (torch.cuda.is_available() is False)",
                "장치 'cuda'는 쓸 수 없습니다. 여기서는 모든 계산이 CPU에서 실행됩니다(torch.cuda.is_available()는 False입니다)."
            ),
        ]
        for example in examples {
            let error = try #require(
                #expect(throws: LanguageError.self) { try Interpreter().run(example.source) })
            #expect(error.message == example.english)
            #expect(error.message(in: Language("ko")) == example.korean)
        }
    }

    /// `help(…)` says something for every function of every namespace and every tensor method.
    @Test func helpCoversEveryName() throws {
        let interpreter = Interpreter()
        for namespace in ["torch", "F", "nn", "nn.init", "torch.optim", "torch.cuda"] {
            guard case .namespace(let members) = try interpreter.run(namespace) else {
                Issue.record("\(namespace) is not a namespace")
                continue
            }
            for name in members.memberNames {
                // Builtins only: classes (`nn.Module`) are the language's own.
                guard case .function(let function) = try interpreter.run("\(namespace).\(name)"),
                    case .builtin = function.implementation
                else { continue }
                let text = try interpreter.run("help(\(namespace).\(name))").description
                let lines = text.split(separator: "\n")
                #expect(
                    lines.count == 2 && lines[0].contains("(") && !lines[1].allSatisfy(\.isWhitespace),
                    "help(\(namespace).\(name)): \(text)")
            }
        }
        for method in Builtins.tensorMethods.keys.sorted() {
            let text = try interpreter.run("help(torch.ones(1).\(method))").description
            #expect(!(Builtins.tensorMethods[method]?.summary.isEmpty ?? true), "\(method): \(text)")
        }
        #expect(try interpreter.run("help(torch.optim.SGD)").description.contains("momentum"))
    }
}
