import CNN
import Synchronization

/// Rearranging along a dimension (`roll`, `repeat_interleave`, `cumprod`, `diff`, `fliplr`,
/// `flipud`), PyTorch's 1-d layers (`max_pool1d`, `avg_pool1d`, `adaptive_avg_pool1d` and
/// `nn.Conv1d`, `nn.BatchNorm1d`, `nn.MaxPool1d`, `nn.AvgPool1d`, `nn.AdaptiveAvgPool1d`), and the
/// integer and half-precision conversions this engine does not have (`x.int()`), refused by name.
/// The 1-d operations are the 2-d ones on `[N, C, 1, L]`, so their gradients are those.
extension Builtins {
    static let sequenceFunctions: [Builtin] = [
        Builtin(
            "roll(input, shifts, dims=None)", "elements shifted along dims, those falling off coming back"
        ) {
            call in
            let input = try call.tensor("input")
            let shifts = try call.intList("shifts")
            guard let dims = try call.dims("dims") else {
                guard shifts.count == 1 else {
                    throw LanguageError.said(
                        .argument, .rollShiftsDims, ["shifts": shifts.count, "dims": 0],
                        at: call.range(of: "dims"))
                }
                return .tensor(try rolled(input.reshape([-1]), shifts[0], 0).reshape(input.shape))
            }
            guard dims.count == shifts.count else {
                throw LanguageError.said(
                    .argument, .rollShiftsDims, ["shifts": shifts.count, "dims": dims.count],
                    at: call.range(of: "dims"))
            }
            var result = input
            for (shift, dim) in zip(shifts, dims) { result = try rolled(result, shift, dim) }
            return .tensor(result)
        },
        Builtin(
            "repeat_interleave(input, repeats=None, dim=None, output_size=None)",
            "each element (or slice along dim) repeated repeats times in place"
        ) { call in
            let input = try call.tensor("input")
            guard !call.isNone("repeats") else {
                // `torch.repeat_interleave(counts)`: each index repeated counts[i] times.
                let counts = try input.rank == 0 ? input.reshape([1]) : input
                return .tensor(try repeatInterleave(try Tensor.arange(counts.count), counts, 0, call))
            }
            let repeats: Tensor
            if case .int(let count) = try call.value("repeats") {
                repeats = Tensor(count)
            } else {
                repeats = try call.tensor("repeats")
            }
            guard let dim = try call.optionalInt("dim") else {
                return .tensor(try repeatInterleave(input.reshape([-1]), repeats, 0, call))
            }
            return .tensor(try repeatInterleave(input, repeats, dim, call))
        },
        Builtin("cumprod(input, dim, dtype=None)", "running products along dim") { call in
            let input = try call.tensor("input")
            let type = try call.scalarType("dtype")
            let product = try cumulativeProduct(input, try call.int("dim"))
            return .tensor(try type.map { try product.converted(to: $0) } ?? product)
        },
        Builtin(
            "diff(input, n=1, dim=-1, prepend=None, append=None)",
            "differences of neighbours along dim, n times (prepend/append joined first)"
        ) { call in
            var x = try call.tensor("input")
            guard x.rank > 0 else {
                throw LanguageError.said(.argument, .diffScalar, at: call.range(of: "input"))
            }
            let n = try call.int("n")
            guard n >= 0 else {
                throw LanguageError.said(.argument, .diffOrder, ["n": n], at: call.range(of: "n"))
            }
            let dim = try x.normalizedDim(try call.int("dim"))
            if let prepend = try call.optionalTensor("prepend") {
                x = try Tensor.cat([prepend, x], dim: dim)
            }
            if let append = try call.optionalTensor("append") { x = try Tensor.cat([x, append], dim: dim) }
            for _ in 0..<n {
                let size = x.shape[dim]
                guard size > 0 else { break }
                let (later, earlier) = (
                    try x.narrow(dim: dim, start: 1, length: size - 1),
                    try x.narrow(dim: dim, start: 0, length: size - 1)
                )
                x = x.kind == .boolean ? try later.ne(earlier) : try later - earlier
            }
            return .tensor(x)
        },
        Builtin("fliplr(input)", "the columns in reverse order (dimension 1)") { call in
            .tensor(try call.tensor("input").flip([1]))
        },
        Builtin("flipud(input)", "the rows in reverse order (dimension 0)") { call in
            .tensor(try call.tensor("input").flip([0]))
        },
    ]

