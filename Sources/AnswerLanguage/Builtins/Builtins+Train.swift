import CNN

/// `train(model, data, …)`: gradient descent on the engine, stopping promptly on a cancel or
/// the time limit.
extension Builtins {
    static let training: [Builtin] = [
        Builtin(
            "train(model, data, epochs=1, lr=0.01, batch_size=32, optimizer='sgd', momentum=0.0, weight_decay=0.0, loss='cross_entropy', test=None, shuffle=True)",
            "train a model on (inputs, targets), a list of such batches, or digits()'s (train, test) pair; returns the loss history"
        ) { call in try train(call) }
    ]

    /// One batch of inputs and targets.
    struct Batch {
        var inputs: Tensor
        var targets: Tensor
    }

    static func train(_ call: Call) throws -> Value {
        let model = try call.module("model")
        let epochs = try call.int("epochs")
        guard epochs >= 1 else {
            throw LanguageError(
                .argument, .said(.trainEpochs, ["epochs": .integer(epochs)]), at: call.range(of: "epochs"))
        }
        let batchSize = try call.int("batch_size")
        guard batchSize >= 1 else {
            throw LanguageError(
                .argument, .said(.trainBatchSize, ["size": .integer(batchSize)]),
                at: call.range(of: "batch_size"))
        }
        let lossName = try call.string("loss")
        guard ["cross_entropy", "mse"].contains(lossName) else {
            throw call.choice("loss", lossName, ["cross_entropy", "mse"])
        }
        let classifying = lossName == "cross_entropy"
        let optimizer = try makeOptimizer(call, parameters: model.parameters())
        let shuffle = try call.bool("shuffle")
        // `digits()` gives `((train_x, train_y), (test_x, test_y))`; passed whole, the second half
        // is the test set, as a learner who writes `train(model, digits())` expects.
        let (trainingPart, impliedTest) = splitTrainAndTest(try call.value("data"))
        let data = try trainingData(call, "data", value: trainingPart)
        let test =
            call.isNone("test")
            ? try impliedTest.map { try trainingData(call, "data", value: $0) }
            : try trainingData(call, "test")

        var stepLosses: [Value] = []
        var epochLosses: [Value] = []
        var epochAccuracies: [Value] = []
        var testAccuracies: [Value] = []
        let report = call.evaluator.options.onTrainingProgress
        for epoch in 1...epochs {
            model.train()
            var lossSum = 0.0
            var correct = 0
            var seen = 0
            let epochBatches = try EpochBatches(data, batchSize: batchSize, shuffle: shuffle, call: call)
            for index in 0..<epochBatches.count {
                try ComputeBudget.checkpoint()
                let batch = try epochBatches.batch(index)
                optimizer.zeroGrad()
                let output = try model(batch.inputs)
                let loss =
                    classifying ? try crossEntropy(output, batch.targets) : try mseLoss(output, batch.targets)
                try loss.backward()
                try optimizer.step()
                let value = try loss.item()
                let count = batch.inputs.shape.first ?? 1
                stepLosses.append(.float(value))
                lossSum += value * Double(count)
                seen += count
                if classifying { correct += try correctCount(output, batch.targets) }
                report?(
                    TrainingProgress(
                        epoch: epoch, epochs: epochs, step: index + 1, stepsPerEpoch: epochBatches.count,
                        loss: lossSum / Double(max(seen, 1)),
                        accuracy: classifying ? Double(correct) / Double(max(seen, 1)) : nil))
            }
            epochLosses.append(.float(lossSum / Double(max(seen, 1))))
            if classifying { epochAccuracies.append(.float(Double(correct) / Double(max(seen, 1)))) }
            let testAccuracy = try test.map { try accuracy(model, $0) }
            if let testAccuracy { testAccuracies.append(.float(testAccuracy)) }
            report?(
                TrainingProgress(
                    epoch: epoch, epochs: epochs, step: epochBatches.count, stepsPerEpoch: epochBatches.count,
                    loss: lossSum / Double(max(seen, 1)),
                    accuracy: classifying ? Double(correct) / Double(max(seen, 1)) : nil,
                    testAccuracy: testAccuracy, endsEpoch: true))
        }
        var history: [Value.DictEntry] = [
            Value.DictEntry("loss", .list(epochLosses)), Value.DictEntry("step_loss", .list(stepLosses)),
        ]
        if classifying { history.append(Value.DictEntry("accuracy", .list(epochAccuracies))) }
        if test != nil { history.append(Value.DictEntry("test_accuracy", .list(testAccuracies))) }
        return .dict(history)
    }

    static func makeOptimizer(_ call: Call, parameters: [Parameter]) throws -> any Optimizer {
        let name = try call.string("optimizer")
        let lr = try call.double("lr")
        let weightDecay = try call.double("weight_decay")
        switch name {
        case "sgd":
            return try SGD(
                parameters, lr: lr, momentum: try call.double("momentum"), weightDecay: weightDecay)
        case "adam": return try Adam(parameters, lr: lr, weightDecay: weightDecay)
        default: throw call.choice("optimizer", name, ["sgd", "adam"])
        }
    }

