import CNN
import Testing

/// `convTranspose2d` and the `ConvTranspose2d` layer against the operation's definition, written
/// out here as loops: every input pixel adds its value times the kernel into the full output,
/// windows `stride` apart and taps `dilation` apart; `padding` crops the full output on every
/// side and `output_padding` adds rows and columns at the bottom and right. PyTorch's own values
/// for the same calls are in the differential suite (`Differential/snippets.txt`, group
/// "upsampling", made with torch 2.15).
@Suite struct ConvTranspose2dTests {
    /// The definition, in Double: `[N, in, H, W]` and `[in, out/groups, kH, kW]`.
    static func scattered(
        _ x: Tensor, _ w: Tensor, bias: [Double]? = nil, stride: (Int, Int), padding: (Int, Int),
        outputPadding: (Int, Int), groups: Int, dilation: (Int, Int)
    ) throws -> [Double] {
        let (n, inC, h, wd) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let (perGroupOut, kh, kw) = (w.shape[1], w.shape[2], w.shape[3])
        let outC = perGroupOut * groups
        let perGroupIn = inC / groups
        let fullH = (h - 1) * stride.0 + dilation.0 * (kh - 1) + 1 + outputPadding.0
        let fullW = (wd - 1) * stride.1 + dilation.1 * (kw - 1) + 1 + outputPadding.1
        let (xs, ws) = (x.scalarsAsDoubles(), w.scalarsAsDoubles())
        var full = [Double](repeating: 0, count: n * outC * fullH * fullW)
        for b in 0..<n {
            for c in 0..<inC {
                let group = c / perGroupIn
                for i in 0..<h {
                    for j in 0..<wd {
                        let v = xs[((b * inC + c) * h + i) * wd + j]
                        for o in 0..<perGroupOut {
                            for p in 0..<kh {
                                for q in 0..<kw {
                                    let (r, s) = (
                                        i * stride.0 + p * dilation.0, j * stride.1 + q * dilation.1
                                    )
                                    let oc = group * perGroupOut + o
                                    full[((b * outC + oc) * fullH + r) * fullW + s] +=
                                        v * ws[((c * perGroupOut + o) * kh + p) * kw + q]
                                }
                            }
                        }
                    }
                }
            }
        }
        let (outH, outW) = (fullH - 2 * padding.0, fullW - 2 * padding.1)
        var result: [Double] = []
        for b in 0..<n {
            for oc in 0..<outC {
                for r in 0..<outH {
                    for s in 0..<outW {
                        result.append(
                            full[((b * outC + oc) * fullH + r + padding.0) * fullW + s + padding.1]
                                + (bias?[oc] ?? 0))
                    }
                }
            }
        }
        return result
    }

    struct Setting: Sendable, CustomTestStringConvertible {
        let input: [Int]
        let weight: [Int]
        let stride: (Int, Int)
        let padding: (Int, Int)
        let outputPadding: (Int, Int)
        let groups: Int
        let dilation: (Int, Int)
        var testDescription: String {
            "x\(input) w\(weight) s\(stride) p\(padding) op\(outputPadding) g\(groups) d\(dilation)"
        }
    }

    static let settings: [Setting] = [
        Setting(
            input: [1, 2, 3, 3], weight: [2, 3, 2, 2], stride: (1, 1), padding: (0, 0), outputPadding: (0, 0),
            groups: 1, dilation: (1, 1)),
        Setting(
            input: [2, 2, 3, 2], weight: [2, 1, 3, 3], stride: (2, 2), padding: (1, 1), outputPadding: (1, 1),
            groups: 1, dilation: (1, 1)),
        Setting(
            input: [1, 4, 2, 3], weight: [4, 3, 2, 3], stride: (3, 1), padding: (0, 1), outputPadding: (2, 0),
            groups: 2, dilation: (1, 2)),
        Setting(
            input: [1, 1, 4, 4], weight: [1, 2, 3, 3], stride: (1, 2), padding: (2, 0), outputPadding: (1, 1),
            groups: 1, dilation: (2, 1)),
        // More padding than the dilated kernel: the crop reaches into the spread input.
        Setting(
            input: [1, 1, 4, 4], weight: [1, 1, 2, 2], stride: (2, 2), padding: (2, 2), outputPadding: (0, 1),
            groups: 1, dilation: (1, 1)),
    ]

    @Test(arguments: settings) func matchesTheDefinition(_ setting: Setting) throws {
        var generator = SeededGenerator(seed: 31)
        let x = try Tensor.randn(setting.input, dtype: .float64, using: &generator)
        let w = try Tensor.randn(setting.weight, dtype: .float64, using: &generator)
        let outChannels = setting.weight[1] * setting.groups
        let bias = (0..<outChannels).map { Double($0) / 4 - 0.3 }
        let y = try convTranspose2d(
            x, w, bias: Tensor(bias, shape: [outChannels], dtype: .float64),
            stride: Size2D(setting.stride.0, setting.stride.1),
            padding: Size2D(setting.padding.0, setting.padding.1),
            outputPadding: Size2D(setting.outputPadding.0, setting.outputPadding.1), groups: setting.groups,
            dilation: Size2D(setting.dilation.0, setting.dilation.1))
        let expected = try Self.scattered(
            x, w, bias: bias, stride: setting.stride, padding: setting.padding,
            outputPadding: setting.outputPadding, groups: setting.groups, dilation: setting.dilation)
        #expect(y.count == expected.count)
        let worst = zip(y.scalarsAsDoubles(), expected).map { abs($0 - $1) }.max() ?? .infinity
        #expect(worst < 1e-12)
    }