    /// Conversions to dtypes the engine does not have: refused, naming the dtype.
    static let missingDtypeMethods: [Builtin] = [
        ("half", "float16"), ("bfloat16", "bfloat16"),
    ].map { name, dtype in
        Builtin("\(name)(input)", "the tensor as torch.\(dtype): not provided here (use .long() or .float())")
        {
            call in
            _ = try call.tensor("input")
            throw LanguageError.said(
                .unsupported,
                dtype.hasPrefix("int") || dtype == "uint8" ? .int32Unsupported : .float16Unsupported,
                ["function": name, "dtype": dtype], at: call.range)
        }
    }

    static let pooling1d: [Builtin] = [
        Builtin(
            "max_pool1d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False)",
            "each window's largest value along the last dimension of [N, C, L]"
        ) { call in
            guard !(try call.bool("return_indices")) else {
                throw LanguageError.said(
                    .unsupported, .returnIndicesUnsupported, at: call.range(of: "return_indices"))
            }
            let pool = try Pool1d(call, max: true)
            return .tensor(try pool.apply(try call.tensor("input"), function: call.function))
        },
        Builtin(
            "avg_pool1d(input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True)",
            "each window's mean along the last dimension of [N, C, L]"
        ) { call in
            let pool = try Pool1d(call, max: false)
            return .tensor(try pool.apply(try call.tensor("input"), function: call.function))
        },
        Builtin("adaptive_avg_pool1d(input, output_size)", "means of output_size even windows along L") {
            call in
            let size = try call.ints("output_size", count: 1)[0]
            return .tensor(
                try on2d(try call.tensor("input"), call.function) {
                    try adaptiveAvgPool2d($0, outputSize: Size2D(1, size))
                })
        },
        Builtin("adaptive_max_pool1d(input, output_size)", "largest values of output_size windows along L") {
            call in
            let size = try call.ints("output_size", count: 1)[0]
            return .tensor(
                try on2d(try call.tensor("input"), call.function) {
                    try adaptiveMaxPool2d($0, outputSize: Size2D(1, size))
                })
        },
    ]

    static let layers1d: [Builtin] = [
        Builtin(
            "MaxPool1d(kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False)",
            "the layer taking each window's largest value along L"
        ) { call in
            let pool = try Pool1d(call, max: true)
            let settings =
                "kernel_size=\(pool.kernel), stride=\(pool.stride), padding=\(pool.padding), dilation=\(pool.dilation), ceil_mode=\(pool.ceilMode ? "True" : "False")"
            return .module(
                ComposedLayer(
                    "MaxPool1d", settings: settings,
                    attributes: [
                        "kernel_size": .int(pool.kernel), "stride": .int(pool.stride),
                        "padding": .int(pool.padding),
                    ]
                ) { x, _, _ in try pool.apply(x, function: "MaxPool1d") })
        },
        Builtin(
            "AvgPool1d(kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True)",
            "the layer taking each window's mean along L"
        ) { call in
            let pool = try Pool1d(call, max: false)
            let settings =
                "kernel_size=(\(pool.kernel),), stride=(\(pool.stride),), padding=(\(pool.padding),)"
            return .module(
                ComposedLayer(
                    "AvgPool1d", settings: settings,
                    attributes: [
                        "kernel_size": .tuple([.int(pool.kernel)]), "stride": .tuple([.int(pool.stride)]),
                        "padding": .tuple([.int(pool.padding)]),
                    ]
                ) { x, _, _ in try pool.apply(x, function: "AvgPool1d") })
        },
        Builtin("AdaptiveAvgPool1d(output_size)", "the layer averaging L to output_size") { call in
            let size = try call.ints("output_size", count: 1)[0]
            return .module(
                ComposedLayer("AdaptiveAvgPool1d", settings: "output_size=\(size)") { x, _, _ in
                    try on2d(x, "AdaptiveAvgPool1d") {
                        try adaptiveAvgPool2d($0, outputSize: Size2D(1, size))
                    }
                })
        },
        Builtin(
            "Conv1d(in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1, groups=1, bias=True, padding_mode='zeros')",
            "a 1-d convolution layer with learnable [out, in/groups, k] weights"
        ) { call in
            try conv1dLayer(call)
        },
        Builtin(
            "BatchNorm1d(num_features, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)",
            "the layer normalising each feature of [N, C] or [N, C, L] over the batch"
        ) { call in
            let inner = try BatchNorm2d(
                try call.int("num_features"), eps: try call.double("eps"),
                momentum: try call.optionalDouble("momentum"),
                affine: try call.bool("affine"), trackRunningStats: try call.bool("track_running_stats"))
            return .module(
                ComposedLayer(
                    "BatchNorm1d", settings: batchNorm1dSettings(inner), parameters: inner.ownParameters,
                    wrapping: inner
                ) { x, _, _ in
                    switch x.rank {
                    case 2: return try inner(x.reshape(x.shape + [1, 1])).reshape(x.shape)
                    case 3: return try inner(x.unsqueeze(3)).squeeze(dim: 3)
                    default:
                        throw LanguageError.said(.shape, .batchNorm1dInputRank, ["shape": x.shape])
                    }
                })
        },
    ]

