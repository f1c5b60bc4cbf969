import Testing

@testable import CNN

@Suite struct ReferencePool2dTests {
    /// A pooling geometry from a PyTorch fixture's keyword arguments (3-D inputs are one batch).
    static func geometry(_ c: TorchReference.Case) -> Pool2dGeometry {
        let shape = c.inputs["input"]!.shape
        let full = shape.count == 3 ? [1] + shape : shape
        let kernel = c.kwargs["kernel_size"]!.pair
        let stride = c.kwargs["stride"]?.pair ?? kernel
        let pad = c.kwargs["padding"]?.pair ?? (0, 0)
        let dilation = c.kwargs["dilation"]?.pair ?? (1, 1)
        return Pool2dGeometry(
            batch: full[0], channels: full[1], inHeight: full[2], inWidth: full[3],
            kernelHeight: kernel.0, kernelWidth: kernel.1, strideH: stride.0, strideW: stride.1,
            padH: pad.0, padW: pad.1, dilationH: dilation.0, dilationW: dilation.1,
            ceilMode: c.kwargs["ceil_mode"]?.bool ?? false)
    }

    static func maxPool(_ x: [Double], _ g: Pool2dGeometry) throws -> (values: [Double], indices: [Int]) {
        var indices = [Int](repeating: -2, count: g.outputShape.reduce(1, *))
        let values: [Double] = try KernelHarness.fill(indices.count) { out in
            try x.withUnsafeBufferPointer { x in
                try indices.withUnsafeMutableBufferPointer { idx in
                    try ReferencePool2d.maxForward(input: x, output: out, indices: idx, geometry: g)
                }
            }
        }
        return (values, indices)
    }

    static func maxPoolBackward(_ gy: [Double], _ indices: [Int], _ g: Pool2dGeometry) -> [Double] {
        KernelHarness.fill(g.batch * g.channels * g.inHeight * g.inWidth) { out in
            gy.with(indices) { gy, idx in
                ReferencePool2d.maxBackward(gradOutput: gy, indices: idx, gradInput: out, geometry: g)
            }
        }
    }

    static func avgPool(_ x: [Double], _ g: Pool2dGeometry, _ includePad: Bool, _ divisor: Int?) throws
        -> [Double]
    {
        try KernelHarness.fill(g.outputShape.reduce(1, *)) { out in
            try x.withUnsafeBufferPointer { x in
                try ReferencePool2d.avgForward(
                    input: x, output: out, geometry: g, countIncludePad: includePad, divisorOverride: divisor)
            }
        }
    }

    static func avgPoolBackward(_ gy: [Double], _ g: Pool2dGeometry, _ includePad: Bool, _ divisor: Int?)
        throws -> [Double]
    {
        try KernelHarness.fill(g.batch * g.channels * g.inHeight * g.inWidth) { out in
            try gy.withUnsafeBufferPointer { gy in
                try ReferencePool2d.avgBackward(
                    gradOutput: gy, gradInput: out, geometry: g, countIncludePad: includePad,
                    divisorOverride: divisor)
            }
        }
    }

    /// PyTorch's `pooling_output_shape` worked by hand: 5 with kernel 2, stride 2 → 2 (floor) or
    /// 3 (ceil); with padding 1 ceil gives ⌈6/2⌉+1 = 4, but that window would start at 6 ≥ 5 + 1,
    /// outside input and left padding, so PyTorch drops it → 3.
    @Test func ceilModeOutputSizes() {
        #expect(Pool2dGeometry.outputSize(5, 2, 2, 0, 1, false) == 2)
        #expect(Pool2dGeometry.outputSize(5, 2, 2, 0, 1, true) == 3)
        #expect(Pool2dGeometry.outputSize(5, 2, 2, 1, 1, true) == 3)
        #expect(Pool2dGeometry.outputSize(6, 3, 2, 1, 1, true) == 4)
    }

    /// CS231n assignment 2 "Max-Pooling: Naive forward": x = linspace(-0.3, 0.4, 2·3·4·4),
    /// 2×2 windows, stride 2; the notebook expects relative error < 1e-7 against `correct_out`.
    @Test func cs231nMaxPoolForwardNaive() throws {
        let x = (0..<96).map { -0.3 + 0.7 * Double($0) / 95 }
        let g = Pool2dGeometry(
            batch: 2, channels: 3, inHeight: 4, inWidth: 4, kernelHeight: 2, kernelWidth: 2, strideH: 2,
            strideW: 2)
        let correct: [Double] = [
            -0.26315789, -0.24842105, -0.20421053, -0.18947368,
            -0.14526316, -0.13052632, -0.08631579, -0.07157895,
            -0.02736842, -0.01263158, 0.03157895, 0.04631579,
            0.09052632, 0.10526316, 0.14947368, 0.16421053,
            0.20842105, 0.22315789, 0.26736842, 0.28210526,
            0.32631579, 0.34105263, 0.38526316, 0.4,
        ]
        #expect(KernelHarness.relativeError(try Self.maxPool(x, g).values, correct) < 1e-7)
    }