    @Test(arguments: settings) func gradientsMatchFiniteDifferences(_ setting: Setting) throws {
        var generator = SeededGenerator(seed: 32)
        let x = try Tensor.randn(setting.input, dtype: .float64, using: &generator)
        let w = try Tensor.randn(setting.weight, dtype: .float64, using: &generator)
        let b = try Tensor.randn([setting.weight[1] * setting.groups], dtype: .float64, using: &generator)
        let error = try gradcheck(
            {
                try convTranspose2d(
                    $0[0], $0[1], bias: $0[2], stride: Size2D(setting.stride.0, setting.stride.1),
                    padding: Size2D(setting.padding.0, setting.padding.1),
                    outputPadding: Size2D(setting.outputPadding.0, setting.outputPadding.1),
                    groups: setting.groups,
                    dilation: Size2D(setting.dilation.0, setting.dilation.1))
            }, inputs: [x, w, b])
        #expect(error < 1e-6)
    }

    @Test func outputSizeFollowsTheFormula() throws {
        // (7 − 1)·2 − 2·1 + 1·(3 − 1) + 1 + 1 = 14: the usual "undo a stride-2 'same' conv".
        let y = try convTranspose2d(
            Tensor.zeros([2, 16, 7, 7]), Tensor.zeros([16, 8, 3, 3]), stride: 2, padding: 1, outputPadding: 1)
        #expect(y.shape == [2, 8, 14, 14])
        let unbatched = try convTranspose2d(
            Tensor.zeros([16, 5, 5]), Tensor.zeros([16, 8, 2, 2]), stride: 2)
        #expect(unbatched.shape == [8, 10, 10])
    }

    @Test func refusesWhatPyTorchRefuses() throws {
        let x = try Tensor.zeros([1, 3, 2, 2])
        // The weight's first size is the input's channels (in and out the other way round from conv2d).
        #expect(throws: CNNError.self) { try convTranspose2d(x, Tensor.zeros([2, 3, 3, 3])) }
        #expect(throws: CNNError.self) { try convTranspose2d(x, Tensor.zeros([3, 2, 3])) }
        #expect(throws: CNNError.self) {
            try convTranspose2d(Tensor.zeros([3, 2]), Tensor.zeros([3, 2, 3, 3]))
        }
        // output_padding must be smaller than the stride or the dilation.
        #expect(throws: CNNError.self) {
            try convTranspose2d(x, Tensor.zeros([3, 1, 3, 3]), stride: 2, outputPadding: 2)
        }
        // (2 − 1)·1 − 2·3 + 2 + 1 < 1.
        #expect(throws: CNNError.self) { try convTranspose2d(x, Tensor.zeros([3, 1, 3, 3]), padding: 3) }
        #expect(throws: CNNError.self) { try convTranspose2d(x, Tensor.zeros([3, 1, 3, 3]), stride: 0) }
        #expect(throws: CNNError.self) { try convTranspose2d(x, Tensor.zeros([3, 1, 3, 3]), groups: 2) }
        #expect(throws: CNNError.self) {
            try convTranspose2d(x, Tensor.zeros([3, 1, 3, 3]), bias: Tensor.zeros([2]))
        }
    }

    @Test func layerHasPyTorchsShapesCountAndPrintout() throws {
        var generator = SeededGenerator(seed: 7)
        let layer = try ConvTranspose2d(
            16, 8, kernelSize: 3, stride: 2, padding: 1, outputPadding: 1, using: &generator)
        #expect(layer.weight.value.shape == [16, 8, 3, 3])
        // 16·8·3·3 weights + 8 biases.
        #expect(layer.parameterCount == 1160)
        #expect(try layer(Tensor.zeros([1, 16, 4, 4])).shape == [1, 8, 8, 8])
        #expect(
            layer.description
                == "ConvTranspose2d(16, 8, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), output_padding=(1, 1))"
        )
        // PyTorch reads the fan-in from the weight's second size: 8·3·3 = 72, bound 1/√72.
        let bound = 1 / 72.0.squareRoot()
        #expect(layer.weight.value.scalarsAsDoubles().allSatisfy { abs($0) <= bound })
        // PyTorch makes a layer whose output_padding is not below its stride, and refuses it when
        // it runs (torch 2.15: "output padding must be smaller than either stride or dilation").
        let unusable = try ConvTranspose2d(4, 2, kernelSize: 3, outputPadding: 1, using: &generator)
        #expect(throws: CNNError.self) { try unusable(Tensor.zeros([1, 4, 2, 2])) }
    }
}
