import CNN

/// One SGD step of a ResNet-20-style network on a batch of 32 images: the network of He et al.
/// (2016) for CIFAR — a 3×3 stem to 16 channels, three stages of three basic blocks (widths 16,
/// 32, 64; the first block of stages 2 and 3 halves the size with stride 2), option-A shortcuts
/// (subsample and zero-pad channels), BatchNorm after every conv, global average pooling and a
/// linear layer to 10 classes — trained with cross-entropy and SGD (lr 0.1, momentum 0.9).
///
/// Written with the engine's functional ops so it times exactly what a step costs: forward,
/// backward through autograd, optimiser update. `bench/pytorch_train_step.py` is the same step in
/// PyTorch, for the comparison.
final class TrainStepBenchmark {
    static let widths = [16, 32, 64]
    let batch = 32
    let imageSize: Int

    private let convWeights: [Parameter]
    private let normWeights: [Parameter]
    private let normBiases: [Parameter]
    private var runningMeans: [Tensor]
    private var runningVars: [Tensor]
    private let fcWeight: Parameter
    private let fcBias: Parameter
    private let images: Tensor
    private let labels: Tensor
    private let optimizer: SGD

    init(imageSize: Int) throws {
        self.imageSize = imageSize
        var generator = SeededGenerator(seed: 20)
        var shapes = [(3, 16)]
        var channels = 16
        for width in Self.widths {
            for _ in 0..<3 {
                shapes += [(channels, width), (width, width)]
                channels = width
            }
        }
        convWeights = try shapes.map { inChannels, outChannels in
            try Parameter(
                Initializer.kaimingNormal(
                    [outChannels, inChannels, 3, 3], mode: .fanOut, nonlinearity: .relu, using: &generator))
        }
        normWeights = try shapes.map { try Parameter(Tensor.ones([$0.1])) }
        normBiases = try shapes.map { try Parameter(Tensor.zeros([$0.1])) }
        runningMeans = try shapes.map { try Tensor.zeros([$0.1]) }
        runningVars = try shapes.map { try Tensor.ones([$0.1]) }
        fcWeight = try Parameter(Initializer.kaimingNormal([10, 64], using: &generator))
        fcBias = try Parameter(Tensor.zeros([10]))
        images = try Tensor.randn([batch, 3, imageSize, imageSize], using: &generator)
        labels = try Tensor.randint(0, 10, [batch], using: &generator)
        optimizer = try SGD(
            convWeights + normWeights + normBiases + [fcWeight, fcBias], lr: 0.1, momentum: 0.9)
    }

    /// conv 3×3 (no bias) → BatchNorm in training mode, for layer `index`.
    private func convNorm(_ x: Tensor, _ index: Int, stride: Int) throws -> Tensor {
        let y = try conv2d(x, convWeights[index].value, stride: Size2D(stride), padding: 1)
        return try batchNorm(
            y, runningMean: &runningMeans[index], runningVar: &runningVars[index],
            weight: normWeights[index].value, bias: normBiases[index].value, training: true)
    }

    /// Forward, backward and update; returns the loss.
    @discardableResult
    func step() throws -> Tensor {
        var x = try relu(convNorm(images, 0, stride: 1))
        var layer = 1
        var channels = 16
        for (stage, width) in Self.widths.enumerated() {
            for block in 0..<3 {
                let stride = stage > 0 && block == 0 ? 2 : 1
                let body = try convNorm(relu(convNorm(x, layer, stride: stride)), layer + 1, stride: 1)
                let shortcut = channels == width ? x : try ZeroPadShortcut(channels, width, stride: stride)(x)
                x = try relu(body + shortcut)
                layer += 2
                channels = width
            }
        }
        let pooled = try adaptiveAvgPool2d(x, outputSize: 1).flatten(startDim: 1)
        let loss = try crossEntropy(linear(pooled, fcWeight.value, bias: fcBias.value), labels)
        try loss.backward()
        try optimizer.step()
        optimizer.zeroGrad()
        return loss
    }

    /// The JSON row: `{"train_step": "resnet20", "shape": [N, 3, S, S], "threads": T,
    /// "step": {"median_s", "images_per_s"}}`.
    func measure(threads: Int, targetSeconds: Double, cpuTime: Bool) throws -> String {
        let timing = try Timing(targetSeconds: targetSeconds, cpuTime: cpuTime) { try step() }
        return "{\"train_step\": \"resnet20\", \"shape\": [\(batch), 3, \(imageSize), \(imageSize)], "
            + "\"threads\": \(threads), \"step\": {\"median_s\": \(timing.medianSeconds), "
            + "\"images_per_s\": \(Double(batch) / timing.medianSeconds)}}"
    }
}
