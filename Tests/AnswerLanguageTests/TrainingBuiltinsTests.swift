import CNN
import Foundation
import Testing

@testable import AnswerLanguage

/// Data sets, network builders, `grad_norms` and `train` against the engine.
@Suite struct TrainingBuiltinsTests {
    /// The repository's `Lessons/data`.
    static let dataDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Lessons/data")

    static func interpreter(seed: UInt64 = 0, timeLimit: Double? = nil) -> Interpreter {
        Interpreter(
            options: EvaluationOptions(timeLimit: timeLimit, seed: seed, dataDirectory: dataDirectory))
    }

    @Test func digitsAreTheEnginesSplit() throws {
        let interpreter = Self.interpreter()
        try interpreter.run("(train_x, train_y), (test_x, test_y) = digits()")
        let digits = try Digits.load(from: Self.dataDirectory.appendingPathComponent("digits-8x8/digits.csv"))
        let (images, labels) = try digits.train.tensors()
        #expect(interpreter["train_x"] == .tensor(images))
        #expect(interpreter["train_y"] == .tensor(labels))
        #expect(try interpreter.run("test_x.shape[1:]") == .shape([1, 8, 8]))
    }

    @Test func syntheticDataSetsAreSeeded() throws {
        var generator = SeededGenerator(seed: 4)
        let expected = try SyntheticImages.bars(count: 12, size: 6, noise: 0.1, using: &generator)
        let interpreter = Self.interpreter(seed: 4)
        try interpreter.run("x, y = bars(count=12, size=6, noise=0.1)")
        #expect(interpreter["x"] == .tensor(try expected.tensors().images))
        #expect(interpreter["y"] == .tensor(try expected.tensors().labels))
    }

    @Test func gradNormsMatchTheEngine() throws {
        let interpreter = Self.interpreter(seed: 9)
        try interpreter.run(
            """
            (x, y), test = digits()
            net = deep_net(depth=5, activation='sigmoid')
            g = grad_norms(net, x[0:16], y[0:16])
            """)
        let net = try #require(interpreter["net"]?.module)
        let x = try #require(interpreter["x"]?.tensor)
        let y = try #require(interpreter["y"]?.tensor)
        let norms = try gradNorms(net, try x.indexed([.slice(0, 16)]), try y.indexed([.slice(0, 16)]))
        #expect(try interpreter.run("len(g)") == .int(5))
        #expect(try interpreter.run("g[0]") == .float(norms[0].norm))
        #expect(try interpreter.run("g[-1]") == .float(norms[4].norm))
        // Named by position from the input, for the bar chart's labels.
        #expect(try interpreter.run("g['layer 1'] == g[0] and g['layer 5'] == g[-1]") == .bool(true))
        // The same seed builds the same network as the engine's builder.
        var generator = SeededGenerator(seed: 9)
        let direct = try Networks.deepNet(depth: 5, activation: .sigmoid, using: &generator)
        #expect(try net.parameters()[0].value.isEqual(to: try direct.parameters()[0].value))
        #expect(try interpreter.run("show(g)").description == "<figure>")
    }

    @Test func oneSGDStepMatchesTheEngine() throws {
        let interpreter = Self.interpreter(seed: 2)
        try interpreter.run(
            """
            model = nn.Linear(3, 2)
            x = tensor([[1.0, 2.0, 3.0], [0.5, -1.0, 2.0]])
            y = tensor([[0.0, 1.0], [1.0, 0.0]])
            h = train(model, [(x, y)], epochs=1, lr=0.1, loss='mse')
            """)
        var generator = SeededGenerator(seed: 2)
        let direct = try Linear(3, 2, using: &generator)
        let x = try Tensor([[1.0, 2.0, 3.0], [0.5, -1.0, 2.0]])
        let y = try Tensor([[0.0, 1.0], [1.0, 0.0]])
        let optimizer = try SGD(direct.parameters(), lr: 0.1)
        let loss = try mseLoss(try direct(x), y)
        try loss.backward()
        try optimizer.step()
        #expect(try interpreter.run("model.weight") == .tensor(direct.weight.value))
        #expect(try interpreter.run("h['step_loss'][0]") == .float(try loss.item()))
    }

    @Test func theFiltersLessonLearnsTheKernel() throws {
        // Lesson 02: a 1×2 convolution learns the edge detector [1, -1] from one example.
        let interpreter = Self.interpreter(seed: 0)
        try interpreter.run(
            """
            X = cat([ones(6, 2), zeros(6, 4), ones(6, 2)], dim=1)[None, None]
            K = tensor([[1., -1.]])[None, None]
            Y = conv2d(X, K)
            net = nn.Conv2d(1, 1, (1, 2), bias=False)
            history = train(net, [(X, Y)], epochs=30, lr=0.5, loss='mse', optimizer='sgd')
            """)
        #expect(try interpreter.run("len(history['loss'])") == .int(30))
        #expect(try interpreter.run("history['loss'][-1] < history['loss'][0] / 10") == .bool(true))
    }

