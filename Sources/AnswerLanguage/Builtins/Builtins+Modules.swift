import CNN

/// `torch.nn` layers: `nn.Conv2d(1, 8, 3, padding=1)`, `nn.Sequential(…)`, ….
extension Builtins {
    static let modules: [Builtin] = [
        Builtin(
            "Conv2d(in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1, groups=1, bias=True, padding_mode='zeros')",
            "a convolution layer with learnable [out, in/groups, kH, kW] weights"
        ) { call in
            let modeName = try call.string("padding_mode")
            guard let paddingMode = Conv2d.PaddingMode(rawValue: modeName) else {
                throw LanguageError(
                    .argument, .said(.paddingMode, ["mode": .text(modeName)]),
                    at: call.range(of: "padding_mode"))
            }
            return .module(
                try Conv2d(
                    try call.int("in_channels"), try call.int("out_channels"),
                    kernelSize: try call.size2D("kernel_size"),
                    stride: try call.size2D("stride"), padding: try call.convPadding("padding"),
                    dilation: try call.size2D("dilation"), groups: try call.int("groups"),
                    bias: try call.bool("bias"),
                    paddingMode: paddingMode, using: &call.evaluator.generator))
        },
        // `inplace=True` only saves memory in PyTorch; a layer's output is the same either way, and
        // learners copy it from tutorials (`nn.ReLU(inplace=True)`).
        Builtin("ReLU(inplace=False)", "the layer max(x, 0)") { call in
            .module(ReLU(inplace: try call.bool("inplace")))
        },
        Builtin("LeakyReLU(negative_slope=0.01, inplace=False)", "the layer x, or negative_slope·x below 0") {
            call in
            .module(LeakyReLU(negativeSlope: try call.double("negative_slope")))
        },
        Builtin("Sigmoid()", "the layer 1 / (1 + e⁻ˣ)") { _ in .module(Sigmoid()) },
        Builtin("Tanh()", "the layer tanh(x)") { _ in .module(Tanh()) },
        Builtin("Identity()", "the layer that returns its input") { _ in .module(Identity()) },
        Builtin("Flatten(start_dim=1, end_dim=-1)", "the layer merging dimensions start_dim…end_dim") {
            call in
            .module(Flatten(startDim: try call.int("start_dim"), endDim: try call.int("end_dim")))
        },
        Builtin(
            "MaxPool2d(kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False)",
            "the layer taking each window's largest value"
        ) { call in
            .module(
                MaxPool2d(
                    kernelSize: try call.size2D("kernel_size"),
                    stride: call.isNone("stride") ? nil : try call.size2D("stride"),
                    padding: try call.size2D("padding"),
                    dilation: try call.size2D("dilation"), ceilMode: try call.bool("ceil_mode")))
        },
        Builtin(
            "AvgPool2d(kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True)",
            "the layer taking each window's mean"
        ) { call in
            .module(
                AvgPool2d(
                    kernelSize: try call.size2D("kernel_size"),
                    stride: call.isNone("stride") ? nil : try call.size2D("stride"),
                    padding: try call.size2D("padding"),
                    ceilMode: try call.bool("ceil_mode"), countIncludePad: try call.bool("count_include_pad"))
            )
        },
        Builtin("AdaptiveAvgPool2d(output_size)", "the layer averaging to a fixed output size") { call in
            .module(AdaptiveAvgPool2d(try call.size2D("output_size")))
        },
        Builtin("Sequential(*layers)", "layers applied one after another") { call in
            // `nn.Sequential(OrderedDict([('conv', …), ('relu', …)]))` names its layers.
            if call.rest.count == 1, case .dict(let entries) = call.rest[0] {
                var named: [(String, any Layer)] = []
                for entry in entries {
                    guard case .module(let layer) = entry.value else {
                        throw LanguageError(
                            .type,
                            .said(
                                .sequentialTakesLayers,
                                ["number": .integer(named.count + 1), "type": .text(entry.value.typeName)]),
                            at: call.restRanges[0])
                    }
                    named.append((entry.key, layer))
                }
                return .module(try Sequential(named: named))
            }
            var layers: [any Layer] = []
            for (index, value) in call.rest.enumerated() {
                guard case .module(let layer) = value else {
                    throw LanguageError(
                        .type,
                        .said(
                            .sequentialTakesLayers,
                            ["number": .integer(index + 1), "type": .text(value.typeName)]),
                        at: call.restRanges[index])
                }
                layers.append(layer)
            }
            let model = Sequential(layers)
            let count = model.namedLayers.count - 1
            let limit = call.evaluator.options.maxLayers
            guard count <= limit else {
                throw LanguageError.said(
                    .limit, .modelTooDeep, ["count": count, "limit": limit], at: call.range)
            }
            return .module(model)
        },
        Builtin("Residual(body)", "a skip connection: x + body(x)") { call in
            guard case .module(let body) = try call.value("body") else {
                throw call.mismatch("body", .layer)
            }
            return .module(Residual(body))
        },
    ]

