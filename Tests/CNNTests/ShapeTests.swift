import Testing

@testable import CNN

@Suite struct ShapeTests {
    let a = try! Tensor.arange(0.0, 24.0).reshape([2, 3, 4])

    private static func random(_ shape: [Int], seed: UInt64) throws -> Tensor {
        var generator = SeededGenerator(seed: seed)
        return try Tensor.randn(shape, dtype: .float64, using: &generator)
    }

    @Test func reshapeInfersOneDimension() throws {
        #expect(try a.reshape([4, -1]).shape == [4, 6])
        #expect(try a.view([-1]).shape == [24])
        #expect(throws: CNNError.shape("shape [5, -1] is invalid for input of size 24 (shape [2, 3, 4])")) {
            try a.reshape([5, -1])
        }
        #expect(throws: CNNError.self) { try a.reshape([-1, -1]) }
    }

    /// 64 dimensions is NumPy's limit and PyTorch's reductions' (a 64-bit dimension mask); one
    /// more is refused by every way a shape is made: a creation, a view, an expansion.
    @Test func atMostSixtyFourDimensions() throws {
        let deepest = [Int](repeating: 1, count: Tensor.maxRank)
        let x = try Tensor.zeros(deepest)
        #expect(x.rank == 64)
        let refusal = CNNError.argument("a tensor can have at most 64 dimensions, got 65")
        #expect(throws: refusal) { try Tensor.zeros(deepest + [1]) }
        #expect(throws: refusal) { try x.reshape(deepest + [1]) }
        #expect(throws: refusal) { try x.unsqueeze(0) }
        #expect(throws: refusal) { try Tensor.zeros([2]).expand(to: deepest + [2]) }
    }

    @Test func flatten() throws {
        #expect(try a.flatten().shape == [24])
        #expect(try a.flatten(startDim: 1).shape == [2, 12])
        #expect(try a.flatten(startDim: 0, endDim: 1).shape == [6, 4])
        #expect(try Tensor(1.0).flatten().shape == [1])
    }

    /// torch.arange(24.).reshape(2,3,4).permute(2,0,1).flatten().tolist()
    @Test func permute() throws {
        let p = try a.permute([2, 0, 1])
        #expect(p.shape == [4, 2, 3])
        #expect(
            p.scalarsAsDoubles() == [
                0, 4, 8, 12, 16, 20, 1, 5, 9, 13, 17, 21, 2, 6, 10, 14, 18, 22, 3, 7, 11, 15, 19, 23,
            ])
        #expect(throws: CNNError.self) { try a.permute([0, 0, 1]) }
        #expect(throws: CNNError.self) { try a.permute([0, 1]) }
        #expect(try gradcheck({ try $0.permute([1, 2, 0]) }, input: Self.random([2, 3, 4], seed: 1)) < 1e-6)
    }

    @Test func transposeAndT() throws {
        let m = try Tensor([[1, 2, 3], [4, 5, 6]])
        #expect(try m.T.scalarsAsDoubles() == [1, 4, 2, 5, 3, 6])
        #expect(try m.transpose(0, 1).shape == [3, 2])
        #expect(try a.T.shape == [4, 3, 2])
        #expect(try a.transpose(-1, 0).shape == [4, 3, 2])
    }

    @Test func squeezeAndUnsqueeze() throws {
        let t = try Tensor.zeros([1, 3, 1])
        #expect(try t.squeeze().shape == [3])
        #expect(try t.squeeze(dim: 0).shape == [3, 1])
        #expect(try t.squeeze(dim: 1).shape == [1, 3, 1])
        #expect(try t.unsqueeze(0).shape == [1, 1, 3, 1])
        #expect(try t.unsqueeze(-1).shape == [1, 3, 1, 1])
        #expect(throws: CNNError.self) { try t.unsqueeze(4) }
    }

    @Test func flip() throws {
        let m = try Tensor([[1, 2, 3], [4, 5, 6]])
        #expect(try m.flip([1]).scalarsAsDoubles() == [3, 2, 1, 6, 5, 4])
        #expect(try m.flip([0, 1]).scalarsAsDoubles() == [6, 5, 4, 3, 2, 1])
        #expect(try gradcheck({ try $0.flip([0, 2]) }, input: Self.random([2, 3, 2], seed: 2)) < 1e-6)
    }

    @Test func expand() throws {
        let column = try Tensor([[1], [2]])
        #expect(try column.expand(to: [2, 3]).scalarsAsDoubles() == [1, 1, 1, 2, 2, 2])
        #expect(throws: CNNError.self) { try column.expand(to: [3, 3]) }
        #expect(try gradcheck({ try $0.expand(to: [4, 2, 3]) }, input: Self.random([2, 1], seed: 3)) < 1e-6)
    }

    @Test func reshapeGradient() throws {
        #expect(
            try gradcheck({ try $0.reshape([3, -1]).pow(2) }, input: Self.random([2, 3], seed: 4)) < 1e-6)
    }

    /// torch.ones(3, 3).triu() → [[1,1,1],[0,1,1],[0,0,1]]; .triu(diagonal=1) → [[0,1,1],[0,0,1],[0,0,0]];
    /// torch.ones(2, 3, 3).tril(-1)[1] → [[0,0,0],[1,0,0],[1,1,0]].
    @Test func triangles() throws {
        let ones = try Tensor.ones([3, 3])
        #expect(try ones.triu().scalarsAsDoubles() == [1, 1, 1, 0, 1, 1, 0, 0, 1])
        #expect(try ones.triu(diagonal: 1).scalarsAsDoubles() == [0, 1, 1, 0, 0, 1, 0, 0, 0])
        #expect(
            try Tensor.ones([2, 3, 3]).tril(diagonal: -1)[.at(1)].scalarsAsDoubles() == [
                0, 0, 0, 1, 0, 0, 1, 1, 0,
            ])
        #expect(try Tensor([.nan, 1, 2, 3] as [Double], shape: [2, 2]).tril().scalarsAsDoubles()[1] == 0)
        #expect(throws: CNNError.self) { try Tensor.ones([3]).triu() }
        #expect(try gradcheck({ try $0.triu() }, input: Self.random([3, 4], seed: 9)) < 1e-6)
    }
}
