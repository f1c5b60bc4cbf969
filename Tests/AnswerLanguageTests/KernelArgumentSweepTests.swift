import CNN
import Foundation
import Testing

@testable import AnswerLanguage

/// Extreme but legal (and just illegal) arguments swept through every kernel and padded copy the
/// answer language reaches: paddings larger than the input, kernels larger than the padded input,
/// huge dilations and strides, batches, channels and image sides of 0, and 64-bit-sized numbers.
///
/// Last session's long fuzz run found a trap in the Winograd padded copy (a padding taller than
/// the image made a row range run backwards); this suite walks the same corners of every other
/// path — direct conv, im2col + GEMM, grouped and depthwise, 1×1, conv1d, the padded modes of
/// `nn.Conv2d`, `F.pad`'s four modes, max/avg pooling with padding, dilation and ceil_mode,
/// adaptive pooling — forward and backward.
///
/// Each call is sorted by PyTorch's own rules (the output-size formulas of `torch.nn.Conv2d`,
/// `MaxPool2d`, `AvgPool2d` and `F.pad`'s documentation, and the argument checks of ATen's
/// `pool2d_shape_check` and `conv` shape checks):
/// - *valid*: PyTorch returns a tensor; the engine must return one of PyTorch's shape, and for
///   convolutions the Float32 fast path must agree with the Float64 reference loop (itself
///   checked against PyTorch-computed fixtures) forward and in both gradients;
/// - *invalid*: PyTorch refuses; the engine must throw a learner's error;
/// - *either*: corners where only "no trap" is asserted (empty non-batch axes, zero channels,
///   negative pads in the mirrored modes), plus the shape when a tensor comes back.
/// A trap ends the test process: that is the failure this suite exists to find.
@Suite struct KernelArgumentSweepTests {
    enum Expected {
        case valid([Int])
        case invalid
        case either([Int]?)
    }

    static let options = EvaluationOptions(
        maxElements: 2_000_000, maxBytes: 400_000_000, timeLimit: 10)

    /// Relative error allowed between the fast Float32 path and the Float64 reference, of the
    /// reference's largest magnitude (Winograd's measured error is ≤ 1e-5 of the scale).
    static let tolerance = 1e-4

    /// The answer-language helper each convolution program uses: the largest difference between
    /// a Float32 result and its Float64 reference, relative to the reference's size.
    static let prelude = """
        def gap(a, b):
            return ((a.double() - b).abs().max() / (1 + b.abs().max())).item() if b.numel() > 0 else 0.0

        """

    /// Runs `source` and returns its value, or nil when it threw a learner's error.
    static func run(_ source: String) -> Value? {
        let interpreter = Interpreter(options: options)
        do {
            return try interpreter.run(source)
        } catch {
            // Every error must render, in both of its languages' code paths, without trapping.
            _ = error.diagnostic(source: source, fileName: "sweep", language: .init("en"))
            return nil
        }
    }

    /// The `[Int]` a program's `list(y.shape)` came back as.
    static func ints(_ value: Value?) -> [Int]? {
        switch value {
        case .list(let items)?, .tuple(let items)?:
            return items.compactMap { if case .int(let n) = $0 { n } else { nil } }
        case .shape(let dims)?: return dims
        default: return nil
        }
    }

    /// Checks one outcome against what PyTorch does; returns a line describing a disagreement.
    static func judge(_ program: String, _ expected: Expected, shape: [Int]?, threw: Bool) -> String? {
        switch expected {
        case .valid(let want):
            if threw { return "refused, PyTorch gives \(want): \(program)" }
            if shape != want {
                return "shape \(shape.map { "\($0)" } ?? "?") ≠ PyTorch's \(want): \(program)"
            }
        case .invalid:
            if !threw { return "ran (\(shape.map { "\($0)" } ?? "?")), PyTorch refuses: \(program)" }
        case .either(let want):
            if !threw, let want, shape != want {
                return "shape \(shape.map { "\($0)" } ?? "?") ≠ PyTorch's \(want): \(program)"
            }
        }
        return nil
    }

    // MARK: - PyTorch's output sizes