    /// Methods of layers: `model.parameters()`, `model.eval()`, ….
    static let moduleMethods: [String: Builtin] = {
        let methods =
            [
                Builtin("parameters(module)", "the learnable tensors, in order") { call in
                    let layer = try call.module("module")
                    return .list(layer.parameters().map { .tensor($0.value) })
                },
                Builtin("named_parameters(module)", "(name, tensor) pairs of the learnable tensors") { call in
                    let layer = try call.module("module")
                    return .list(
                        layer.namedParameters.map { .tuple([.string($0.name), .tensor($0.parameter.value)]) })
                },
                Builtin("modules(module)", "this layer and every layer inside it, depth first") { call in
                    .list(try call.module("module").namedLayers.map { .module($0.layer) })
                },
                Builtin("named_modules(module)", "(dotted name, layer) pairs, this layer first as ''") {
                    call in
                    .list(
                        try call.module("module").namedLayers.map {
                            .tuple([.string($0.name), .module($0.layer)])
                        })
                },
                Builtin("children(module)", "the layers directly inside this one") { call in
                    .list(try call.module("module").children.map { .module($0.layer) })
                },
                Builtin("named_children(module)", "(name, layer) pairs of the layers directly inside") {
                    call in
                    .list(
                        try call.module("module").children.map {
                            .tuple([.string($0.name), .module($0.layer)])
                        })
                },
                Builtin("eval(module)", "switch to evaluation mode (batch norm uses running statistics)") {
                    call in
                    let layer = try call.module("module")
                    layer.eval()
                    return .module(layer)
                },
                Builtin("reset_running_stats(module)", "a batch norm's running mean 0, variance 1, count 0") {
                    call in
                    let layer = try call.module("module")
                    let norm = (layer as? BatchNorm2d) ?? ((layer as? ComposedLayer)?.wrapped as? BatchNorm2d)
                    guard let norm else {
                        throw LanguageError.said(
                            .unsupported, .addToBuiltinLayer,
                            ["method": call.function, "type": layer.typeName],
                            at: call.range)
                    }
                    if norm.trackRunningStats {
                        try norm.setRunningStatistics(
                            mean: try Tensor.zeros([norm.numFeatures]),
                            variance: try Tensor.ones([norm.numFeatures]),
                            batchesTracked: 0)
                    }
                    return .none
                },
                Builtin("train(module, mode=True)", "switch to training mode") { call in
                    let layer = try call.module("module")
                    layer.train(try call.bool("mode"))
                    return .module(layer)
                },
                Builtin("zero_grad(module)", "forget every parameter's gradient") { call in
                    let layer = try call.module("module")
                    layer.zeroGrad()
                    return .none
                },
                Builtin("double(module)", "convert the parameters to float64 (for gradcheck)") { call in
                    let layer = try call.module("module")
                    try layer.to(.float64)
                    return .module(layer)
                },
                Builtin("float(module)", "convert the parameters to float32") { call in
                    let layer = try call.module("module")
                    try layer.to(.float32)
                    return .module(layer)
                },
                Builtin("forward(module, input)", "apply the layer, like module(input)") { call in
                    let layer = try call.module("module")
                    return .tensor(try layer(try call.tensor("input")))
                },
                Builtin(
                    "apply(module, fn)", "call fn on every layer inside, then on this one; returns this layer"
                ) {
                    call in
                    let layer = try call.module("module")
                    let function = try call.value("fn")
                    // PyTorch's order: each child's subtree first, the layer itself last.
                    func visit(_ layer: any Layer) throws {
                        for child in layer.children { try visit(child.layer) }
                        let argument = EvaluatedArgument(
                            name: nil, nameRange: nil, value: .module(layer), range: call.range)
                        _ = try call.evaluator.call(function, [argument], at: call.range)
                    }
                    try visit(layer)
                    return .module(layer)
                },
                stateDictMethod, loadStateDictMethod, moduleRequiresGradMethod,
            ] + moduleDeviceMethods + moduleHookMethods + moduleBufferMethods
        return Dictionary(uniqueKeysWithValues: methods.map { ($0.name, $0) })
    }()

