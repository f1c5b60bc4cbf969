import CNN

/// `torch.optim.AdamW`, `torch.optim.lr_scheduler.StepLR` and `model.state_dict()`: the rest of
/// a typical training notebook's vocabulary.
extension Builtins {
    static let moreOptimizers: [Builtin] = [
        Builtin(
            "AdamW(params, lr=0.001, betas=(0.9, 0.999), eps=1e-08, weight_decay=0.01, amsgrad=False)",
            "Adam with decoupled weight decay: each step first shrinks the weights by lr · weight_decay"
        ) { call in
            let parameters = try optimizedParameters(call)
            let (beta1, beta2) = try call.numberPair("betas")
            guard !(try call.bool("amsgrad")) else {
                throw LanguageError.said(.unsupported, .amsgradUnsupported, at: call.range(of: "amsgrad"))
            }
            let (lr, eps, decay) = (
                try call.double("lr"), try call.double("eps"), try call.double("weight_decay")
            )
            let settings: [(String, Value)] = [
                ("lr", .float(lr)), ("betas", .tuple([.float(beta1), .float(beta2)])), ("eps", .float(eps)),
                ("weight_decay", .float(decay)), ("amsgrad", .bool(false)),
            ]
            let adam = try Adam(parameters, lr: lr, betas: (beta1, beta2), eps: eps, weightDecay: 0)
            return optimizerValue(DecoupledWeightDecay(adam, weightDecay: decay), "AdamW", settings)
        }
    ]

    static let schedulers: [Builtin] = [
        Builtin(
            "StepLR(optimizer, step_size, gamma=0.1, last_epoch=-1)",
            "multiplies the optimiser's learning rate by gamma every step_size calls of step()"
        ) { call in
            let optimizer = try scheduledOptimizer(call)
            let schedule = try StepLR(
                optimizer, stepSize: try call.int("step_size"), gamma: try call.double("gamma"))
            return schedulerValue(
                "StepLR", optimizer, base: schedule.initialLearningRate,
                stepSummary: "end an epoch: decay the learning rate every step_size epochs",
                settings: ["step_size": .int(schedule.stepSize), "gamma": .float(schedule.gamma)]
            ) { _ in schedule.step() }
        }
    ]

    /// The optimiser a scheduler's `optimizer` argument stands for.
    /// - Throws: `LanguageError` for another value, or a `last_epoch` other than -1.
    static func scheduledOptimizer(_ call: Call) throws -> any Optimizer {
        guard case .namespace(let object) = try call.value("optimizer"), let optimizer = object.optimizer
        else {
            throw call.mismatch("optimizer", .optimizer)
        }
        guard try call.int("last_epoch") == -1 else {
            throw LanguageError.said(.unsupported, .lastEpochUnsupported, at: call.range(of: "last_epoch"))
        }
        return optimizer
    }

    /// A scheduler as a value, printed as PyTorch prints it: `step()` (or `stepSignature`) runs
    /// `advance`, `get_last_lr()` reads the optimiser's learning rate in force, `base_lrs` is
    /// `base`; `settings` are the scheduler's own members (StepLR's `step_size`, `gamma`).
    static func schedulerValue(
        _ name: String, _ optimizer: any Optimizer, base: Double, stepSignature: String = "step()",
        stepSummary: String, settings: [String: Value] = [:],
        advance: @escaping @Sendable (Call) throws -> Void
    ) -> Value {
        let step = Builtin(stepSignature, stepSummary) { call in
            try advance(call)
            return .none
        }
        let lastRate = Builtin("get_last_lr()", "the learning rate in force, as a list (one per group)") {
            _ in
            .list([.float(optimizer.learningRate)])
        }
        return .namespace(
            Namespace(
                name: name,
                members: members([step, lastRate]).merging(settings) { $1 }
                    .merging(["base_lrs": .list([.float(base)])]) { $1 },
                typeName: name, text: "<torch.optim.lr_scheduler.\(name) object>"))
    }

    /// `torch.optim.lr_scheduler`.
    static let schedulerNamespace = Namespace(
        name: "torch.optim.lr_scheduler", members: members(schedulers + moreSchedulers + [oneCycleScheduler]))

    /// `model.state_dict()`: every parameter and batch-norm buffer by dotted name, detached, in
    /// PyTorch's order (each module's parameters, then its buffers, depth first).
    static let stateDictMethod = Builtin(
        "state_dict(module)", "the parameters and buffers by dotted name (running statistics included)"
    ) { call in
        .namespace(.stateDict(of: try call.module("module")))
    }

    /// The entries of `layer`'s state dict now: each parameter detached (sharing its storage, so
    /// an in-place change reaches the parameter), then each batch norm's buffers.
    static func stateDictEntries(_ layer: any Layer) -> [Value.DictEntry] {
        var entries: [Value.DictEntry] = []
        for (path, layer) in layer.namedLayers {
            let prefix = path.isEmpty ? "" : path + "."
            for (name, parameter) in layer.ownParameters {
                entries.append(Value.DictEntry(prefix + name, .tensor(parameter.value.detach())))
            }
            for (name, tensor) in (layer as? UserModule)?.buffers ?? [] {
                entries.append(Value.DictEntry(prefix + name, .tensor(tensor)))
            }
            let norm = (layer as? BatchNorm2d) ?? ((layer as? ComposedLayer)?.wrapped as? BatchNorm2d)
            if let norm, norm.trackRunningStats {
                entries.append(Value.DictEntry(prefix + "running_mean", .tensor(norm.runningMean)))
                entries.append(Value.DictEntry(prefix + "running_var", .tensor(norm.runningVar)))
                entries.append(
                    Value.DictEntry(prefix + "num_batches_tracked", .tensor(Tensor(norm.numBatchesTracked))))
            }
        }
        return entries
    }
}

/// AdamW (Loshchilov & Hutter; PyTorch `torch.optim.AdamW`): before Adam's step, every parameter
/// that has a gradient is multiplied by `1 − lr · weight_decay`, at the learning rate in force.
final class DecoupledWeightDecay: Optimizer {
    let adam: Adam
    let weightDecay: Double

    init(_ adam: Adam, weightDecay: Double) {
        self.adam = adam
        self.weightDecay = weightDecay
    }

    var parameters: [Parameter] { adam.parameters }

    var learningRate: Double {
        get { adam.learningRate }
        set { adam.learningRate = newValue }
    }

    var cycledMomentum: Double? {
        get { adam.cycledMomentum }
        set { adam.cycledMomentum = newValue }
    }

    func step() throws {
        let factor = 1 - adam.learningRate * weightDecay
        for parameter in adam.parameters where parameter.grad != nil && factor != 1 {
            switch parameter.value.dtype {
            case .float32:
                try parameter.update(as: Float.self) { values in
                    for i in values.indices { values[i] *= Float(factor) }
                }
            case .float64:
                try parameter.update(as: Double.self) { values in
                    for i in values.indices { values[i] *= factor }
                }
            }
        }
        try adam.step()
    }
}
