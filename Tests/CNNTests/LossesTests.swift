import Testing

@testable import CNN

/// `crossEntropy` and `mseLoss`.
@Suite struct LossesTests {
    /// Every cross_entropy and mse_loss case of the PyTorch fixture: reductions, label smoothing,
    /// spatial targets, ignore_index, unbatched input.
    @Test(arguments: TorchReference.cases("cross_entropy") + TorchReference.cases("mse_loss"))
    func matchesPyTorch(_ c: TorchReference.Case) throws { try FixtureCalls.verify(c, tolerance: 1e-11) }

    /// Hand-derived: logits [0, 0, 0] and any target give −log(1/3) = log 3; with probabilities
    /// [0.5, 0.5, 0] the same.
    @Test func handDerived() throws {
        let logits = try Tensor([[0.0, 0, 0]])
        let log3 = 1.0986122886681098  // ln 3
        let hard: Double = try crossEntropy(logits, Tensor([2], shape: [1])).item()
        #expect(Swift.abs(hard - log3) < 1e-6)
        let soft: Double = try crossEntropy(logits, Tensor([[0.5, 0.5, 0]])).item()
        #expect(Swift.abs(soft - log3) < 1e-6)
        let mse: Double = try mseLoss(Tensor([1.0, 2], shape: [2]), Tensor([3.0, 2], shape: [2])).item()
        #expect(mse == 2)  // ((1 − 3)² + 0²) / 2
    }

    /// Backward by central differences: smoothing, spatial targets with an ignored one, and
    /// probability targets; mse_loss with gradients to both sides.
    @Test func gradchecks() throws {
        var generator = SeededGenerator(seed: 23)
        let logits = try Tensor.randn([2, 4, 3], dtype: .float64, using: &generator)
        let target = try Tensor([0, 3, -100, 2, 1, 1], shape: [2, 3])
        for reduction in Reduction.allCases {
            let error = try gradcheck(
                { try crossEntropy($0, target, reduction: reduction, labelSmoothing: 0.2) }, input: logits)
            #expect(error < 1e-6, "\(reduction)")
        }
        let probabilities = try softmax(Tensor.randn([2, 4], dtype: .float64, using: &generator), dim: 1)
        let flat = try Tensor.randn([2, 4], dtype: .float64, using: &generator)
        #expect(
            try gradcheck({ try crossEntropy($0, probabilities, labelSmoothing: 0.1) }, input: flat) < 1e-6)
        let a = try Tensor.randn([3, 2], dtype: .float64, using: &generator)
        let b = try Tensor.randn([3, 2], dtype: .float64, using: &generator)
        #expect(try gradcheck({ try mseLoss($0[0], $0[1], reduction: .sum) }, inputs: [a, b]) < 1e-6)
    }

    @Test func misuseIsExplained() throws {
        let logits = try Tensor.zeros([2, 3])
        #expect(
            errorMessage { try crossEntropy(logits, Tensor([0, 3], shape: [2])) }
                == "cross_entropy target 3 is out of range: the input has 3 classes, so targets must be 0…2")
        #expect(
            errorMessage { try crossEntropy(logits, Tensor([0, 1, 1], shape: [3])) }
                == "cross_entropy expects target [2] of class indices (or probabilities [2, 3]) for input [2, 3], got [3]"
        )
        #expect(
            errorMessage { try crossEntropy(logits, Tensor([0.5, 1], shape: [2])) }
                == "cross_entropy target must hold class indices (whole numbers), got 0.5")
        #expect(
            errorMessage { try mseLoss(Tensor.zeros([2, 3]), Tensor.zeros([4])) }
                == "mse_loss expects input and target of the same shape (or broadcastable), got [2, 3] and [4]"
        )
        #expect(
            errorMessage { try Reduction("avg") }
                == "avg is not a valid value for reduction; use 'none', 'mean' or 'sum'")
    }
}
