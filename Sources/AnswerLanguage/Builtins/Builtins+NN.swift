import CNN

/// `torch.nn.functional`: convolutions and the engine's other NN functions.
extension Builtins {
    static let convolutions: [Builtin] = [
        Builtin(
            "conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1)",
            "2-D cross-correlation of [N, C, H, W] images with [K, C/groups, kH, kW] filters"
        ) { call in
            .tensor(
                try conv2d(
                    try call.tensor("input"), try call.tensor("weight"),
                    bias: try call.optionalTensor("bias"),
                    stride: try call.size2D("stride"), padding: try call.convPadding("padding"),
                    dilation: try call.size2D("dilation"), groups: try call.int("groups")))
        },
        Builtin(
            "conv1d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1)",
            "1-D cross-correlation of [N, C, L] signals with [K, C/groups, kW] filters"
        ) { call in
            .tensor(
                try conv1d(
                    try call.tensor("input"), try call.tensor("weight"),
                    bias: try call.optionalTensor("bias"),
                    stride: try call.int("stride"), padding: try call.convPadding("padding"),
                    dilation: try call.int("dilation"), groups: try call.int("groups")))
        },
    ]
}

extension Call {
    /// An int or a pair of ints, as PyTorch's `stride=2` / `stride=(2, 1)`.
    func size2D(_ name: String) throws -> Size2D {
        let values = try intList(name)
        return try Size2D(values, argument: name, function: function)
    }

    /// An int, a pair, `'valid'` or `'same'`.
    func convPadding(_ name: String) throws -> ConvPadding {
        if case .string(let text) = try value(name) { return try ConvPadding(text) }
        return .explicit(try size2D(name))
    }
}

/// Activations, softmax, padding and pooling.
extension Builtins {
    static let activations: [Builtin] = [
        // `inplace=True` (`F.relu(x, inplace=True)` in tutorials) is taken by keyword, so
        // `relu(x, y)` is still one argument too many.
        Builtin("relu(input, *more, inplace=False)", "max(x, 0) elementwise") { call in
            guard call.rest.isEmpty else {
                throw LanguageError(
                    .argument,
                    .tooManyArguments(function: call.function, takes: 1, given: 1 + call.rest.count),
                    at: call.restRanges[0])
            }
            guard try call.bool("inplace"), case .tensor(let input) = try call.value("input") else {
                return .tensor(try relu(try call.tensorOrNumber("input")))
            }
            // In place, as PyTorch: names bound to the input see the result, which stays in the
            // graph (`out = F.relu(out, inplace=True)` in a block's forward still trains).
            try checkInPlace(input, call)
            let output = try relu(input)
            rebindNames(boundTo: input, call) { _ in output }
            return .tensor(output)
        },
        unary("sigmoid", "1 / (1 + e⁻ˣ) elementwise") { try sigmoid($0) },
        unary("tanh", "hyperbolic tangent elementwise") { try tanh($0) },
        Builtin("leaky_relu(input, negative_slope=0.01)", "x, or negative_slope·x below 0") { call in
            .tensor(try leakyRelu(try call.tensor("input"), negativeSlope: try call.double("negative_slope")))
        },
        // Without `dim`, PyTorch picks one (0 for 0-, 1- and 3-d inputs, else 1) and warns.
        Builtin("softmax(input, dim=None)", "exponentials normalised to sum to 1 along dim") { call in
            let input = try call.tensor("input")
            return .tensor(try softmax(input, dim: try call.optionalInt("dim") ?? implicitSoftmaxDim(input)))
        },
        Builtin("log_softmax(input, dim=None)", "the logarithm of softmax, computed stably") { call in
            let input = try call.tensor("input")
            return .tensor(
                try logSoftmax(input, dim: try call.optionalInt("dim") ?? implicitSoftmaxDim(input)))
        },
    ]

