import Testing

@testable import CNN

@Suite struct NetworksTests {
    /// ResNet-20 (n = 3) with option A, counted by hand (see ResidualBlockTests for the rules):
    /// stem conv 16·3·9 + BN 32 = 464; stage 1: 3 × 4,672 = 14,016; stage 2: 13,952 + 2 × 18,560
    /// = 51,072; stage 3: 55,552 + 2 × 73,984 = 203,520; fc 64·10 + 10 = 650 → 269,722 (the
    /// "0.27M" of He et al. 2016, Table 6). With projection shortcuts it gains 576 + 2,176 →
    /// 272,474, the torchsummary total often quoted for that variant. The plain net has option A's count.
    @Test func resnet20ParameterCounts() throws {
        var generator = SeededGenerator(seed: 1)
        #expect(try Networks.resnet(depth: 20, using: &generator).parameterCount == 269_722)
        #expect(
            try Networks.resnet(depth: 20, downsample: .projection, using: &generator).parameterCount
                == 272_474)
        #expect(
            try Networks.resnet(depth: 20, plain: true, using: &generator).parameterCount == 269_722)
    }

    /// ResNet-56 (n = 9): 464 + 9 × 4,672 + (13,952 + 8 × 18,560) + (55,552 + 8 × 73,984) + 650
    /// = 853,018 (the paper's "0.85M").
    @Test func resnet56ParameterCount() throws {
        var generator = SeededGenerator(seed: 2)
        let model = try Networks.resnet(depth: 56, using: &generator)
        #expect(model.parameterCount == 853_018)
        #expect(
            model.namedParameters.filter {
                $0.name.hasSuffix("conv1.weight") || $0.name.hasSuffix("conv2.weight")
            }.count == 55)
    }

    @Test func resnetOutputShapeAndDepthCheck() throws {
        var generator = SeededGenerator(seed: 3)
        let model = try Networks.resnet(
            depth: 8, inChannels: 1, numClasses: 10, widths: [4, 8, 16], using: &generator)
        #expect(try model(Tensor.zeros([2, 1, 8, 8])).shape == [2, 10])
        #expect(throws: CNNError.self) { try Networks.resnet(depth: 21, using: &generator) }
    }

    /// deep_net(depth: 20): 20 Linear layers, 64 → 32, 18 × (32 → 32), 32 → 10.
    @Test(arguments: [false, true])
    func deepNetHasDepthLinearLayers(skip: Bool) throws {
        var generator = SeededGenerator(seed: 4)
        let model = try Networks.deepNet(depth: 20, skip: skip, using: &generator)
        #expect(model.namedLayers.filter { $0.layer is Linear }.count == 20)
        #expect(model.parameterCount == (64 * 32 + 32) + 18 * (32 * 32 + 32) + (32 * 10 + 10))
        #expect(try model(Tensor.zeros([3, 1, 8, 8])).shape == [3, 10])
    }

    /// He initialisation sets biases to 0 and weights with std √2/√fanIn (loosely checked on the
    /// 18 hidden 32×32 layers together: 18,432 draws, so 5 % is many standard errors).
    @Test func deepNetHeInitialization() throws {
        var generator = SeededGenerator(seed: 5)
        let model = try Networks.deepNet(
            depth: 20, activation: .relu, initialization: .he, using: &generator)
        let hidden = model.namedLayers.compactMap { $0.layer as? Linear }.filter {
            $0.inFeatures == 32 && $0.outFeatures == 32
        }
        let weights = hidden.flatMap { $0.weight.value.scalarsAsDoubles() }
        let std = (weights.reduce(0) { $0 + $1 * $1 } / Double(weights.count)).squareRoot()
        #expect(abs(std / (2.0 / 32).squareRoot() - 1) < 0.05)
        #expect(hidden.allSatisfy { $0.bias?.value.scalarsAsFloats().allSatisfy { $0 == 0 } == true })
    }
}
