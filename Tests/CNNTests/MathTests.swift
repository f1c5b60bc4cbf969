import Testing

@testable import CNN

@Suite struct MathTests {
    private static func random(_ shape: [Int], seed: UInt64) throws -> Tensor {
        var generator = SeededGenerator(seed: seed)
        return try Tensor.randn(shape, dtype: .float64, using: &generator)
    }

    /// Forward values: Swift's own exp/log/sqrt on the same inputs (the kernels must agree exactly).
    @Test func forwardValues() throws {
        let x = try Tensor([0.5, 1, 4] as [Double], shape: [3], dtype: .float64)
        #expect(try x.exp().scalarsAsDoubles() == [Double.exp(0.5), Double.exp(1), Double.exp(4)])
        #expect(try x.log().scalarsAsDoubles() == [Double.log(0.5), 0, Double.log(4)])
        #expect(try x.sqrt().scalarsAsDoubles() == [(0.5 as Double).squareRoot(), 1, 2])
        let signed = try Tensor([-2, 0, 3] as [Double], shape: [3])
        #expect(try signed.abs().scalarsAsDoubles() == [2, 0, 3])
        #expect(try signed.sign().scalarsAsDoubles() == [-1, 0, 1])
        #expect(try signed.clamp(min: -1, max: 1).scalarsAsDoubles() == [-1, 0, 1])
        #expect(try signed.clamp(min: 1).scalarsAsDoubles() == [1, 1, 3])
        #expect(throws: CNNError.self) { try signed.clamp() }
    }

    @Test func smoothGradients() throws {
        let x = try Self.random([3, 2], seed: 11)
        let positive = try x.abs() + 0.1
        #expect(try gradcheck({ try $0.exp() }, input: x) < 1e-6)
        #expect(try gradcheck({ try $0.log() }, input: positive) < 1e-6)
        #expect(try gradcheck({ try $0.sqrt() }, input: positive) < 1e-6)
    }

    @Test func piecewiseGradients() throws {
        // Random normals are never within eps of the kinks at 0, -0.5 and 0.5.
        let x = try Self.random([3, 4], seed: 12)
        #expect(try gradcheck({ try $0.abs() }, input: x) < 1e-6)
        #expect(try gradcheck({ try $0.clamp(min: -0.5, max: 0.5) }, input: x) < 1e-6)
    }

    @Test func whereSelectsAndRoutesGradients() throws {
        let condition = try Tensor([1, 0, 1] as [Double], shape: [3]) > 0
        let a = try Self.random([3], seed: 13)
        let b = try Self.random([2, 1], seed: 14)
        let y = try Tensor.where(condition, a, b)
        #expect(y.shape == [2, 3])
        let (av, bv) = (a.scalarsAsDoubles(), b.scalarsAsDoubles())
        #expect(y.scalarsAsDoubles() == [av[0], bv[0], av[2], av[0], bv[1], av[2]])
        #expect(try gradcheck({ try Tensor.where(condition, $0[0], $0[1]) }, inputs: [a, b]) < 1e-6)
    }
}
