import CNN
import Synchronization

/// Normalisations over other axes than batch norm's (`layer_norm`, `group_norm`,
/// `instance_norm` and their layers), the activations PyTorch has beyond the engine's (`selu`,
/// `celu`, `logsigmoid`, `softsign`, `hardsigmoid`, `prelu`, the shrinks, `Softmax2d`) and
/// channel dropout (`dropout2d`). Each is composed from differentiable operations, so the
/// gradients are the compositions' (the formulas of PyTorch's own decompositions).
extension Builtins {
    static let normalizationFunctional: [Builtin] = [
        Builtin(
            "layer_norm(input, normalized_shape, weight=None, bias=None, eps=1e-05)",
            "x normalised over its last dimensions (normalized_shape), then scaled and shifted"
        ) { call in
            let input = try call.tensor("input")
            return .tensor(
                try layerNorm(
                    input, try call.intList("normalized_shape"), try call.optionalTensor("weight"),
                    try call.optionalTensor("bias"), try call.double("eps"), call))
        },
        Builtin(
            "group_norm(input, num_groups, weight=None, bias=None, eps=1e-05)",
            "each sample's channels normalised in num_groups groups, then scaled and shifted per channel"
        ) { call in
            .tensor(
                try groupNorm(
                    try call.tensor("input"), try call.int("num_groups"), try call.optionalTensor("weight"),
                    try call.optionalTensor("bias"), try call.double("eps"), call))
        },
        Builtin(
            "instance_norm(input, running_mean=None, running_var=None, weight=None, bias=None, use_input_stats=True, momentum=0.1, eps=1e-05)",
            "each sample's channels normalised over their own positions"
        ) { call in
            guard call.isNone("running_mean"), call.isNone("running_var"), try call.bool("use_input_stats")
            else {
                throw LanguageError.said(.unsupported, .instanceNormRunningStats, at: call.range)
            }
            let input = try call.tensor("input")
            return .tensor(
                try groupNorm(
                    input, input.rank >= 2 ? input.shape[1] : 1, try call.optionalTensor("weight"),
                    try call.optionalTensor("bias"), try call.double("eps"), call))
        },
        Builtin("selu(input, inplace=False)", "scale · elu(x, α) with SELU's fixed scale and α") { call in
            _ = try call.bool("inplace")
            return .tensor(try selu(try call.tensor("input")))
        },
        Builtin("celu(input, alpha=1.0, inplace=False)", "x above 0, α(e^{x/α} − 1) below") { call in
            _ = try call.bool("inplace")
            return .tensor(try celu(try call.tensor("input"), try call.double("alpha"), call))
        },
        Builtin("logsigmoid(input)", "log(1 / (1 + e⁻ˣ)), computed stably") { call in
            .tensor(try logSigmoid(try call.tensor("input")))
        },
        Builtin("softsign(input)", "x / (1 + |x|)") { call in
            let input = try call.tensor("input")
            return .tensor(try input / (try input.abs() + 1))
        },
        Builtin("hardsigmoid(input, inplace=False)", "0 below −3, 1 above 3, x/6 + 1/2 between") { call in
            _ = try call.bool("inplace")
            return .tensor(try hardSigmoid(try call.tensor("input")))
        },
        Builtin("prelu(input, weight)", "x above 0, weight · x below (one weight or one per channel)") {
            call in
            .tensor(try prelu(try call.tensor("input"), try call.tensor("weight"), call))
        },
        Builtin("tanhshrink(input)", "x − tanh(x)") { call in
            let input = try call.tensor("input")
            return .tensor(try input - tanh(input))
        },
        Builtin("hardshrink(input, lambd=0.5)", "x where |x| > lambd, 0 elsewhere") { call in
            let input = try call.tensor("input")
            let limit = try call.double("lambd")
            return .tensor(
                try Tensor.where(try input.abs().gt(Tensor(limit)), input, Tensor(0, dtype: input.dtype)))
        },
        Builtin("softshrink(input, lambd=0.5)", "x − lambd above lambd, x + lambd below −lambd, 0 between") {
            call in
            .tensor(try softShrink(try call.tensor("input"), try call.double("lambd")))
        },
        Builtin(
            "dropout2d(input, p=0.5, training=True, inplace=False)",
            "whole channels zeroed with probability p while training, the rest scaled by 1/(1−p)"
        ) { call in
            _ = try call.bool("inplace")
            let input = try call.tensor("input")
            let p = try dropoutProbability(call)
            guard try call.bool("training") else { return .tensor(input) }
            return .tensor(try channelDropout(input, p: p, using: &call.evaluator.generator))
        },
    ]

