import Foundation
import Testing

@testable import CNN

@Suite struct ReferenceConv2dTests {
    static func forward(_ x: [Double], _ w: [Double], _ g: Conv2dGeometry) throws -> [Double] {
        try forward(x, w, nil, g)
    }

    static func forward(
        _ x: [Double], _ w: [Double], _ b: [Double]?, _ g: Conv2dGeometry
    ) throws -> [Double] {
        try KernelHarness.fill(g.outputShape.reduce(1, *)) { out in
            try x.with(w) { x, w in
                if let b {
                    try b.withUnsafeBufferPointer { b in
                        try ReferenceConv2d.forward(input: x, weight: w, bias: b, output: out, geometry: g)
                    }
                } else {
                    try ReferenceConv2d.forward(input: x, weight: w, bias: nil, output: out, geometry: g)
                }
            }
        }
    }

    static func geometry(
        _ n: Int, _ c: Int, _ h: Int, _ w: Int, k: Int, kernel: (Int, Int), stride: (Int, Int) = (1, 1),
        pad: (Int, Int, Int, Int) = (0, 0, 0, 0), dilation: (Int, Int) = (1, 1), groups: Int = 1
    ) -> Conv2dGeometry {
        Conv2dGeometry(
            batch: n, inChannels: c, inHeight: h, inWidth: w, outChannels: k,
            kernelHeight: kernel.0, kernelWidth: kernel.1, strideH: stride.0, strideW: stride.1,
            padTop: pad.0, padBottom: pad.1, padLeft: pad.2, padRight: pad.3,
            dilationH: dilation.0, dilationW: dilation.1, groups: groups)
    }

