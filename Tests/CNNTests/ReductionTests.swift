import Testing

@testable import CNN

/// Expected values from numpy with a = [[1,2,3],[4,5,6]]: `a.sum(0)` → [5,7,9],
/// `a.sum(1, keepdims=True)` → [[6],[15]], `a.mean()` → 3.5.
@Suite struct ReductionTests {
    let a = try! Tensor([[1, 2, 3], [4, 5, 6]])

    @Test func sums() throws {
        #expect(try a.sum().item() == 21)
        #expect(try a.sum().shape == [])
        #expect(try a.sum(dim: 0).scalarsAsDoubles() == [5, 7, 9])
        let kept = try a.sum(dim: 1, keepDim: true)
        #expect(kept.shape == [2, 1])
        #expect(kept.scalarsAsDoubles() == [6, 15])
        #expect(try a.sum(dim: -1).scalarsAsDoubles() == [6, 15])
        #expect(try a.sum(dims: [0, 1], keepDim: true).shape == [1, 1])
    }

    @Test func means() throws {
        #expect(try a.mean().item() == 3.5)
        #expect(try a.mean(dim: 0).scalarsAsDoubles() == [2.5, 3.5, 4.5])
        #expect(throws: CNNError.self) { try Tensor.arange(4).mean() }
    }

    @Test func badDimensionsThrow() {
        #expect(throws: CNNError.self) { try a.sum(dim: 2) }
        #expect(throws: CNNError.self) { try a.sum(dims: [0, -2]) }
    }

    @Test func reductionGradients() throws {
        var generator = SeededGenerator(seed: 21)
        let x = try Tensor.randn([2, 3, 4], dtype: .float64, using: &generator)
        #expect(try gradcheck({ try $0.sum() }, input: x) < 1e-6)
        #expect(try gradcheck({ try $0.sum(dims: [0, 2]) }, input: x) < 1e-6)
        #expect(try gradcheck({ try $0.mean(dim: 1, keepDim: true) }, input: x) < 1e-6)
    }

    @Test func sumToShapeUndoesBroadcasting() throws {
        let g = try Tensor.ones([2, 3, 4])
        let reduced = try g.sumToShape([3, 1])
        #expect(reduced.shape == [3, 1])
        #expect(reduced.scalarsAsDoubles() == [8, 8, 8])
    }
}