    /// Training data as the learner gives it: `(inputs, targets)` to be batched, or a list of
    /// `(inputs, targets)` batches used as they are.
    enum TrainingData {
        case whole(Batch)
        case batches([Batch])
    }

    /// Splits `((train_x, train_y), (test_x, test_y))` into its halves; anything else is all
    /// training data.
    static func splitTrainAndTest(_ value: Value) -> (Value, Value?) {
        guard case .tuple(let halves) = value, halves.count == 2,
            case .tuple(let first) = halves[0], first.count == 2, first.allSatisfy({ $0.tensor != nil }),
            case .tuple(let second) = halves[1], second.count == 2, second.allSatisfy({ $0.tensor != nil })
        else { return (value, nil) }
        return (halves[0], halves[1])
    }

    static func trainingData(_ call: Call, _ name: String, value: Value? = nil) throws -> TrainingData {
        func batch(_ value: Value) -> Batch? {
            guard case .tuple(let items) = value, items.count == 2, let inputs = items[0].tensor,
                let targets = items[1].tensor
            else {
                if case .list(let items) = value, items.count == 2, let inputs = items[0].tensor,
                    let targets = items[1].tensor
                {
                    return Batch(inputs: inputs, targets: targets)
                }
                return nil
            }
            return Batch(inputs: inputs, targets: targets)
        }
        let value = try value ?? call.value(name)
        if let whole = batch(value) {
            guard whole.inputs.shape.first == whole.targets.shape.first else {
                throw LanguageError.said(
                    .shape, .trainInputsTargets,
                    [
                        "name": name, "inputs": whole.inputs.shape.first ?? 0,
                        "targets": whole.targets.shape.first ?? 0,
                    ], at: call.range(of: name))
            }
            return .whole(whole)
        }
        if case .list(let items) = value, !items.isEmpty {
            var batches: [Batch] = []
            for item in items {
                guard let one = batch(item) else { break }
                batches.append(one)
            }
            if batches.count == items.count { return .batches(batches) }
        }
        throw call.mismatch(name, .batches)
    }

    /// This epoch's batches: a whole data set in a fresh seeded order (when shuffling) cut into
    /// `batchSize` pieces, or the learner's own batches.
    ///
    /// The shuffled data set is gathered once per epoch (PyTorch's `x[order]`) and each batch is a
    /// slice of it, made when the loop reaches it: cutting ten million rows into batches up front,
    /// row by row, took minutes before the first step's time-limit checkpoint was reached.
    struct EpochBatches {
        private enum Source {
            case given([Batch])
            case cut(Batch, size: Int)
        }
        private let source: Source
        let count: Int

        init(_ data: TrainingData, batchSize: Int, shuffle: Bool, call: Call) throws {
            switch data {
            case .batches(let batches):
                source = .given(batches)
                count = batches.count
            case .whole(let whole):
                let rows = whole.inputs.shape.first ?? 0
                var order = Array(0..<rows)
                if shuffle { order.shuffle(using: &call.evaluator.generator) }
                let picked = [AdvancedIndex.tensor(try Tensor(order, shape: [rows]))]
                let shuffled =
                    shuffle
                    ? Batch(
                        inputs: try whole.inputs.indexed(advanced: picked),
                        targets: try whole.targets.indexed(advanced: picked))
                    : whole
                source = .cut(shuffled, size: batchSize)
                count = rows / batchSize + (rows % batchSize == 0 ? 0 : 1)
            }
        }

        /// Batch `index` of this epoch, `0..<count`.
        func batch(_ index: Int) throws -> Batch {
            switch source {
            case .given(let batches): return batches[index]
            case .cut(let whole, let size):
                // start ≤ rows, so neither bound overflows however large the learner's batch_size.
                let start = index * size
                let rows = whole.inputs.shape.first ?? 0
                let piece = [TensorIndex.slice(start, start + Swift.min(size, rows - start), step: nil)]
                return Batch(
                    inputs: try whole.inputs.indexed(piece), targets: try whole.targets.indexed(piece))
            }
        }
    }

    /// How many rows of logits pick the target class.
    static func correctCount(_ logits: Tensor, _ targets: Tensor) throws -> Int {
        guard logits.rank == 2, targets.rank == 1 else { return 0 }
        let predicted = try logits.argmax(dim: 1).scalarsAsDoubles()
        return zip(predicted, targets.scalarsAsDoubles()).filter { $0 == $1 }.count
    }

    /// Fraction of `data` classified correctly, in evaluation mode, without recording gradients.
    static func accuracy(_ model: any Layer, _ data: TrainingData) throws -> Double {
        let modes = model.namedLayers.map { ($0.layer, $0.layer.isTraining) }
        defer { for (layer, training) in modes { layer.mode.set(training: training) } }
        model.eval()
        var correct = 0
        var seen = 0
        let all: [Batch] =
            switch data {
            case .whole(let whole): [whole]
            case .batches(let batches): batches
            }
        for batch in all {
            try ComputeBudget.checkpoint()
            let logits = try withNoGrad { try model(batch.inputs) }
            correct += try correctCount(logits, batch.targets)
            seen += batch.inputs.shape.first ?? 0
        }
        return Double(correct) / Double(max(seen, 1))
    }
}
