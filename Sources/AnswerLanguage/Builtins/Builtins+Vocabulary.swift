import CNN

/// PyTorch's other words for what the language already does, and the views learners write for
/// slices and sums: `narrow`, `unfold`, `trace`, `outer`, `index_select`, `clip`, `nelement`,
/// `broadcast_shapes`, `relu6`, `nn.ReflectionPad2d`, …. Correct answers are typed with them.
extension Builtins {
    /// `torch.*` functions that are also tensor methods.
    static let vocabularyFunctions: [Builtin] = [
        Builtin("narrow(input, dim, start, length)", "the elements start…start+length−1 of dimension dim") {
            call in
            .tensor(
                try call.tensor("input").narrow(
                    dim: try call.int("dim"), start: try integerScalar(call, "start"),
                    length: try call.int("length")))
        },
        Builtin("trace(input)", "the sum of a matrix's diagonal") { call in
            .tensor(try call.tensor("input").trace())
        },
        Builtin("outer(input, vec2)", "the outer product of two vectors: out[i, j] = input[i] · vec2[j]") {
            call in try outer(call, "vec2")
        },
        // `torch.ger` is `outer`'s older name, still in tutorials.
        Builtin("ger(input, vec2)", "the outer product of two vectors (outer's older name)") { call in
            try outer(call, "vec2")
        },
        Builtin("index_select(input, dim, index)", "the entries at the positions index lists along dim") {
            call in
            let input = try call.tensor("input")
            let index = try call.tensor("index")
            guard index.rank <= 1 else {
                throw LanguageError.said(
                    .argument, .indexSelectVector, ["rank": index.rank], at: call.range(of: "index"))
            }
            let d = input.rank == 0 ? 0 : try normalized(call.int("dim"), rank: input.rank, call, "dim")
            var items = Array(repeating: AdvancedIndex.basic(.all), count: d)
            items.append(.tensor(try index.rank == 0 ? index.reshape([1]) : index))
            return .tensor(try input.indexed(advanced: items))
        },
        // `clip` is PyTorch's alias of `clamp`.
        Builtin("clip(input, min=None, max=None)", "each element limited to [min, max] (clamp's alias)") {
            call in
            .tensor(
                try call.tensorOrNumber("input").clamp(
                    min: try call.optionalDouble("min"), max: try call.optionalDouble("max")))
        },
        Builtin("clamp_min(input, min)", "each element at least min") { call in
            .tensor(try call.tensorOrNumber("input").clamp(min: try call.double("min"), max: nil))
        },
        Builtin("clamp_max(input, max)", "each element at most max") { call in
            .tensor(try call.tensorOrNumber("input").clamp(min: nil, max: try call.double("max")))
        },
    ]

    /// Methods PyTorch has only on tensors.
    static let vocabularyMethods: [Builtin] = [
        // `nelement` is `numel`'s other name.
        Builtin("nelement(input)", "the number of elements (numel's other name)") { call in
            .int(try call.tensor("input").count)
        },
        Builtin(
            "unfold(input, dimension, size, step)",
            "every window of size elements along dimension, step apart, as a new last dimension"
        ) { call in
            .tensor(
                try call.tensor("input").unfold(
                    dim: try call.int("dimension"), size: try call.int("size"), step: try call.int("step")))
        },
    ]

    /// `torch.*` functions that take shapes or several tensors.
    static let broadcastFunctions: [Builtin] = [
        Builtin("broadcast_shapes(*shapes)", "the shape tensors of these shapes broadcast to") { call in
            var shape: [Int] = []
            for (index, value) in call.rest.enumerated() {
                var sizes: [Int]
                if case .int(let size) = value {
                    sizes = [size]
                } else if let integers = value.integers {
                    sizes = integers
                } else {
                    throw LanguageError(
                        .type,
                        .argumentType(
                            function: call.function, name: "shapes", expected: .intOrInts,
                            actual: value.typeName), at: call.restRanges[index])
                }
                shape = try Tensor.broadcastShape(shape, sizes)
            }
            return .shape(shape)
        },
        Builtin("broadcast_tensors(*tensors)", "the tensors expanded to their common broadcast shape") {
            call in
            let tensors = try call.rest.indices.map { index in
                guard case .tensor(let tensor) = call.rest[index] else {
                    throw call.mismatch("tensors", .tensors)
                }
                return tensor
            }
            var shape: [Int] = []
            for tensor in tensors { shape = try Tensor.broadcastShape(shape, tensor.shape) }
            return .tuple(try tensors.map { .tensor(try $0.expand(to: shape)) })
        },
    ]

