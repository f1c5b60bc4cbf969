import Testing

@testable import CNN

@Suite struct FastBatchNormTests {
    /// One seeded call: values centred away from 0 (mean ≈ 3), so that a variance computed
    /// carelessly would lose digits to cancellation.
    struct Case: CustomTestStringConvertible, Sendable {
        let shape: [Int]
        let training: Bool
        var testDescription: String { "\(shape) training: \(training)" }

        var layout: FastBatchNorm.Layout {
            FastBatchNorm.Layout(
                batch: shape[0], channels: shape[1], spatial: shape.dropFirst(2).reduce(1, *))
        }
        var count: Int { shape.reduce(1, *) }
        var x: [Float] { KernelHarness.values(count, seed: 1).map { Float(3 + 2 * $0) } }
        var upstream: [Float] { KernelHarness.values(count, seed: 2).map { Float($0) } }
        var weight: [Float] { KernelHarness.values(shape[1], seed: 3).map { Float(1 + $0 / 2) } }
        var bias: [Float] { KernelHarness.values(shape[1], seed: 4).map { Float($0) } }
        var runningMean: [Float] { KernelHarness.values(shape[1], seed: 5).map { Float(3 + $0) } }
        var runningVar: [Float] { KernelHarness.values(shape[1], seed: 6).map { Float(1.5 + $0) } }

        /// The reference in Double on the same (Float-rounded) numbers.
        func reference() -> ReferenceBatchNormTests.Result {
            ReferenceBatchNormTests.run(
                x.map(Double.init), shape: shape, weight: weight.map(Double.init),
                bias: bias.map(Double.init),
                upstream: upstream.map(Double.init), training: training,
                runningMean: runningMean.map(Double.init), runningVar: runningVar.map(Double.init))
        }

        /// The fast kernels: (output, gradInput, gradWeight, gradBias, and in training the mean
        /// and variance they found).
        func fast() throws -> [[Float]] {
            let (x, gy, w, b) = (x, upstream, weight, bias)
            let channels = shape[1]
            var mean = runningMean.map(Double.init)
            var variance = runningVar.map(Double.init)
            let y: [Float] = try KernelHarness.fill(count) { out throws(CNNError) in
                if training {
                    try FastBatchNorm.trainingForward(
                        input: x, output: out.baseAddress!, weight: w, bias: b, eps: 1e-5, mean: &mean,
                        variance: &variance, layout: layout)
                } else {
                    try FastBatchNorm.forward(
                        input: x, output: out.baseAddress!, weight: w, bias: b, mean: runningMean,
                        invStd: invStd(variance), layout: layout)
                }
            }
            var gw = [Float](repeating: .nan, count: channels)
            var gb = [Float](repeating: .nan, count: channels)
            let gx: [Float] = try KernelHarness.fill(count) { out throws(CNNError) in
                try FastBatchNorm.backward(
                    gradOutput: gy, input: x, mean: mean.map { Float($0) }, invStd: invStd(variance),
                    weight: w,
                    batchStatistics: training, gradInput: out.baseAddress!, gradWeight: &gw, gradBias: &gb,
                    layout: layout)
            }
            return [y, gx, gw, gb, mean.map { Float($0) }, variance.map { Float($0) }]
        }

        private func invStd(_ variance: [Double]) -> [Float] {
            variance.map { Float(1 / ($0 + 1e-5).squareRoot()) }
        }
    }

    /// Spatial sizes with and without a tail past the eight-lane steps, the 2-D `[batch, features]`
    /// form, and a tensor large enough to fan out over threads.
    static let cases = [
        [5, 3, 7, 5], [4, 6, 4, 4], [3, 5, 13], [32, 4, 2, 2], [9, 3], [16, 16, 40, 40],
    ].flatMap {
        [Case(shape: $0, training: true), Case(shape: $0, training: false)]
    }

    /// `max |a − b| / max |b|`: the error measured against the size of the values.
    static func scaledError(_ a: [Float], _ b: [Double]) -> Double {
        let largest = b.map(abs).max() ?? 0
        return zip(a, b).map { abs(Double($0) - $1) }.max().map { $0 / max(largest, 1e-30) } ?? 0
    }

    /// Float32 results within a few float roundings of the Double reference.
    @Test(arguments: cases)
    func matchesTheDoubleReference(c: Case) throws {
        let fast = try c.fast()
        let reference = c.reference()
        #expect(Self.scaledError(fast[0], reference.output) < 1e-5)
        #expect(Self.scaledError(fast[1], reference.gradInput) < 1e-5)
        #expect(Self.scaledError(fast[2], reference.gradWeight) < 1e-5)
        #expect(Self.scaledError(fast[3], reference.gradBias) < 1e-5)
        if c.training {
            let (mean, variance) = c.x.map(Double.init).withUnsafeBufferPointer {
                ReferenceBatchNorm.statistics(
                    input: $0, batch: c.layout.batch, channels: c.layout.channels, spatial: c.layout.spatial)
            }
            #expect(Self.scaledError(fast[4], mean) < 1e-6)
            #expect(Self.scaledError(fast[5], variance) < 1e-6)
        }
    }

    @Test(arguments: [true, false])
    func resultsDoNotDependOnThreadCount(training: Bool) throws {
        let c = Case(shape: [16, 16, 40, 40], training: training)
        #expect(Double(c.count) > Parallelism.minimumFlopsToFanOut)  // so every kernel really fans out
        let saved = Parallelism.threadCount
        defer { Parallelism.threadCount = saved }
        var results: [[UInt32]] = []
        for threads in [1, 2, 3] {
            Parallelism.threadCount = threads
            results.append(try c.fast().joined().map(\.bitPattern))
        }
        #expect(results[0] == results[1])
        #expect(results[0] == results[2])
    }
}
