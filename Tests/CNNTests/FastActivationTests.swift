import Testing

@testable import CNN

@Suite struct FastActivationTests {
    /// Seeded values in [-1, 1), a few special ones spread through them (NaN, ±0, ±inf).
    static func inputs(_ count: Int, seed: UInt64) -> [Float] {
        var x = KernelHarness.values(count, seed: seed).map { Float($0) }
        let specials: [Float] = [.nan, 0, -0.0, .infinity, -.infinity, .leastNonzeroMagnitude]
        for (k, value) in specials.enumerated() where k * 97 < count { x[k * 97] = value }
        return x
    }

    /// Forward and backward of the fast relu, as arrays.
    static func fast(_ x: [Float], _ gy: [Float]) throws -> (y: [Float], gx: [Float]) {
        let y: [Float] = try KernelHarness.fill(x.count) { out in
            try x.withUnsafeBufferPointer { try FastActivation.reluForward(input: $0, output: out) }
        }
        let gx: [Float] = try KernelHarness.fill(x.count) { out in
            try gy.with(x) { try FastActivation.reluBackward(gradOutput: $0, input: $1, gradInput: out) }
        }
        return (y, gx)
    }

    /// The same bits as the reference loop, lane tails (counts not a multiple of 8) and chunk
    /// boundaries included; 40 003 elements fan out over threads.
    @Test(arguments: [1, 7, 8, 29, 40_003])
    func reluMatchesTheReferenceBitForBit(count: Int) throws {
        let x = Self.inputs(count, seed: 5)
        let gy = Self.inputs(count, seed: 6).reversed().map { $0 }
        let (y, gx) = try Self.fast(x, gy)
        let f = ReferenceActivation.relu
        let expectedY: [Float] = KernelHarness.fill(count) { out in
            x.withUnsafeBufferPointer { f.forward(input: $0, output: out) }
        }
        let expectedGx: [Float] = KernelHarness.fill(count) { out in
            gy.with(x) { gy, x in
                expectedY.withUnsafeBufferPointer {
                    f.backward(gradOutput: gy, input: x, output: $0, gradInput: out)
                }
            }
        }
        #expect(y.map(\.bitPattern) == expectedY.map(\.bitPattern))
        #expect(gx.map(\.bitPattern) == expectedGx.map(\.bitPattern))
    }

    @Test func reluResultsDoNotDependOnThreadCount() throws {
        let x = Self.inputs(100_000, seed: 8)
        let gy = Self.inputs(100_000, seed: 9)
        let saved = Parallelism.threadCount
        defer { Parallelism.threadCount = saved }
        var results: [[UInt32]] = []
        for threads in [1, 2, 3] {
            Parallelism.threadCount = threads
            let (y, gx) = try Self.fast(x, gy)
            results.append((y + gx).map(\.bitPattern))
        }
        #expect(results[0] == results[1])
        #expect(results[0] == results[2])
    }

    /// `relu` on float32 tensors takes the fast path; its gradient reaches the input.
    @Test func reluOnTensorsUsesTheFastPath() throws {
        let x = try Tensor([-2, -0.5, 0, 0.5, 3], shape: [5]).requiringGrad()
        let y = try relu(x)
        #expect(y.scalarsAsDoubles() == [0, 0, 0, 0.5, 3])
        #expect(y.gradientFunctionName == "relu")
        try y.sum().backward()
        #expect(x.grad?.scalarsAsDoubles() == [0, 0, 0, 1, 1])
    }
}
