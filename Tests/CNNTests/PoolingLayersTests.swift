import Testing

@testable import CNN

@Suite struct PoolingLayersTests {
    /// On arange(16).reshape(1, 1, 4, 4), 2×2 windows by hand: max → [5, 7, 13, 15];
    /// mean → [2.5, 4.5, 10.5, 12.5]; global average → 7.5.
    @Test func poolsArange() throws {
        let x = try Tensor((0..<16).map(Float.init), shape: [1, 1, 4, 4])
        #expect(try MaxPool2d(kernelSize: 2)(x).scalarsAsFloats() == [5, 7, 13, 15])
        #expect(try AvgPool2d(kernelSize: 2)(x).scalarsAsFloats() == [2.5, 4.5, 10.5, 12.5])
        #expect(try AdaptiveAvgPool2d(1)(x).scalarsAsFloats() == [7.5])
        #expect(try AdaptiveAvgPool2d(1)(x).shape == [1, 1, 1, 1])
    }

    /// ceil_mode: 5 wide, kernel 2, stride 2 → ⌈(5 − 2)/2⌉ + 1 = 3 instead of 2.
    @Test func ceilMode() throws {
        let x = try Tensor.zeros([1, 1, 5, 5])
        #expect(try MaxPool2d(kernelSize: 2)(x).shape == [1, 1, 2, 2])
        #expect(try MaxPool2d(kernelSize: 2, ceilMode: true)(x).shape == [1, 1, 3, 3])
    }

    @Test func strideDefaultsToKernel() {
        #expect(MaxPool2d(kernelSize: 3).stride == 3)
        #expect(AvgPool2d(kernelSize: 2, stride: 1).stride == 1)
    }
}