    static let normalizationModules: [Builtin] = [
        Builtin(
            "LayerNorm(normalized_shape, eps=1e-05, elementwise_affine=True, bias=True)",
            "the layer normalising over the last dimensions, with a learnable scale and shift"
        ) { call in
            let shape = try call.intList("normalized_shape")
            let eps = try call.double("eps")
            let affine = try call.bool("elementwise_affine")
            var parameters: [(name: String, parameter: Parameter)] = []
            if affine {
                parameters.append(("weight", try Parameter(Tensor.ones(shape))))
                if try call.bool("bias") { parameters.append(("bias", try Parameter(Tensor.zeros(shape)))) }
            }
            let hasBias = parameters.count == 2
            let settings =
                "\(tupleText(shape)), eps=\(pythonFloat(eps)), elementwise_affine=\(python(affine)), bias=\(python(hasBias))"
            return .module(
                ComposedLayer("LayerNorm", settings: settings, parameters: parameters) { x, values, _ in
                    try layerNormTensors(
                        x, shape, values.first, hasBias ? values[1] : nil, eps, function: "layer_norm")
                })
        },
        Builtin(
            "GroupNorm(num_groups, num_channels, eps=1e-05, affine=True, bias=True)",
            "the layer normalising each sample's channels in groups, with a learnable scale and shift per channel"
        ) { call in
            let (groups, channels) = (try call.int("num_groups"), try call.int("num_channels"))
            let eps = try call.double("eps")
            guard groups > 0, channels % groups == 0 else {
                throw LanguageError.said(
                    .value, .groupsDivideChannels, ["groups": groups, "channels": channels], at: call.range)
            }
            let affine = try call.bool("affine")
            let parameters = try affineParameters(channels, weight: affine, bias: affine && call.bool("bias"))
            let settings =
                "\(groups), \(channels), eps=\(pythonFloat(eps)), affine=\(python(affine)), bias=\(python(parameters.count == 2))"
            return .module(
                ComposedLayer("GroupNorm", settings: settings, parameters: parameters) { x, values, _ in
                    try groupNormTensors(x, groups, values.first, values.count > 1 ? values[1] : nil, eps)
                })
        },
        instanceNormModule("InstanceNorm1d", rank: 3),
        instanceNormModule("InstanceNorm2d", rank: 4),
        Builtin("SELU(inplace=False)", "the layer selu(x)") { _ in
            .module(FunctionLayer("SELU") { try selu($0) })
        },
        Builtin("CELU(alpha=1.0, inplace=False)", "the layer celu(x, alpha)") { call in
            let alpha = try call.double("alpha")
            return .module(
                FunctionLayer("CELU", settings: "alpha=\(pythonFloat(alpha))") { x in
                    try (elu(x / alpha, alpha: 1)) * alpha
                })
        },
        Builtin("LogSigmoid()", "the layer log(sigmoid(x))") { _ in
            .module(FunctionLayer("LogSigmoid") { try logSigmoid($0) })
        },
        Builtin("Softsign()", "the layer x / (1 + |x|)") { _ in
            .module(FunctionLayer("Softsign") { x in try x / (try x.abs() + 1) })
        },
        Builtin("Hardsigmoid(inplace=False)", "the layer hardsigmoid(x)") { _ in
            .module(FunctionLayer("Hardsigmoid") { try hardSigmoid($0) })
        },
        Builtin("Tanhshrink()", "the layer x − tanh(x)") { _ in
            .module(FunctionLayer("Tanhshrink") { x in try x - tanh(x) })
        },
        Builtin("Softshrink(lambd=0.5)", "the layer softshrink(x, lambd)") { call in
            let limit = try call.double("lambd")
            return .module(
                FunctionLayer("Softshrink", settings: pythonFloat(limit)) { try softShrink($0, limit) })
        },
        Builtin("Softmax2d()", "the layer softmax over the channels of [N, C, H, W] (or [C, H, W])") { _ in
            .module(
                FunctionLayer("Softmax2d") { x in
                    guard x.rank == 3 || x.rank == 4 else {
                        throw LanguageError.said(.shape, .softmax2dInputRank, ["shape": x.shape])
                    }
                    return try softmax(x, dim: -3)
                })
        },
        Builtin("PReLU(num_parameters=1, init=0.25)", "the layer x above 0, a learnable weight · x below") {
            call in
            let count = try call.int("num_parameters")
            guard count >= 1 else {
                throw LanguageError.said(
                    .value, .preluParameters, ["count": count], at: call.range(of: "num_parameters"))
            }
            let weight = try Parameter(Tensor.full([count], try call.double("init")))
            return .module(
                ComposedLayer("PReLU", settings: "num_parameters=\(count)", parameters: [("weight", weight)])
                {
                    x, values, _ in
                    try prelu(x, values[0], nil)
                })
        },
        Builtin(
            "Dropout2d(p=0.5, inplace=False)",
            "the layer zeroing whole channels with probability p while training"
        ) { call in
            let p = try dropoutProbability(call)
            let generator = Mutex(SeededGenerator(seed: call.evaluator.generator.next()))
            return .module(
                ComposedLayer("Dropout2d", settings: "p=\(pythonFloat(p)), inplace=False") { x, _, training in
                    guard training else { return x }
                    return try generator.withLock { generator in
                        try channelDropout(x, p: p, using: &generator)
                    }
                })
        },
    ]

