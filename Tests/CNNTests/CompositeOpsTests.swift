import Testing

@testable import CNN

/// amax/amin, tensordot, rot90, diagonal, cumsum and the rounding functions: backward by central
/// differences in float64 (rounding: a zero gradient, as PyTorch's), and amax's even split of the
/// gradient between tied largest values, which PyTorch documents.
@Suite struct CompositeOpsTests {
    @Test func gradients() throws {
        var generator = SeededGenerator(seed: 17)
        let x = try Tensor.randn([2, 3, 4], dtype: .float64, using: &generator)
        let m = try Tensor.randn([4, 3], dtype: .float64, using: &generator)
        #expect(try gradcheck({ try $0[0].amax(dims: [1, 2]) }, inputs: [x]) < 1e-6)
        #expect(try gradcheck({ try $0[0].amin(dims: [-1], keepDim: true) }, inputs: [x]) < 1e-6)
        #expect(
            try gradcheck({ try Tensor.tensordot($0[0], $0[1], dimsA: [2], dimsB: [0]) }, inputs: [x, m])
                < 1e-6)
        #expect(try gradcheck({ try $0[0].rot90(1, dims: [1, 2]) }, inputs: [x]) < 1e-6)
        #expect(try gradcheck({ try $0[0].diagonal(offset: 1, dim1: 1, dim2: 2) }, inputs: [x]) < 1e-6)
        #expect(try gradcheck({ try $0[0].diagonal(offset: -1, dim1: 2, dim2: 1) }, inputs: [x]) < 1e-6)
        #expect(try gradcheck({ try $0[0].cumulativeSum(dim: 1) }, inputs: [x]) < 1e-6)
    }

    /// torch.amax docs: "amax/amin evenly distributes gradient between equal values".
    @Test func amaxSplitsTheGradientBetweenTies() throws {
        let x = try Tensor([1, 3, 3, 2], shape: [4], dtype: .float64).requiringGrad()
        let y = try x.amax(dims: [0])
        #expect(try y.item() == 3)
        try y.backward()
        #expect(x.grad?.scalarsAsDoubles() == [0, 0.5, 0.5, 0])
    }

    /// Rounding has a zero gradient in PyTorch; round is half to even.
    @Test func roundingHasNoGradient() throws {
        let x = try Tensor([-2.5, -0.5, 0.5, 1.5, 2.6], shape: [5], dtype: .float64).requiringGrad()
        let y = try x.roundedHalfToEven()
        #expect(y.scalarsAsDoubles() == [-2, 0, 0, 2, 3])
        try (y.sum() + x.floor().sum() + x.truncated().sum()).backward()
        #expect(x.grad?.scalarsAsDoubles() == [0, 0, 0, 0, 0])
    }
}
