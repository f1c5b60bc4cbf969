import CNN

/// `torch.nn.functional`: convolutions, and the rest of the engine's NN functions as they land.
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
        if case .string(let text) = value(name) { return try ConvPadding(text) }
        return .explicit(try size2D(name))
    }
}

/// Activations, softmax, padding and pooling.
extension Builtins {
    static let activations: [Builtin] = [
        unary("relu", "max(x, 0) elementwise") { try relu($0) },
        unary("sigmoid", "1 / (1 + e⁻ˣ) elementwise") { try sigmoid($0) },
        unary("tanh", "hyperbolic tangent elementwise") { try tanh($0) },
        Builtin("leaky_relu(input, negative_slope=0.01)", "x, or negative_slope·x below 0") { call in
            .tensor(try leakyRelu(try call.tensor("input"), negativeSlope: try call.double("negative_slope")))
        },
        Builtin("softmax(input, dim)", "exponentials normalised to sum to 1 along dim") { call in
            .tensor(try softmax(try call.tensor("input"), dim: try call.int("dim")))
        },
        Builtin("log_softmax(input, dim)", "the logarithm of softmax, computed stably") { call in
            .tensor(try logSoftmax(try call.tensor("input"), dim: try call.int("dim")))
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
                throw LanguageError.argument(
                    "pad(): mode must be one of 'constant', 'reflect', 'replicate', 'circular', got '\(modeName)'",
                    at: call.range(of: "mode"))
            }
            return .tensor(
                try pad(
                    try call.tensor("input"), try call.intList("pad"), mode: mode,
                    value: try call.optionalDouble("value")))
        },
        Builtin(
            "max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False)",
            "the largest value of each window"
        ) { call in
            .tensor(
                try maxPool2d(
                    try call.tensor("input"), kernelSize: try call.size2D("kernel_size"),
                    stride: call.isNone("stride") ? nil : try call.size2D("stride"),
                    padding: try call.size2D("padding"),
                    dilation: try call.size2D("dilation"), ceilMode: try call.bool("ceil_mode")))
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