    /// `⌊(in + 2·pad − dilation·(k − 1) − 1) / stride⌋ + 1`, or nil when the window does not fit.
    static func convOut(_ size: Int, _ k: Int, _ s: Int, _ before: Int, _ after: Int, _ d: Int) -> Int? {
        let span = size + before + after - d * (k - 1) - 1
        return span < 0 ? nil : span / s + 1
    }

    // MARK: - conv2d

    struct Channels {
        let inC: Int, outC: Int, groups: Int
    }

    /// Channel layouts that reach each path: ≤ 4 input channels (direct), ≥ 8 each way
    /// (Winograd for 3×3 stride 1), grouped and depthwise (im2col + GEMM per group), none.
    static let convChannels = [
        Channels(inC: 1, outC: 2, groups: 1), Channels(inC: 3, outC: 4, groups: 1),
        Channels(inC: 8, outC: 8, groups: 1), Channels(inC: 6, outC: 6, groups: 3),
        Channels(inC: 4, outC: 4, groups: 4), Channels(inC: 0, outC: 2, groups: 1),
    ]
    static let convImages: [(Int, Int)] = [(1, 1), (2, 7), (7, 2), (5, 5), (0, 4), (9, 3)]
    static let convKernels: [(Int, Int)] = [(1, 1), (3, 3), (1, 5), (6, 2)]
    /// (top/bottom, left/right); 4 and 9 are taller/wider than most of the images.
    static let convPaddings: [(Int, Int)] = [(0, 0), (1, 1), (4, 4), (0, 9)]

    static func convProgram(
        batch: Int, _ c: Channels, _ image: (Int, Int), _ kernel: (Int, Int), stride: Int,
        padding: (Int, Int), dilation: Int
    ) -> (String, Expected) {
        let call = { (x: String, w: String) in
            "conv2d(\(x), \(w), stride=\(stride), padding=(\(padding.0), \(padding.1)), dilation=\(dilation), groups=\(c.groups))"
        }
        let program =
            prelude + """
                x = randn(\(batch), \(c.inC), \(image.0), \(image.1), requires_grad=True)
                w = randn(\(c.outC), \(c.inC / c.groups), \(kernel.0), \(kernel.1), requires_grad=True)
                y = \(call("x", "w"))
                r = randn_like(y)
                (y * r).sum().backward()
                x64 = x.detach().double().requires_grad_()
                w64 = w.detach().double().requires_grad_()
                y64 = \(call("x64", "w64"))
                (y64 * r.double()).sum().backward()
                (list(y.shape), gap(y, y64), gap(x.grad, x64.grad), gap(w.grad, w64.grad))
                """
        let oh = convOut(image.0, kernel.0, stride, padding.0, padding.0, dilation)
        let ow = convOut(image.1, kernel.1, stride, padding.1, padding.1, dilation)
        guard let oh, let ow else { return (program, .invalid) }
        let shape = [batch, c.outC, oh, ow]
        if c.inC == 0 || image.0 == 0 || image.1 == 0 || batch == 0 { return (program, .either(shape)) }
        return (program, .valid(shape))
    }