    /// `InstanceNorm1d` / `InstanceNorm2d`: affine off and no running statistics by default;
    /// `track_running_stats=True` is refused (not provided).
    static func instanceNormModule(_ name: String, rank: Int) -> Builtin {
        Builtin(
            "\(name)(num_features, eps=1e-05, momentum=0.1, affine=False, track_running_stats=False, bias=True)",
            "the layer normalising each sample's channels over their own positions"
        ) { call in
            guard !(try call.bool("track_running_stats")) else {
                throw LanguageError.said(.unsupported, .instanceNormRunningStats, at: call.range)
            }
            let features = try call.int("num_features")
            let eps = try call.double("eps")
            let affine = try call.bool("affine")
            let parameters = try affineParameters(features, weight: affine, bias: affine && call.bool("bias"))
            let momentum = try call.optionalDouble("momentum").map(pythonFloat) ?? "None"
            let settings =
                "\(features), eps=\(pythonFloat(eps)), momentum=\(momentum), affine=\(python(affine)), bias=\(python(parameters.count == 2)), track_running_stats=False"
            return .module(
                ComposedLayer(name, settings: settings, parameters: parameters) { x, values, _ in
                    guard x.rank == rank || x.rank == rank - 1 else {
                        throw LanguageError.said(
                            .shape, .instanceNormInputRank,
                            ["function": name, "expected": rank - 1, "shape": x.shape])
                    }
                    let batched = x.rank == rank ? x : try x.unsqueeze(0)
                    let y = try groupNormTensors(
                        batched, batched.shape[1], values.first, values.count > 1 ? values[1] : nil, eps)
                    return x.rank == rank ? y : try y.squeeze(dim: 0)
                })
        }
    }

    /// `F.layer_norm` with PyTorch's check that normalized_shape ends input's shape.
    static func layerNorm(
        _ input: Tensor, _ shape: [Int], _ weight: Tensor?, _ bias: Tensor?, _ eps: Double, _ call: Call
    ) throws -> Tensor {
        try layerNormTensors(input, shape, weight, bias, eps, function: call.function)
    }

    /// (x − mean) / √(var + eps) over the last `shape.count` dimensions (biased variance), then
    /// `· weight + bias`.
    static func layerNormTensors(
        _ input: Tensor, _ shape: [Int], _ weight: Tensor?, _ bias: Tensor?, _ eps: Double, function: String
    ) throws -> Tensor {
        guard !shape.isEmpty, shape.count <= input.rank, Array(input.shape.suffix(shape.count)) == shape
        else {
            throw LanguageError.said(.shape, .layerNormShape, ["normalized": shape, "shape": input.shape])
        }
        let dims = Array((input.rank - shape.count)..<input.rank)
        var y = try normalized(input, over: dims, eps: eps)
        if let weight { y = try y * weight }
        if let bias { y = try y + bias }
        return y
    }

    /// `F.group_norm` with PyTorch's checks.
    static func groupNorm(
        _ input: Tensor, _ groups: Int, _ weight: Tensor?, _ bias: Tensor?, _ eps: Double, _ call: Call
    ) throws -> Tensor {
        try groupNormTensors(input, groups, weight, bias, eps)
    }

    /// Each sample's `[C, …]` viewed as `[groups, C/groups · …]`, normalised per group (biased
    /// variance), then scaled and shifted per channel.
    static func groupNormTensors(
        _ input: Tensor, _ groups: Int, _ weight: Tensor?, _ bias: Tensor?, _ eps: Double
    ) throws -> Tensor {
        guard input.rank >= 2 else {
            throw LanguageError.said(.shape, .groupNormInputRank, ["shape": input.shape])
        }
        let channels = input.shape[1]
        guard groups > 0, channels % groups == 0 else {
            throw LanguageError.said(.value, .groupsDivideChannels, ["groups": groups, "channels": channels])
        }
        let grouped = try input.reshape([input.shape[0], groups, -1])
        var y = try normalized(grouped, over: [2], eps: eps).reshape(input.shape)
        let perChannel = [channels] + Array(repeating: 1, count: input.rank - 2)
        if let weight { y = try y * weight.reshape(perChannel) }
        if let bias { y = try y + bias.reshape(perChannel) }
        return y
    }

