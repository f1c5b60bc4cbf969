import Testing

@testable import CNN

@Suite struct GradientNormsTests {
    static func batch() throws -> (Tensor, Tensor) {
        try Digits.load(from: DigitsTests.csvURL).train.batch(Array(0..<64))
    }

    /// Lesson 05's claim: through 20 sigmoid layers with PyTorch's default init the first layer's
    /// gradient is far smaller than the last's (each sigmoid multiplies by at most 1/4), while
    /// ReLU with He initialisation keeps them within a couple of orders of magnitude.
    @Test func sigmoidStackVanishesReluHeDoesNot() throws {
        let (x, y) = try Self.batch()
        var generator = SeededGenerator(seed: 0)
        let sigmoid = try gradNorms(
            Networks.deepNet(depth: 20, activation: .sigmoid, using: &generator), x, y)
        #expect(sigmoid.count == 20)
        #expect(sigmoid[0].norm < 1e-4 * sigmoid[19].norm, "\(sigmoid.map(\.norm))")
        let relu = try gradNorms(
            Networks.deepNet(depth: 20, activation: .relu, initialization: .he, using: &generator), x, y)
        #expect(relu[0].norm > 0.01 * relu[19].norm, "\(relu.map(\.norm))")
    }

    /// Lesson 05's other accepted fix: the same sigmoid stack with skip connections keeps the first
    /// layer's gradient above 1/100 of the last's (measured when written: ≈ 0.2–0.4 for seeds 0–3,
    /// against ≈ 1e-16 without skips).
    @Test(arguments: [0, 1, 2, 3] as [UInt64])
    func skipsKeepTheSigmoidStackAlive(seed: UInt64) throws {
        let (x, y) = try Self.batch()
        var generator = SeededGenerator(seed: seed)
        let norms = try gradNorms(
            Networks.deepNet(depth: 20, activation: .sigmoid, skip: true, using: &generator), x, y)
        #expect(norms.count == 20)
        #expect(norms[0].norm >= 0.01 * norms[19].norm, "\(norms.map(\.norm))")
    }

    /// The norm is √(Σ g²) of the weight's gradient, listed for every Conv2d and Linear in order.
    @Test func namesAndNormsMatchTheGradients() throws {
        let (x, y) = try Self.batch()
        var generator = SeededGenerator(seed: 1)
        let model = Sequential(
            try Conv2d(1, 2, kernelSize: 3, using: &generator), ReLU(), Flatten(),
            try Linear(72, 10, using: &generator))
        let norms = try gradNorms(model, x, y)
        #expect(norms.map(\.name) == ["0", "3"])
        let conv = model[0] as! Conv2d
        let expected = conv.weight.grad!.scalarsAsDoubles().reduce(0) { $0 + $1 * $1 }.squareRoot()
        #expect(norms[0].norm == expected)
    }
}
