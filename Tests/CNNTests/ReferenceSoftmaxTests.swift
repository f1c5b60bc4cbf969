import Testing

@testable import CNN

@Suite struct ReferenceSoftmaxTests {
    /// `[outer, size, inner]` for a softmax over `dim` of `shape`.
    static func layout(_ shape: [Int], _ dim: Int) -> (Int, Int, Int) {
        let d = dim < 0 ? dim + shape.count : dim
        return (shape[..<d].reduce(1, *), shape[d], shape[(d + 1)...].reduce(1, *))
    }

    static func forward(_ x: [Double], _ shape: [Int], _ dim: Int, log: Bool) -> [Double] {
        let (o, s, i) = layout(shape, dim)
        return KernelHarness.fill(x.count) { out in
            x.withUnsafeBufferPointer {
                try! ReferenceSoftmax.forward(input: $0, output: out, outer: o, size: s, inner: i, log: log)
            }
        }
    }

    static func backward(_ gy: [Double], _ y: [Double], _ shape: [Int], _ dim: Int, log: Bool) -> [Double] {
        let (o, s, i) = layout(shape, dim)
        return KernelHarness.fill(y.count) { out in
            gy.with(y) { gy, y in
                try! ReferenceSoftmax.backward(
                    gradOutput: gy, output: y, gradInput: out, outer: o, size: s, inner: i, log: log)
            }
        }
    }

    /// Every softmax / log_softmax case of the PyTorch fixture, over dims 0, 1 and -1.
    @Test(arguments: TorchReference.cases("softmax") + TorchReference.cases("log_softmax"))
    func matchesPyTorch(_ c: TorchReference.Case) {
        let x = c.inputs["input"]!
        let dim = c.kwargs["dim"]!.int
        let log = c.op == "log_softmax"
        let y = Self.forward(x.data, x.shape, dim, log: log)
        #expect(KernelHarness.relativeError(y, c.output.data) < 1e-12)
        let gx = Self.backward(c.upstream!.data, y, x.shape, dim, log: log)
        #expect(KernelHarness.relativeError(gx, c.grads!["input"]!.data) < 1e-10)
    }

    /// Logits of 1000 would overflow `exp`; the max-shift keeps softmax exact:
    /// softmax([1000, 1000]) = [0.5, 0.5], log_softmax = [−log 2, −log 2].
    @Test func largeLogitsDoNotOverflow() {
        #expect(Self.forward([1000, 1000], [2], 0, log: false) == [0.5, 0.5])
        #expect(Self.forward([1000, 1000], [2], 0, log: true) == [-Double.log(2), -Double.log(2)])
    }

    /// Backward by central differences for both functions.
    @Test(arguments: [false, true])
    func gradientMatchesFiniteDifferences(log: Bool) {
        let shape = [2, 4, 3]
        let x = KernelHarness.values(24, seed: 31).map { $0 * 3 }
        let upstream = KernelHarness.values(24, seed: 32)
        let numeric = KernelHarness.numericGradient(
            of: { Self.forward($0, shape, 1, log: log) }, at: x, upstream: upstream)
        let analytic = Self.backward(upstream, Self.forward(x, shape, 1, log: log), shape, 1, log: log)
        #expect(KernelHarness.relativeError(analytic, numeric) < 1e-6)
    }
}