    /// `BatchNorm1d(4, eps=1e-05, momentum=0.1, affine=True, bias=True, track_running_stats=True)`.
    static func batchNorm1dSettings(_ norm: BatchNorm2d) -> String {
        let affine = python(norm.weight != nil)
        let momentum = norm.momentum.map(pythonFloat) ?? "None"
        return
            "\(norm.numFeatures), eps=\(pythonFloat(norm.eps)), momentum=\(momentum), affine=\(affine), bias=\(affine), track_running_stats=\(python(norm.trackRunningStats))"
    }

    /// `nn.Conv1d`: weights and bias uniform in ±1/√(in/groups · k), as PyTorch's default
    /// `kaiming_uniform_(a=√5)` gives.
    static func conv1dLayer(_ call: Call) throws -> Value {
        let (inChannels, outChannels) = (try call.int("in_channels"), try call.int("out_channels"))
        let kernel = try call.ints("kernel_size", count: 1)[0]
        let stride = try call.ints("stride", count: 1)[0]
        let dilation = try call.ints("dilation", count: 1)[0]
        let groups = try call.int("groups")
        guard try call.string("padding_mode") == "zeros" else {
            throw LanguageError(
                .argument, .said(.paddingMode, ["mode": .text(try call.string("padding_mode"))]),
                at: call.range(of: "padding_mode"))
        }
        guard inChannels > 0, outChannels > 0, groups > 0 else {
            throw CNNError.argument(
                .convLayerSizes, ["in": inChannels, "out": outChannels, "groups": groups])
        }
        guard inChannels % groups == 0, outChannels % groups == 0 else {
            throw LanguageError.said(
                .value, .groupsDivideChannels, ["groups": groups, "channels": inChannels],
                at: call.range(of: "groups"))
        }
        let padding: ConvPadding
        let paddingText: String?
        let paddingValue: Value
        if case .string(let text) = try call.value("padding") {
            padding = try ConvPadding(text)
            paddingText = text == "valid" ? nil : "padding=\(text)"
            paddingValue = .string(text)
        } else {
            let size = try call.ints("padding", count: 1)[0]
            padding = .explicit(Size2D(size))
            paddingText = size == 0 ? nil : "padding=(\(size),)"
            paddingValue = .tuple([.int(size)])
        }
        let bound = 1 / Double(inChannels / groups * kernel).squareRoot()
        func uniform(_ shape: [Int]) throws -> Tensor {
            try Tensor.rand(shape, using: &call.evaluator.generator) * (2 * bound) - bound
        }
        var parameters: [(name: String, parameter: Parameter)] = [
            ("weight", try Parameter(uniform([outChannels, inChannels / groups, kernel])))
        ]
        let hasBias = try call.bool("bias")
        if hasBias { parameters.append(("bias", try Parameter(uniform([outChannels])))) }
        var settings = "\(inChannels), \(outChannels), kernel_size=(\(kernel),), stride=(\(stride),)"
        if let paddingText { settings += ", \(paddingText)" }
        if dilation != 1 { settings += ", dilation=(\(dilation),)" }
        if groups != 1 { settings += ", groups=\(groups)" }
        if !hasBias { settings += ", bias=False" }
        let attributes: [String: Value] = [
            "in_channels": .int(inChannels), "out_channels": .int(outChannels),
            "kernel_size": .tuple([.int(kernel)]), "stride": .tuple([.int(stride)]), "padding": paddingValue,
            "dilation": .tuple([.int(dilation)]), "groups": .int(groups), "padding_mode": .string("zeros"),
        ]
        return .module(
            ComposedLayer("Conv1d", settings: settings, parameters: parameters, attributes: attributes) {
                x, values, _ in
                try conv1d(
                    x, values[0], bias: hasBias ? values[1] : nil, stride: stride, padding: padding,
                    dilation: dilation, groups: groups)
            })
    }

    /// A 1-d pooling's settings, applied as the 2-d pooling of `[N, C, 1, L]`.
    struct Pool1d: Sendable {
        let kernel: Int
        let stride: Int
        let padding: Int
        let dilation: Int
        let ceilMode: Bool
        let isMax: Bool
        let countIncludePad: Bool

