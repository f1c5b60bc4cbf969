import CNN

/// The functional activations and losses beyond the first lessons' (`F.gelu`, `F.nll_loss`,
/// `F.binary_cross_entropy`, …), their module forms (`nn.GELU()`, `nn.CrossEntropyLoss()`, …)
/// and `F.adaptive_max_pool2d`.
extension Builtins {
    static let moreActivations: [Builtin] = [
        Builtin("elu(input, alpha=1.0, inplace=False)", "x above 0, alpha·(eˣ − 1) below") { call in
            .tensor(try elu(try call.tensor("input"), alpha: try call.double("alpha")))
        },
        Builtin("gelu(input, approximate='none')", "x·Φ(x) (approximate='tanh' for the tanh formula)") {
            call in
            .tensor(try gelu(try call.tensor("input"), approximate: try geluApproximation(call)))
        },
        Builtin("silu(input, inplace=False)", "x·σ(x), also called swish") { call in
            .tensor(try silu(try call.tensor("input")))
        },
        Builtin("softplus(input, beta=1.0, threshold=20.0)", "log(1 + e^(βx))/β, a smooth ReLU") { call in
            .tensor(
                try softplus(
                    try call.tensor("input"), beta: try call.double("beta"),
                    threshold: try call.double("threshold")))
        },
        Builtin(
            "hardtanh(input, min_val=-1.0, max_val=1.0, inplace=False)", "x limited to [min_val, max_val]"
        ) {
            call in
            .tensor(
                try hardtanh(
                    try call.tensor("input"), minValue: try call.double("min_val"),
                    maxValue: try call.double("max_val")))
        },
    ]

    static let moreLosses: [Builtin] = [
        Builtin(
            "nll_loss(input, target, weight=None, ignore_index=-100, reduction='mean')",
            "the negative log-likelihood of class indices, for log-probabilities (log_softmax outputs)"
        ) { call in
            try checkClassTarget(try call.tensor("input"), try call.tensor("target"), call)
            return .tensor(
                try nllLoss(
                    try call.tensor("input"), try call.tensor("target"),
                    weight: try call.optionalTensor("weight"),
                    reduction: try call.reduction("reduction"), ignoreIndex: try call.int("ignore_index")))
        },
        Builtin("l1_loss(input, target, reduction='mean')", "the mean absolute difference") { call in
            .tensor(
                try l1Loss(
                    try call.tensor("input"), try call.tensor("target"),
                    reduction: try call.reduction("reduction")))
        },
        Builtin(
            "smooth_l1_loss(input, target, reduction='mean', beta=1.0)",
            "squared below beta, absolute above: a loss less sensitive to outliers"
        ) { call in
            .tensor(
                try smoothL1Loss(
                    try call.tensor("input"), try call.tensor("target"),
                    reduction: try call.reduction("reduction"),
                    beta: try call.double("beta")))
        },
        Builtin(
            "binary_cross_entropy(input, target, weight=None, reduction='mean')",
            "the loss of probabilities in [0, 1] against 0/1 targets"
        ) { call in
            let (input, target) = (try call.tensor("input"), try call.tensor("target"))
            try checkBinaryTarget(input, target, logits: false, call)
            return .tensor(
                try binaryCrossEntropy(
                    input, target, weight: try call.optionalTensor("weight"),
                    reduction: try call.reduction("reduction")))
        },
        Builtin(
            "binary_cross_entropy_with_logits(input, target, weight=None, reduction='mean', pos_weight=None)",
            "binary cross-entropy of logits (sigmoid included, computed stably)"
        ) { call in
            let (input, target) = (try call.tensor("input"), try call.tensor("target"))
            try checkBinaryTarget(input, target, logits: true, call)
            return .tensor(
                try binaryCrossEntropyWithLogits(
                    input, target, weight: try call.optionalTensor("weight"),
                    posWeight: try call.optionalTensor("pos_weight"),
                    reduction: try call.reduction("reduction")))
        },
        Builtin(
            "adaptive_max_pool2d(input, output_size, return_indices=False)",
            "max pooling to a given output size"
        ) { call in
            guard try !call.bool("return_indices") else {
                throw LanguageError.said(.unsupported, .returnIndicesUnsupported, at: call.range)
            }
            return .tensor(
                try adaptiveMaxPool2d(try call.tensor("input"), outputSize: try call.size2D("output_size")))
        },
    ]

