import Testing

@testable import CNN

@Suite struct ReferencePadTests {
    /// PyTorch's pad list `[left, right, top, bottom, front, back]` (last axis first) as per-axis
    /// before/after amounts in axis order.
    static func amounts(_ pad: [Int]) -> (before: [Int], after: [Int]) {
        let axes = pad.count / 2
        let pairs = (0..<axes).reversed().map { (pad[2 * $0], pad[2 * $0 + 1]) }
        return (pairs.map(\.0), pairs.map(\.1))
    }

    static func forward(_ x: [Double], shape: [Int], pad: [Int], mode: PadMode, value: Double = 0) -> [Double]
    {
        let (before, after) = amounts(pad)
        let inShape = Array(shape.suffix(before.count))
        let outer = shape.dropLast(before.count).reduce(1, *)
        let outPlane = zip(inShape, zip(before, after)).map { $0 + $1.0 + $1.1 }.reduce(1, *)
        return KernelHarness.fill(outer * outPlane) { out in
            x.withUnsafeBufferPointer { x in
                try! ReferencePad.forward(
                    input: x, output: out, inShape: inShape, before: before, after: after, mode: mode,
                    value: value)
            }
        }
    }

    static func backward(_ gy: [Double], shape: [Int], pad: [Int], mode: PadMode) -> [Double] {
        let (before, after) = amounts(pad)
        return KernelHarness.fill(shape.reduce(1, *)) { out in
            gy.withUnsafeBufferPointer { gy in
                try! ReferencePad.backward(
                    gradOutput: gy, gradInput: out, inShape: Array(shape.suffix(before.count)),
                    before: before, after: after, mode: mode)
            }
        }
    }

    /// The examples in `PadMode`'s documentation, worked by hand from PyTorch's definitions.
    @Test(arguments: [
        (PadMode.constant, [0.0, 0, 1, 2, 3, 0, 0]),
        (.reflect, [3, 2, 1, 2, 3, 2, 1]),
        (.replicate, [1, 1, 1, 2, 3, 3, 3]),
        (.circular, [2, 3, 1, 2, 3, 1, 2]),
    ])
    func documentedExamples(mode: PadMode, expected: [Double]) {
        #expect(Self.forward([1, 2, 3], shape: [1, 1, 3], pad: [2, 2], mode: mode) == expected)
    }

    /// Every `pad` case of the PyTorch fixture: forward values and input gradients.
    @Test(arguments: TorchReference.cases("pad"))
    func matchesPyTorch(_ c: TorchReference.Case) throws {
        let x = c.inputs["input"]!
        let mode = PadMode(rawValue: c.kwargs["mode"]?.string ?? "constant")!
        let pad = c.kwargs["pad"]!.list
        let y = Self.forward(
            x.data, shape: x.shape, pad: pad, mode: mode, value: c.kwargs["value"]?.double ?? 0)
        #expect(KernelHarness.relativeError(y, c.output.data) < 1e-12)
        let gx = Self.backward(c.upstream!.data, shape: x.shape, pad: pad, mode: mode)
        #expect(KernelHarness.relativeError(gx, c.grads!["input"]!.data) < 1e-12)
    }

    /// Backward of every mode by central differences, with asymmetric pads on two axes.
    @Test(arguments: PadMode.allCases)
    func gradientMatchesFiniteDifferences(mode: PadMode) {
        let shape = [2, 3, 4]
        let pad = [2, 1, 0, 2]
        let x = KernelHarness.values(24, seed: 11)
        let upstream = KernelHarness.values(
            Self.forward(x, shape: shape, pad: pad, mode: mode).count, seed: 12)
        let numeric = KernelHarness.numericGradient(
            of: { Self.forward($0, shape: shape, pad: pad, mode: mode, value: 0.5) }, at: x,
            upstream: upstream)
        let analytic = Self.backward(upstream, shape: shape, pad: pad, mode: mode)
        #expect(KernelHarness.relativeError(analytic, numeric) < 1e-6)
    }
}
