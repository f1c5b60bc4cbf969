import Testing

@testable import CNN

@Suite struct Conv2dGeometryTests {
    /// Output sizes from PyTorch's Conv2d docs formula, evaluated by hand for each row:
    /// ⌊(in + pads − dilation·(k−1) − 1)/stride⌋ + 1.
    @Test(arguments: [
        (5, 0, 3, 1, 1, 3),  // ONNX Conv example: 5×5, 3×3 kernel, no padding → 3×3
        (5, 2, 3, 1, 1, 5),  // padding 1 each side → 5×5
        (7, 2, 3, 2, 1, 4),  // ONNX Conv stride-2 example with padding 1 → 4
        (7, 0, 3, 2, 1, 3),  // stride 2 without padding → 3
        (8, 0, 3, 1, 2, 4),  // dilation 2: effective kernel 5 → 4
        (2, 0, 3, 1, 1, 0),  // kernel larger than input → 0 (callers reject)
    ])
    func outputSize(input: Int, totalPad: Int, kernel: Int, stride: Int, dilation: Int, expected: Int) {
        #expect(Conv2dGeometry.outputSize(input, totalPad, kernel, stride, dilation) == expected)
    }
}
