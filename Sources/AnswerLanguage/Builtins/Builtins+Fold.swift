import CNN

/// What lessons on convolution as a matrix product and on classic stacks type beside `F.unfold`:
/// `F.fold`/`nn.Fold` (columns summed back into images) and AlexNet's local response
/// normalisation (`F.local_response_norm`, `nn.LocalResponseNorm`).
extension Builtins {
    /// `torch.nn.functional`: `fold`, `local_response_norm`.
    static let foldFunctional: [Builtin] = [
        Builtin(
            "fold(input, output_size, kernel_size, dilation=1, padding=0, stride=1)",
            "columns of patches [N, C·kH·kW, L] summed back into images [N, C, H, W] (overlaps add)"
        ) { call in
            .tensor(
                try foldPatches(
                    try call.tensor("input"), outputSize: try call.size2D("output_size"),
                    kernelSize: try call.size2D("kernel_size"), dilation: try call.size2D("dilation"),
                    padding: try call.size2D("padding"), stride: try call.size2D("stride")))
        },
        Builtin(
            "local_response_norm(input, size, alpha=0.0001, beta=0.75, k=1.0)",
            "x / (k + alpha/size · sum of x² over size neighbouring channels)^beta"
        ) { call in
            .tensor(
                try localResponseNorm(
                    try call.tensor("input"), size: try call.int("size"), alpha: try call.double("alpha"),
                    beta: try call.double("beta"), k: try call.double("k")))
        },
    ]

    /// `torch.nn`: `Fold`, `LocalResponseNorm`.
    static let foldModules: [Builtin] = [
        Builtin(
            "Fold(output_size, kernel_size, dilation=1, padding=0, stride=1)",
            "the layer F.fold: columns of patches summed back into images"
        ) { call in
            let (output, kernel) = (try call.size2D("output_size"), try call.size2D("kernel_size"))
            let (dilation, padding, stride) = (
                try call.size2D("dilation"), try call.size2D("padding"), try call.size2D("stride")
            )
            return .module(
                FunctionLayer(
                    "Fold",
                    settings:
                        "output_size=\(output), kernel_size=\(kernel), dilation=\(dilation), padding=\(padding), stride=\(stride)"
                ) { x in
                    try foldPatches(
                        x, outputSize: output, kernelSize: kernel, dilation: dilation, padding: padding,
                        stride: stride)
                })
        },
        Builtin(
            "LocalResponseNorm(size, alpha=0.0001, beta=0.75, k=1.0)",
            "the layer F.local_response_norm (AlexNet's normalisation across channels)"
        ) { call in
            let size = try call.int("size")
            let (alpha, beta, k) = (try call.double("alpha"), try call.double("beta"), try call.double("k"))
            return .module(
                FunctionLayer(
                    "LocalResponseNorm",
                    settings:
                        "\(size), alpha=\(Value.float(alpha)), beta=\(Value.float(beta)), k=\(Value.float(k))"
                ) { x in try localResponseNorm(x, size: size, alpha: alpha, beta: beta, k: k) })
        },
    ]
}