        init(_ call: Call, max: Bool) throws {
            kernel = try call.ints("kernel_size", count: 1)[0]
            stride = call.isNone("stride") ? kernel : try call.ints("stride", count: 1)[0]
            padding = try call.ints("padding", count: 1)[0]
            dilation = max ? try call.ints("dilation", count: 1)[0] : 1
            ceilMode = try call.bool("ceil_mode")
            isMax = max
            countIncludePad = max ? true : try call.bool("count_include_pad")
        }

        func apply(_ input: Tensor, function: String) throws -> Tensor {
            try on2d(input, function) { x in
                isMax
                    ? try maxPool2d(
                        x, kernelSize: Size2D(1, kernel), stride: Size2D(1, stride),
                        padding: Size2D(0, padding),
                        dilation: Size2D(1, dilation), ceilMode: ceilMode)
                    : try avgPool2d(
                        x, kernelSize: Size2D(1, kernel), stride: Size2D(1, stride),
                        padding: Size2D(0, padding),
                        ceilMode: ceilMode, countIncludePad: countIncludePad)
            }
        }
    }

    /// `body` applied to `[N, C, L]` (or `[C, L]`) viewed as `[N, C, 1, L]`, the result viewed back.
    static func on2d(_ input: Tensor, _ function: String, _ body: (Tensor) throws -> Tensor) throws -> Tensor
    {
        guard input.rank == 2 || input.rank == 3 else {
            throw LanguageError.said(.shape, .pool1dInputRank, ["function": function, "shape": input.shape])
        }
        return try body(input.unsqueeze(-2)).squeeze(dim: -2)
    }

    /// `input` rolled by `shift` along `dim`: the last `shift` elements come first.
    static func rolled(_ input: Tensor, _ shift: Int, _ dim: Int) throws -> Tensor {
        let d = try input.normalizedDim(dim)
        guard input.rank > 0, input.shape[d] > 0 else { return input }
        let n = input.shape[d]
        let s = ((shift % n) + n) % n
        guard s != 0 else { return input }
        return try Tensor.cat(
            [input.narrow(dim: d, start: n - s, length: s), input.narrow(dim: d, start: 0, length: n - s)],
            dim: d)
    }

    /// Each slice along dim repeated `repeats` times (one count, or one per slice).
    static func repeatInterleave(_ input: Tensor, _ repeats: Tensor, _ dim: Int, _ call: Call) throws
        -> Tensor
    {
        let d = try input.normalizedDim(dim)
        let size = input.rank == 0 ? 1 : input.shape[d]
        let counts = repeats.scalarsAsDoubles().map { Int(saturating: $0) }
        guard repeats.kind.isIntegral, repeats.rank <= 1, counts.count == 1 || counts.count == size,
            counts.allSatisfy({ $0 >= 0 })
        else {
            throw LanguageError.said(
                .argument, .repeatsNegative, ["dim": d, "size": size, "count": counts.count],
                at: call.range(of: "repeats"))
        }
        let x = input.rank == 0 ? try input.reshape([1]) : input
        if counts.count == 1 {
            // One count: each slice expanded along a new dimension, merged with its own; the
            // engine refuses a result over the element limit before making it.
            var shape = x.shape
            shape.insert(counts[0], at: d + 1)
            var merged = x.shape
            merged[d] *= counts[0]
            return try x.unsqueeze(d + 1).expand(to: shape).reshape(merged)
        }
        let total = counts.reduce(0, +)
        let limit = call.evaluator.options.maxElements
        guard total <= limit else {
            throw LanguageError.said(
                .limit, .listOverLimit, ["count": total, "limit": limit], at: call.range)
        }
        var positions: [Int] = []
        for i in 0..<size { positions += Array(repeating: i, count: counts[i]) }
        var items = Array(repeating: AdvancedIndex.basic(.all), count: d)
        items.append(.tensor(try Tensor(positions, shape: [positions.count])))
        return try x.indexed(advanced: items)
    }

    /// Running products along dim, composed of products of slices (so the gradient is right
    /// where elements are 0); integers and booleans give int64, as in PyTorch.
    static func cumulativeProduct(_ input: Tensor, _ dim: Int) throws -> Tensor {
        let d = try input.normalizedDim(dim)
        let x = input.kind == .boolean || input.kind.wraps ? try input.converted(to: .int64) : input
        guard x.rank > 0, x.shape[d] > 0 else { return x }
        var running = try x.narrow(dim: d, start: 0, length: 1)
        var slices = [running]
        for i in 1..<x.shape[d] {
            try ComputeBudget.checkpoint()
            running = try running * x.narrow(dim: d, start: i, length: 1)
            slices.append(running)
        }
        return try Tensor.cat(slices, dim: d)
    }
}
