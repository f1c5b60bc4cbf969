import CNN

/// `torch.optim` (`SGD`, `Adam` objects with `zero_grad()` and `step()`), `torch.nn.init`, and
/// `torch.cuda` (nothing but the CPU here), so that the hand-written training loop of every
/// PyTorch tutorial runs:
///
///     optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
///     optimizer.zero_grad(); loss = criterion(model(x), y); loss.backward(); optimizer.step()
extension Builtins {
    static let optimizers: [Builtin] = [
        Builtin(
            "SGD(params, lr=0.001, momentum=0.0, dampening=0.0, weight_decay=0.0, nesterov=False)",
            "stochastic gradient descent over params (model.parameters()), with optional momentum"
        ) { call in
            let parameters = try optimizedParameters(call)
            let settings: [(String, Value)] = [
                ("lr", .float(try call.double("lr"))), ("momentum", .float(try call.double("momentum"))),
                ("dampening", .float(try call.double("dampening"))),
                ("weight_decay", .float(try call.double("weight_decay"))),
                ("nesterov", .bool(try call.bool("nesterov"))),
            ]
            let optimizer = try SGD(
                parameters, lr: try call.double("lr"), momentum: try call.double("momentum"),
                dampening: try call.double("dampening"), weightDecay: try call.double("weight_decay"),
                nesterov: try call.bool("nesterov"))
            return optimizerValue(optimizer, "SGD", settings)
        },
        Builtin(
            "Adam(params, lr=0.001, betas=(0.9, 0.999), eps=1e-08, weight_decay=0.0)",
            "Adam over params (model.parameters()): steps scaled by running moments of the gradient"
        ) { call in
            let parameters = try optimizedParameters(call)
            let (beta1, beta2) = try call.numberPair("betas")
            let settings: [(String, Value)] = [
                ("lr", .float(try call.double("lr"))), ("betas", .tuple([.float(beta1), .float(beta2)])),
                ("eps", .float(try call.double("eps"))),
                ("weight_decay", .float(try call.double("weight_decay"))),
            ]
            let optimizer = try Adam(
                parameters, lr: try call.double("lr"), betas: (beta1, beta2),
                eps: try call.double("eps"),
                weightDecay: try call.double("weight_decay"))
            return optimizerValue(optimizer, "Adam", settings)
        },
    ]

    /// `torch.optim`.
    static let optimNamespace = Namespace(
        name: "torch.optim",
        members: members((optimizers + moreOptimizers).map(acceptingParameterGroups)).merging([
            "lr_scheduler": .namespace(schedulerNamespace)
        ]) { $1 })

    /// The parameters an optimiser updates: each tensor of `params` traced back to its layer's
    /// parameter (`model.parameters()`), or a leaf tensor that requires grad used as it is.
    static func optimizedParameters(_ call: Call) throws -> [Parameter] {
        let tensors: [Tensor]
        switch try call.value("params") {
        case .list(let items), .tuple(let items):
            tensors = try items.map { item in
                guard case .tensor(let tensor) = item else {
                    throw call.mismatch("params", .parameters)
                }
                return tensor
            }
        case .tensor:
            throw LanguageError(.type, .said(.optimizerOneTensor, [:]), at: call.range(of: "params"))
        default: throw call.mismatch("params", .parameters)
        }
        guard !tensors.isEmpty else {
            throw LanguageError(.value, .said(.optimizerNoParameters, [:]), at: call.range(of: "params"))
        }
        return try tensors.map { tensor in try Parameter.owner(of: tensor) ?? Parameter(wrapping: tensor) }
    }

    /// An optimiser as a value: `step()`, `zero_grad()`, `param_groups`, printed like PyTorch.
    static func optimizerValue(_ optimizer: any Optimizer, _ name: String, _ settings: [(String, Value)])
        -> Value
    {
        var entries = ["params": Value.list(optimizer.parameters.map { .tensor($0.value) })]
        for (key, value) in settings { entries[key] = value }
        let group = Namespace(
            name: "param_group", members: entries, typeName: "dict", optimizer: optimizer,
            role: .parameterGroup(keys: ["params"] + settings.map(\.0)))
        let text =
            "\(name) (\nParameter Group 0\n"
            + settings.map { "    \($0.0): \($0.1)" }.joined(separator: "\n") + "\n)"
        return .namespace(
            Namespace(
                name: name,
                members: optimizerMethods(optimizer).merging([
                    "param_groups": .list([.namespace(group)]),
                    // The settings as given (PyTorch's `optimizer.defaults`; it also lists
                    // options this engine does not have).
                    "defaults": .dict(settings.map { Value.DictEntry($0.0, $0.1) }),
                ]) { own, _ in own }, typeName: name, text: text, optimizer: optimizer))
    }