    /// `F.cross_entropy`, with PyTorch's `weight=` third.
    static let crossEntropyBuiltin = Builtin(
        "cross_entropy(input, target, weight=None, ignore_index=-100, reduction='mean', label_smoothing=0.0)",
        "the classification loss of logits [N, C] against class indices [N] (or probabilities)"
    ) { call in
        .tensor(try crossEntropyLoss(call, weight: try call.optionalTensor("weight")))
    }

    static func crossEntropyLoss(_ call: Call, weight: Tensor?) throws -> Tensor {
        let (input, target) = (try call.tensor("input"), try call.tensor("target"))
        try checkClassTarget(input, target, call)
        let (reduction, ignoreIndex) = (try call.reduction("reduction"), try call.int("ignore_index"))
        let smoothing = try call.double("label_smoothing")
        guard let weight else {
            return try crossEntropy(
                input, target, reduction: reduction, ignoreIndex: ignoreIndex, labelSmoothing: smoothing)
        }
        return try crossEntropy(
            input, target, weight: weight, reduction: reduction, ignoreIndex: ignoreIndex,
            labelSmoothing: smoothing)
    }

    private static func geluApproximation(_ call: Call) throws -> GELUApproximation {
        let name = try call.string("approximate")
        guard let approximation = GELUApproximation(rawValue: name) else {
            throw LanguageError.said(
                .argument, .geluApproximate, ["function": call.function, "name": name],
                at: call.range(of: "approximate"))
        }
        return approximation
    }

    // MARK: - Modules

    /// `nn.GELU()`, `nn.Softmax(dim=1)`, `nn.ZeroPad2d(1)`, … as layers.
    static let moreModules: [Builtin] = [
        Builtin("Softmax(dim=None)", "the layer softmax(x, dim)") { call in
            let dim = try call.optionalInt("dim")
            return .module(
                FunctionLayer("Softmax", settings: "dim=\(dim.map(String.init) ?? "None")") { x in
                    try softmax(x, dim: dim ?? implicitSoftmaxDim(x))
                })
        },
        Builtin("LogSoftmax(dim=None)", "the layer log_softmax(x, dim)") { call in
            let dim = try call.optionalInt("dim")
            return .module(
                FunctionLayer("LogSoftmax", settings: "dim=\(dim.map(String.init) ?? "None")") { x in
                    try logSoftmax(x, dim: dim ?? implicitSoftmaxDim(x))
                })
        },
        Builtin(
            "ZeroPad2d(padding)",
            "the layer adding zeros around images: padding or (left, right, top, bottom)"
        ) {
            call in
            let given = try call.intList("padding")
            guard given.count == 1 || given.count == 4 else {
                throw call.mismatch("padding", .intOrFourInts)
            }
            let sides = given.count == 1 ? Array(repeating: given[0], count: 4) : given
            return .module(
                FunctionLayer("ZeroPad2d", settings: "(\(sides.map(String.init).joined(separator: ", ")))") {
                    x in
                    try pad(x, sides, mode: .constant, value: 0)
                })
        },
        Builtin("GELU(approximate='none')", "the layer gelu(x)") { call in
            let approximation = try geluApproximation(call)
            return .module(
                FunctionLayer("GELU", settings: "approximate='\(approximation.rawValue)'") { x in
                    try gelu(x, approximate: approximation)
                })
        },
        Builtin("ELU(alpha=1.0, inplace=False)", "the layer elu(x)") { call in
            let alpha = try call.double("alpha")
            return .module(FunctionLayer("ELU", settings: "alpha=\(alpha)") { x in try elu(x, alpha: alpha) })
        },
        Builtin("SiLU(inplace=False)", "the layer x·σ(x)") { _ in
            .module(FunctionLayer("SiLU") { x in try silu(x) })
        },
        Builtin("Softplus(beta=1.0, threshold=20.0)", "the layer softplus(x)") { call in
            let (beta, threshold) = (try call.double("beta"), try call.double("threshold"))
            return .module(
                FunctionLayer("Softplus", settings: "beta=\(beta), threshold=\(threshold)") { x in
                    try softplus(x, beta: beta, threshold: threshold)
                })
        },
        Builtin("Hardtanh(min_val=-1.0, max_val=1.0, inplace=False)", "the layer hardtanh(x)") { call in
            let (low, high) = (try call.double("min_val"), try call.double("max_val"))
            return .module(
                FunctionLayer("Hardtanh", settings: "min_val=\(low), max_val=\(high)") { x in
                    try hardtanh(x, minValue: low, maxValue: high)
                })
        },
        Builtin("AdaptiveMaxPool2d(output_size)", "the layer taking the largest value of adaptive windows") {
            call in
            let size = try call.size2D("output_size")
            return .module(
                FunctionLayer("AdaptiveMaxPool2d", settings: "output_size=\(size)") { x in
                    try adaptiveMaxPool2d(x, outputSize: size)
                })
        },
    ]

