import Testing

@testable import CNN

/// The textbook convolution the fast kernels are checked against, in Double, written straight
/// from PyTorch's Conv2d definition: `out[n,k,y,x] = b[k] + Σ_{c,r,s} w[k,c,r,s] ·
/// in[n, g·C/G + c, y·sH − pT + r·dH, x·sW − pL + s·dW]` (zero outside the image).
/// Its two gradients are the same sum read backwards, so one loop serves all three.
enum ReferenceConv {
    /// Calls `visit(outputIndex, inputIndex, weightIndex)` for every term of the sum above.
    static func forEachTerm(_ g: Conv2dGeometry, _ visit: (Int, Int, Int) -> Void) {
        let (cg, kg) = (g.inChannelsPerGroup, g.outChannelsPerGroup)
        for n in 0..<g.batch {
            for k in 0..<g.outChannels {
                let group = k / kg
                for y in 0..<g.outHeight {
                    for x in 0..<g.outWidth {
                        let o = ((n * g.outChannels + k) * g.outHeight + y) * g.outWidth + x
                        for c in 0..<cg {
                            for r in 0..<g.kernelHeight {
                                let ih = y * g.strideH - g.padTop + r * g.dilationH
                                guard ih >= 0 && ih < g.inHeight else { continue }
                                for s in 0..<g.kernelWidth {
                                    let iw = x * g.strideW - g.padLeft + s * g.dilationW
                                    guard iw >= 0 && iw < g.inWidth else { continue }
                                    let channel = group * cg + c
                                    let i = ((n * g.inChannels + channel) * g.inHeight + ih) * g.inWidth + iw
                                    let w = ((k * cg + c) * g.kernelHeight + r) * g.kernelWidth + s
                                    visit(o, i, w)
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    static func forward(_ g: Conv2dGeometry, input: [Float], weight: [Float], bias: [Float]?) -> [Double] {
        var out = [Double](repeating: 0, count: g.outputShape.reduce(1, *))
        forEachTerm(g) { o, i, w in out[o] += Double(weight[w]) * Double(input[i]) }
        if let bias {
            let plane = g.outHeight * g.outWidth
            for o in out.indices { out[o] += Double(bias[(o / plane) % g.outChannels]) }
        }
        return out
    }

    static func backwardInput(_ g: Conv2dGeometry, gradOutput: [Float], weight: [Float]) -> [Double] {
        var grad = [Double](repeating: 0, count: g.inputShape.reduce(1, *))
        forEachTerm(g) { o, i, w in grad[i] += Double(weight[w]) * Double(gradOutput[o]) }
        return grad
    }

    static func backwardWeight(
        _ g: Conv2dGeometry, input: [Float], gradOutput: [Float]
    ) -> (weight: [Double], bias: [Double]) {
        var grad = [Double](repeating: 0, count: g.weightShape.reduce(1, *))
        forEachTerm(g) { o, i, w in grad[w] += Double(input[i]) * Double(gradOutput[o]) }
        var bias = [Double](repeating: 0, count: g.outChannels)
        let plane = g.outHeight * g.outWidth
        for o in gradOutput.indices { bias[(o / plane) % g.outChannels] += Double(gradOutput[o]) }
        return (grad, bias)
    }
}

@Suite struct FastConvReferenceTests {
    /// The ONNX operator spec's Conv example (onnx/docs/Operators.md, "conv"): input
    /// `arange(25).reshape(1,1,5,5)`, weight `ones(1,1,3,3)`; with pads 1 it gives `y_with_padding`,
    /// without, `y_without_padding`.
    @Test func onnxConvExample() {
        let input = (0..<25).map(Float.init)
        let weight = [Float](repeating: 1, count: 9)
        let padded = Conv2dGeometry(
            batch: 1, inChannels: 1, inHeight: 5, inWidth: 5, outChannels: 1, kernelHeight: 3,
            kernelWidth: 3, padTop: 1, padBottom: 1, padLeft: 1, padRight: 1)
        #expect(
            ReferenceConv.forward(padded, input: input, weight: weight, bias: nil) == [
                12, 21, 27, 33, 24, 33, 54, 63, 72, 51, 63, 99, 108, 117, 81,
                93, 144, 153, 162, 111, 72, 111, 117, 123, 84,
            ])
        let unpadded = Conv2dGeometry(
            batch: 1, inChannels: 1, inHeight: 5, inWidth: 5, outChannels: 1, kernelHeight: 3,
            kernelWidth: 3)
        #expect(
            ReferenceConv.forward(unpadded, input: input, weight: weight, bias: nil)
                == [54, 63, 72, 99, 108, 117, 144, 153, 162])
        var fast = [Float](repeating: .nan, count: 25)
        input.withUnsafeBufferPointer { x in
            weight.withUnsafeBufferPointer { w in
                fast.withUnsafeMutableBufferPointer { y in
                    try! conv2dForward(input: x, weight: w, bias: nil, output: y, geometry: padded)
                }
            }
        }
        #expect(
            fast == [
                12, 21, 27, 33, 24, 33, 54, 63, 72, 51, 63, 99, 108, 117, 81,
                93, 144, 153, 162, 111, 72, 111, 117, 123, 84,
            ])
    }

    /// d2l.ai §7.2 `corr2d` example: `X = arange(9).reshape(3,3)`, `K = [[0,1],[2,3]]` →
    /// `[[19,25],[37,43]]`.
    @Test func d2lCorr2dExample() {
        let g = Conv2dGeometry(
            batch: 1, inChannels: 1, inHeight: 3, inWidth: 3, outChannels: 1, kernelHeight: 2,
            kernelWidth: 2)
        let input = (0..<9).map(Float.init)
        #expect(ReferenceConv.forward(g, input: input, weight: [0, 1, 2, 3], bias: nil) == [19, 25, 37, 43])
    }
}