    /// An optimiser's `step()` and `zero_grad()`, for one parameter group or several.
    static func optimizerMethods(_ optimizer: any Optimizer) -> [String: Value] {
        let step = Builtin("step(closure=None)", "update every parameter from its gradient") { call in
            guard call.isNone("closure") else {
                throw LanguageError.said(.unsupported, .stepClosureUnsupported, at: call.range)
            }
            try optimizer.step()
            refreshBindings(of: optimizer.parameters, call)
            return .none
        }
        let zeroGrad = Builtin(
            "zero_grad(set_to_none=True)", "forget every parameter's gradient (it becomes None)"
        ) { _ in
            optimizer.zeroGrad()
            return .none
        }
        return [
            "step": .function(Function(.builtin(step))), "zero_grad": .function(Function(.builtin(zeroGrad))),
        ]
    }

    /// After a step, top-level names bound to an updated tensor see its new values (PyTorch
    /// updates in place; here a step may give a parameter new storage).
    static func refreshBindings(of parameters: [Parameter], _ call: Call) {
        for (name, bound) in call.evaluator.globals {
            guard case .tensor(let tensor) = bound, tensor.requiresGrad,
                let parameter = parameters.first(where: { $0.value.sharesNode(with: tensor) })
            else { continue }
            call.evaluator.globals[name] = .tensor(parameter.value)
        }
    }

    // MARK: - torch.nn.init

    /// `nn.init.*`: each fills the given tensor (a layer's weight, usually) in place and returns it.
    static let initializers: [Builtin] = [
        initializer("zeros_(tensor)", "fill with 0") { tensor, _ in try Tensor.zeros(tensor.shape) },
        initializer("ones_(tensor)", "fill with 1") { tensor, _ in try Tensor.ones(tensor.shape) },
        initializer("eye_(tensor)", "fill a matrix with the identity") { tensor, call in
            guard tensor.rank == 2 else {
                throw LanguageError.said(.value, .eyeNeedsMatrix, at: call.range(of: "tensor"))
            }
            return try Tensor.eye(tensor.shape[0], tensor.shape[1])
        },
        initializer("constant_(tensor, val)", "fill with val") { tensor, call in
            try Tensor.full(tensor.shape, try call.double("val"))
        },
        initializer("normal_(tensor, mean=0.0, std=1.0)", "fill with normal random numbers") { tensor, call in
            try Tensor.randn(tensor.shape, dtype: tensor.dtype, using: &call.evaluator.generator)
                * call.double("std")
                + call.double("mean")
        },
        initializer("uniform_(tensor, a=0.0, b=1.0)", "fill with uniform random numbers in [a, b)") {
            tensor, call in
            try uniform(tensor, try call.double("a"), try call.double("b"), call)
        },
        initializer(
            "kaiming_normal_(tensor, a=0, mode='fan_in', nonlinearity='leaky_relu')",
            "He initialisation: normal with std gain/√fan (for ReLU networks)"
        ) { tensor, call in
            let std = try kaimingStd(tensor, call)
            return try Tensor.randn(tensor.shape, dtype: tensor.dtype, using: &call.evaluator.generator) * std
        },
        initializer(
            "kaiming_uniform_(tensor, a=0, mode='fan_in', nonlinearity='leaky_relu')",
            "He initialisation: uniform in ±√3·gain/√fan"
        ) { tensor, call in
            let bound = try 3.0.squareRoot() * kaimingStd(tensor, call)
            return try uniform(tensor, -bound, bound, call)
        },
        initializer(
            "xavier_uniform_(tensor, gain=1.0)",
            "Glorot initialisation: uniform in ±gain·√(6/(fan_in+fan_out))"
        ) {
            tensor, call in
            let (fanIn, fanOut) = try fans(tensor, call)
            let bound = try call.double("gain") * (6 / Double(fanIn + fanOut)).squareRoot()
            return try uniform(tensor, -bound, bound, call)
        },
        initializer(
            "xavier_normal_(tensor, gain=1.0)",
            "Glorot initialisation: normal with std gain·√(2/(fan_in+fan_out))"
        ) {
            tensor, call in
            let (fanIn, fanOut) = try fans(tensor, call)
            let std = try call.double("gain") * (2 / Double(fanIn + fanOut)).squareRoot()
            return try Tensor.randn(tensor.shape, dtype: tensor.dtype, using: &call.evaluator.generator) * std
        },
    ]

    /// `torch.nn.init`.
    static let initNamespace = Namespace(
        name: "torch.nn.init",
        members: members(initializers + moreInitializers).merging(
            members([
                Builtin("calculate_gain(nonlinearity, param=None)", "the recommended gain for a nonlinearity")
                { call in
                    let name = try call.string("nonlinearity")
                    let value = try gain(name, try call.optionalDouble("param"), call)
                    // PyTorch returns the int 1 for the linear ones and sigmoid.
                    return ["tanh", "relu", "leaky_relu", "selu"].contains(name) ? .float(value) : .int(1)
                },
                Builtin(
                    "_calculate_fan_in_and_fan_out(tensor)",
                    "(fan_in, fan_out): inputs and outputs per weight, receptive field included"
                ) { call in
                    let (fanIn, fanOut) = try fans(try call.tensor("tensor"), call)
                    return .tuple([.int(fanIn), .int(fanOut)])
                },
            ])
        ) { $1 })

