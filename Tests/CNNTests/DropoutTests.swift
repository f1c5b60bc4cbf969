import Testing

@testable import CNN

@Suite struct DropoutTests {
    /// Kept elements are scaled by 1/(1 − p) = 2 and the rest are 0; the same seed drops the same
    /// elements; about half of 10 000 are kept (binomial sd = 50, so ±300 is a 6-sigma bound).
    @Test func scalesKeptElementsAndIsRepeatable() throws {
        let x = try Tensor.ones([100, 100])
        var a = SeededGenerator(seed: 42)
        var b = SeededGenerator(seed: 42)
        let y = try dropout(x, p: 0.5, using: &a)
        let z = try dropout(x, p: 0.5, using: &b)
        #expect(y.scalarsAsDoubles() == z.scalarsAsDoubles())
        let values = y.scalarsAsDoubles()
        #expect(values.allSatisfy { $0 == 0 || $0 == 2 })
        let kept = values.filter { $0 == 2 }.count
        #expect(abs(kept - 5000) < 300)
    }

    /// Evaluation and p = 0 are the identity; p = 1 drops everything.
    @Test func edgeProbabilities() throws {
        var generator = SeededGenerator(seed: 1)
        let x = try Tensor([[1.0, -2], [3, 4]])
        #expect(
            try dropout(x, p: 0.5, training: false, using: &generator).scalarsAsDoubles() == [1, -2, 3, 4])
        #expect(try dropout(x, p: 0, using: &generator).scalarsAsDoubles() == [1, -2, 3, 4])
        #expect(try dropout(x, p: 1, using: &generator).scalarsAsDoubles() == [0, 0, 0, 0])
        #expect(
            errorMessage { try dropout(x, p: 1.5, using: &generator) }
                == "dropout probability has to be between 0 and 1, but got 1.5")
    }

    /// The gradient is the same mask: by central differences with a fixed seed per evaluation.
    @Test func gradcheckWithFixedMask() throws {
        var source = SeededGenerator(seed: 2)
        let x = try Tensor.randn([4, 5], dtype: .float64, using: &source)
        let error = try gradcheck(
            { input in
                var generator = SeededGenerator(seed: 99)
                return try dropout(input, p: 0.3, using: &generator)
            }, input: x)
        #expect(error < 1e-6)
    }
}