    /// ONNX operator spec, `Conv` examples `conv` / `conv_with_padding` (onnx/docs/Operators.md):
    /// x = arange(25) as 1×1×5×5, W = ones 1×1×3×3.
    @Test func onnxConvExample() throws {
        let x = (0..<25).map(Double.init)
        let w = [Double](repeating: 1, count: 9)
        #expect(
            try Self.forward(x, w, Self.geometry(1, 1, 5, 5, k: 1, kernel: (3, 3))) == [
                54, 63, 72, 99, 108, 117, 144, 153, 162,
            ])
        let padded = try Self.forward(
            x, w, Self.geometry(1, 1, 5, 5, k: 1, kernel: (3, 3), pad: (1, 1, 1, 1)))
        #expect(
            padded == [
                12, 21, 27, 33, 24, 33, 54, 63, 72, 51, 63, 99, 108, 117, 81,
                93, 144, 153, 162, 111, 72, 111, 117, 123, 84,
            ])
    }

    /// ONNX operator spec, `Conv` examples `conv_with_strides_padding` and
    /// `conv_with_strides_no_padding`: x = arange(35) as 1×1×7×5, W = ones 3×3, strides 2.
    @Test func onnxStridedExamples() throws {
        let x = (0..<35).map(Double.init)
        let w = [Double](repeating: 1, count: 9)
        let padded = Self.geometry(1, 1, 7, 5, k: 1, kernel: (3, 3), stride: (2, 2), pad: (1, 1, 1, 1))
        #expect(try Self.forward(x, w, padded) == [12, 27, 24, 63, 108, 81, 123, 198, 141, 112, 177, 124])
        let unpadded = Self.geometry(1, 1, 7, 5, k: 1, kernel: (3, 3), stride: (2, 2))
        #expect(try Self.forward(x, w, unpadded) == [54, 72, 144, 162, 234, 252])
    }

    /// d2l.ai §7.2 "Convolutions for Images", `corr2d(X, K)` with X = arange(9) 3×3 and
    /// K = [[0, 1], [2, 3]] → [[19, 25], [37, 43]] (cross-correlation: the kernel is not flipped).
    @Test func d2lCorr2d() throws {
        let out = try Self.forward(
            (0..<9).map(Double.init), [0, 1, 2, 3], Self.geometry(1, 1, 3, 3, k: 1, kernel: (2, 2)))
        #expect(out == [19, 25, 37, 43])
    }

    /// CS231n assignment 2, `ConvolutionalNetworks.ipynb` "Convolution: Naive forward pass":
    /// x = linspace(-0.1, 0.5, 2·3·4·4), w = linspace(-0.2, 0.3, 3·3·4·4), b = linspace(-0.1, 0.2, 3),
    /// stride 2, pad 1; the notebook expects relative error < 1e-7 against `correct_out`.
    @Test func cs231nConvForwardNaive() throws {
        func linspace(_ a: Double, _ b: Double, _ n: Int) -> [Double] {
            (0..<n).map { a + (b - a) * Double($0) / Double(n - 1) }
        }
        let out = try Self.forward(
            linspace(-0.1, 0.5, 96), linspace(-0.2, 0.3, 144), linspace(-0.1, 0.2, 3),
            Self.geometry(2, 3, 4, 4, k: 3, kernel: (4, 4), stride: (2, 2), pad: (1, 1, 1, 1)))
        let correct: [Double] = [
            -0.08759809, -0.10987781, -0.18387192, -0.2109216,
            0.21027089, 0.21661097, 0.22847626, 0.23004637,
            0.50813986, 0.54309974, 0.64082444, 0.67101435,
            -0.98053589, -1.03143541, -1.19128892, -1.24695841,
            0.69108355, 0.66880383, 0.59480972, 0.56776003,
            2.36270298, 2.36904306, 2.38090835, 2.38247847,
        ]
        #expect(KernelHarness.relativeError(out, correct) < 1e-7)
    }

    /// Forward shapes that exercise every index term, with gradients checked by central
    /// differences in Double: CS231n's relative error < 1e-6 for input, weight and bias.
    @Test(arguments: [
        geometry(2, 3, 5, 6, k: 4, kernel: (3, 3)),
        geometry(1, 2, 7, 6, k: 3, kernel: (3, 2), stride: (2, 3), pad: (1, 2, 0, 1)),
        geometry(2, 2, 8, 7, k: 2, kernel: (3, 3), pad: (2, 2, 2, 2), dilation: (2, 3)),
        geometry(1, 4, 5, 5, k: 6, kernel: (2, 3), stride: (1, 2), pad: (0, 1, 1, 1), groups: 2),
        geometry(2, 3, 4, 4, k: 3, kernel: (1, 1), groups: 3),
    ])
    func gradientsMatchFiniteDifferences(_ g: Conv2dGeometry) throws {
        let x = KernelHarness.values(g.inputShape.reduce(1, *), seed: 1)
        let w = KernelHarness.values(g.weightShape.reduce(1, *), seed: 2)
        let b = KernelHarness.values(g.outChannels, seed: 3)
        let upstream = KernelHarness.values(g.outputShape.reduce(1, *), seed: 4)

        let gradInput: [Double] = try KernelHarness.fill(x.count) { out in
            try upstream.with(w) { u, w in
                try ReferenceConv2d.backwardInput(gradOutput: u, weight: w, gradInput: out, geometry: g)
            }
        }
        let gradWeight: [Double] = try KernelHarness.fill(w.count) { out in
            try upstream.with(x) { u, x in
                try ReferenceConv2d.backwardWeight(gradOutput: u, input: x, gradWeight: out, geometry: g)
            }
        }
        let gradBias: [Double] = KernelHarness.fill(b.count) { out in
            upstream.withUnsafeBufferPointer { u in
                ReferenceConv2d.backwardBias(gradOutput: u, gradBias: out, geometry: g)
            }
        }
        let numericInput = KernelHarness.numericGradient(
            of: { try! Self.forward($0, w, b, g) }, at: x, upstream: upstream)
        let numericWeight = KernelHarness.numericGradient(
            of: { try! Self.forward(x, $0, b, g) }, at: w, upstream: upstream)
        let numericBias = KernelHarness.numericGradient(
            of: { try! Self.forward(x, w, $0, g) }, at: b, upstream: upstream)
        #expect(KernelHarness.relativeError(gradInput, numericInput) < 1e-6)
        #expect(KernelHarness.relativeError(gradWeight, numericWeight) < 1e-6)
        #expect(KernelHarness.relativeError(gradBias, numericBias) < 1e-6)
    }

    /// The same loop in Float32 agrees with Float64 to Float32 precision.
    @Test func float32MatchesFloat64() throws {
        let g = Self.geometry(2, 4, 6, 5, k: 4, kernel: (3, 3), stride: (2, 1), pad: (1, 1, 1, 1), groups: 2)
        let x = KernelHarness.values(g.inputShape.reduce(1, *), seed: 5)
        let w = KernelHarness.values(g.weightShape.reduce(1, *), seed: 6)
        let single: [Float] = try KernelHarness.fill(g.outputShape.reduce(1, *)) { out in
            try x.map(Float.init).with(w.map(Float.init)) { x, w in
                try ReferenceConv2d.forward(input: x, weight: w, bias: nil, output: out, geometry: g)
            }
        }
        let double = try Self.forward(x, w, g)
        #expect(KernelHarness.relativeError(single.map(Double.init), double) < 1e-5)
    }

    /// The two conv paths agree: the fast Float32 kernels (`conv2dForward`, `…BackwardInput`,
    /// `…BackwardWeight`: im2col/GEMM/Winograd) against this reference loop in Double, over 240
    /// seeded random configurations (odd sizes, asymmetric padding, stride, dilation, groups).
    /// Error is normwise, `max|fast − reference| / max|reference|`, below 1e-5.
    @Test(arguments: 0..<4)
    func agreesWithFastPathOnRandomConfigurations(block: UInt64) throws {
        var random = SeededGenerator(seed: 0x5EED_0000 + block)
        func pick(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
        var checked = 0
        while checked < 60 {
            let groups = [1, 1, 2, 3].randomElement(using: &random)!
            let g = Self.geometry(
                pick(1...3), groups * pick(1...3), pick(1...12), pick(1...12), k: groups * pick(1...3),
                kernel: (pick(1...5), pick(1...5)), stride: (pick(1...3), pick(1...3)),
                pad: (pick(0...2), pick(0...2), pick(0...2), pick(0...2)),
                dilation: (pick(1...2), pick(1...2)),
                groups: groups)
            guard g.outHeight > 0 && g.outWidth > 0 else { continue }
            checked += 1
            let x = KernelHarness.values(g.inputShape.reduce(1, *), seed: random.next())
            let w = KernelHarness.values(g.weightShape.reduce(1, *), seed: random.next())
            let b = KernelHarness.values(g.outChannels, seed: random.next())
            let gy = KernelHarness.values(g.outputShape.reduce(1, *), seed: random.next())
            let (xf, wf, bf, gyf) = (
                x.map(Float.init), w.map(Float.init), b.map(Float.init), gy.map(Float.init)
            )

            let reference = try Self.forward(x, w, b, g)
            let fast: [Float] = try KernelHarness.fill(reference.count) { out in
                try xf.with(wf) { x, w in
                    try bf.withUnsafeBufferPointer { b in
                        try conv2dForward(input: x, weight: w, bias: b, output: out, geometry: g)
                    }
                }
            }
            let referenceGradInput: [Double] = try KernelHarness.fill(x.count) { out in
                try gy.with(w) { gy, w in
                    try ReferenceConv2d.backwardInput(gradOutput: gy, weight: w, gradInput: out, geometry: g)
                }
            }
            let fastGradInput: [Float] = try KernelHarness.fill(x.count) { out in
                try gyf.with(wf) { gy, w in
                    try conv2dBackwardInput(gradOutput: gy, weight: w, gradInput: out, geometry: g)
                }
            }
            let referenceGradWeight: [Double] = try KernelHarness.fill(w.count) { out in
                try gy.with(x) { gy, x in
                    try ReferenceConv2d.backwardWeight(gradOutput: gy, input: x, gradWeight: out, geometry: g)
                }
            }
            var fastGradBias = [Float](repeating: .nan, count: b.count)
            let fastGradWeight: [Float] = try KernelHarness.fill(w.count) { out in
                try xf.with(gyf) { x, gy in
                    try fastGradBias.withUnsafeMutableBufferPointer { gb in
                        try conv2dBackwardWeight(
                            input: x, gradOutput: gy, gradWeight: out, gradBias: gb, geometry: g)
                    }
                }
            }
            let referenceGradBias: [Double] = KernelHarness.fill(b.count) { out in
                gy.withUnsafeBufferPointer {
                    ReferenceConv2d.backwardBias(gradOutput: $0, gradBias: out, geometry: g)
                }
            }
            func normwise(_ a: [Float], _ b: [Double]) -> Double {
                let scale = max(b.map { Swift.abs($0) }.max() ?? 0, 1e-12)
                return zip(a, b).map { Swift.abs(Double($0) - $1) }.max()! / scale
            }
            #expect(normwise(fast, reference) < 1e-5, "forward \(g)")
            #expect(normwise(fastGradInput, referenceGradInput) < 1e-5, "input gradient \(g)")
            #expect(normwise(fastGradWeight, referenceGradWeight) < 1e-5, "weight gradient \(g)")
            #expect(normwise(fastGradBias, referenceGradBias) < 1e-5, "bias gradient \(g)")
        }
    }
}
