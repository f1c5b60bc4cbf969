import Testing

@testable import CNN

@Suite struct DropoutLayerTests {
    /// Training: every element is 0 or 1/(1 − p) = 2; about half are kept (10,000 elements: the
    /// kept fraction's standard error is 0.005, so ±0.05 is ten of them). Evaluation: identity.
    @Test func dropsAndScalesInTrainingOnly() throws {
        var generator = SeededGenerator(seed: 1)
        let dropout = try Dropout(p: 0.5, using: &generator)
        let x = try Tensor.ones([10_000])
        let y = try dropout(x).scalarsAsFloats()
        #expect(y.allSatisfy { $0 == 0 || $0 == 2 })
        let kept = Double(y.filter { $0 != 0 }.count) / 10_000
        #expect(abs(kept - 0.5) < 0.05)
        dropout.eval()
        #expect(try dropout(x).scalarsAsFloats() == x.scalarsAsFloats())
    }

    @Test func sameSeedSameMask() throws {
        var a = SeededGenerator(seed: 2)
        var b = SeededGenerator(seed: 2)
        let x = try Tensor.ones([64])
        #expect(try Dropout(using: &a)(x).scalarsAsFloats() == Dropout(using: &b)(x).scalarsAsFloats())
        #expect(throws: CNNError.self) { try Dropout(p: 1.5, using: &a) }
    }
}
