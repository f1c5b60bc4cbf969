import Wording

/// The training loop for classifiers: mini-batches, cross-entropy loss, an optimiser step per batch,
/// an optional learning-rate schedule per epoch and a test evaluation after each epoch, with every
/// step and epoch reported to a callback (the REPL draws its progress bar from it).
///
/// Cancelling: the loop calls `ComputeBudget.checkpoint()` before every step and every evaluation
/// batch (and the kernels call it inside long ops), so `cancel()` on the budget bound to the
/// training thread — from any other thread — or its time limit stops training within about one
/// step, by throwing `CNNError.cancelled` / `CNNError.timeLimit`. The weights keep the updates
/// made so far.
public enum Trainer {
    /// Trains `model` on `trainingSet` for `epochs` epochs.
    /// - Parameters:
    ///   - model: a classifier mapping `[batch, …sampleShape]` to logits `[batch, classes]`.
    ///   - optimizer: updates `model`'s parameters (made from `model.parameters()`).
    ///   - trainingSet: the samples trained on, reshuffled each epoch when `shuffle`.
    ///   - testSet: evaluated after each epoch, or nil.
    ///   - epochs: number of passes over the training set (≥ 1).
    ///   - batchSize: samples per step.
    ///   - shuffle: visit the samples in a new seeded order each epoch.
    ///   - scheduler: stepped once after each epoch.
    ///   - generator: the source of each epoch's order (and nothing else), so the same seed and the
    ///     same starting weights give the same run.
    ///   - onEvent: called after every step and every epoch, on the training thread.
    /// - Returns: everything reported, in order.
    /// - Throws: `CNNError.cancelled` / `.timeLimit` when the budget stops the run; any `CNNError`
    ///   from the model (e.g. samples that do not fit it).
    public static func fit(
        _ model: any Layer, optimizer: any Optimizer, trainingSet: Dataset, testSet: Dataset? = nil,
        epochs: Int,
        batchSize: Int = 32, shuffle: Bool = true, scheduler: StepLR? = nil,
        using generator: inout some RandomNumberGenerator,
        onEvent: (TrainingEvent) -> Void = { _ in }
    ) throws -> TrainingHistory {
        guard epochs >= 1 else { throw CNNError.argument(.epochsMustBeAtLeast, ["epochs": "\(epochs)"]) }
        let loader = try DataLoader(trainingSet, batchSize: batchSize, shuffle: shuffle)
        var history = TrainingHistory()
        for epoch in 1...epochs {
            model.train()
            let learningRate = optimizer.learningRate
            let batches = loader.epochIndices(using: &generator)
            var lossSum = 0.0
            var correct = 0
            var seen = 0
            for (index, indices) in batches.enumerated() {
                try ComputeBudget.checkpoint()
                let (images, labels) = try trainingSet.batch(indices)
                optimizer.zeroGrad()
                let logits = try model(images)
                let loss = try crossEntropy(logits, labels)
                try loss.backward()
                try optimizer.step()
                let lossValue = try loss.item()
                let batchCorrect = try correctCount(logits, indices.map { trainingSet.labels[$0] })
                lossSum += lossValue * Double(indices.count)
                correct += batchCorrect
                seen += indices.count
                let report = StepReport(
                    epoch: epoch, step: index + 1, stepsPerEpoch: batches.count, loss: lossValue,
                    accuracy: Double(batchCorrect) / Double(indices.count), learningRate: learningRate)
                history.steps.append(report)
                onEvent(.step(report))
            }
            scheduler?.step()
            let test = try testSet.map { try evaluate(model, on: $0, batchSize: max(batchSize, 256)) }
            let report = EpochReport(
                epoch: epoch, epochs: epochs, trainLoss: lossSum / Double(seen),
                trainAccuracy: Double(correct) / Double(seen), testLoss: test?.loss,
                testAccuracy: test?.accuracy,
                learningRate: learningRate)
            history.epochs.append(report)
            onEvent(.epoch(report))
        }
        return history
    }

    /// Mean cross-entropy loss and accuracy of `model` on `dataset`, in evaluation mode and without
    /// recording gradients; the model's modes are restored afterwards.
    /// - Throws: `CNNError.cancelled` / `.timeLimit` from the budget; errors of the model.
    public static func evaluate(_ model: any Layer, on dataset: Dataset, batchSize: Int = 256) throws
        -> Evaluation
    {
        let modes = model.namedLayers.map { ($0.layer, $0.layer.isTraining) }
        defer { for (layer, training) in modes { layer.mode.set(training: training) } }
        model.eval()
        let loader = try DataLoader(dataset, batchSize: batchSize)
        var generator = SeededGenerator(seed: 0)  // unused: the loader does not shuffle
        var lossSum = 0.0
        var correct = 0
        try withNoGrad {
            for indices in loader.epochIndices(using: &generator) {
                try ComputeBudget.checkpoint()
                let (images, labels) = try dataset.batch(indices)
                let logits = try model(images)
                lossSum += try crossEntropy(logits, labels).item() * Double(indices.count)
                correct += try correctCount(logits, indices.map { dataset.labels[$0] })
            }
        }
        return Evaluation(
            loss: lossSum / Double(dataset.count), accuracy: Double(correct) / Double(dataset.count),
            count: dataset.count)
    }

    /// How many rows of `logits` `[batch, classes]` have their largest value (the first, on ties,
    /// as `argmax` picks) at the label's index.
    /// - Throws: `CNNError.shape` when `logits` is not `[labels.count, classes]`.
    public static func correctCount(_ logits: Tensor, _ labels: [Int]) throws -> Int {
        guard logits.rank == 2, logits.shape[0] == labels.count else {
            throw CNNError.shape(
                .aClassifierMustOutputLogits,
                ["labelsCount": "\(labels.count)", "logitsShape": "\(logits.shape)"])
        }
        let classes = logits.shape[1]
        let values = try logits.detach().to(.float64).elements(as: Double.self)
        var correct = 0
        for (row, label) in labels.enumerated() {
            var best = 0
            for column in 1..<classes where values[row * classes + column] > values[row * classes + best] {
                best = column
            }
            if best == label { correct += 1 }
        }
        return correct
    }
}
