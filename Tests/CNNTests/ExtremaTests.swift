import Testing

@testable import CNN

/// Expected values from PyTorch with a = torch.arange(24.).reshape(2, 3, 4): `a.max(dim=1)` →
/// values [[8,9,10,11],[20,21,22,23]], indices all 2; torch.tensor([[1,5,5],[7,2,7]]).argmax(dim=1) →
/// [1, 0] (first of the tied maxima), argmax() of it flattened → 3; a.var() over arange(6).reshape(2,3) → 3.5, std(dim=1) → [1, 1].
@Suite struct ExtremaTests {
    let a = try! Tensor.arange(0.0, 24.0).reshape([2, 3, 4])

    @Test func maxAlongADimension() throws {
        let (values, indices) = try a.max(dim: 1)
        #expect(values.shape == [2, 4])
        #expect(values.scalarsAsDoubles() == [8, 9, 10, 11, 20, 21, 22, 23])
        #expect(indices.scalarsAsDoubles() == [2, 2, 2, 2, 2, 2, 2, 2])
        #expect(indices.kind == .integer)
        #expect(try a.max(dim: 1, keepDim: true).values.shape == [2, 1, 4])
        #expect(try a.min(dim: -1).values.scalarsAsDoubles() == [0, 4, 8, 12, 16, 20])
    }

    @Test func argmaxTakesTheFirstTie() throws {
        let t = try Tensor([[1, 5, 5], [7, 2, 7]])
        #expect(try t.argmax(dim: 1).scalarsAsDoubles() == [1, 0])
        // Flattened: [1, 5, 5, 7, 2, 7] → the first 7 is at 3 (torch.argmax(t) → 3).
        #expect(try t.argmax().item() == 3)
        #expect(try t.argmin().item() == 0)
        #expect(try t.argmax(dim: 0, keepDim: true).shape == [1, 3])
    }

    @Test func wholeTensor() throws {
        #expect(try a.max().item() == 23)
        #expect(try a.min().item() == 0)
        #expect(throws: CNNError.self) { try Tensor.zeros([0]).max() }
        #expect(throws: CNNError.self) { try Tensor.zeros([2, 0]).max(dim: 1) }
    }

    @Test func nanPropagates() throws {
        let t = try Tensor([1, .nan, 3] as [Double], shape: [3])
        #expect(try t.max().item().isNaN)
        #expect(try t.argmax().item() == 1)  // torch.argmax(torch.tensor([1., nan, 3.])) → 1
    }

    /// torch.tensor([1., 3., 3.], requires_grad=True).max().backward() → grad [0, 0.5, 0.5].
    @Test func wholeMaxSharesTheGradientAmongTies() throws {
        let x = try Tensor([1, 3, 3] as [Double], shape: [3]).requiringGrad()
        try x.max().backward()
        #expect(x.grad?.scalarsAsDoubles() == [0, 0.5, 0.5])
    }

    @Test func gradients() throws {
        var generator = SeededGenerator(seed: 8)
        let x = try Tensor.randn([3, 4, 2], dtype: .float64, using: &generator)
        #expect(try gradcheck({ try $0.max(dim: 1).values }, input: x) < 1e-6)
        #expect(try gradcheck({ try $0.min(dim: -1, keepDim: true).values }, input: x) < 1e-6)
        #expect(try gradcheck({ try $0.max() }, input: x) < 1e-6)
        #expect(try gradcheck({ try $0.variance(dims: [0, 2]) }, input: x) < 1e-6)
        #expect(try gradcheck({ try $0.standardDeviation(dims: [1], keepDim: true) }, input: x) < 1e-6)
    }

    @Test func varianceAndStandardDeviation() throws {
        let t = try Tensor.arange(0.0, 6.0).reshape([2, 3])
        #expect(try t.variance().item() == 3.5)
        #expect(try t.standardDeviation(dims: [1]).scalarsAsDoubles() == [1, 1])
        // Population variance of 0…5: Σ(k − 2.5)² / 6 = 17.5 / 6 (numpy: np.arange(6.).var()).
        #expect(try t.double().variance(correction: 0).item() == 17.5 / 6)
    }
}
