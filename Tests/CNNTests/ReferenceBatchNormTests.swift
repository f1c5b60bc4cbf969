import Testing

@testable import CNN

@Suite struct ReferenceBatchNormTests {
    struct Result {
        var output: [Double]
        var gradInput: [Double]
        var gradWeight: [Double]
        var gradBias: [Double]
    }

    /// Runs forward and backward the way `batch_norm` does: batch statistics in training, the
    /// given running statistics otherwise.
    static func run(
        _ x: [Double], shape: [Int], weight: [Double], bias: [Double], upstream: [Double],
        training: Bool, runningMean: [Double], runningVar: [Double], eps: Double = 1e-5
    ) -> Result {
        let (n, c) = (shape[0], shape[1])
        let spatial = shape.dropFirst(2).reduce(1, *)
        let (mean, variance) =
            training
            ? x.withUnsafeBufferPointer {
                ReferenceBatchNorm.statistics(input: $0, batch: n, channels: c, spatial: spatial)
            }
            : (runningMean, runningVar)
        let invStd = variance.map { 1 / ($0 + eps).squareRoot() }
        let y: [Double] = KernelHarness.fill(x.count) { out in
            x.with(weight) { x, w in
                bias.withUnsafeBufferPointer { b in
                    ReferenceBatchNorm.forward(
                        input: x, output: out, mean: mean, invStd: invStd, weight: w, bias: b,
                        batch: n, channels: c, spatial: spatial)
                }
            }
        }
        var gw: [Double] = []
        var gb: [Double] = []
        let gx: [Double] = KernelHarness.fill(x.count) { out in
            upstream.with(x) { gy, x in
                weight.withUnsafeBufferPointer { w in
                    ReferenceBatchNorm.backward(
                        gradOutput: gy, input: x, mean: mean, invStd: invStd, weight: w,
                        batchStatistics: training,
                        gradInput: out, gradWeight: &gw, gradBias: &gb, batch: n, channels: c,
                        spatial: spatial)
                }
            }
        }
        return Result(output: y, gradInput: gx, gradWeight: gw, gradBias: gb)
    }

    /// Every batch_norm case of the PyTorch fixture (training and evaluation, 2-D and 4-D).
    @Test(arguments: TorchReference.cases("batch_norm"))
    func matchesPyTorch(_ c: TorchReference.Case) {
        let x = c.inputs["input"]!
        let r = Self.run(
            x.data, shape: x.shape, weight: c.inputs["weight"]!.data, bias: c.inputs["bias"]!.data,
            upstream: c.upstream!.data, training: c.kwargs["training"]!.bool,
            runningMean: c.inputs["running_mean"]!.data, runningVar: c.inputs["running_var"]!.data)
        #expect(KernelHarness.relativeError(r.output, c.output.data) < 1e-10)
        #expect(KernelHarness.relativeError(r.gradInput, c.grads!["input"]!.data) < 1e-9)
        #expect(KernelHarness.relativeError(r.gradWeight, c.grads!["weight"]!.data) < 1e-10)
        #expect(KernelHarness.relativeError(r.gradBias, c.grads!["bias"]!.data) < 1e-10)
    }

    /// Backward by central differences, for input, weight and bias, in both modes.
    @Test(arguments: [true, false])
    func gradientsMatchFiniteDifferences(training: Bool) {
        let shape = [3, 2, 2, 2]
        let x = KernelHarness.values(24, seed: 51).map { $0 * 2 + 0.5 }
        let w = KernelHarness.values(2, seed: 52)
        let b = KernelHarness.values(2, seed: 53)
        let upstream = KernelHarness.values(24, seed: 54)
        let (rm, rv) = ([0.1, -0.2], [0.8, 1.3])
        func output(_ x: [Double], _ w: [Double], _ b: [Double]) -> [Double] {
            Self.run(
                x, shape: shape, weight: w, bias: b, upstream: upstream, training: training,
                runningMean: rm, runningVar: rv
            ).output
        }
        let r = Self.run(
            x, shape: shape, weight: w, bias: b, upstream: upstream, training: training,
            runningMean: rm, runningVar: rv)
        let nx = KernelHarness.numericGradient(of: { output($0, w, b) }, at: x, upstream: upstream)
        let nw = KernelHarness.numericGradient(of: { output(x, $0, b) }, at: w, upstream: upstream)
        let nb = KernelHarness.numericGradient(of: { output(x, w, $0) }, at: b, upstream: upstream)
        #expect(KernelHarness.relativeError(r.gradInput, nx) < 1e-6)
        #expect(KernelHarness.relativeError(r.gradWeight, nw) < 1e-6)
        #expect(KernelHarness.relativeError(r.gradBias, nb) < 1e-6)
    }
}