    @Test func classifiersTrainOnDataSetsWithATestSet() throws {
        let interpreter = Self.interpreter(seed: 1)
        try interpreter.run(
            """
            train_set, test_set = digits()
            model = nn.Sequential(nn.Flatten(), nn.Linear(64, 10))
            h = train(model, train_set, epochs=2, lr=0.5, batch_size=64, test=test_set)
            """)
        #expect(
            try interpreter.run("len(h['accuracy']) == 2 and len(h['test_accuracy']) == 2") == .bool(true))
        // A linear classifier on the scaled digits reaches well above chance (10%) in two epochs.
        #expect(try interpreter.run("h['test_accuracy'][-1] > 0.5") == .bool(true))
    }

    /// `train(model, digits())` takes the pair's second half as the test set, and gives the same
    /// history as naming both halves.
    @Test func digitsPairPassedWholeTestsOnItsSecondHalf() throws {
        let whole = Self.interpreter(seed: 1)
        try whole.run(
            """
            model = nn.Sequential(nn.Flatten(), nn.Linear(64, 10))
            h = train(model, digits(), epochs=1, lr=0.5, batch_size=64)
            """)
        let named = Self.interpreter(seed: 1)
        try named.run(
            """
            train_set, test_set = digits()
            model = nn.Sequential(nn.Flatten(), nn.Linear(64, 10))
            h = train(model, train_set, epochs=1, lr=0.5, batch_size=64, test=test_set)
            """)
        #expect(try whole.run("len(h['test_accuracy'])") == .int(1))
        #expect(try whole.run("h['test_accuracy'][0]") == (try named.run("h['test_accuracy'][0]")))
        #expect(try whole.run("h['loss'][-1]") == (try named.run("h['loss'][-1]")))
    }

    @Test func aMillionEpochsStopAtTheTimeLimit() throws {
        // A limit the setup line (reading the digits) stays far inside on a loaded machine too:
        // the test is about the training loop, which a million epochs take far longer than.
        let interpreter = Self.interpreter(timeLimit: 10)
        try interpreter.run("data, test = digits(); model = nn.Sequential(nn.Flatten(), nn.Linear(64, 10))")
        let error = #expect(throws: LanguageError.self) {
            try interpreter.run("train(model, data, epochs=1000000)")
        }
        #expect(error?.kind == .timeLimit)
        #expect(error?.message == "stopped: the time limit of 10 s was reached")
    }

    @Test func networkBuildersAndBlocks() throws {
        let interpreter = Self.interpreter()
        // Solutions/04: the projection shortcut's 1×1 conv (16·32) and its batch norm (2·32).
        #expect(
            try interpreter.run(
                "parameter_count(nn.ResidualBlock(16, 32, stride=2, shortcut='projection')) - parameter_count(nn.ResidualBlock(16, 32, stride=2, shortcut='zeropad'))"
            ) == .int(16 * 32 + 2 * 32))
        #expect(try interpreter.run("resnet(20)(zeros(2, 3, 32, 32)).shape") == .shape([2, 10]))
        let error = #expect(throws: LanguageError.self) {
            try interpreter.run("deep_net(5, activation='sigmod')")
        }
        #expect(error?.suggestion == "sigmoid")
    }

    /// With lr=0 nothing learns, so each step's loss is the mean loss of exactly the rows in its
    /// batch: unshuffled batches are consecutive rows, the last one shorter; shuffled batches
    /// still hold every row once; a batch_size beyond any count is one batch (no overflow).
    @Test func batchesAreSlicesOfTheSeededOrder() throws {
        let interpreter = Self.interpreter(seed: 3)
        try interpreter.run(
            """
            x = torch.arange(10.).reshape(10, 1)
            y = x * x
            model = nn.Linear(1, 1)
            def mse(a, b):
                return ((model(x[a:b]) - y[a:b]) ** 2).mean().item()
            plain = train(model, (x, y), lr=0., batch_size=3, loss='mse', shuffle=False)['step_loss']
            mixed = train(model, (x, y), lr=0., batch_size=3, loss='mse')['step_loss']
            whole = train(model, (x, y), lr=0., batch_size=2 ** 62, loss='mse')['step_loss']
            """)
        #expect(
            try interpreter.run("len(plain), len(mixed), len(whole)") == .tuple([.int(4), .int(4), .int(1)]))
        #expect(try interpreter.run("[mse(0, 3), mse(3, 6), mse(6, 9), mse(9, 10)] == plain") == .bool(true))
        // Each row once: the step means weighted by batch sizes add up to the whole loss.
        let sums =
            "abs(3 * (mixed[0] + mixed[1] + mixed[2]) + mixed[3] - 10 * whole[0]) / (10 * whole[0]) < 1e-6"
        #expect(try interpreter.run(sums) == .bool(true))
        #expect(try interpreter.run("mixed == plain") == .bool(false))
    }
}
