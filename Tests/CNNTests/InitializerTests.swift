import Testing

@testable import CNN

/// Statistics of 131,072 draws (a [256, 512] weight: fanIn 512, fanOut 256) against the
/// distributions torch.nn.init documents. With n draws the sample mean's standard error is σ/√n
/// (≈ 0.0028σ) and the sample standard deviation's relative error about 1/√(2n) (≈ 0.2 %), so the
/// bounds below (mean within 0.02σ, std within 2 %) fail only for a wrong formula, not by chance.
@Suite struct InitializerTests {
    static let shape = [256, 512]

    static func statistics(_ tensor: Tensor) -> (mean: Double, std: Double, maxAbs: Double) {
        let values = tensor.scalarsAsDoubles()
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
        return (mean, variance.squareRoot(), values.map(abs).max() ?? 0)
    }

    static func expectDistribution(_ tensor: Tensor, std: Double, bound: Double? = nil) {
        let stats = statistics(tensor)
        #expect(abs(stats.mean) < 0.02 * std, "mean \(stats.mean) for std \(std)")
        #expect(abs(stats.std / std - 1) < 0.02, "std \(stats.std), expected \(std)")
        if let bound { #expect(stats.maxAbs <= bound, "max |w| \(stats.maxAbs) beyond bound \(bound)") }
    }

    /// kaiming_uniform_ default (a = 0, leaky_relu → gain √2): bound √2·√(3/512), std bound/√3.
    @Test func kaimingUniform() throws {
        var generator = SeededGenerator(seed: 1)
        let bound = 2.0.squareRoot() * (3.0 / 512).squareRoot()
        let w = try Initializer.kaimingUniform(Self.shape, using: &generator)
        Self.expectDistribution(w, std: bound / 3.0.squareRoot(), bound: bound)
    }

    /// kaiming_normal_(mode='fan_out', nonlinearity='relu'): std √2/√256.
    @Test func kaimingNormalFanOut() throws {
        var generator = SeededGenerator(seed: 2)
        let w = try Initializer.kaimingNormal(
            Self.shape, mode: .fanOut, nonlinearity: .relu, using: &generator)
        Self.expectDistribution(w, std: 2.0.squareRoot() / 16)
    }

    /// xavier_uniform_(gain=1): bound √(6/(512 + 256)); xavier_normal_: std √(2/768).
    @Test func xavier() throws {
        var generator = SeededGenerator(seed: 3)
        let bound = (6.0 / 768).squareRoot()
        Self.expectDistribution(
            try Initializer.xavierUniform(Self.shape, using: &generator), std: bound / 3.0.squareRoot(),
            bound: bound)
        Self.expectDistribution(
            try Initializer.xavierNormal(Self.shape, using: &generator), std: (2.0 / 768).squareRoot())
    }

    /// nn.Conv2d's reset_parameters: kaiming_uniform_(a=√5) = U(±1/√fanIn); for [64, 32, 3, 3]
    /// fanIn = 32·9 = 288. The bias uses the same bound.
    @Test func pytorchDefaultForConvolution() throws {
        var generator = SeededGenerator(seed: 4)
        let bound = 1 / 288.0.squareRoot()
        let w = try Initializer.pytorchDefaultWeight([64, 32, 3, 3], using: &generator)
        Self.expectDistribution(w, std: bound / 3.0.squareRoot(), bound: bound)
        let b = try Initializer.pytorchDefaultBias(64, fanIn: 288, using: &generator)
        #expect(Self.statistics(b).maxAbs <= bound)
    }

    /// calculate_gain's table (torch/nn/init.py).
    @Test(arguments: [
        (Initializer.Nonlinearity.linear, 1.0), (.sigmoid, 1.0), (.tanh, 5.0 / 3), (.relu, 2.0.squareRoot()),
        (.leakyRelu(negativeSlope: 0.01), (2 / 1.0001).squareRoot()), (.selu, 0.75),
    ])
    func gains(nonlinearity: Initializer.Nonlinearity, gain: Double) {
        #expect(abs(nonlinearity.gain - gain) < 1e-15)
    }

    @Test func fansAndTheirErrors() throws {
        #expect(try Initializer.fans([8, 4, 3, 3]) == (36, 72))
        #expect(throws: CNNError.self) { try Initializer.fans([5]) }
    }

    @Test func sameSeedSameWeights() throws {
        var a = SeededGenerator(seed: 7)
        var b = SeededGenerator(seed: 7)
        let first = try Initializer.kaimingNormal([4, 4], using: &a).scalarsAsFloats()
        #expect(first == (try Initializer.kaimingNormal([4, 4], using: &b).scalarsAsFloats()))
    }

    @Test func constant() throws {
        #expect(try Initializer.constant([2, 2], 0.5).scalarsAsFloats() == [0.5, 0.5, 0.5, 0.5])
    }
}