    /// Every `max_pool2d` case of the PyTorch fixture, forward and input gradient.
    @Test(arguments: TorchReference.cases("max_pool2d"))
    func maxPoolMatchesPyTorch(_ c: TorchReference.Case) throws {
        let g = Self.geometry(c)
        let (y, indices) = try Self.maxPool(c.inputs["input"]!.data, g)
        #expect(
            g.outputShape.suffix(c.output.shape.count - (c.output.shape.count == 3 ? 1 : 2))
                == c.output.shape.suffix(2))
        #expect(y == c.output.data)
        #expect(Self.maxPoolBackward(c.upstream!.data, indices, g) == c.grads!["input"]!.data)
    }

    /// Every `avg_pool2d` case of the PyTorch fixture, forward and input gradient.
    @Test(arguments: TorchReference.cases("avg_pool2d"))
    func avgPoolMatchesPyTorch(_ c: TorchReference.Case) throws {
        let g = Self.geometry(c)
        let include = c.kwargs["count_include_pad"]?.bool ?? true
        let divisor = c.kwargs["divisor_override"]?.int
        #expect(Array(g.outputShape) == c.output.shape)
        let y = try Self.avgPool(c.inputs["input"]!.data, g, include, divisor)
        #expect(KernelHarness.relativeError(y, c.output.data) < 1e-12)
        let gx = try Self.avgPoolBackward(c.upstream!.data, g, include, divisor)
        #expect(KernelHarness.relativeError(gx, c.grads!["input"]!.data) < 1e-12)
    }

    /// Every `adaptive_avg_pool2d` case of the PyTorch fixture, forward and input gradient.
    @Test(arguments: TorchReference.cases("adaptive_avg_pool2d"))
    func adaptiveMatchesPyTorch(_ c: TorchReference.Case) throws {
        let s = c.inputs["input"]!.shape
        let (oh, ow) = c.kwargs["output_size"]!.pair
        let y: [Double] = try KernelHarness.fill(s[0] * s[1] * oh * ow) { out in
            try c.inputs["input"]!.data.withUnsafeBufferPointer { x in
                try ReferencePool2d.adaptiveAvgForward(
                    input: x, output: out, planes: s[0] * s[1], inHeight: s[2], inWidth: s[3], outHeight: oh,
                    outWidth: ow)
            }
        }
        #expect(KernelHarness.relativeError(y, c.output.data) < 1e-12)
        let gx: [Double] = try KernelHarness.fill(s.reduce(1, *)) { out in
            try c.upstream!.data.withUnsafeBufferPointer { gy in
                try ReferencePool2d.adaptiveAvgBackward(
                    gradOutput: gy, gradInput: out, planes: s[0] * s[1], inHeight: s[2], inWidth: s[3],
                    outHeight: oh, outWidth: ow)
            }
        }
        #expect(KernelHarness.relativeError(gx, c.grads!["input"]!.data) < 1e-12)
    }

    /// Pooling backward by central differences, ceil_mode and padding included. Max pooling is
    /// smooth away from ties, which distinct random inputs avoid.
    @Test(arguments: [false, true])
    func gradientsMatchFiniteDifferences(ceilMode: Bool) throws {
        let g = Pool2dGeometry(
            batch: 2, channels: 2, inHeight: 7, inWidth: 6, kernelHeight: 3, kernelWidth: 2,
            strideH: 2, strideW: 2, padH: 1, padW: 1, dilationH: 1, dilationW: 1, ceilMode: ceilMode)
        let x = KernelHarness.values(2 * 2 * 7 * 6, seed: 21)
        let upstream = KernelHarness.values(g.outputShape.reduce(1, *), seed: 22)
        let (_, indices) = try Self.maxPool(x, g)
        let maxNumeric = KernelHarness.numericGradient(
            of: { try! Self.maxPool($0, g).values }, at: x, upstream: upstream)
        #expect(KernelHarness.relativeError(Self.maxPoolBackward(upstream, indices, g), maxNumeric) < 1e-6)
        for include in [true, false] {
            let numeric = KernelHarness.numericGradient(
                of: { try! Self.avgPool($0, g, include, nil) }, at: x, upstream: upstream)
            #expect(
                KernelHarness.relativeError(try Self.avgPoolBackward(upstream, g, include, nil), numeric)
                    < 1e-6)
        }
    }
}