    /// PyTorch's `_get_softmax_dim` for `dim=None`: 0 for 0-, 1- and 3-dimensional inputs, else 1.
    static func implicitSoftmaxDim(_ x: Tensor) -> Int { [0, 1, 3].contains(x.rank) ? 0 : 1 }

    /// Loss modules: `criterion = nn.CrossEntropyLoss(); loss = criterion(output, target)`.
    static let lossModules: [Builtin] = [
        Builtin(
            "CrossEntropyLoss(weight=None, ignore_index=-100, reduction='mean', label_smoothing=0.0)",
            "the loss module calling cross_entropy(input, target)"
        ) { call in
            let weight = try call.optionalTensor("weight")
            let (ignoreIndex, reduction) = (try call.int("ignore_index"), try call.reduction("reduction"))
            let smoothing = try call.double("label_smoothing")
            return lossModule("CrossEntropyLoss", classIndices: true) { input, target in
                guard let weight else {
                    return try crossEntropy(
                        input, target, reduction: reduction, ignoreIndex: ignoreIndex,
                        labelSmoothing: smoothing)
                }
                return try crossEntropy(
                    input, target, weight: weight, reduction: reduction, ignoreIndex: ignoreIndex,
                    labelSmoothing: smoothing)
            }
        },
        Builtin(
            "NLLLoss(weight=None, ignore_index=-100, reduction='mean')", "the loss module calling nll_loss"
        ) { call in
            let weight = try call.optionalTensor("weight")
            let (ignoreIndex, reduction) = (try call.int("ignore_index"), try call.reduction("reduction"))
            return lossModule("NLLLoss", classIndices: true) { input, target in
                try nllLoss(input, target, weight: weight, reduction: reduction, ignoreIndex: ignoreIndex)
            }
        },
        Builtin(
            "KLDivLoss(size_average=None, reduce=None, reduction='mean', log_target=False)",
            "the loss module calling kl_div(input, target): input log-probabilities"
        ) { call in
            guard let reduction = KLReduction(rawValue: try call.string("reduction")) else {
                throw LanguageError.said(
                    .argument, .klDivReduction, ["reduction": try call.string("reduction")],
                    at: call.range(of: "reduction"))
            }
            let logTarget = try call.bool("log_target")
            return lossModule("KLDivLoss") { input, target in
                try klDivergence(input, target, reduction: reduction, logTarget: logTarget)
            }
        },
        Builtin("MSELoss(reduction='mean')", "the loss module calling mse_loss") { call in
            let reduction = try call.reduction("reduction")
            return lossModule("MSELoss") { input, target in try mseLoss(input, target, reduction: reduction) }
        },
        Builtin("L1Loss(reduction='mean')", "the loss module calling l1_loss") { call in
            let reduction = try call.reduction("reduction")
            return lossModule("L1Loss") { input, target in try l1Loss(input, target, reduction: reduction) }
        },
        Builtin("SmoothL1Loss(reduction='mean', beta=1.0)", "the loss module calling smooth_l1_loss") {
            call in
            let (reduction, beta) = (try call.reduction("reduction"), try call.double("beta"))
            return lossModule("SmoothL1Loss") { input, target in
                try smoothL1Loss(input, target, reduction: reduction, beta: beta)
            }
        },
        Builtin("BCELoss(weight=None, reduction='mean')", "the loss module calling binary_cross_entropy") {
            call in
            let (weight, reduction) = (try call.optionalTensor("weight"), try call.reduction("reduction"))
            return lossModule("BCELoss", binaryTarget: .probabilities) { input, target in
                try binaryCrossEntropy(input, target, weight: weight, reduction: reduction)
            }
        },
        Builtin(
            "BCEWithLogitsLoss(weight=None, reduction='mean', pos_weight=None)",
            "the loss module calling binary_cross_entropy_with_logits"
        ) { call in
            let (weight, reduction) = (try call.optionalTensor("weight"), try call.reduction("reduction"))
            let posWeight = try call.optionalTensor("pos_weight")
            return lossModule("BCEWithLogitsLoss", binaryTarget: .logits) { input, target in
                try binaryCrossEntropyWithLogits(
                    input, target, weight: weight, posWeight: posWeight, reduction: reduction)
            }
        },
    ]

