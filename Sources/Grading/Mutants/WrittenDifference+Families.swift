import Wording

/// Which builtins, called in another's place with the same arguments, compute something else that
/// the two names say, and what each of them computes where a short sentence says it truly.
extension WrittenDifference {
    /// Families of builtins each of which, in another's place with the same arguments, computes
    /// something else that the two names say: reductions and rankings (`argmin` for `argmax`,
    /// `mean` for `sum`, `var` for `std`), convolutions (`conv_transpose2d` for `conv2d`), losses,
    /// activations, logarithms and exponentials, roundings and poolings, in their function and
    /// module forms (`nn.L1Loss()` for `nn.MSELoss()`). Other callees may be spellings of one
    /// calculation (`view` and `reshape`) or compute something unrelated (`numel` for `sum`).
    static let families: [Set<String>] = [
        [
            "sum", "mean", "nansum", "nanmean", "prod", "std", "var", "median", "amax", "amin", "max", "min",
            "argmax", "argmin", "any", "all", "norm", "logsumexp", "count_nonzero", "cumsum", "cumprod",
            "softmax", "log_softmax", "topk", "sort", "kthvalue", "argsort", "cummin", "cummax",
        ],
        ["conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d"],
        [
            "mse_loss", "l1_loss", "smooth_l1_loss", "huber_loss", "binary_cross_entropy",
            "binary_cross_entropy_with_logits", "cross_entropy", "nll_loss",
        ],
        [
            "MSELoss", "L1Loss", "SmoothL1Loss", "HuberLoss", "BCELoss", "BCEWithLogitsLoss",
            "CrossEntropyLoss",
            "NLLLoss",
        ],
        [
            "sigmoid", "tanh", "relu", "leaky_relu", "gelu", "softplus", "softmax", "log_softmax", "hardtanh",
            "relu6", "elu", "silu", "selu", "logsigmoid", "softsign",
        ],
        [
            "Sigmoid", "Tanh", "ReLU", "LeakyReLU", "GELU", "Softplus", "Softmax", "LogSoftmax", "Hardtanh",
            "ReLU6", "ELU", "SiLU", "SELU", "LogSigmoid", "Softsign",
        ],
        ["maximum", "minimum", "fmax", "fmin"],
        ["cummax", "cummin"],
        ["log", "log2", "log10", "log1p", "exp", "exp2", "expm1"],
        ["floor", "ceil", "round", "trunc", "int"],
        [
            "max_pool1d", "max_pool2d", "max_pool3d", "avg_pool1d", "avg_pool2d", "avg_pool3d", "lp_pool1d",
            "lp_pool2d",
        ],
        ["adaptive_max_pool1d", "adaptive_max_pool2d", "adaptive_avg_pool1d", "adaptive_avg_pool2d"],
        [
            "MaxPool1d", "MaxPool2d", "MaxPool3d", "AvgPool1d", "AvgPool2d", "AvgPool3d", "LPPool1d",
            "LPPool2d",
        ],
        ["AdaptiveMaxPool1d", "AdaptiveMaxPool2d", "AdaptiveAvgPool1d", "AdaptiveAvgPool2d"],
    ]

    /// Whether two callees (or halves of pairs, `max(…).values`) are of one family.
    static func related(_ a: String, _ b: String) -> Bool {
        let base = { (name: String) in name.range(of: "(…)").map { String(name[..<$0.lowerBound]) } ?? name }
        return families.contains { $0.contains(base(a)) && $0.contains(base(b)) }
    }

    /// Builtins whose two data parameters may be given either way round for the same value: their
    /// arguments swapped are no difference (such an answer is right, and passes).
    static let symmetric: Set<String> = [
        "add", "mul", "multiply", "maximum", "minimum", "fmax", "fmin", "max", "min", "eq", "ne", "equal",
        "logical_and", "logical_or", "logical_xor", "bitwise_and", "bitwise_or", "bitwise_xor", "dot",
        "inner",
        "vdot", "hypot", "gcd", "lcm", "isclose", "allclose", "mse_loss", "l1_loss", "smooth_l1_loss",
        "huber_loss", "MSELoss", "L1Loss", "SmoothL1Loss", "HuberLoss", "cosine_similarity",
        "pairwise_distance",
        "dist", "__add__", "__mul__",
    ]

