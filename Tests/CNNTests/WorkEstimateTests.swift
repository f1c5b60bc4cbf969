import Foundation
import Synchronization
import Testing
import Wording

@testable import CNN

/// Work known from the shapes is refused before it starts when the time left cannot hold it, and
/// long kernels check their budget in chunks, so a cancel stops them inside one batch item.
@Suite struct WorkEstimateTests {
    /// The issue's hang: a 3000² image and a 1000² kernel (2001² · 10⁶ ≈ 4.0 × 10¹² multiply-adds)
    /// (20 s at the fastest rate) under a 10 s limit is refused at once, naming its size.
    @Test func aHopelessConvolutionIsRefusedBeforeItStarts() throws {
        let budget = ComputeBudget(maxElements: 100_000_000, maxBytes: 1 << 30, timeLimit: 10)
        let error = #expect(throws: CNNError.self) {
            try ComputeBudget.$current.withValue(budget) {
                let x = try Tensor.zeros([1, 1, 3000, 3000])
                let w = try Tensor.zeros([1, 1, 1000, 1000])
                _ = try conv2d(x, w)
            }
        }
        #expect(error?.code == .timeLimit)
        #expect(error?.message.hasPrefix("this convolution is 4.0 × 10¹² multiply-adds; the ") == true)
        guard case .tooMuchWork(.convolution, let amount, _, _) = error?.detail else {
            Issue.record("expected a tooMuchWork detail, got \(String(describing: error?.detail))")
            return
        }
        #expect(amount == 2001.0 * 2001 * 1000 * 1000)
    }

    /// `[2000000, 1] @ [1, 2000000]` is 4 × 10¹² multiply-adds (20 s at the fastest rate): refused
    /// under a 5 s limit before its 16 TB result is even considered.
    @Test func aHopelessMatrixProductIsRefusedBeforeAllocating() throws {
        let budget = ComputeBudget(maxElements: 3_000_000, maxBytes: 1 << 30, timeLimit: 5)
        let error = #expect(throws: CNNError.self) {
            try ComputeBudget.$current.withValue(budget) {
                _ = try Tensor.matmul(Tensor.zeros([2_000_000, 1]), Tensor.zeros([1, 2_000_000]))
            }
        }
        #expect(error?.code == .timeLimit)
        #expect(error?.message.hasPrefix("this matrix product is 4.0 × 10¹² multiply-adds") == true)
    }

    /// 1001² · 100² ≈ 1.0 × 10¹⁰ multiply-adds (0.05 s at the fastest rate) fits a 10 s limit but
    /// not the 0.01 s left of it: the run ends as the time limit, not as a refusal quoting the
    /// time left, so the message does not depend on how loaded the machine was.
    @Test func workThatFitsTheLimitButNotTheTimeLeftEndsAsTheTimeLimit() throws {
        let budget = ComputeBudget(
            maxElements: 10_000_000, memory: MemoryBudget(limit: 1 << 30), timeLimit: 10,
            deadline: ComputeBudget.now() + 10_000_000)
        let error = #expect(throws: CNNError.self) {
            try ComputeBudget.$current.withValue(budget) {
                _ = try conv2d(Tensor.zeros([1, 1, 1100, 1100]), Tensor.zeros([1, 1, 100, 100]))
            }
        }
        #expect(error?.code == .timeLimit)
        #expect(error?.message == "stopped: the time limit of 10 s was reached")
    }

    @Test func workThatFitsRuns() throws {
        let budget = ComputeBudget(maxElements: 1_000_000, maxBytes: 1 << 30, timeLimit: 60)
        let y = try ComputeBudget.$current.withValue(budget) {
            try conv2d(Tensor.ones([1, 1, 5, 5]), Tensor.ones([1, 1, 3, 3]))
        }
        #expect(y.scalarsAsDoubles() == [Double](repeating: 9, count: 9))
    }

    /// `randn(100000, 100000)` asked for 80 GB before the element limit was checked; now the
    /// limit refuses it with nothing allocated.
    @Test func randnChecksItsSizeBeforeDrawing() {
        let budget = ComputeBudget(maxElements: 1_000_000, maxBytes: 1 << 30)
        var generator = SeededGenerator(seed: 0)
        let error = #expect(throws: CNNError.self) {
            try ComputeBudget.$current.withValue(budget) {
                _ = try Tensor.randn([100_000, 100_000], using: &generator)
            }
        }
        #expect(error?.code == .tooLarge)
        #expect(budget.bytesInUse == 0)
    }

    /// The numbers are the ones the Box–Muller pairs always gave (same seed, same bits), now
    /// written straight into the tensor.
    @Test func randnStillDrawsTheSameNumbers() throws {
        var a = SeededGenerator(seed: 11)
        var b = SeededGenerator(seed: 11)
        let tensor = try Tensor.randn([5], dtype: .float64, using: &a)
        var expected: [Double] = []
        while expected.count < 5 {
            let u1 = Double((b.next() >> 11) + 1) * 0x1p-53
            let u2 = Double(b.next() >> 11) * 0x1p-53
            let radius = (-2 * Foundation.log(u1)).squareRoot()
            expected.append(radius * Foundation.cos(2 * Double.pi * u2))
            expected.append(radius * Foundation.sin(2 * Double.pi * u2))
        }
        #expect(tensor.scalarsAsDoubles() == Array(expected.prefix(5)))
    }

    /// Runs `body` under a budget without a deadline, cancels it from another thread once the
    /// body has started, and returns what the body threw. Without chunked checks each of these
    /// kernels would run to its end (seconds to minutes) and return normally.
    func cancelledWhileRunning(_ body: @escaping @Sendable () throws -> Void) -> CNNError? {
        let budget = ComputeBudget(maxElements: 100_000_000, maxBytes: 4 << 30)
        let started = DispatchSemaphore(value: 0)
        let outcome = Mutex<CNNError?>(nil)
        let done = DispatchSemaphore(value: 0)
        Thread {
            ComputeBudget.$current.withValue(budget) {
                started.signal()
                do {
                    try body()
                } catch let error as CNNError {
                    outcome.withLock { $0 = error }
                } catch {}
            }
            done.signal()
        }.start()
        started.wait()
        Thread.sleep(forTimeInterval: 0.05)
        budget.cancel()
        done.wait()
        return outcome.withLock { $0 }
    }

    /// One image, one channel: the direct path, a single work item of ~1.3 × 10¹¹ multiply-adds.
    @Test func aCancelStopsOneHugeDirectConvolution() {
        let error = cancelledWhileRunning {
            _ = try conv2d(Tensor.zeros([1, 1, 2000, 2000]), Tensor.zeros([1, 1, 200, 200]))
        }
        #expect(error?.code == .cancelled)
    }

    /// Sixteen channels: im2col + GEMM, one image whose GEMM is split into column blocks.
    @Test func aCancelStopsOneHugeGemmConvolution() {
        let error = cancelledWhileRunning {
            _ = try conv2d(Tensor.zeros([1, 16, 128, 128]), Tensor.zeros([1024, 16, 17, 17]))
        }
        #expect(error?.code == .cancelled)
    }

    /// Float64 runs the reference loop, checked per output pixel's taps.
    @Test func aCancelStopsTheReferenceConvolution() {
        let error = cancelledWhileRunning {
            _ = try conv2d(
                Tensor.zeros([1, 1, 1000, 1000], dtype: .float64),
                Tensor.zeros([1, 1, 300, 300], dtype: .float64))
        }
        #expect(error?.code == .cancelled)
    }

    /// One product of 4000³ = 6.4 × 10¹⁰ multiply-adds, split into row blocks.
    @Test func aCancelStopsOneHugeMatrixProduct() {
        let error = cancelledWhileRunning {
            _ = try Tensor.matmul(Tensor.zeros([4000, 4000]), Tensor.zeros([4000, 4000]))
        }
        #expect(error?.code == .cancelled)
    }

    @Test func aCancelStopsOneHugePooling() {
        let error = cancelledWhileRunning {
            _ = try maxPool2d(Tensor.zeros([1, 1, 3000, 3000]), kernelSize: 1000, stride: 1)
        }
        #expect(error?.code == .cancelled)
    }

    /// `[300, 100] @ [100, 20000]` is 6 × 10⁸ multiply-adds, past `chunkWork`: forward and both
    /// gradients (which transpose one operand each) are computed in blocks, with the exact sums of
    /// small integers the whole product gives: row sums of `a[i, j] = j` are 0 + … + 99 = 4950,
    /// `∂/∂a` = 20000 (a row of ones times a column of ones), `∂/∂b[j, c]` = Σᵢ a[i, j] = 300·j.
    @Test func aSplitProductGivesTheWholeProductsNumbers() throws {
        #expect(Tensor.gemmBlock(rows: 300, inner: 100, columns: 20000) == (256, 19531))
        #expect(Tensor.gemmBlock(rows: 30, inner: 30, columns: 30) == (30, 30))
        let a = try Tensor.arange(100).float().expand(to: [300, 100]).requiringGrad()
        let b = try Tensor.ones([100, 20000]).requiringGrad()
        let y = try Tensor.matmul(a, b)
        #expect(Set(y.scalarsAsDoubles()) == [4950])
        try y.sum().backward()
        #expect(Set(try #require(a.grad).scalarsAsDoubles()) == [20000])
        let gradB = try #require(b.grad)
        let columnZero = try gradB[.slice(nil, nil, step: nil), .at(0)].scalarsAsDoubles()
        #expect(columnZero == (0..<100).map { 300 * Double($0) })
        #expect(
            Set(try gradB.sum(dim: 1).scalarsAsDoubles()) == Set((0..<100).map { 300 * Double($0) * 20000 }))
    }

    @Test func scientificNumbersAreWrittenAsPowersOfTen() {
        #expect(NumberFormat.magnitude(9_999) == "9999")
        #expect(NumberFormat.magnitude(4.004001e12) == "4.0 × 10¹²")
        #expect(NumberFormat.magnitude(9.96e10) == "1.0 × 10¹¹")
        #expect(NumberFormat.magnitude(123_456) == "1.2 × 10⁵")
    }
}