    /// PyTorch's attribute names for a layer's settings, e.g. `conv.kernel_size == (3, 3)`.
    static func moduleSetting(_ layer: any Layer, _ name: String) -> Value? {
        func pair(_ size: Size2D) -> Value { .tuple([.int(size.height), .int(size.width)]) }
        // Every module's mode flag (PyTorch `module.training`).
        if name == "training" { return .bool(layer.mode.isTraining) }
        switch layer {
        case let composed as ComposedLayer:
            return composed.attributes[name] ?? composed.wrapped.flatMap { moduleSetting($0, name) }
        case let norm as BatchNorm2d:
            switch name {
            case "num_features": return .int(norm.numFeatures)
            case "eps": return .float(norm.eps)
            case "momentum": return norm.momentum.map(Value.float) ?? Value.none
            case "running_mean": return norm.trackRunningStats ? .tensor(norm.runningMean) : Value.none
            case "running_var": return norm.trackRunningStats ? .tensor(norm.runningVar) : Value.none
            case "num_batches_tracked": return .tensor(Tensor(norm.numBatchesTracked))
            case "track_running_stats": return .bool(norm.trackRunningStats)
            case "affine": return .bool(norm.weight != nil)
            default: return nil
            }
        case let linear as Linear:
            switch name {
            case "in_features": return .int(linear.inFeatures)
            case "out_features": return .int(linear.outFeatures)
            default: return nil
            }
        case let conv as Conv2d:
            switch name {
            case "in_channels": return .int(conv.inChannels)
            case "out_channels": return .int(conv.outChannels)
            case "kernel_size": return pair(conv.kernelSize)
            case "stride": return pair(conv.stride)
            case "dilation": return pair(conv.dilation)
            case "groups": return .int(conv.groups)
            case "padding_mode": return .string(conv.paddingMode.rawValue)
            case "padding":
                switch conv.padding {
                case .explicit(let size): return pair(size)
                case .valid: return .string("valid")
                case .same: return .string("same")
                }
            default: return nil
            }
        case let conv as ConvTranspose2d:
            switch name {
            case "in_channels": return .int(conv.inChannels)
            case "out_channels": return .int(conv.outChannels)
            case "kernel_size": return pair(conv.kernelSize)
            case "stride": return pair(conv.stride)
            case "padding": return pair(conv.padding)
            case "output_padding": return pair(conv.outputPadding)
            case "dilation": return pair(conv.dilation)
            case "groups": return .int(conv.groups)
            case "padding_mode": return .string("zeros")
            default: return nil
            }
        case let dropout as Dropout:
            switch name {
            case "p": return .float(dropout.p)
            case "inplace": return .bool(false)
            default: return nil
            }
        case let pool as MaxPool2d:
            // PyTorch keeps a pooling layer's sizes as given: `nn.MaxPool2d(2).kernel_size` is 2.
            func given(_ size: Size2D) -> Value { size.height == size.width ? .int(size.height) : pair(size) }
            switch name {
            case "kernel_size": return given(pool.kernelSize)
            case "stride": return given(pool.stride)
            case "padding": return given(pool.padding)
            default: return nil
            }
        default:
            return nil
        }
    }
}

extension Call {
    /// A layer.
    func module(_ name: String) throws(LanguageError) -> any Layer {
        guard case .module(let layer) = try value(name) else { throw mismatch(name, .model) }
        return layer
    }
}
