import Testing

@testable import CNN

@Suite struct ReferenceCrossEntropyTests {
    /// Per-position losses of log-probabilities `lp` shaped `[batch, classes, spatial]`.
    static func losses(
        _ lp: [Double], _ targets: [Int], _ n: Int, _ c: Int, _ s: Int, smoothing: Double
    ) -> (losses: [Double], counted: Int) {
        var counted = 0
        let l: [Double] = KernelHarness.fill(targets.count) { out in
            lp.withUnsafeBufferPointer { lp in
                counted = ReferenceCrossEntropy.forward(
                    logProbabilities: lp, targets: targets, losses: out, batch: n, classes: c, spatial: s,
                    smoothing: smoothing, ignoreIndex: -100)
            }
        }
        return (l, counted)
    }

    /// Hand-derived: log-probabilities log([0.2, 0.5, 0.3]) with target 1 give −log 0.5 = log 2;
    /// with label smoothing 0.3 the loss is 0.7·log 2 − 0.1·(log 0.2 + log 0.5 + log 0.3).
    @Test func handDerivedLoss() {
        let lp = [0.2, 0.5, 0.3].map { Double.log($0) }
        #expect(Self.losses(lp, [1], 1, 3, 1, smoothing: 0).losses == [Double.log(2)])
        let smoothed = 0.7 * Double.log(2) - 0.1 * (Double.log(0.2) + Double.log(0.5) + Double.log(0.3))
        #expect(abs(Self.losses(lp, [1], 1, 3, 1, smoothing: 0.3).losses[0] - smoothed) < 1e-15)
        let ignored = Self.losses(lp + lp, [1, -100], 2, 3, 1, smoothing: 0)
        #expect(ignored.losses == [Double.log(2), 0] && ignored.counted == 1)
    }

    /// Backward by central differences with smoothing, spatial positions and an ignored target.
    @Test func gradientMatchesFiniteDifferences() {
        let (n, c, s) = (2, 4, 3)
        let lp = KernelHarness.values(n * c * s, seed: 61)
        let targets = [0, 3, -100, 2, 1, 1]
        let upstream = KernelHarness.values(n * s, seed: 62)
        let numeric = KernelHarness.numericGradient(
            of: { Self.losses($0, targets, n, c, s, smoothing: 0.25).losses }, at: lp, upstream: upstream)
        let analytic: [Double] = KernelHarness.fill(lp.count) { out in
            upstream.withUnsafeBufferPointer { gy in
                ReferenceCrossEntropy.backward(
                    gradLosses: gy, targets: targets, gradLogProbabilities: out, batch: n, classes: c,
                    spatial: s,
                    smoothing: 0.25, ignoreIndex: -100)
            }
        }
        #expect(KernelHarness.relativeError(analytic, numeric) < 1e-6)
    }
}
