import Testing

@testable import CNN

/// `narrow`, `Tensor.unfold`, `trace` and `F.unfold` (`unfoldPatches`): values from PyTorch's
/// documentation examples (quoted beside each), and backward by central differences in float64.
@Suite struct WindowsTests {
    /// `torch.arange(1., 10.).view(3, 3)`, the matrix of PyTorch's `narrow` and `trace` examples.
    let nine = try! Tensor((1...9).map(Double.init), shape: [3, 3])

    /// torch.narrow docs: narrow(x, 0, 0, 2) → [[1, 2, 3], [4, 5, 6]]; narrow(x, 1, 1, 2) →
    /// [[2, 3], [5, 6], [8, 9]]; narrow(x, -1, -1, 1) → [[3], [6], [9]].
    @Test func narrow() throws {
        #expect(try nine.narrow(dim: 0, start: 0, length: 2).scalarsAsDoubles() == [1, 2, 3, 4, 5, 6])
        #expect(try nine.narrow(dim: 1, start: 1, length: 2).scalarsAsDoubles() == [2, 3, 5, 6, 8, 9])
        #expect(try nine.narrow(dim: -1, start: -1, length: 1).scalarsAsDoubles() == [3, 6, 9])
        #expect(try nine.narrow(dim: 0, start: 3, length: 0).shape == [0, 3])
    }

    /// PyTorch's messages: "start out of range (expected to be in range of [-3, 3], but got 4)",
    /// "start (2) + length (2) exceeds dimension size (3).", and a 0-dim tensor refused.
    @Test func narrowRefusesRangesPastTheDimension() {
        #expect(
            errorMessage { try nine.narrow(dim: 0, start: 4, length: 0) }
                == "start out of range (expected to be in range of [-3, 3], but got 4)")
        #expect(
            errorMessage { try nine.narrow(dim: 1, start: 2, length: 2) }
                == "start (2) + length (2) exceeds dimension size (3).")
        #expect(errorMessage { try nine.narrow(dim: 0, start: 0, length: -1) } != nil)
        #expect(errorMessage { try nine.narrow(dim: 2, start: 0, length: 1) } != nil)
        #expect(errorMessage { try Tensor(1.0).narrow(dim: 0, start: 0, length: 1) } != nil)
    }

    /// Tensor.unfold docs: x = torch.arange(1., 8); x.unfold(0, 2, 1) → [[1, 2], [2, 3], …,
    /// [6, 7]]; x.unfold(0, 2, 2) → [[1, 2], [3, 4], [5, 6]].
    @Test func unfoldWindows() throws {
        let x = try Tensor((1...7).map(Double.init), shape: [7])
        let overlapping = try x.unfold(dim: 0, size: 2, step: 1)
        #expect(overlapping.shape == [6, 2])
        #expect(overlapping.scalarsAsDoubles() == [1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7])
        #expect(try x.unfold(dim: 0, size: 2, step: 2).scalarsAsDoubles() == [1, 2, 3, 4, 5, 6])
        // Two unfolds cut a matrix into patches: the window at (1, 1) is x[1:3, 1:3].
        let patches = try nine.unfold(dim: 0, size: 2, step: 1).unfold(dim: 1, size: 2, step: 1)
        #expect(patches.shape == [2, 2, 2, 2])
        #expect(try patches[.at(1), .at(1)].scalarsAsDoubles() == [5, 6, 8, 9])
    }

    /// PyTorch: "maximum size for tensor at dimension 0 is 3 but size is 4", "step is 0 but must
    /// be > 0".
    @Test func unfoldRefusesWindowsThatDoNotFit() {
        #expect(
            errorMessage { try nine.unfold(dim: 0, size: 4, step: 1) }
                == "maximum size for tensor at dimension 0 is 3 but size is 4")
        #expect(errorMessage { try nine.unfold(dim: 0, size: 2, step: 0) } == "step is 0 but must be > 0")
        #expect(errorMessage { try nine.unfold(dim: 0, size: -1, step: 1) } == "size is -1 but must be >= 0")
    }

    /// torch.trace docs: trace(arange(1., 10.).view(3, 3)) → 15; a non-square matrix sums its
    /// first min(rows, columns) diagonal entries (1 + 5 for the first two rows).
    @Test func trace() throws {
        #expect(try nine.trace().item() == 15)
        #expect(try nine.narrow(dim: 0, start: 0, length: 2).trace().item() == 6)
        #expect(
            errorMessage { try Tensor.zeros([2, 2, 2]).trace() }
                == "trace: expected a matrix, but got tensor with dim 3")
    }

    /// F.unfold docs: "weight.view(out, -1) @ unfold(input)" is the convolution; checked against
    /// our conv2d with stride, padding and dilation, and the output shape of the docs' example
    /// (input (2, 5, 3, 4), kernel (2, 3) → (2, 30, 4)).
    @Test func patchesAsColumnsAreTheConvolution() throws {
        var generator = SeededGenerator(seed: 15)
        #expect(
            try unfoldPatches(try Tensor.randn([2, 5, 3, 4], using: &generator), kernelSize: Size2D(2, 3))
                .shape == [2, 30, 4])
        let x = try Tensor.randn([1, 2, 7, 6], dtype: .float64, using: &generator)
        let w = try Tensor.randn([3, 2, 2, 3], dtype: .float64, using: &generator)
        let settings: [(stride: Size2D, padding: Size2D, dilation: Size2D)] = [
            (1, 0, 1), (2, 1, 1), (Size2D(1, 2), Size2D(2, 0), Size2D(2, 1)),
        ]
        for (stride, padding, dilation) in settings {
            let expected = try conv2d(x, w, stride: stride, padding: .explicit(padding), dilation: dilation)
            let columns = try unfoldPatches(
                x, kernelSize: Size2D(2, 3), dilation: dilation, padding: padding, stride: stride)
            let product = try Tensor.matmul(try w.reshape([3, -1]), columns).reshape(expected.shape)
            let difference = try (product - expected).abs().max().item()
            #expect(difference < 1e-12, "stride \(stride), padding \(padding), dilation \(dilation)")
        }
        #expect(errorMessage { try unfoldPatches(Tensor.zeros([1, 1, 2, 2]), kernelSize: 3) } != nil)
        #expect(errorMessage { try unfoldPatches(Tensor.zeros([2, 2]), kernelSize: 1) } != nil)
        #expect(errorMessage { try unfoldPatches(Tensor.zeros([1, 1, 4, 4]), kernelSize: 0) } != nil)
    }

    @Test func gradients() throws {
        var generator = SeededGenerator(seed: 16)
        let x = try Tensor.randn([3, 5], dtype: .float64, using: &generator)
        #expect(try gradcheck({ try $0[0].narrow(dim: 1, start: 1, length: 3) * 2 }, inputs: [x]) < 1e-6)
        // Overlapping windows: each element's gradient is the sum over the windows holding it.
        #expect(try gradcheck({ try $0[0].unfold(dim: 1, size: 3, step: 1) }, inputs: [x]) < 1e-6)
        #expect(try gradcheck({ try $0[0].unfold(dim: 0, size: 2, step: 2) }, inputs: [x]) < 1e-6)
        #expect(try gradcheck({ try $0[0].trace() }, inputs: [x]) < 1e-6)
        let images = try Tensor.randn([1, 2, 5, 4], dtype: .float64, using: &generator)
        #expect(
            try gradcheck(
                { try unfoldPatches($0[0], kernelSize: Size2D(2, 2), dilation: 2, padding: 1, stride: 1) },
                inputs: [images]) < 1e-6)
    }
}