    /// (x − mean) / √(biased var + eps) over `dims`.
    static func normalized(_ x: Tensor, over dims: [Int], eps: Double) throws -> Tensor {
        let real = x.kind == .real ? x : try x.float()
        let mean = try real.mean(dims: dims, keepDim: true)
        let variance = try real.variance(dims: dims, correction: 0, keepDim: true)
        return try (real - mean) / (variance + eps).sqrt()
    }

    /// SELU with PyTorch's constants.
    static func selu(_ x: Tensor) throws -> Tensor {
        try elu(x, alpha: 1.6732632423543772848170429916717) * 1.0507009873554804934193349852946
    }

    /// CELU: α · elu(x / α).
    static func celu(_ x: Tensor, _ alpha: Double, _ call: Call) throws -> Tensor {
        guard alpha != 0 else {
            throw LanguageError.said(.value, .celuAlphaZero, at: call.range(of: "alpha"))
        }
        return try elu(x / alpha, alpha: 1) * alpha
    }

    /// log σ(x) = −softplus(−x), stable for large |x|.
    static func logSigmoid(_ x: Tensor) throws -> Tensor {
        try -softplus(-x, beta: 1, threshold: 20)
    }

    /// hardtanh(x + 3, 0, 6) / 6: slope 1/6 strictly between −3 and 3, as PyTorch's backward.
    static func hardSigmoid(_ x: Tensor) throws -> Tensor {
        try hardtanh(x + 3, minValue: 0, maxValue: 6) / 6
    }

    /// x − λ above λ, x + λ below −λ, 0 between.
    static func softShrink(_ x: Tensor, _ limit: Double) throws -> Tensor {
        let zero = Tensor(0, dtype: x.dtype)
        return try Tensor.where(
            try x.gt(Tensor(limit)), x - limit, try Tensor.where(try x.lt(Tensor(-limit)), x + limit, zero))
    }

    /// PReLU: x above 0, w·x elsewhere (the slope at 0 is w, as PyTorch's backward); one weight for
    /// every element or one per channel (dimension 1).
    static func prelu(_ x: Tensor, _ weight: Tensor, _ call: Call?) throws -> Tensor {
        var w = weight
        if weight.count > 1 {
            guard x.rank >= 2, x.shape[1] == weight.count, weight.rank == 1 else {
                throw LanguageError.said(.shape, .preluWeights, ["weights": weight.count, "shape": x.shape])
            }
            w = try weight.reshape([weight.count] + Array(repeating: 1, count: x.rank - 2))
        } else if weight.rank > 0 {
            w = try weight.reshape([])
        }
        return try Tensor.where(try x.gt(Tensor(0)), x, try w * x)
    }

    /// `p` of a dropout, refused outside [0, 1] as PyTorch does.
    static func dropoutProbability(_ call: Call) throws -> Double {
        let p = try call.double("p")
        guard (0...1).contains(p) else {
            throw CNNError.argument(.dropoutProbabilityHasToBe, ["p": p])
        }
        return p
    }

    /// Zeroes whole channels (`[N, C, …]` or an unbatched `[C, …]`) with probability p and
    /// scales the rest by 1/(1 − p): the mask is drawn once per channel.
    static func channelDropout<G: RandomNumberGenerator>(_ x: Tensor, p: Double, using generator: inout G)
        throws -> Tensor
    {
        guard x.rank >= 2 else {
            throw LanguageError.said(.shape, .dropout2dInputRank, ["shape": x.shape])
        }
        if p == 0 { return x }
        if p == 1 { return try x * 0 }
        let batched = x.rank >= 3
        var maskShape = Array(repeating: 1, count: x.rank)
        maskShape[0] = x.shape[0]
        if batched { maskShape[1] = x.shape[1] }
        let draws = try Tensor.rand(maskShape, dtype: x.dtype, using: &generator)
        let keep = try draws.ge(Tensor(p)).converted(to: x.scalarType)
        return try x * keep / (1 - p)
    }

    /// A weight of ones and a bias of zeros, `[count]` each, as the flags ask.
    static func affineParameters(_ count: Int, weight: Bool, bias: Bool) throws -> [(
        name: String, parameter: Parameter
    )] {
        (weight ? [("weight", try Parameter(Tensor.ones([count])))] : [])
            + (bias ? [("bias", try Parameter(Tensor.zeros([count])))] : [])
    }

    /// `True` / `False`.
    static func python(_ flag: Bool) -> String { flag ? "True" : "False" }

    /// `(3, 4)` / `(4,)`, as Python prints a tuple of ints.
    static func tupleText(_ values: [Int]) -> String {
        values.count == 1 ? "(\(values[0]),)" : "(" + values.map(String.init).joined(separator: ", ") + ")"
    }

    /// A float as Python prints it (`1e-05`, `0.5`, `1.0`).
    static func pythonFloat(_ value: Double) -> String { Value.float(value).description }
}