    static let pooling: [Builtin] = [
        Builtin(
            "pad(input, pad, mode='constant', value=None)",
            "borders added: pad = (left, right, top, bottom, …)"
        ) {
            call in
            let modeName = try call.string("mode")
            guard let mode = PadMode(rawValue: modeName) else {
                throw LanguageError(
                    .argument, .said(.padMode, ["mode": .text(modeName)]), at: call.range(of: "mode"))
            }
            return .tensor(
                try pad(
                    try call.tensor("input"), try call.intList("pad"), mode: mode,
                    value: try call.optionalDouble("value")))
        },
        Builtin(
            "max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False)",
            "the largest value of each window (with return_indices, also where each came from)"
        ) { call in
            let (output, indices) = try maxPool2dWithIndices(
                try call.tensor("input"), kernelSize: try call.size2D("kernel_size"),
                stride: call.isNone("stride") ? nil : try call.size2D("stride"),
                padding: try call.size2D("padding"),
                dilation: try call.size2D("dilation"), ceilMode: try call.bool("ceil_mode"))
            return try call.bool("return_indices")
                ? .tuple([.tensor(output), .tensor(indices)]) : .tensor(output)
        },
        Builtin(
            "max_unpool2d(input, indices, kernel_size, stride=None, padding=0, output_size=None)",
            "put each pooled value back where max_pool2d(…, return_indices=True) found it, zeros elsewhere"
        ) { call in
            var size: Size2D? = nil
            if !call.isNone("output_size") {
                // PyTorch takes the whole output shape or only its last two sizes.
                let sizes = try call.intList("output_size").suffix(2)
                guard sizes.count == 2 else { throw call.mismatch("output_size", .intOrTwoInts) }
                size = Size2D(sizes[sizes.startIndex], sizes[sizes.startIndex + 1])
            }
            return .tensor(
                try maxUnpool2d(
                    try call.tensor("input"), indices: try call.tensor("indices"),
                    kernelSize: try call.size2D("kernel_size"),
                    stride: call.isNone("stride") ? nil : try call.size2D("stride"),
                    padding: try call.size2D("padding"), outputSize: size))
        },
        Builtin(
            "avg_pool2d(input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True, divisor_override=None)",
            "the mean of each window"
        ) { call in
            .tensor(
                try avgPool2d(
                    try call.tensor("input"), kernelSize: try call.size2D("kernel_size"),
                    stride: call.isNone("stride") ? nil : try call.size2D("stride"),
                    padding: try call.size2D("padding"),
                    ceilMode: try call.bool("ceil_mode"), countIncludePad: try call.bool("count_include_pad"),
                    divisorOverride: try call.optionalInt("divisor_override")))
        },
        Builtin("adaptive_avg_pool2d(input, output_size)", "average pooling to a given output size") { call in
            .tensor(
                try adaptiveAvgPool2d(try call.tensor("input"), outputSize: try call.size2D("output_size")))
        },
    ]
}

/// Linear maps, normalisation, dropout and losses.
extension Builtins {
    static let layersAndLosses: [Builtin] = [
        Builtin(
            "linear(input, weight, bias=None)",
            "input @ weight.T + bias for weight [out_features, in_features]"
        ) {
            call in
            .tensor(
                try linear(
                    try call.tensor("input"), try call.tensor("weight"), bias: try call.optionalTensor("bias")
                ))
        },
        Builtin(
            "batch_norm(input, running_mean, running_var, weight=None, bias=None, training=False, momentum=0.1, eps=1e-05)",
            "normalise each channel (in training, running_mean and running_var are updated in place)"
        ) { call in
            let input = try call.tensor("input")
            let weight = try call.optionalTensor("weight")
            let bias = try call.optionalTensor("bias")
            let eps = try call.double("eps")
            guard var mean = try call.optionalTensor("running_mean"),
                var variance = try call.optionalTensor("running_var")
            else {
                guard try call.bool("training") else {
                    throw LanguageError.said(.argument, .batchNormNeedsTraining, at: call.range)
                }
                return .tensor(try batchNorm(input, weight: weight, bias: bias, eps: eps))
            }
            let (originalMean, originalVariance) = (mean, variance)
            let output = try batchNorm(
                input, runningMean: &mean, runningVar: &variance, weight: weight, bias: bias,
                training: try call.bool("training"), momentum: try call.double("momentum"), eps: eps)
            // PyTorch updates running_mean and running_var in place; the names bound to them
            // (or the layer buffers they are) get the new values.
            if try call.bool("training") {
                _ = try writeBack(originalMean, mean, call)
                _ = try writeBack(originalVariance, variance, call)
            }
            return .tensor(output)
        },
        Builtin(
            "dropout(input, p=0.5, training=True)",
            "zero each element with probability p, scale the rest by 1/(1-p)"
        ) {
            call in
            .tensor(
                try dropout(
                    try call.tensor("input"), p: try call.double("p"), training: try call.bool("training"),
                    using: &call.evaluator.generator))
        },
        crossEntropyBuiltin,
        Builtin("mse_loss(input, target, reduction='mean')", "the mean of squared differences") { call in
            .tensor(
                try mseLoss(
                    try call.tensor("input"), try call.tensor("target"),
                    reduction: try call.reduction("reduction")))
        },
    ]
}

extension Call {
    /// `'mean'`, `'sum'` or `'none'`.
    func reduction(_ name: String) throws -> Reduction {
        let text = try string(name)
        guard let reduction = Reduction(rawValue: text) else {
            throw LanguageError(
                .argument,
                .said(
                    .reductionMode, ["function": .text(function), "name": .text(name), "given": .text(text)]),
                at: range(of: name))
        }
        return reduction
    }
}