    /// `torch.nn.functional` functions.
    static let vocabularyFunctional: [Builtin] = [
        thresholdFunction,
        Builtin("relu6(input, inplace=False)", "min(max(x, 0), 6) elementwise") { call in
            _ = try call.bool("inplace")
            return .tensor(try hardtanh(try call.tensor("input"), minValue: 0, maxValue: 6))
        },
        Builtin(
            "unfold(input, kernel_size, dilation=1, padding=0, stride=1)",
            "every kernel_size patch of [N, C, H, W] as a column: [N, C·kH·kW, patches]"
        ) { call in
            .tensor(
                try unfoldPatches(
                    try call.tensor("input"), kernelSize: try call.size2D("kernel_size"),
                    dilation: try call.size2D("dilation"), padding: try call.size2D("padding"),
                    stride: try call.size2D("stride")))
        },
    ]

    /// `F.threshold(x, threshold, value)`: x where x > threshold, value elsewhere.
    static let thresholdFunction = Builtin(
        "threshold(input, threshold, value, inplace=False)", "x where x > threshold, value elsewhere"
    ) { call in
        _ = try call.bool("inplace")
        let input = try call.tensor("input")
        let limit = try call.double("threshold")
        let fill = Tensor(try call.double("value"), dtype: input.dtype)
        return .tensor(try Tensor.where(try input.gt(Tensor(limit, dtype: input.dtype)), input, fill))
    }

    /// `nn.ReflectionPad2d(1)`, `nn.ConstantPad2d(1, 0.5)`, `nn.ReLU6()`, … as layers.
    static let vocabularyModules: [Builtin] = [
        padLayer("ReflectionPad1d", axes: 1, mode: .reflect),
        padLayer("ReflectionPad2d", axes: 2, mode: .reflect),
        padLayer("ReflectionPad3d", axes: 3, mode: .reflect),
        padLayer("ReplicationPad1d", axes: 1, mode: .replicate),
        padLayer("ReplicationPad2d", axes: 2, mode: .replicate),
        padLayer("ReplicationPad3d", axes: 3, mode: .replicate),
        padLayer("CircularPad1d", axes: 1, mode: .circular),
        padLayer("CircularPad2d", axes: 2, mode: .circular),
        padLayer("CircularPad3d", axes: 3, mode: .circular),
        padLayer("ConstantPad1d", axes: 1, mode: .constant),
        padLayer("ConstantPad2d", axes: 2, mode: .constant),
        padLayer("ConstantPad3d", axes: 3, mode: .constant),
        Builtin("ReLU6(inplace=False)", "the layer min(max(x, 0), 6)") { _ in
            .module(FunctionLayer("ReLU6") { x in try hardtanh(x, minValue: 0, maxValue: 6) })
        },
    ]

    /// A padding layer `name(padding)` (`ConstantPad*d(padding, value)`): `padding` is one int
    /// for every side or `2 · axes` ints, (left, right, top, bottom, front, back) as in `F.pad`.
    static func padLayer(_ name: String, axes: Int, mode: PadMode) -> Builtin {
        let signature = mode == .constant ? "\(name)(padding, value)" : "\(name)(padding)"
        return Builtin(signature, "the layer padding the last \(axes) dimensions in \(mode.rawValue) mode") {
            call in
            let given = try call.intList("padding")
            guard given.count == 1 || given.count == 2 * axes else {
                throw call.mismatch("padding", axes == 2 ? .intOrFourInts : .intOrInts)
            }
            let sides = given.count == 1 ? Array(repeating: given[0], count: 2 * axes) : given
            let value = mode == .constant ? try call.double("value") : nil
            let written = "(\(sides.map(String.init).joined(separator: ", ")))"
            let settings = value.map { "padding=\(written), value=\($0)" } ?? written
            return .module(
                FunctionLayer(name, settings: settings) { x in try pad(x, sides, mode: mode, value: value) })
        }
    }

    /// `torch.outer(a, b)`: two 1-D tensors, `a[:, None] * b`.
    private static func outer(_ call: Call, _ other: String) throws -> Value {
        let (a, b) = (try call.tensor("input"), try call.tensor(other))
        guard a.rank == 1, b.rank == 1 else {
            throw CNNError.argument(.outerRanks, ["a": a.rank, "b": b.rank])
        }
        return .tensor(try a.unsqueeze(1) * b)
    }

    /// An int, or a one-element integer tensor (`narrow`'s `start` may be `torch.tensor(1)`).
    private static func integerScalar(_ call: Call, _ name: String) throws -> Int {
        if case .tensor(let tensor) = try call.value(name), tensor.kind.isIntegral, tensor.count == 1 {
            return try integerItem(tensor, call)
        }
        return try call.int(name)
    }

    /// `dim` in `0..<rank`, negative counting from the end.
    private static func normalized(_ dim: Int, rank: Int, _ call: Call, _ name: String) throws -> Int {
        guard dim >= -rank, dim < rank else {
            throw CNNError.argument(.dimensionOutOfRange(dim: dim, bound: rank))
        }
        return dim < 0 ? dim + rank : dim
    }
}