    /// An initializer: computes the new values under no-grad and writes them into the tensor
    /// (and the layer parameter it is), as PyTorch's `nn.init` functions do in place.
    static func initializer(
        _ signature: String, _ summary: String, _ body: @escaping @Sendable (Tensor, Call) throws -> Tensor
    ) -> Builtin {
        Builtin(signature, summary + ", in place") { call in
            let tensor = try call.tensor("tensor")
            let values = try withNoGrad { try body(tensor, call) }
            return .tensor(try writeBack(tensor, values, call))
        }
    }

    /// Uniform numbers in `[low, high)` of the tensor's shape.
    private static func uniform(_ tensor: Tensor, _ low: Double, _ high: Double, _ call: Call) throws
        -> Tensor
    {
        let unit = try Tensor.rand(tensor.shape, dtype: tensor.dtype, using: &call.evaluator.generator)
        return try unit * (high - low) + low
    }

    /// PyTorch's `_calculate_fan_in_and_fan_out`: fan_in = size(1)·receptive field,
    /// fan_out = size(0)·receptive field.
    private static func fans(_ tensor: Tensor, _ call: Call) throws -> (Int, Int) {
        guard tensor.rank >= 2 else {
            throw LanguageError.said(.value, .fansNeedMatrix, at: call.range(of: "tensor"))
        }
        let receptive = tensor.shape.dropFirst(2).reduce(1, *)
        return (tensor.shape[1] * receptive, tensor.shape[0] * receptive)
    }

    private static func kaimingStd(_ tensor: Tensor, _ call: Call) throws -> Double {
        let (fanIn, fanOut) = try fans(tensor, call)
        let mode = try call.string("mode")
        guard mode == "fan_in" || mode == "fan_out" else {
            throw LanguageError.said(.value, .fanMode, ["mode": mode], at: call.range(of: "mode"))
        }
        let fan = mode == "fan_in" ? fanIn : fanOut
        return try gain(try call.string("nonlinearity"), try call.double("a"), call)
            / Double(fan).squareRoot()
    }

    /// `nn.init.calculate_gain`.
    private static func gain(_ nonlinearity: String, _ parameter: Double?, _ call: Call) throws -> Double {
        switch nonlinearity {
        case "linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d",
            "conv_transpose3d",
            "sigmoid":
            return 1
        case "tanh": return 5.0 / 3
        case "relu": return 2.0.squareRoot()
        case "leaky_relu":
            let slope = parameter ?? 0.01
            return (2 / (1 + slope * slope)).squareRoot()
        case "selu": return 3.0 / 4
        default:
            throw LanguageError.said(.value, .nonlinearity, ["name": nonlinearity], at: call.range)
        }
    }

    // MARK: - torch.cuda

    /// `torch.cuda`: everything runs on the CPU here, as on a machine without a GPU.
    static let cudaNamespace = Namespace(
        name: "torch.cuda",
        members: members([
            Builtin("is_available()", "False: everything here runs on the CPU") { _ in .bool(false) },
            Builtin("device_count()", "0: there is no GPU here") { _ in .int(0) },
        ]))

    /// `torch.device('cpu')` and friends.
    static let devices: [Builtin] = [
        Builtin("finfo(type=None)", "the limits of a floating-point dtype: eps, max, min, tiny, bits") {
            call in
            let type = try call.scalarType("type") ?? .float32
            guard type.kind == .real else {
                throw LanguageError.said(.type, .finfoNeedsFloat, at: call.range(of: "type"))
            }
            let double = type == .float64
            let members: [String: Value] = [
                "eps": .float(double ? Double.ulpOfOne : Double(Float.ulpOfOne)),
                "max": .float(
                    double ? Double.greatestFiniteMagnitude : Double(Float.greatestFiniteMagnitude)),
                "min": .float(
                    double ? -Double.greatestFiniteMagnitude : -Double(Float.greatestFiniteMagnitude)),
                "tiny": .float(double ? Double.leastNormalMagnitude : Double(Float.leastNormalMagnitude)),
                "smallest_normal": .float(
                    double ? Double.leastNormalMagnitude : Double(Float.leastNormalMagnitude)),
                "bits": .int(double ? 64 : 32), "resolution": .float(double ? 1e-15 : 1e-06),
                "dtype": .string(type.rawValue),
            ]
            return .namespace(
                Namespace(
                    name: "finfo", members: members, typeName: "finfo",
                    text: double
                        ? "finfo(resolution=1e-15, min=-1.79769e+308, max=1.79769e+308, eps=2.22045e-16, "
                            + "smallest_normal=2.22507e-308, tiny=2.22507e-308, dtype=float64)"
                        : "finfo(resolution=1e-06, min=-3.40282e+38, max=3.40282e+38, eps=1.19209e-07, "
                            + "smallest_normal=1.17549e-38, tiny=1.17549e-38, dtype=float32)"))
        },
        Builtin("device(type)", "the device named type; only 'cpu' exists here") { call in
            let name = try call.string("type")
            try checkDevice(name, at: call.range(of: "type"))
            return .namespace(.cpu)
        },
    ]
}
