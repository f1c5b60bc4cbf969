import Testing

@testable import CNN

/// Forward values from numpy with a = [[1,2,3],[4,5,6]], b = [10,20,30], c = [[100],[200]]:
/// `(a+b).ravel()`, `(a*c).ravel()`, `(a-b).ravel()`, `(b/a).ravel()`, `np.power(a, 2)`.
@Suite struct ArithmeticTests {
    let a = try! Tensor([[1, 2, 3], [4, 5, 6]])
    let b = try! Tensor([10, 20, 30] as [Double], shape: [3])
    let c = try! Tensor([[100], [200]])

    @Test func broadcastingForward() throws {
        #expect(try (a + b).scalarsAsDoubles() == [11, 22, 33, 14, 25, 36])
        #expect(try (a * c).scalarsAsDoubles() == [100, 200, 300, 800, 1000, 1200])
        #expect(try (a - b).scalarsAsDoubles() == [-9, -18, -27, -6, -15, -24])
        #expect(try (b / a).scalarsAsDoubles() == [10, 10, 10, 2.5, 4, 5])
        #expect(try a.pow(2).scalarsAsDoubles() == [1, 4, 9, 16, 25, 36])
        #expect(try (b + c).shape == [2, 3])
    }

    @Test func scalarOperandsKeepTheTensorDtype() throws {
        let d = try a.double()
        #expect(try (d * 2).dtype == .float64)
        #expect(try (2 - a).scalarsAsDoubles() == [1, 0, -1, -2, -3, -4])
        #expect(try (1 / Tensor([2, 4] as [Double], shape: [2])).scalarsAsDoubles() == [0.5, 0.25])
        #expect(try (-a).scalarsAsDoubles() == [-1, -2, -3, -4, -5, -6])
    }

    @Test func mixedDtypesPromoteToFloat64() throws {
        #expect(try (a + b.double()).dtype == .float64)
    }

