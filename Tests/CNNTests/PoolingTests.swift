import Testing

@testable import CNN

/// `maxPool2d`, `avgPool2d` and `adaptiveAvgPool2d` through the Tensor API.
@Suite struct PoolingTests {
    /// Every pooling case of the PyTorch fixture, ceil_mode and its last-window rule included.
    @Test(
        arguments: TorchReference.cases("max_pool2d") + TorchReference.cases("avg_pool2d")
            + TorchReference.cases("adaptive_avg_pool2d"))
    func matchesPyTorch(_ c: TorchReference.Case) throws { try FixtureCalls.verify(c) }

    /// Backward by central differences with padding, stride and ceil_mode; max pooling's inputs
    /// are distinct, so no window has a tie and the function is smooth around them.
    @Test(arguments: [false, true])
    func gradcheckWithCeilMode(ceilMode: Bool) throws {
        var generator = SeededGenerator(seed: 5)
        let x = try Tensor.randn([2, 2, 7, 6], dtype: .float64, using: &generator)
        #expect(
            try gradcheck(
                {
                    try maxPool2d(
                        $0, kernelSize: [3, 2], stride: 2, padding: 1, dilation: [1, 2], ceilMode: ceilMode)
                },
                input: x) < 1e-6)
        for include in [true, false] {
            #expect(
                try gradcheck(
                    {
                        try avgPool2d(
                            $0, kernelSize: 3, stride: 2, padding: 1, ceilMode: ceilMode,
                            countIncludePad: include)
                    },
                    input: x) < 1e-6)
        }
        #expect(try gradcheck({ try adaptiveAvgPool2d($0, outputSize: [3, 4]) }, input: x) < 1e-6)
    }

    /// CS231n assignment 2 "Max-Pooling: Naive forward" through the Tensor API (float32).
    @Test func cs231nMaxPool() throws {
        let x = try Tensor.linspace(-0.3, 0.4, steps: 96).reshape([2, 3, 4, 4])
        let y = try maxPool2d(x, kernelSize: 2, stride: 2)
        #expect(y.shape == [2, 3, 2, 2])
        #expect(abs(y.scalarsAsDoubles()[0] - -0.26315789) < 1e-6)
        #expect(abs(y.scalarsAsDoubles()[23] - 0.4) < 1e-6)
    }

    @Test func misuseIsExplained() throws {
        let x = try Tensor.zeros([1, 1, 3, 3])
        #expect(
            errorMessage { try maxPool2d(x, kernelSize: 5) }
                == "max_pool2d kernel 5×5 is larger than the padded input 3×3")
        #expect(
            errorMessage { try maxPool2d(x, kernelSize: 3, padding: 2) }
                == "max_pool2d padding 2 is more than half the kernel size 3: padding may be at most 1")
        #expect(
            errorMessage { try maxPool2d(Tensor.zeros([3, 3]), kernelSize: 2) }
                == "max_pool2d expects input [batch, channels, height, width] or [channels, height, width], got [3, 3]"
        )
        #expect(
            errorMessage { try avgPool2d(x, kernelSize: 0) }
                == "avg_pool2d kernel_size must be at least 1, got 0")
        #expect(
            errorMessage { try avgPool2d(x, kernelSize: 2, divisorOverride: 0) }
                == "avg_pool2d divisor_override must not be zero")
        #expect(
            errorMessage { try maxPool2d(x, kernelSize: 2, dilation: 3) }
                == "max_pool2d kernel 2×2 with dilation 3 spans 4×4, which is larger than the padded input 3×3"
        )
    }
}
