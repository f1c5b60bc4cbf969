import Testing

@testable import CNN

/// Expected strings are PyTorch 2.15's `str(...)` of the same tensors (the Python expression is
/// beside each).
@Suite struct TensorDescriptionTests {
    @Test func matchesPyTorch() throws {
        // torch.tensor([[1., 2.], [3., 4.]])
        #expect(try Tensor([[1, 2], [3, 4]]).description == "tensor([[1., 2.],\n        [3., 4.]])")
        // torch.tensor([0.1, 2.5, 1000.])
        #expect(
            try Tensor([0.1, 2.5, 1000] as [Double], shape: [3]).description
                == "tensor([1.0000e-01, 2.5000e+00, 1.0000e+03])")
        // torch.arange(10.).reshape(2, 5) / 4
        #expect(
            try (Tensor.arange(0.0, 10.0).reshape([2, 5]) / 4).description
                == "tensor([[0.0000, 0.2500, 0.5000, 0.7500, 1.0000],\n        [1.2500, 1.5000, 1.7500, 2.0000, 2.2500]])"
        )
        // torch.arange(5)
        #expect(try Tensor.arange(5).description == "tensor([0, 1, 2, 3, 4])")
        // torch.tensor([True, False])
        #expect(try (Tensor([1, 0] as [Double], shape: [2]) > 0.5).description == "tensor([ True, False])")
        // torch.tensor(2.)
        #expect(Tensor(2.0).description == "tensor(2.)")
        // torch.zeros(0, 3)
        #expect(try Tensor.zeros([0, 3]).description == "tensor([], size=(0, 3))")
        // torch.tensor([float('nan'), 1., float('inf')])
        #expect(
            try Tensor([.nan, 1, .infinity] as [Double], shape: [3]).description == "tensor([nan, 1., inf])")
        // torch.tensor([-float('nan'), 0. * -float('inf'), 2.]): PyTorch prints no sign on a NaN
        #expect(
            try Tensor([-Double.nan, 0 * -Double.infinity, 2], shape: [3]).description
                == "tensor([nan, nan, 2.])")
    }

    @Test func threeDimensionsSeparateBlocksByBlankLines() throws {
        // torch.arange(27.).reshape(3, 3, 3)
        let expected = """
            tensor([[[ 0.,  1.,  2.],
                     [ 3.,  4.,  5.],
                     [ 6.,  7.,  8.]],

                    [[ 9., 10., 11.],
                     [12., 13., 14.],
                     [15., 16., 17.]],

                    [[18., 19., 20.],
                     [21., 22., 23.],
                     [24., 25., 26.]]])
            """
        #expect(try Tensor.arange(0.0, 27.0).reshape([3, 3, 3]).description == expected)
    }

    @Test func longRowsWrapAtEightyColumns() throws {
        // torch.arange(30.) / 7
        let expected = """
            tensor([0.0000, 0.1429, 0.2857, 0.4286, 0.5714, 0.7143, 0.8571, 1.0000, 1.1429,
                    1.2857, 1.4286, 1.5714, 1.7143, 1.8571, 2.0000, 2.1429, 2.2857, 2.4286,
                    2.5714, 2.7143, 2.8571, 3.0000, 3.1429, 3.2857, 3.4286, 3.5714, 3.7143,
                    3.8571, 4.0000, 4.1429])
            """
        #expect(try (Tensor.arange(0.0, 30.0) / 7).description == expected)
    }

    /// PyTorch's summary (torch.arange(1200.).reshape(2, 600) * 0.5), plus our `size=` suffix.
    @Test func largeTensorsAreSummarisedWithTheirShape() throws {
        let expected = """
            tensor([[0.0000e+00, 5.0000e-01, 1.0000e+00,  ..., 2.9850e+02, 2.9900e+02,
                     2.9950e+02],
                    [3.0000e+02, 3.0050e+02, 3.0100e+02,  ..., 5.9850e+02, 5.9900e+02,
                     5.9950e+02]], size=(2, 600))
            """
        let actual = try (Tensor.arange(0.0, 1200.0).reshape([2, 600]) * 0.5).description
        #expect(actual == expected, "\(actual.debugDescription)")
    }

    @Test func suffixes() throws {
        // torch.tensor([-1.5, 2.25], dtype=torch.float64, requires_grad=True)
        let x = try Tensor([-1.5, 2.25] as [Double], shape: [2], dtype: .float64).requiringGrad()
        #expect(x.description == "tensor([-1.5000,  2.2500], dtype=torch.float64, requires_grad=True)")
        // torch.tensor([[1., 2.]], requires_grad=True).sum()
        let y = try Tensor([[1, 2]]).requiringGrad().sum()
        #expect(y.description == "tensor(3., grad_fn=<SumBackward0>)")
        // torch.tensor([[1., 2.]], requires_grad=True).mean()
        let m = try Tensor([[1, 2]]).requiringGrad().mean()
        #expect(m.description == "tensor(1.5000, grad_fn=<MeanBackward0>)")
    }
}