    /// torch.arange(4) ** 2 → tensor([0, 1, 4, 9]); torch.arange(4) ** 0.5 is float;
    /// torch.arange(4) ** -1 → "Integers to negative integer powers are not allowed."
    @Test func integerPowers() throws {
        let squares = try Tensor.arange(4).pow(2)
        #expect(squares.kind == .integer)
        #expect(squares.description == "tensor([0, 1, 4, 9])")
        #expect(try Tensor.arange(4).pow(0.5).kind == .real)
        #expect(throws: CNNError.argument("Integers to negative integer powers are not allowed.")) {
            try Tensor.arange(4).pow(-1)
        }
    }

    @Test func integerKinds() throws {
        let i = try Tensor.arange(3)
        #expect(try (i + i).kind == .integer)
        #expect(try (i / i.scalarLike(2)).kind == .real)
        #expect(try (i * 0.5).kind == .real)
    }

    @Test func incompatibleShapesThrowNamingBoth() {
        let wide = try! Tensor.zeros([4])
        #expect {
            try a + wide
        } throws: { error in
            (error as? CNNError)?.message.hasPrefix("cannot broadcast shapes [2, 3] and [4]") == true
        }
    }

    @Test func comparisonsAreBoolean() throws {
        let mask = try a > 3
        #expect(mask.kind == .boolean)
        #expect(mask.scalarsAsDoubles() == [0, 0, 0, 1, 1, 1])
        #expect(try (a .== b / 10).scalarsAsDoubles() == [1, 1, 1, 0, 0, 0])
        #expect(try (a <= 2).scalarsAsDoubles() == [1, 1, 0, 0, 0, 0])
        #expect(!mask.requiresGrad)
    }

    /// torch.maximum / torch.minimum propagate NaN.
    @Test func maximumAndMinimum() throws {
        let x = try Tensor([1, .nan, 3] as [Double], shape: [3])
        let y = try Tensor([2, 0, 1] as [Double], shape: [3])
        let high = try Tensor.maximum(x, y).scalarsAsDoubles()
        #expect(high[0] == 2 && high[1].isNaN && high[2] == 3)
        #expect(try Tensor.minimum(y, y * 2).scalarsAsDoubles() == [2, 0, 1])
    }

    // MARK: Backward, by central differences in Double (see `gradcheck`).

    private static func random(_ shape: [Int], seed: UInt64, offset: Double = 0) throws -> Tensor {
        var generator = SeededGenerator(seed: seed)
        return try Tensor.randn(shape, dtype: .float64, using: &generator) + offset
    }

    @Test func addSubtractMultiplyGradients() throws {
        let x = try Self.random([2, 3], seed: 1)
        let y = try Self.random([3], seed: 2)
        let z = try Self.random([2, 1], seed: 3)
        #expect(try gradcheck({ try $0[0] + $0[1] }, inputs: [x, y]) < 1e-6)
        #expect(try gradcheck({ try $0[0] - $0[1] * $0[2] }, inputs: [x, y, z]) < 1e-6)
        #expect(try gradcheck({ try -($0[0] * $0[0]) }, inputs: [x]) < 1e-6)
    }

    @Test func divideGradients() throws {
        let x = try Self.random([2, 3], seed: 4)
        let y = try Self.random([2, 3], seed: 5).abs() + 0.5
        #expect(try gradcheck({ try $0[0] / $0[1] }, inputs: [x, y]) < 1e-6)
        #expect(try gradcheck({ try 3 / $0[0] }, inputs: [y]) < 1e-6)
    }

    @Test func powerGradients() throws {
        let x = try Self.random([4], seed: 6).abs() + 0.5
        let p = try Self.random([4], seed: 7)
        #expect(try gradcheck({ try $0[0].pow(3) }, inputs: [x]) < 1e-6)
        #expect(try gradcheck({ try $0[0].pow(-0.5) }, inputs: [x]) < 1e-6)
        #expect(try gradcheck({ try pow($0[0], $0[1]) }, inputs: [x, p]) < 1e-6)
    }

    @Test func maximumGradientGoesToTheLarger() throws {
        let x = try Self.random([5], seed: 8)
        let y = try Self.random([5], seed: 9)
        #expect(try gradcheck({ try Tensor.maximum($0[0], $0[1]) }, inputs: [x, y]) < 1e-6)
        #expect(try gradcheck({ try Tensor.minimum($0[0], $0[1]) }, inputs: [x, y]) < 1e-6)
    }

    /// torch.maximum(t, t).backward(ones) gives each operand 0.5 — here both are the same leaf.
    @Test func maximumSplitsTies() throws {
        let x = try Tensor([1, 2] as [Double], shape: [2]).requiringGrad()
        try Tensor.maximum(x, x).sum().backward()
        #expect(x.grad?.scalarsAsDoubles() == [1, 1])
    }

    /// PyTorch with a = [5., -5., 5., -5.], b = [3., 3., -3., -3.]: `a // b` → [1, -2, -2, 1],
    /// `a % b` → [2, 1, -1, -2]; `torch.arange(7) // 2` → tensor([0, 0, 1, 1, 2, 2, 3]).
    @Test func floorDivideAndRemainderFollowPython() throws {
        let x = try Tensor([5, -5, 5, -5] as [Double], shape: [4])
        let y = try Tensor([3, 3, -3, -3] as [Double], shape: [4])
        #expect(try Tensor.floorDivide(x, y).scalarsAsDoubles() == [1, -2, -2, 1])
        #expect(try Tensor.remainder(x, y).scalarsAsDoubles() == [2, 1, -1, -2])
        let halves = try Tensor.floorDivide(Tensor.arange(7), Tensor(2))
        #expect(halves.kind == .integer)
        #expect(halves.scalarsAsDoubles() == [0, 0, 1, 1, 2, 2, 3])
        let a = try Self.random([5], seed: 10)
        let b = try Self.random([5], seed: 11).abs() + 0.5
        #expect(try gradcheck({ try Tensor.remainder($0[0], $0[1]) }, inputs: [a, b]) < 1e-6)
    }

    /// Large same-shape operands are split into fixed chunks across threads: same bits for 1, 2
    /// and 3 threads. Inputs: seeded values in [-1, 1).
    @Test func largeElementwiseResultsDoNotDependOnThreadCount() throws {
        let count = 100_003
        let a = try Tensor(KernelHarness.values(count, seed: 1).map { Float($0) }, shape: [count])
        let b = try Tensor(KernelHarness.values(count, seed: 2).map { Float($0) }, shape: [count])
        let saved = Parallelism.threadCount
        defer { Parallelism.threadCount = saved }
        var results: [[UInt32]] = []
        for threads in [1, 2, 3] {
            Parallelism.threadCount = threads
            results.append(try (a * b + a).scalarsAsFloats().map(\.bitPattern))
        }
        #expect(results[0] == results[1])
        #expect(results[0] == results[2])
        let expected = zip(a.scalarsAsFloats(), b.scalarsAsFloats()).map { ($0 * $1 + $0).bitPattern }
        #expect(results[0] == expected)
    }
}
