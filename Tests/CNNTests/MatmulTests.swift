import Testing

@testable import CNN

@Suite struct MatmulTests {
    private static func random(_ shape: [Int], seed: UInt64) throws -> Tensor {
        var generator = SeededGenerator(seed: seed)
        return try Tensor.randn(shape, dtype: .float64, using: &generator)
    }

    /// torch.matmul(torch.arange(6.).reshape(2,3), torch.arange(12.).reshape(3,4))
    /// → [[20,23,26,29],[56,68,80,92]].
    @Test(arguments: DType.allCases) func matrixProduct(dtype: DType) throws {
        let a = try Tensor.arange(0.0, 6.0, dtype: dtype).reshape([2, 3])
        let b = try Tensor.arange(0.0, 12.0, dtype: dtype).reshape([3, 4])
        let c = try Tensor.matmul(a, b)
        #expect(c.shape == [2, 4])
        #expect(c.dtype == dtype)
        #expect(c.scalarsAsDoubles() == [20, 23, 26, 29, 56, 68, 80, 92])
    }

    /// torch.matmul shape rules, from its documentation.
    @Test(arguments: [
        ([3], [3], [Int]()),
        ([2, 3], [3], [2]),
        ([3], [3, 4], [4]),
        ([5, 2, 3], [3, 4], [5, 2, 4]),
        ([7, 1, 2, 3], [5, 3, 4], [7, 5, 2, 4]),
        ([5, 2, 3], [3], [5, 2]),
        ([3], [5, 3, 4], [5, 4]),
    ])
    func shapes(left: [Int], right: [Int], expected: [Int]) throws {
        #expect(try Tensor.matmul(Tensor.ones(left), Tensor.ones(right)).shape == expected)
    }

    @Test func dotProduct() throws {
        let v = try Tensor([1, 2, 3] as [Double], shape: [3])
        #expect(try v.matmul(v).item() == 14)
    }

    @Test func batchedMatchesPerItemProducts() throws {
        let a = try Self.random([3, 2, 4], seed: 1)
        let b = try Self.random([4, 5], seed: 2)
        let batched = try Tensor.matmul(a, b)
        for i in 0..<3 {
            let single = try Tensor.matmul(a[.at(i)], b)
            #expect(try batched[.at(i)].isClose(to: single, rtol: 1e-12, atol: 0))
        }
    }

    @Test func mismatchThrowsNamingShapes() {
        #expect {
            try Tensor.matmul(Tensor.ones([2, 3]), Tensor.ones([4, 5]))
        } throws: { error in
            (error as? CNNError)?.message.hasPrefix("mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)")
                == true
        }
        #expect(throws: CNNError.self) { try Tensor.matmul(Tensor(1.0), Tensor.ones([1])) }
        #expect(throws: CNNError.self) { try Tensor.matmul(Tensor.ones([2, 2, 3]), Tensor.ones([3, 3, 1])) }
    }

    @Test func emptyInnerDimensionGivesZeros() throws {
        #expect(
            try Tensor.matmul(Tensor.ones([2, 0]), Tensor.ones([0, 3])).scalarsAsDoubles() == [
                0, 0, 0, 0, 0, 0,
            ])
    }

    @Test func gradients() throws {
        let a = try Self.random([2, 3], seed: 3)
        let b = try Self.random([3, 4], seed: 4)
        #expect(try gradcheck({ try Tensor.matmul($0[0], $0[1]) }, inputs: [a, b]) < 1e-6)
        let batch = try Self.random([2, 1, 2, 3], seed: 5)
        let other = try Self.random([3, 3, 2], seed: 6)
        #expect(try gradcheck({ try Tensor.matmul($0[0], $0[1]) }, inputs: [batch, other]) < 1e-6)
        let v = try Self.random([3], seed: 7)
        #expect(try gradcheck({ try Tensor.matmul($0[0], $0[1]) }, inputs: [v, b]) < 1e-6)
        #expect(try gradcheck({ try Tensor.matmul($0[0], $0[1]) }, inputs: [a, v]) < 1e-6)
    }
}
