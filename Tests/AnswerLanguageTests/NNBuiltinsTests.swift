import CNN
import Testing

@testable import AnswerLanguage

/// NN builtins against direct engine calls with the same arguments, keyword by keyword.
@Suite struct NNBuiltinsTests {
    /// An interpreter with `x` `[2, 3, 7, 7]`, `w` `[4, 3, 3, 3]`, `b` `[4]` (seeded), and the
    /// same tensors for direct engine calls.
    struct Fixture {
        let interpreter = Interpreter()
        let x: Tensor
        let w: Tensor
        let b: Tensor

        init() throws {
            var generator = SeededGenerator(seed: 11)
            x = try Tensor.randn([2, 3, 7, 7], using: &generator)
            w = try Tensor.randn([4, 3, 3, 3], using: &generator)
            b = try Tensor.randn([4], using: &generator)
            interpreter.bind("x", .tensor(x))
            interpreter.bind("w", .tensor(w))
            interpreter.bind("b", .tensor(b))
        }

        func tensor(_ source: String) throws -> Tensor {
            guard case .tensor(let tensor) = try interpreter.run(source) else {
                Issue.record("\(source) did not give a tensor")
                return Tensor(0)
            }
            return tensor
        }
    }

    @Test(
        arguments: [
            ("F.conv2d(x, w)", { @Sendable (x: Tensor, w: Tensor, b: Tensor) in try conv2d(x, w) }),
            ("conv2d(x, w, b)", { x, w, b in try conv2d(x, w, bias: b) }),
            ("torch.conv2d(x, w, bias=b, stride=2)", { x, w, b in try conv2d(x, w, bias: b, stride: 2) }),
            (
                "F.conv2d(x, w, stride=(2, 1), padding=1)",
                { x, w, _ in try conv2d(x, w, stride: Size2D(2, 1), padding: 1) }
            ),
            ("F.conv2d(x, w, padding='same')", { x, w, _ in try conv2d(x, w, padding: .same) }),
            (
                "F.conv2d(x, w, padding='valid', dilation=2)",
                { x, w, _ in try conv2d(x, w, padding: .valid, dilation: 2) }
            ),
            (
                "F.conv2d(x, w, padding=(1, 0))",
                { x, w, _ in try conv2d(x, w, padding: .explicit(Size2D(1, 0))) }
            ),
            ("F.max_pool2d(x, 2)", { x, _, _ in try maxPool2d(x, kernelSize: 2) }),
            (
                "F.max_pool2d(x, kernel_size=3, stride=2, padding=1, ceil_mode=True)",
                { x, _, _ in
                    try maxPool2d(x, kernelSize: 3, stride: 2, padding: 1, ceilMode: true)
                }
            ),
            ("F.max_pool2d(x, 2, dilation=2)", { x, _, _ in try maxPool2d(x, kernelSize: 2, dilation: 2) }),
            (
                "F.avg_pool2d(x, 3, stride=2, padding=1, count_include_pad=False)",
                { x, _, _ in
                    try avgPool2d(x, kernelSize: 3, stride: 2, padding: 1, countIncludePad: false)
                }
            ),
            (
                "F.avg_pool2d(x, 2, ceil_mode=True)",
                { x, _, _ in try avgPool2d(x, kernelSize: 2, ceilMode: true) }
            ),
            (
                "F.adaptive_avg_pool2d(x, (2, 3))",
                { x, _, _ in try adaptiveAvgPool2d(x, outputSize: Size2D(2, 3)) }
            ),
            ("F.pad(x, (1, 2, 0, 1))", { x, _, _ in try pad(x, [1, 2, 0, 1]) }),
            (
                "F.pad(x, (1, 1, 1, 1), mode='reflect')",
                { x, _, _ in try pad(x, [1, 1, 1, 1], mode: .reflect) }
            ),
            (
                "F.pad(x, (2, 2), mode='constant', value=3)",
                { x, _, _ in try pad(x, [2, 2], mode: .constant, value: 3) }
            ),
            ("F.relu(x)", { x, _, _ in try relu(x) }),
            ("x.relu()", { x, _, _ in try relu(x) }),
            ("torch.sigmoid(x)", { x, _, _ in try sigmoid(x) }),
            ("x.tanh()", { x, _, _ in try tanh(x) }),
            ("F.leaky_relu(x, negative_slope=0.2)", { x, _, _ in try leakyRelu(x, negativeSlope: 0.2) }),
            ("F.softmax(x, dim=1)", { x, _, _ in try softmax(x, dim: 1) }),
            ("x.log_softmax(-1)", { x, _, _ in try logSoftmax(x, dim: -1) }),
        ] as [(String, @Sendable (Tensor, Tensor, Tensor) throws -> Tensor)])
    func functionalMatchesTheEngine(
        source: String, direct: @Sendable (Tensor, Tensor, Tensor) throws -> Tensor
    ) throws {
        let fixture = try Fixture()
        let expected = try direct(fixture.x, fixture.w, fixture.b)
        #expect(try fixture.tensor(source).isEqual(to: expected))
    }

