import CNN

/// Making images larger: `F.conv_transpose2d` and `nn.ConvTranspose2d` (learned upsampling),
/// `F.interpolate` and `nn.Upsample` (fixed upsampling), as decoders and U-Nets use them.
extension Builtins {
    /// `torch.nn.functional` functions (also `torch.conv_transpose2d`).
    static let upsamplingFunctional: [Builtin] = [
        Builtin(
            "conv_transpose2d(input, weight, bias=None, stride=1, padding=0, output_padding=0, groups=1, dilation=1)",
            "2-D transposed convolution of [N, C, H, W] images with [C, K/groups, kH, kW] filters (upsampling)"
        ) { call in
            .tensor(
                try convTranspose2d(
                    try call.tensor("input"), try call.tensor("weight"),
                    bias: try call.optionalTensor("bias"),
                    stride: try call.size2D("stride"), padding: try call.size2D("padding"),
                    outputPadding: try call.size2D("output_padding"), groups: try call.int("groups"),
                    dilation: try call.size2D("dilation")))
        },
        Builtin(
            "interpolate(input, size=None, scale_factor=None, mode='nearest', align_corners=None, recompute_scale_factor=None)",
            "images resized to size or by scale_factor ('nearest', 'nearest-exact' or 'bilinear')"
        ) { call in
            .tensor(try interpolated(call))
        },
        // `F.upsample` is `interpolate`'s deprecated name, still in older tutorials.
        Builtin(
            "upsample(input, size=None, scale_factor=None, mode='nearest', align_corners=None)",
            "images resized (interpolate's older name)"
        ) { call in
            .tensor(try interpolated(call))
        },
    ]

    /// `torch.nn` layers.
    static let upsamplingModules: [Builtin] = [
        Builtin(
            "ConvTranspose2d(in_channels, out_channels, kernel_size, stride=1, padding=0, output_padding=0, groups=1, bias=True, dilation=1, padding_mode='zeros')",
            "a transposed convolution layer with learnable [in, out/groups, kH, kW] weights (upsampling)"
        ) { call in
            // PyTorch accepts only 'zeros' here ("Only "zeros" padding mode is supported for
            // ConvTranspose2d").
            let modeName = try call.string("padding_mode")
            guard modeName == "zeros" else {
                throw LanguageError(
                    .argument, .said(.paddingMode, ["mode": .text(modeName)]),
                    at: call.range(of: "padding_mode"))
            }
            return .module(
                try ConvTranspose2d(
                    try call.int("in_channels"), try call.int("out_channels"),
                    kernelSize: try call.size2D("kernel_size"), stride: try call.size2D("stride"),
                    padding: try call.size2D("padding"), outputPadding: try call.size2D("output_padding"),
                    groups: try call.int("groups"), bias: try call.bool("bias"),
                    dilation: try call.size2D("dilation"), using: &call.evaluator.generator))
        },
        Builtin(
            "Upsample(size=None, scale_factor=None, mode='nearest', align_corners=None, recompute_scale_factor=None)",
            "the layer F.interpolate: images resized to size or by scale_factor"
        ) { call in
            try upsampleLayer("Upsample", call, mode: try mode(call), alignCorners: try alignCorners(call))
        },
        Builtin(
            "UpsamplingNearest2d(size=None, scale_factor=None)", "the layer F.interpolate with mode='nearest'"
        ) { call in
            try upsampleLayer("UpsamplingNearest2d", call, mode: .nearest, alignCorners: nil)
        },
        // PyTorch's UpsamplingBilinear2d aligns the corners (unlike `Upsample(mode='bilinear')`).
        Builtin(
            "UpsamplingBilinear2d(size=None, scale_factor=None)",
            "the layer F.interpolate with mode='bilinear', align_corners=True"
        ) { call in
            try upsampleLayer("UpsamplingBilinear2d", call, mode: .bilinear, alignCorners: true)
        },
    ]

    /// `F.interpolate(...)` from its call.
    private static func interpolated(_ call: Call) throws -> Tensor {
        let input = try call.tensor("input")
        var (size, factors) = (try sizes(call), try scaleFactors(call))
        // `recompute_scale_factor=True` sizes the output from the factor, then maps positions
        // with in / out, exactly as if that size had been given.
        if let given = factors, !call.isNone("recompute_scale_factor"),
            try call.bool("recompute_scale_factor"), input.rank >= 3
        {
            let spatial = Array(input.shape[2...])
            let perAxis = given.count == 1 ? Array(repeating: given[0], count: spatial.count) : given
            if perAxis.count == spatial.count {
                size = zip(spatial, perAxis).map { Int(saturating: (Double($0) * $1).rounded(.down)) }
                factors = nil
            }
        }
        return try interpolate(
            input, size: size, scaleFactor: factors, mode: try mode(call),
            alignCorners: try alignCorners(call))
    }

    /// A layer that resizes as `interpolate` with this call's `size` or `scale_factor`, printed
    /// as PyTorch prints it: `Upsample(scale_factor=2.0, mode='nearest')`.
    private static func upsampleLayer(
        _ typeName: String, _ call: Call, mode: InterpolationMode, alignCorners: Bool?
    ) throws -> Value {
        let (size, factors) = (try sizes(call), try scaleFactors(call))
        var settings: String
        if let factors {
            let written = factors.map { Value.float($0).description }
            settings =
                "scale_factor=" + (factors.count == 1 ? written[0] : "(\(written.joined(separator: ", ")))")
        } else {
            let written = (size ?? []).map(String.init)
            settings = "size=" + (written.count == 1 ? written[0] : "(\(written.joined(separator: ", ")))")
        }
        settings += ", mode='\(mode.rawValue)'"
        return .module(
            FunctionLayer(typeName, settings: settings) { x in
                try interpolate(x, size: size, scaleFactor: factors, mode: mode, alignCorners: alignCorners)
            })
    }

    private static func sizes(_ call: Call) throws -> [Int]? {
        call.isNone("size") ? nil : try call.intList("size")
    }

    /// `scale_factor`: nil, one number, or a tuple/list of numbers.
    private static func scaleFactors(_ call: Call) throws -> [Double]? {
        if call.isNone("scale_factor") { return nil }
        switch try call.value("scale_factor") {
        case .tuple(let items), .list(let items):
            let numbers = items.compactMap(\.number)
            guard numbers.count == items.count else { throw call.mismatch("scale_factor", .number) }
            return numbers
        default:
            return [try call.double("scale_factor")]
        }
    }

    private static func mode(_ call: Call) throws -> InterpolationMode {
        let name = try call.string("mode")
        guard let mode = InterpolationMode(rawValue: name) else {
            throw CNNError.argument(.interpolateMode, ["mode": name])
        }
        return mode
    }

    private static func alignCorners(_ call: Call) throws -> Bool? {
        call.isNone("align_corners") ? nil : try call.bool("align_corners")
    }
}