    @Test func conv2dAtEveryCornerAgreesWithPyTorchOrRefuses() {
        var problems: [String] = []
        var ran = 0
        for c in Self.convChannels {
            for image in Self.convImages {
                for kernel in Self.convKernels {
                    for stride in [1, 3] {
                        for padding in Self.convPaddings {
                            for dilation in [1, 3] {
                                for batch in [0, 2] {
                                    let (program, expected) = Self.convProgram(
                                        batch: batch, c, image, kernel, stride: stride, padding: padding,
                                        dilation: dilation)
                                    problems += Self.checkConv(program, expected)
                                    ran += 1
                                }
                            }
                        }
                    }
                }
            }
        }
        #expect(ran == 4_608)
        #expect(
            problems.isEmpty,
            "\(problems.count) disagreements:\n\(problems.prefix(20).joined(separator: "\n"))")
    }

    /// Runs a convolution program: its shape against PyTorch's, and Float32 against Float64.
    static func checkConv(_ program: String, _ expected: Expected) -> [String] {
        let value = run(program)
        guard case .tuple(let items)? = value, items.count == 4 else {
            return judge(program, expected, shape: nil, threw: value == nil).map { [$0] } ?? []
        }
        var problems = judge(program, expected, shape: ints(items[0]), threw: false).map { [$0] } ?? []
        for (name, item) in zip(["output", "input gradient", "weight gradient"], items.dropFirst()) {
            guard case .float(let gap) = item, gap <= tolerance else {
                problems.append("\(name) differs from the Float64 reference by \(item): \(program)")
                continue
            }
        }
        return problems
    }

    /// `conv1d` shares the kernels; its own entry point resolves the single axis.
    @Test func conv1dAtEveryCornerAgreesWithPyTorchOrRefuses() {
        var problems: [String] = []
        for (inC, outC, groups) in [(1, 2, 1), (8, 8, 1), (4, 4, 4), (0, 1, 1)] {
            for length in [0, 1, 2, 7] {
                for k in [1, 3, 8] {
                    for stride in [1, 4] {
                        for padding in [0, 1, 6] {
                            for dilation in [1, 5] {
                                for batch in [0, 1] {
                                    let call = { (x: String, w: String) in
                                        "conv1d(\(x), \(w), stride=\(stride), padding=\(padding), dilation=\(dilation), groups=\(groups))"
                                    }
                                    let program =
                                        Self.prelude + """
                                            x = randn(\(batch), \(inC), \(length), requires_grad=True)
                                            w = randn(\(outC), \(inC / groups), \(k), requires_grad=True)
                                            y = \(call("x", "w"))
                                            r = randn_like(y)
                                            (y * r).sum().backward()
                                            x64 = x.detach().double().requires_grad_()
                                            w64 = w.detach().double().requires_grad_()
                                            y64 = \(call("x64", "w64"))
                                            (y64 * r.double()).sum().backward()
                                            (list(y.shape), gap(y, y64), gap(x.grad, x64.grad), gap(w.grad, w64.grad))
                                            """
                                    let expected: Expected
                                    if let out = Self.convOut(length, k, stride, padding, padding, dilation) {
                                        let shape = [batch, outC, out]
                                        expected =
                                            inC == 0 || length == 0 || batch == 0
                                            ? .either(shape) : .valid(shape)
                                    } else {
                                        expected = .invalid
                                    }
                                    problems += Self.checkConv(program, expected)
                                }
                            }
                        }
                    }
                }
            }
        }
        #expect(
            problems.isEmpty,
            "\(problems.count) disagreements:\n\(problems.prefix(20).joined(separator: "\n"))")
    }

    /// `nn.Conv2d`'s padding modes pad with `F.pad` first, then convolve unpadded.
    @Test func conv2dPaddingModesAtEveryCorner() {
        var problems: [String] = []
        for mode in ["zeros", "reflect", "replicate", "circular"] {
            for (h, w) in [(1, 1), (2, 5), (4, 4), (0, 3)] {
                for padding in [0, 1, 2, 4, 5] {
                    for k in [1, 3, 6] {
                        for (inC, outC, groups) in [(1, 2, 1), (8, 8, 1), (2, 2, 2)] {
                            for batch in [0, 2] {
                                let program = """
                                    x = randn(\(batch), \(inC), \(h), \(w), requires_grad=True)
                                    y = nn.Conv2d(\(inC), \(outC), \(k), padding=\(padding), groups=\(groups), padding_mode='\(mode)')(x)
                                    y.sum().backward()
                                    list(y.shape)
                                    """
                                let expected: Expected
                                let oh = Self.convOut(h, k, 1, padding, padding, 1)
                                let ow = Self.convOut(w, k, 1, padding, padding, 1)
                                // F.pad's limits for the mirrored modes (its documentation): reflect
                                // needs padding < the side, circular padding ≤ the side.
                                let padRefused =
                                    (mode == "reflect" && padding > 0 && (padding >= h || padding >= w))
                                    || (mode == "circular" && (padding > h || padding > w))
                                if let oh, let ow, !padRefused {
                                    let shape = [batch, outC, oh, ow]
                                    expected = batch == 0 || h == 0 || w == 0 ? .either(shape) : .valid(shape)
                                } else {
                                    expected = h == 0 || w == 0 || batch == 0 ? .either(nil) : .invalid
                                }
                                let value = Self.run(program)
                                if let problem = Self.judge(
                                    program, expected, shape: Self.ints(value), threw: value == nil)
                                {
                                    problems.append(problem)
                                }
                            }
                        }
                    }
                }
            }
        }
        #expect(
            problems.isEmpty,
            "\(problems.count) disagreements:\n\(problems.prefix(20).joined(separator: "\n"))")
    }

    // MARK: - F.pad

    @Test func padInEveryModeAtEveryCorner() {
        var problems: [String] = []
        let amounts = [0, 1, 3, 4, 7, -1, -4]
        for mode in ["constant", "reflect", "replicate", "circular"] {
            for (h, w) in [(1, 1), (3, 4), (4, 3), (0, 2)] {
                for left in amounts {
                    for right in [0, 4, -2] {
                        for top in amounts {
                            let bottom = top == 0 ? 5 : 0
                            let program = """
                                x = randn(2, 3, \(h), \(w), requires_grad=True)
                                y = F.pad(x, (\(left), \(right), \(top), \(bottom)), mode='\(mode)')
                                y.sum().backward()
                                list(y.shape)
                                """
                            let outH = h + top + bottom
                            let outW = w + left + right
                            let sides = [(h, top), (h, bottom), (w, left), (w, right)]
                            let expected: Expected
                            if sides.contains(where: { $0.1 < 0 }) || h == 0 || w == 0 {
                                // Negative pads crop; PyTorch documents them for constant mode only.
                                expected =
                                    outH < 0 || outW < 0
                                    ? .invalid : .either(outH > 0 && outW > 0 ? [2, 3, outH, outW] : nil)
                            } else if mode == "reflect" && sides.contains(where: { $0.1 >= $0.0 }) {
                                expected = .invalid
                            } else if mode == "circular" && sides.contains(where: { $0.1 > $0.0 }) {
                                expected = .invalid
                            } else {
                                expected = .valid([2, 3, outH, outW])
                            }
                            let value = Self.run(program)
                            if let problem = Self.judge(
                                program, expected, shape: Self.ints(value), threw: value == nil)
                            {
                                problems.append(problem)
                            }
                        }
                    }
                }
            }
        }
        #expect(
            problems.isEmpty,
            "\(problems.count) disagreements:\n\(problems.prefix(20).joined(separator: "\n"))")
    }

    // MARK: - Pooling

    /// PyTorch's `pooling_output_shape` (floor or ceil mode), or nil for a window that does not fit.
    static func poolOut(_ size: Int, _ k: Int, _ s: Int, _ p: Int, _ d: Int, _ ceil: Bool) -> Int? {
        let span = size + 2 * p - d * (k - 1) - 1 + (ceil ? s - 1 : 0)
        guard span >= 0 || ceil else { return nil }
        var out = (span >= 0 ? span / s : -((-span + s - 1) / s)) + 1
        if ceil && (out - 1) * s >= size + p { out -= 1 }
        return out >= 1 ? out : nil
    }

    @Test func poolingAtEveryCornerAgreesWithPyTorchOrRefuses() {
        var problems: [String] = []
        for function in ["max_pool2d", "avg_pool2d"] {
            for (h, w) in [(1, 1), (2, 7), (5, 5), (0, 3)] {
                for (kh, kw) in [(1, 1), (2, 2), (3, 3), (1, 4)] {
                    for stride in [nil, 1, 2, 5] as [Int?] {
                        for padding in [0, 1, 2] {
                            for dilation in function == "max_pool2d" ? [1, 3] : [1] {
                                for ceil in [false, true] {
                                    for (batch, channels) in [(2, 3), (0, 3), (1, 0)] {
                                        let strideText = stride.map { "\($0)" } ?? "None"
                                        let extra = function == "max_pool2d" ? ", dilation=\(dilation)" : ""
                                        let program = """
                                            x = randn(\(batch), \(channels), \(h), \(w), requires_grad=True)
                                            y = \(function)(x, (\(kh), \(kw)), stride=\(strideText), padding=\(padding)\(extra), ceil_mode=\(ceil ? "True" : "False"))
                                            y.sum().backward()
                                            list(y.shape)
                                            """
                                        let sh = stride ?? kh
                                        let sw = stride ?? kw
                                        // pool2d_shape_check: padding at most half the window's span.
                                        let halfH = (dilation * (kh - 1) + 1) / 2
                                        let halfW = (dilation * (kw - 1) + 1) / 2
                                        let oh = Self.poolOut(h, kh, sh, padding, dilation, ceil)
                                        let ow = Self.poolOut(w, kw, sw, padding, dilation, ceil)
                                        let expected: Expected
                                        if padding > halfH || padding > halfW || h == 0 || channels == 0 {
                                            expected = .invalid
                                        } else if let oh, let ow {
                                            let shape = [batch, channels, oh, ow]
                                            expected = batch == 0 ? .either(shape) : .valid(shape)
                                        } else {
                                            expected = .invalid
                                        }
                                        let value = Self.run(program)
                                        if let problem = Self.judge(
                                            program, expected, shape: Self.ints(value), threw: value == nil)
                                        {
                                            problems.append(problem)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        #expect(
            problems.isEmpty,
            "\(problems.count) disagreements:\n\(problems.prefix(20).joined(separator: "\n"))")
    }

    @Test func adaptivePoolingAtEveryCorner() {
        var problems: [String] = []
        for function in ["adaptive_avg_pool2d", "adaptive_max_pool2d"] {
            for (h, w) in [(1, 1), (2, 7), (5, 5), (0, 3)] {
                for size in ["1", "3", "7", "(2, 9)", "(1, 0)", "0"] {
                    for (batch, channels) in [(2, 3), (0, 3), (1, 0)] {
                        let program = """
                            x = randn(\(batch), \(channels), \(h), \(w), requires_grad=True)
                            y = F.\(function)(x, \(size))
                            y.sum().backward()
                            list(y.shape)
                            """
                        let sizes = size.filter { $0.isNumber || $0 == "," }.split(separator: ",").compactMap
                        { Int($0) }
                        let (oh, ow) = sizes.count == 2 ? (sizes[0], sizes[1]) : (sizes[0], sizes[0])
                        let shape = [batch, channels, oh, ow]
                        let expected: Expected =
                            h > 0 && channels > 0 && batch > 0 && oh > 0 && ow > 0
                            ? .valid(shape) : .either(shape)
                        let value = Self.run(program)
                        if let problem = Self.judge(
                            program, expected, shape: Self.ints(value), threw: value == nil)
                        {
                            problems.append(problem)
                        }
                    }
                }
            }
        }
        #expect(
            problems.isEmpty,
            "\(problems.count) disagreements:\n\(problems.prefix(20).joined(separator: "\n"))")
    }

    // MARK: - 64-bit sized arguments

    /// Numbers a 64-bit product or sum overflows on: each argument of each call in turn set to one
    /// of them. PyTorch refuses them all (sizes that large cannot be allocated or do not fit); the
    /// engine must refuse with an error, never trap on the arithmetic.
    static let huge = ["2**31", "2**62", "2**63 - 1", "-(2**63)", "-2**62"]

    @Test func sixtyFourBitArgumentsAreRefusedNotTrapped() {
        let templates = [
            "conv2d(randn(1, 1, 3, 3), randn(1, 1, 2, 2), stride=#)",
            "conv2d(randn(1, 1, 3, 3), randn(1, 1, 2, 2), padding=#)",
            "conv2d(randn(1, 1, 3, 3), randn(1, 1, 2, 2), padding=(1, #))",
            "conv2d(randn(1, 1, 3, 3), randn(1, 1, 2, 2), dilation=#)",
            "conv2d(randn(1, 1, 3, 3), randn(1, 1, 2, 2), groups=#)",
            "conv1d(randn(1, 1, 3), randn(1, 1, 2), padding=#, dilation=#)",
            "nn.Conv2d(1, 1, #)(randn(1, 1, 3, 3))",
            "nn.Conv2d(1, 1, 3, padding=#, padding_mode='reflect')(randn(1, 1, 3, 3))",
            "nn.Conv2d(1, 1, 3, padding=#, padding_mode='circular')(randn(1, 1, 3, 3))",
            "nn.Conv2d(1, 1, 3, padding=#, padding_mode='replicate')(randn(1, 1, 3, 3))",
            "nn.Conv2d(#, 1, 3)",
            "nn.Conv2d(1, #, 3)",
            "max_pool2d(randn(1, 1, 3, 3), #)",
            "max_pool2d(randn(1, 1, 3, 3), 2, stride=#)",
            "max_pool2d(randn(1, 1, 3, 3), 2, padding=#)",
            "max_pool2d(randn(1, 1, 3, 3), #, padding=#, dilation=#)",
            "max_pool2d(randn(1, 1, 3, 3), 3, dilation=#, ceil_mode=True)",
            "max_pool2d(randn(1, 1, 3, 3), 2, stride=#, ceil_mode=True)",
            "avg_pool2d(randn(1, 1, 3, 3), #, padding=#)",
            "avg_pool2d(randn(1, 1, 3, 3), 2, stride=#, ceil_mode=True)",
            "avg_pool2d(randn(1, 1, 3, 3), 2, divisor_override=#)",
            "nn.MaxPool2d(#)(randn(1, 1, 3, 3))",
            "nn.AvgPool2d(#, padding=#)(randn(1, 1, 3, 3))",
            "adaptive_avg_pool2d(randn(1, 1, 3, 3), #)",
            "adaptive_avg_pool2d(randn(1, 1, 3, 3), (1, #))",
            "adaptive_max_pool2d(randn(1, 1, 3, 3), #)",
            "F.pad(randn(1, 1, 3, 3), (#, 0))",
            "F.pad(randn(1, 1, 3, 3), (0, 0, #, #))",
            "F.pad(randn(1, 1, 3, 3), (1, #), mode='reflect')",
            "F.pad(randn(1, 1, 3, 3), (#, 1), mode='replicate')",
            "F.pad(randn(1, 1, 3, 3), (#, #), mode='circular')",
            "nn.ZeroPad2d(#)(randn(1, 1, 3, 3))",
            "nn.ZeroPad2d((#, 0, 0, 0))(randn(1, 1, 3, 3))",
            "nn.Linear(#, 2)",
            "nn.BatchNorm2d(#)",
            "zeros(#, 0)",
            "zeros(0, #).sum(1)",
            "zeros(#, 0).reshape(0, #)",
            "randn(2, 3).repeat(#, 1)",
            "randn(2, 3).expand(#, 2, 3)",
            "randn(2, 3).view(#, -1)",
            "randn(2, 3)[#]",
            "randn(2, 3)[::#]",
            "randn(2, 3)[:, #:]",
            "randn(2, 3).flatten(#)",
            "randn(2, 3).split(#)",
            "randn(2, 3).chunk(#)",
            "randn(2, 3).sum(#)",
            "randn(2, 3).tril(#)",
            "randn(4).topk(#)" /* an unknown method: an error too */,
            "arange(0, #, 2**60)",
            "linspace(0, 1, #)",
            "eye(#, 0)",
            "randint(#, size=(2,))",
            "randint(0, #, (2,))",
            "torch.full((#,), 1)",
            "[0] * #",
            "'a' * #",
            "(1, 2) * #",
            "range(#)[#]",
            "len(range(0, #, 3))",
            "cross_entropy(randn(2, 3), tensor([#, 0]))",
            "nll_loss(randn(2, 3), tensor([1, #]))",
            "randn(2, 3).split([#, 3 - #], 1)",
            "x = randn(3); x[#] = 1",
            "round(1.5, #)",
            "f'{1:#}'",
            "f'{1.5:.#f}'",
            "str(10 ** 4000)[:3]",
            "1 << #",
            "# >> 70",
            "# // -1",
            "# % 0",
            "abs(#)",
            "-#",
            "# * 2",
            "# + #",
            "tensor([#]) * 2",
        ]
        var problems: [String] = []
        var ran = 0
        for template in templates {
            for number in Self.huge {
                let program = template.replacingOccurrences(of: "#", with: "(\(number))")
                let value = Self.run(program)  // a value or an error; a trap ends the process
                ran += 1
                // A size, stride, padding, dilation or output size of −2⁶² or less PyTorch
                // refuses (a padding that negative crops below nothing). A huge positive one may
                // be legal (a stride of 2⁶² gives one output), so only "no trap" is asserted there.
                if number.hasPrefix("-"), template.contains("(1, 1, 3, 3)"), !template.contains("divisor"),
                    value != nil
                {
                    problems.append("ran, PyTorch refuses: \(program)")
                }
            }
        }
        #expect(ran == templates.count * Self.huge.count)
        #expect(
            problems.isEmpty,
            "\(problems.count) disagreements:\n\(problems.prefix(20).joined(separator: "\n"))")
    }
}