    @Test func shapeOpsAndIndexingMatchTheEngine() throws {
        let fixture = try Fixture()
        let x = fixture.x
        #expect(try fixture.tensor("x[0, :, 1:3]").isEqual(to: try x.indexed([.at(0), .all, .slice(1, 3)])))
        #expect(
            try fixture.tensor("x[..., ::2]").isEqual(
                to: try x.indexed([.ellipsis, .slice(nil, nil, step: 2)])))
        #expect(try fixture.tensor("x[-1, None]").shape == [1, 3, 7, 7])
        #expect(try fixture.tensor("x.flatten(1)").isEqual(to: try x.flatten(startDim: 1)))
        #expect(try fixture.tensor("x.permute(0, 2, 3, 1)").isEqual(to: try x.permute([0, 2, 3, 1])))
        #expect(try fixture.tensor("x.permute((0, 2, 3, 1))").isEqual(to: try x.permute([0, 2, 3, 1])))
        #expect(try fixture.tensor("x.transpose(2, 3)").isEqual(to: try x.transpose(2, 3)))
        #expect(try fixture.tensor("x[0, 0].T").isEqual(to: try x.indexed([.at(0), .at(0)]).transpose(0, 1)))
        #expect(
            try fixture.tensor("x[:1].squeeze(0)").isEqual(
                to: try x.indexed([.slice(nil, 1)]).squeeze(dim: 0)))
        #expect(try fixture.tensor("x.unsqueeze(1)").shape == [2, 1, 3, 7, 7])
        #expect(try fixture.tensor("torch.flip(x, (3,))").isEqual(to: try x.flip([3])))
        // The method takes the dims one by one too, as PyTorch's does; by keyword, as a list.
        #expect(try fixture.tensor("x.flip(2, 3)").isEqual(to: try x.flip([2, 3])))
        #expect(try fixture.tensor("x.flip(-1)").isEqual(to: try x.flip([3])))
        #expect(try fixture.tensor("torch.flip(x, dims=[2, 3])").isEqual(to: try x.flip([2, 3])))
        #expect(try fixture.tensor("torch.cat([x, x], dim=1)").isEqual(to: try Tensor.cat([x, x], dim: 1)))
        #expect(try fixture.tensor("torch.stack((x, x))").isEqual(to: try Tensor.stack([x, x])))
        let m = try x.indexed([.at(0), .at(0)])
        #expect(
            try fixture.tensor("x[0, 0] @ x[0, 1]").isEqual(
                to: try Tensor.matmul(m, try x.indexed([.at(0), .at(1)]))))
        #expect(try fixture.tensor("x.argmax(dim=1)").isEqual(to: try x.argmax(dim: 1)))
        #expect(try fixture.tensor("x.max()").isEqual(to: try x.max()))
        #expect(try fixture.interpreter.run("x.max(dim=1)[1]") == .tensor(try x.max(dim: 1).indices))
        #expect(
            try fixture.tensor("x.std(dim=(2, 3), keepdim=True)").isEqual(
                to: try x.standardDeviation(dims: [2, 3], keepDim: true)))
    }

    @Test func tensorIndexingErrorsAreLanguageErrors() throws {
        let fixture = try Fixture()
        let outOfRange = #expect(throws: LanguageError.self) { try fixture.interpreter.run("x[5]") }
        #expect(outOfRange?.range?.lowerBound.column == 1)
        let negativeStep = #expect(throws: LanguageError.self) { try fixture.interpreter.run("x[::-1]") }
        #expect(negativeStep?.message.contains("torch.flip") == true)
    }

    @Test func conv2dShapeErrorsPointAtTheCall() throws {
        let fixture = try Fixture()
        let error = #expect(throws: LanguageError.self) {
            try fixture.interpreter.run("y = 1\ny = F.conv2d(x, w[:, :2])")
        }
        #expect(error?.kind == .shape)
        #expect(error?.range?.lowerBound.line == 2)
        #expect(error?.range?.lowerBound.column == 5)
        let keyword = #expect(throws: LanguageError.self) {
            try fixture.interpreter.run("F.conv2d(x, w, strid=2)")
        }
        #expect(
            keyword?.message == "conv2d() got an unknown keyword argument 'strid' — did you mean 'stride'?")
        let type = #expect(throws: LanguageError.self) {
            try fixture.interpreter.run("F.conv2d(x, w, stride='2')")
        }
        #expect(type?.message == "conv2d(): argument 'stride' must be an int or a tuple of ints, not str")
        let padding = #expect(throws: LanguageError.self) {
            try fixture.interpreter.run("F.conv2d(x, w, padding='full')")
        }
        #expect(padding?.message.contains("should be one of ['valid', 'same']") == true)
    }

    @Test func modulesAreBuiltCalledAndInspected() throws {
        let interpreter = Interpreter(options: EvaluationOptions(seed: 5))
        try interpreter.run(
            """
            model = nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten())
            x = torch.ones(2, 1, 6, 6)
            y = model(x)
            """)
        #expect(try interpreter.run("y.shape") == .shape([2, 36]))
        #expect(try interpreter.run("len(model)") == .int(4))
        #expect(try interpreter.run("model[0].weight.shape") == .shape([4, 1, 3, 3]))
        #expect(try interpreter.run("model[0].kernel_size == (3, 3)") == .bool(true))
        #expect(try interpreter.run("len(model.parameters())") == .int(2))
        #expect(try interpreter.run("model[0].padding") == .tuple([.int(1), .int(1)]))
        // Gradients reach the parameters through the language.
        try interpreter.run("y.sum().backward()")
        #expect(try interpreter.run("model[0].weight.grad is None") == .bool(false))
        try interpreter.run("model.zero_grad()")
        #expect(try interpreter.run("model[0].weight.grad") == .none)
        // Construction uses the interpreter's seeded generator, exactly as a direct call does.
        var generator = SeededGenerator(seed: 5)
        let direct = try Conv2d(1, 4, kernelSize: 3, padding: 1, using: &generator)
        #expect(try interpreter.run("model[0].weight") == .tensor(direct.weight.value))
        // Printed as PyTorch 2.15 prints this Sequential (run there with the same layers).
        #expect(
            try interpreter.run("str(model)")
                == .string(
                    """
                    Sequential(
                      (0): Conv2d(1, 4, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))
                      (1): ReLU()
                      (2): MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)
                      (3): Flatten(start_dim=1, end_dim=-1)
                    )
                    """))
        // The REPL's table: 4 filters of 1×3×3 weights and 4 biases = 40 parameters, all in layer 0.
        #expect(
            Value.moduleTable(try #require(interpreter["model"]?.module)) == """
                Sequential: 4 layers, 40 parameters
                  name  layer      parameters  settings
                  0     Conv2d             40  1, 4, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1)
                  1     ReLU                0
                  2     MaxPool2d           0  kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False
                  3     Flatten             0  start_dim=1, end_dim=-1
                """)
        // On a screen, only the settings wrap: at their commas, under their own column, or, with
        // fewer than 40 columns left there, under their row.
        let module = try #require(interpreter["model"]?.module)
        #expect(
            Value.moduleTable(module, width: 75).split(separator: "\n").map(String.init) == [
                "Sequential: 4 layers, 40 parameters",
                "  name  layer      parameters  settings",
                "  0     Conv2d             40  1, 4, kernel_size=(3, 3), stride=(1, 1),",
                "                               padding=(1, 1)",
                "  1     ReLU                0",
                "  2     MaxPool2d           0  kernel_size=2, stride=2, padding=0,",
                "                               dilation=1, ceil_mode=False",
                "  3     Flatten             0  start_dim=1, end_dim=-1",
            ])
        #expect(
            Value.moduleTable(module, width: 60).split(separator: "\n").map(String.init) == [
                "Sequential: 4 layers, 40 parameters",
                "  name  layer      parameters",
                "  0     Conv2d             40",
                "      1, 4, kernel_size=(3, 3), stride=(1, 1),",
                "      padding=(1, 1)",
                "  1     ReLU                0",
                "  2     MaxPool2d           0",
                "      kernel_size=2, stride=2, padding=0, dilation=1,",
                "      ceil_mode=False",
                "  3     Flatten             0",
                "      start_dim=1, end_dim=-1",
            ])
        let error = #expect(throws: LanguageError.self) { try interpreter.run("nn.Sequential(nn.ReLU(), 3)") }
        #expect(error?.message == "Sequential(): argument 2 must be a layer such as nn.ReLU(), not int")
        let typo = #expect(throws: LanguageError.self) { try interpreter.run("model[0].wieght") }
        #expect(typo?.suggestion == "weight")
    }
}

extension NNBuiltinsTests {
    /// `nn.ReLU(inplace=True)` (a memory hint in PyTorch, copied from tutorials) builds the same
    /// layer: its output on `x` is relu(x).
    @Test func inplaceActivationLayersAreTheSameLayers() throws {
        let fixture = try Fixture()
        let plain = try fixture.tensor("nn.ReLU()(x)").scalarsAsDoubles()
        #expect(try fixture.tensor("nn.ReLU(inplace=True)(x)").scalarsAsDoubles() == plain)
        #expect(
            try fixture.tensor("nn.LeakyReLU(0.1, inplace=True)(x)").scalarsAsDoubles()
                == (try fixture.tensor("nn.LeakyReLU(0.1)(x)").scalarsAsDoubles()))
    }

    @Test func summaryAndHelpAreText() throws {
        let interpreter = Interpreter()
        try interpreter.run("model = nn.Sequential(nn.Conv2d(1, 4, 3), nn.ReLU())")
        let model = try #require(interpreter["model"]?.module)
        #expect(
            try interpreter.run("summary(model, (1, 1, 8, 8))")
                == .text(try ModelSummary(model, inputShape: [1, 1, 8, 8]).description))
        // 4 filters of 1×3×3 weights plus 4 biases.
        #expect(try interpreter.run("parameter_count(model)") == .int(40))
        let help = try interpreter.run("help(F.conv2d)").description
        #expect(
            help.hasPrefix("conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1)\n"))
    }
}

extension NNBuiltinsTests {
    @Test func lossesLinearAndDropoutMatchTheEngine() throws {
        let interpreter = Interpreter(options: EvaluationOptions(seed: 3))
        var generator = SeededGenerator(seed: 21)
        let logits = try Tensor.randn([4, 3], using: &generator)
        let labels = try Tensor([0, 2, 1, 2], shape: [4])
        let weight = try Tensor.randn([5, 3], using: &generator)
        interpreter.bind("logits", .tensor(logits))
        interpreter.bind("labels", .tensor(labels))
        interpreter.bind("w", .tensor(weight))
        func run(_ source: String) throws -> Tensor { try #require(try interpreter.run(source).tensor) }
        #expect(try run("F.cross_entropy(logits, labels)").isEqual(to: try crossEntropy(logits, labels)))
        #expect(
            try run("F.cross_entropy(logits, labels, reduction='sum', label_smoothing=0.1)").isEqual(
                to: try crossEntropy(logits, labels, reduction: .sum, labelSmoothing: 0.1)))
        #expect(
            try run("F.cross_entropy(logits, labels, ignore_index=2, reduction='none')").isEqual(
                to: try crossEntropy(logits, labels, reduction: .none, ignoreIndex: 2)))
        #expect(try run("F.mse_loss(logits, logits * 2)").isEqual(to: try mseLoss(logits, try logits * 2)))
        #expect(try run("F.linear(logits, w)").isEqual(to: try linear(logits, weight)))
        var dropoutGenerator = SeededGenerator(seed: 3)
        #expect(
            try run("F.dropout(logits, p=0.25)").isEqual(
                to: try dropout(logits, p: 0.25, using: &dropoutGenerator)))
        #expect(try run("F.dropout(logits, training=False)").isEqual(to: logits))
        let reduction = #expect(throws: LanguageError.self) {
            try interpreter.run("F.mse_loss(logits, logits, reduction='avg')")
        }
        #expect(reduction?.message == "mse_loss(): reduction must be 'mean', 'sum' or 'none', got 'avg'")
    }
}

extension NNBuiltinsTests {
    @Test func gradcheckRunsLambdasInFloat64() throws {
        let interpreter = Interpreter(options: EvaluationOptions(seed: 8))
        try interpreter.run("x = randn(1, 2, 5, 5); w = randn(3, 2, 3, 3)")
        #expect(
            try interpreter.run("gradcheck(lambda x, w: F.conv2d(x, w, stride=2, padding=1).sum(), x, w)")
                == .bool(true))
        // relu at exactly 0: autograd says 0, the central difference (ε − 0)/2ε says 1/2.
        #expect(
            try interpreter.run("gradcheck(lambda v: F.relu(v).sum(), zeros(3), raise_exception=False)")
                == .bool(false))
        let error = #expect(throws: LanguageError.self) {
            try interpreter.run("gradcheck(lambda v: F.relu(v).sum(), zeros(3))")
        }
        #expect(error?.message.hasPrefix("gradcheck failed") == true)
        let notTensor = #expect(throws: LanguageError.self) {
            try interpreter.run("gradcheck(lambda v: 3, x)")
        }
        #expect(notTensor?.message == "gradcheck(): the function must return a tensor, not int")
    }
}

extension NNBuiltinsTests {
    @Test func transposeAttributesAndModelDtypes() throws {
        let fixture = try Fixture()
        // PyTorch: x.T reverses all dimensions; x.mT swaps the last two.
        #expect(try fixture.tensor("x.T").isEqual(to: try fixture.x.permute([3, 2, 1, 0])))
        #expect(try fixture.tensor("x.mT").isEqual(to: try fixture.x.transpose(-2, -1)))
        let interpreter = Interpreter(options: EvaluationOptions(seed: 1))
        try interpreter.run("m = nn.Conv2d(1, 2, 3).double(); x = randn(1, 1, 5, 5, dtype=torch.float64)")
        #expect(try interpreter.run("m.weight.dtype") == .dtype(.float64))
        #expect(try interpreter.run("gradcheck(lambda x: m(x).sum(), x)") == .bool(true))
    }
}
