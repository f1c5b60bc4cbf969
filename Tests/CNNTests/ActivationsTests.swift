import Testing

@testable import CNN

/// `relu`, `leakyRelu`, `sigmoid`, `tanh`, `softmax`, `logSoftmax` through the Tensor API.
@Suite struct ActivationsTests {
    @Test(
        arguments: ["relu", "leaky_relu", "sigmoid", "tanh", "softmax", "log_softmax"].flatMap(
            TorchReference.cases))
    func matchesPyTorch(_ c: TorchReference.Case) throws { try FixtureCalls.verify(c, tolerance: 1e-11) }

    /// Every activation's backward by central differences (inputs away from relu's kink).
    @Test func gradcheckEveryActivation() throws {
        var generator = SeededGenerator(seed: 9)
        let x = try (Tensor.randn([3, 5], dtype: .float64, using: &generator) * 2)
        let functions: [(String, (Tensor) throws -> Tensor)] = [
            ("relu", relu), ("leaky_relu", { try leakyRelu($0, negativeSlope: 0.1) }), ("sigmoid", sigmoid),
            ("tanh", tanh), ("softmax", { try softmax($0, dim: 1) }),
            ("log_softmax", { try logSoftmax($0, dim: 0) }),
        ]
        for (name, f) in functions {
            #expect(try gradcheck(f, input: x) < 1e-6, "\(name)")
        }
    }

    /// Hand-derived: relu keeps integer tensors integers (PyTorch: relu(tensor([-1, 2])) =
    /// tensor([0, 2])); softmax of equal logits is uniform.
    @Test func handDerived() throws {
        let y = try relu(Tensor([-1, 2], shape: [2]))
        #expect(y.kind == .integer && y.scalarsAsDoubles() == [0, 2])
        #expect(
            try softmax(Tensor([[3.0, 3, 3, 3]]), dim: -1).scalarsAsDoubles() == [0.25, 0.25, 0.25, 0.25])
        #expect(
            errorMessage { try softmax(Tensor.zeros([2, 3]), dim: 2) }
                == "softmax dim 2 is out of range for a 2-d tensor [2, 3] (expected to be in range of [-2, 1])"
        )
    }
}