    /// The summary of every loss module's function, by which it prints as PyTorch prints the
    /// module (`CrossEntropyLoss()`).
    static let lossModuleSummary = "the loss of input against target"

    /// A loss module: a function of `(input, target)` named after its class.
    static func lossModule(
        _ name: String, classIndices: Bool = false, binaryTarget: BinaryInput? = nil,
        _ loss: @escaping @Sendable (Tensor, Tensor) throws -> Tensor
    )
        -> Value
    {
        .function(
            Function(
                .builtin(
                    Builtin("\(name)(input, target)", lossModuleSummary) { call in
                        let (input, target) = (try call.tensor("input"), try call.tensor("target"))
                        if classIndices { try checkClassTarget(input, target, call) }
                        if let binaryTarget {
                            try checkBinaryTarget(input, target, logits: binaryTarget == .logits, call)
                        }
                        return .tensor(try loss(input, target))
                    })))
    }

    /// PyTorch's refusal of real-valued class indices (`F.cross_entropy(logits, labels.float())`
    /// is "expected scalar type Long but found Float"): a target of real numbers is class
    /// probabilities, and then has the input's shape.
    static func checkClassTarget(_ input: Tensor, _ target: Tensor, _ call: Call) throws {
        guard target.kind == .real, target.shape != input.shape else { return }
        throw LanguageError.said(
            .type, .crossEntropyTargetType, ["dtype": target.scalarType, "shape": input.shape],
            at: call.range(of: "target"))
    }

    /// What a binary loss reads: probabilities (`BCELoss`) or logits (`BCEWithLogitsLoss`).
    enum BinaryInput { case probabilities, logits }

    /// PyTorch's refusal of a 0/1 target that is not real-valued: `BCEWithLogitsLoss()(logits,
    /// labels)` with int64 labels is "result type Float can't be cast to the desired output type
    /// Long", and `binary_cross_entropy` wants the input's own dtype ("Found dtype Long but
    /// expected Float"). Computing a loss anyway would be a result PyTorch never gives.
    static func checkBinaryTarget(_ input: Tensor, _ target: Tensor, logits: Bool, _ call: Call) throws {
        let fits = logits ? target.kind == .real : target.scalarType == input.scalarType
        guard !fits else { return }
        throw LanguageError.said(
            .type, .binaryTargetType,
            [
                "function": call.function, "dtype": target.scalarType.rawValue,
                "input": input.scalarType.rawValue,
            ],
            at: call.range(of: "target"))
    }
}
