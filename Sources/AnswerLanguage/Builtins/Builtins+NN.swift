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
