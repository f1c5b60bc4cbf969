import Testing

@testable import CNN

@Suite struct Conv2dLayerTests {
    /// A 3×3 all-ones kernel over x = arange(9).reshape(3, 3) with padding 1 in each mode. Expected
    /// values from numpy, whose pad modes match PyTorch's (reflect = 'reflect', replicate = 'edge',
    /// circular = 'wrap', zeros = 'constant'):
    ///   sliding_window_view(np.pad(x, 1, mode=m), (3, 3)).sum(axis=(2, 3))
    @Test(arguments: [
        (Conv2d.PaddingMode.zeros, [8, 15, 12, 21, 36, 27, 20, 33, 24] as [Float]),
        (.reflect, [24, 27, 30, 33, 36, 39, 42, 45, 48]),
        (.replicate, [12, 18, 24, 30, 36, 42, 48, 54, 60]),
        (.circular, [36, 36, 36, 36, 36, 36, 36, 36, 36]),
    ])
    func paddingModes(mode: Conv2d.PaddingMode, expected: [Float]) throws {
        var generator = SeededGenerator(seed: 1)
        let conv = try Conv2d(
            1, 1, kernelSize: 3, padding: 1, bias: false, paddingMode: mode, using: &generator)
        try conv.weight.assign(Tensor.ones([1, 1, 3, 3]))
        let x = try Tensor((0..<9).map(Float.init), shape: [1, 1, 3, 3])
        // The fast float32 kernels may reorder sums (Winograd), so compare to a float32 tolerance.
        let y = try conv(x).scalarsAsFloats()
        #expect(zip(y, expected).allSatisfy { abs($0 - $1) <= 1e-4 * max(1, abs($1)) }, "\(y)")
    }

    /// 'same' with an even kernel pads after (PyTorch's split): 2×2 ones over arange(16) 4×4 with
    /// reflect → numpy sliding_window_view(np.pad(x, ((0, 1), (0, 1)), mode='reflect'), (2, 2)).sum(…).
    @Test func sameWithEvenKernelAndReflect() throws {
        var generator = SeededGenerator(seed: 2)
        let conv = try Conv2d(
            1, 1, kernelSize: 2, padding: .same, bias: false, paddingMode: .reflect, using: &generator)
        #expect(conv.sidePadding == (0, 1, 0, 1))
        try conv.weight.assign(Tensor.ones([1, 1, 2, 2]))
        let x = try Tensor((0..<16).map(Float.init), shape: [1, 1, 4, 4])
        #expect(
            try conv(x).scalarsAsFloats() == [
                10, 14, 18, 18, 26, 30, 34, 34, 42, 46, 50, 50, 42, 46, 50, 50,
            ])
    }

    /// Output sizes from PyTorch's formula, worked by hand: 8×8, k 3, stride 2, padding 1 →
    /// ⌊(8 + 2 − 2 − 1)/2⌋ + 1 = 4; dilation 2, k 3, no padding → 8 − 4 = 4; groups keep channels.
    @Test func shapesAndParameters() throws {
        var generator = SeededGenerator(seed: 3)
        let strided = try Conv2d(4, 8, kernelSize: 3, stride: 2, padding: 1, using: &generator)
        #expect(try strided(Tensor.zeros([2, 4, 8, 8])).shape == [2, 8, 4, 4])
        #expect(strided.parameterCount == 8 * 4 * 9 + 8)
        #expect(strided.namedParameters.map(\.name) == ["weight", "bias"])
        let dilated = try Conv2d(4, 8, kernelSize: 3, dilation: 2, bias: false, using: &generator)
        #expect(try dilated(Tensor.zeros([1, 4, 8, 8])).shape == [1, 8, 4, 4])
        let depthwise = try Conv2d(4, 4, kernelSize: 3, padding: .same, groups: 4, using: &generator)
        #expect(depthwise.weight.shape == [4, 1, 3, 3])
        #expect(try depthwise(Tensor.zeros([1, 4, 5, 5])).shape == [1, 4, 5, 5])
    }

    /// PyTorch's default init: weights and biases within ±1/√fanIn, fanIn = 4·3·3 = 36.
    @Test func defaultInitialisationBounds() throws {
        var generator = SeededGenerator(seed: 4)
        let conv = try Conv2d(4, 64, kernelSize: 3, using: &generator)
        let bound: Float = 1 / 6
        #expect(conv.weight.value.scalarsAsFloats().allSatisfy { abs($0) <= bound })
        #expect(conv.bias!.value.scalarsAsFloats().allSatisfy { abs($0) <= bound })
    }

    /// PyTorch's module checks and its repr, e.g. `Conv2d(1, 8, kernel_size=(3, 3), stride=(1, 1),
    /// padding=(1, 1))`.
    @Test func checksAndPrintout() throws {
        var generator = SeededGenerator(seed: 5)
        #expect(throws: CNNError.argument("padding='same' is not supported for strided convolutions")) {
            try Conv2d(1, 8, kernelSize: 3, stride: 2, padding: .same, using: &generator)
        }
        #expect(throws: CNNError.argument("in_channels must be divisible by groups")) {
            try Conv2d(3, 6, kernelSize: 3, groups: 2, using: &generator)
        }
        let conv = try Conv2d(1, 8, kernelSize: 3, padding: 1, using: &generator)
        #expect(conv.description == "Conv2d(1, 8, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))")
        let plain = try Conv2d(16, 32, kernelSize: 1, stride: 2, bias: false, using: &generator)
        #expect(plain.description == "Conv2d(16, 32, kernel_size=(1, 1), stride=(2, 2), bias=False)")
    }

    @Test func wrongInputShapeThrows() throws {
        var generator = SeededGenerator(seed: 6)
        let conv = try Conv2d(3, 8, kernelSize: 3, using: &generator)
        #expect(throws: CNNError.self) { try conv(Tensor.zeros([1, 1, 8, 8])) }
    }
}
