import Testing

@testable import CNN

@Suite struct BatchNormTests {
    /// Every batch_norm case of the PyTorch fixture: output, gradients of input, weight and bias,
    /// and the running statistics afterwards (updated with the unbiased variance in training,
    /// unchanged in evaluation).
    @Test(arguments: TorchReference.cases("batch_norm"))
    func matchesPyTorch(_ c: TorchReference.Case) throws {
        let x = try c.input("input")
        let w = try c.input("weight")
        let b = try c.input("bias")
        var runningMean = try c.input("running_mean", requiresGrad: false)
        var runningVar = try c.input("running_var", requiresGrad: false)
        let y = try batchNorm(
            x, runningMean: &runningMean, runningVar: &runningVar, weight: w, bias: b,
            training: c.kwargs["training"]!.bool, momentum: c.kwargs["momentum"]!.double,
            eps: c.kwargs["eps"]!.double)
        #expect(c.output.matches(y, tolerance: 1e-10))
        #expect(c.after!["running_mean"]!.matches(runningMean, tolerance: 1e-12))
        #expect(c.after!["running_var"]!.matches(runningVar, tolerance: 1e-12))
        try c.backward(from: y)
        #expect(c.grads!["input"]!.matches(x.grad, tolerance: 1e-9))
        #expect(c.grads!["weight"]!.matches(w.grad, tolerance: 1e-10))
        #expect(c.grads!["bias"]!.matches(b.grad, tolerance: 1e-10))
    }

    /// Backward by central differences in both modes, and without running statistics.
    @Test(arguments: [true, false])
    func gradcheckBothModes(training: Bool) throws {
        var generator = SeededGenerator(seed: 17)
        let x = try Tensor.randn([3, 2, 2, 3], dtype: .float64, using: &generator)
        let w = try Tensor.randn([2], dtype: .float64, using: &generator)
        let b = try Tensor.randn([2], dtype: .float64, using: &generator)
        let error = try gradcheck(
            { inputs in
                var mean = try Tensor([0.1, -0.3], shape: [2], dtype: .float64)
                var variance = try Tensor([0.7, 1.4], shape: [2], dtype: .float64)
                return try batchNorm(
                    inputs[0], runningMean: &mean, runningVar: &variance, weight: inputs[1], bias: inputs[2],
                    training: training)
            }, inputs: [x, w, b])
        #expect(error < 1e-6)
        #expect(try gradcheck({ try batchNorm($0[0], weight: $0[1]) }, inputs: [x, w]) < 1e-6)
    }

    @Test func misuseIsExplained() throws {
        var mean = try Tensor.zeros([4])
        var variance = try Tensor.ones([4])
        #expect(
            errorMessage { try batchNorm(Tensor.zeros([2, 3]), runningMean: &mean, runningVar: &variance) }
                == "batch_norm expects running_mean [channels] = [3] for input [2, 3], got [4]")
        #expect(
            errorMessage { try batchNorm(Tensor.zeros([1, 3])) }
                == "batch_norm needs more than 1 value per channel when training, got input [1, 3]")
        #expect(
            errorMessage { try batchNorm(Tensor.zeros([3])) }
                == "batch_norm expects input [batch, channels] or [batch, channels, *], got [3]")
    }
}