    /// The parameters that carry a call's data (and `dim` or a window's size, which no description
    /// depends on: a max pool takes each window's largest value, whatever its size): a
    /// callee given only these computes what its description says; another setting (a `base`, a
    /// `reduction`, a slope, bounds) may make it compute otherwise.
    static let dataParameters: Set<String> = [
        "input", "target", "x", "number", "self", "dim", "other", "kernel_size", "stride", "padding",
        "dilation", "output_size", "ceil_mode",
    ]

    /// What the builtin called `name` computes, in a sentence's words, where it is the same
    /// whatever its data; nil where no short true description exists.
    static func computes(_ name: String) -> ComputesKey? {
        switch name {
        case "log": .naturalLog
        case "log2": .log2
        case "log10": .log10
        case "log1p": .log1p
        case "exp": .exp
        case "exp2": .exp2
        case "expm1": .expm1
        case "floor": .floor
        case "ceil": .ceil
        case "round": .round
        case "trunc", "int": .trunc
        case "sigmoid", "Sigmoid": .sigmoid
        case "tanh", "Tanh": .tanh
        case "relu", "ReLU": .relu
        case "relu6", "ReLU6": .relu6
        case "hardtanh", "Hardtanh": .hardtanh
        case "softplus", "Softplus": .softplus
        case "softmax", "Softmax": .softmax
        case "log_softmax", "LogSoftmax": .logSoftmax
        case "mse_loss", "MSELoss": .mse
        case "l1_loss", "L1Loss": .l1
        case "binary_cross_entropy", "BCELoss": .bce
        case "binary_cross_entropy_with_logits", "BCEWithLogitsLoss": .bceWithLogits
        case "cross_entropy", "CrossEntropyLoss": .crossEntropy
        case "nll_loss", "NLLLoss": .nll
        case "max_pool1d", "max_pool2d", "max_pool3d", "MaxPool1d", "MaxPool2d", "MaxPool3d": .maxPool
        case "avg_pool1d", "avg_pool2d", "avg_pool3d", "AvgPool1d", "AvgPool2d", "AvgPool3d": .avgPool
        case "adaptive_max_pool1d", "adaptive_max_pool2d", "AdaptiveMaxPool1d", "AdaptiveMaxPool2d": .maxPool
        case "adaptive_avg_pool1d", "adaptive_avg_pool2d", "AdaptiveAvgPool1d", "AdaptiveAvgPool2d": .avgPool
        default: nil
        }
    }

    /// What `answer`'s callee, in the place of `reference`'s, computes and what the reference's
    /// does, when both are described and both calls are given only their data: another setting
    /// (`math.log(x, 10)`, `reduction='sum'`, `hardtanh(x, -2, 2)`) could make the description
    /// untrue.
    static func computation(called answer: CallTree, for reference: CallTree) -> (ComputesKey, ComputesKey)? {
        guard let yours = computes(answer.calleeName), let theirs = computes(reference.calleeName),
            yours != theirs,
            answer.arguments.keys.allSatisfy(dataParameters.contains),
            reference.arguments.keys.allSatisfy(dataParameters.contains)
        else { return nil }
        return (yours, theirs)
    }
}

extension WrittenDifference {
    /// Callees that resize by a `mode` (`F.interpolate(x, scale_factor=2, mode='bilinear')`).
    static let resizers: Set<String> = ["interpolate", "upsample", "Upsample"]

    /// What an interpolation mode makes each new value, by the mode's name as typed (quotes
    /// aside); nil (left out) is PyTorch's default, `nearest`.
    static func interpolation(_ mode: String?) -> ComputesKey? {
        let name = mode.map { $0.filter { $0 != "'" && $0 != "\"" } } ?? "nearest"
        switch name {
        case "nearest", "nearest-exact": return .nearestMode
        case "linear": return .linearMode
        case "bilinear": return .bilinearMode
        case "bicubic": return .bicubicMode
        case "trilinear": return .trilinearMode
        case "area": return .areaMode
        default: return nil
        }
    }
}

/// The catalog `computes`: what a builtin computes, as a noun phrase said inside the sentence
/// `WrittenKey.computesFor` ("`log10` takes the base-10 logarithm, where …").
package enum ComputesKey: String, MessageKey {
    package static let catalog = "computes"

    case naturalLog, log2, log10, log1p, exp, exp2, expm1
    case floor, ceil, round, trunc
    case sigmoid, tanh, relu, relu6, hardtanh, softplus, softmax, logSoftmax
    case mse, l1, bce, bceWithLogits, crossEntropy, nll
    case maxPool, avgPool
    /// What an interpolation mode makes each new value.
    case nearestMode, linearMode, bilinearMode, bicubicMode, trilinearMode, areaMode
}
