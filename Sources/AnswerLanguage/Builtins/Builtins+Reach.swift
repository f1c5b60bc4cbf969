import CNN
import Foundation
import Synchronization

/// What a notebook's training boilerplate types that PyTorch has: gradient clipping
/// (`torch.nn.utils.clip_grad_norm_`), the common learning-rate schedules, and the device
/// (`model.to(device)`, `torch.zeros(2, device=device)`), which is always the CPU here.
extension Builtins {
    // MARK: - torch.nn.utils

    /// `torch.nn.utils`: gradient clipping, in place on the gradients of the given tensors.
    static let utilsNamespace = Namespace(
        name: "torch.nn.utils",
        members: members([
            parametersToVector,
            Builtin(
                "clip_grad_norm_(parameters, max_norm, norm_type=2.0)",
                "scale all gradients together so their total norm is at most max_norm; returns the norm before"
            ) { call in
                let tensors = try gradientTensors(call)
                let (maxNorm, p) = (try call.double("max_norm"), try call.double("norm_type"))
                // PyTorch: the norm of the per-tensor norms, then every gradient times
                // min(1, max_norm / (total + 1e-6)).
                var total = 0.0
                for gradient in tensors.compactMap(\.grad) {
                    let values = gradient.scalarsAsDoubles().map(Swift.abs)
                    if p.isInfinite {
                        total = Swift.max(total, values.max() ?? 0)
                    } else {
                        total += values.reduce(0) { $0 + Double.pow($1, p) }
                    }
                }
                if !p.isInfinite { total = Double.pow(total, 1 / p) }
                let factor = Swift.min(1, maxNorm / (total + 1e-6))
                for tensor in tensors {
                    guard let gradient = tensor.grad else { continue }
                    tensor.setGrad(try gradient * factor)
                }
                return .tensor(Tensor(total))
            },
            Builtin(
                "clip_grad_value_(parameters, clip_value)",
                "limit every gradient element to [-clip_value, clip_value]"
            ) { call in
                let limit = try call.double("clip_value")
                for tensor in try gradientTensors(call) {
                    guard let gradient = tensor.grad else { continue }
                    tensor.setGrad(try gradient.clamp(min: -limit, max: limit))
                }
                return .none
            },
        ]))

    /// The tensors `parameters` names: one tensor, or a list of them (`model.parameters()`).
    private static func gradientTensors(_ call: Call) throws -> [Tensor] {
        switch try call.value("parameters") {
        case .tensor(let tensor): return [tensor]
        case .list(let items), .tuple(let items):
            return try items.map { item in
                guard case .tensor(let tensor) = item else { throw call.mismatch("parameters", .parameters) }
                return tensor
            }
        default: throw call.mismatch("parameters", .parameters)
        }
    }

    // MARK: - Learning-rate schedules

    /// `MultiStepLR`, `ExponentialLR`, `CosineAnnealingLR`, `LambdaLR`: each sets the optimiser's
    /// learning rate to PyTorch's closed form at the epoch its `step()` count reaches.
    static let moreSchedulers: [Builtin] = [
        plateauScheduler,
        schedule(
            "MultiStepLR(optimizer, milestones, gamma=0.1, last_epoch=-1)",
            "multiplies the learning rate by gamma at each milestone epoch"
        ) { call in
            let (milestones, gamma) = (try call.intList("milestones"), try call.double("gamma"))
            return { base, epoch, _ in
                base * Double.pow(gamma, Double(milestones.filter { $0 <= epoch }.count))
            }
        },
        schedule(
            "ExponentialLR(optimizer, gamma, last_epoch=-1)",
            "multiplies the learning rate by gamma every epoch"
        ) { call in
            let gamma = try call.double("gamma")
            return { base, epoch, _ in base * Double.pow(gamma, Double(epoch)) }
        },
        schedule(
            "CosineAnnealingLR(optimizer, T_max, eta_min=0.0, last_epoch=-1)",
            "the learning rate along half a cosine from its start down to eta_min over T_max epochs"
        ) { call in
            let (period, floor) = (try call.int("T_max"), try call.double("eta_min"))
            return { base, epoch, _ in
                floor + (base - floor) * (1 + Foundation.cos(Double.pi * Double(epoch) / Double(period))) / 2
            }
        },
        schedule(
            "LambdaLR(optimizer, lr_lambda, last_epoch=-1)",
            "the learning rate as the starting one times lr_lambda(epoch)"
        ) { call in
            let factor = try call.value("lr_lambda")
            return { base, epoch, call in
                let value = try call.evaluator.call(
                    factor,
                    [EvaluatedArgument(name: nil, nameRange: nil, value: .int(epoch), range: call.range)],
                    at: call.range)
                guard let number = value.number, value.isNumber else {
                    throw LanguageError.said(
                        .type, .learningRateNumber, ["type": value.typeName], at: call.range)
                }
                return base * number
            }
        },
    ]

    /// A schedule builtin: `rate(base, epoch, call)` is the learning rate at `epoch` for a
    /// starting rate `base`; the optimiser gets `rate(base, 0)` at once, as PyTorch's
    /// schedulers take their first step when made.
    private static func schedule(
        _ signature: String, _ summary: String,
        _ make: @escaping @Sendable (Call) throws -> @Sendable (Double, Int, Call) throws -> Double
    ) -> Builtin {
        Builtin(signature, summary) { call in
            let optimizer = try scheduledOptimizer(call)
            let rate = try make(call)
            let base = optimizer.learningRate
            let epochs = Mutex(0)
            optimizer.learningRate = try rate(base, 0, call)
            return schedulerValue(
                String(signature.prefix { $0 != "(" }), optimizer, base: base,
                stepSummary: "end an epoch: set the learning rate for the next one"
            ) { stepCall in
                let epoch = epochs.withLock { count in
                    count += 1
                    return count
                }
                optimizer.learningRate = try rate(base, epoch, stepCall)
            }
        }
    }

    // MARK: - Iterators and data

    /// `next(iter(loader))`, `next(model.parameters())`: calls only, so that a bare `next` still
    /// says how to go on in a lesson. Sequences here are lists, so `iter` gives the sequence and
    /// `next` its first item.
    static let iteratorCalls: [String: Builtin] = [
        "iter": Builtin("iter(iterable)", "the items to walk through (here the sequence itself)") { call in
            let value = try call.value("iterable")
            _ = try call.evaluator.iterate(value, at: call.range)
            return value
        },
        "next": Builtin("next(iterator, default=None)", "the first item (here: of the sequence)") { call in
            let items = try call.evaluator.iterate(try call.value("iterator"), at: call.range)
            if let first = items.first { return first }
            guard !call.isNone("default") else {
                throw LanguageError.said(.value, .stopIteration, at: call.range)
            }
            return try call.value("default")
        },
    ]

    /// `torch.utils.data`: a data set of tensors and the batches a loader walks through, as lists
    /// (a data set's items are tuples of rows; a loader's are tuples of stacked rows).
    static let dataNamespace = Namespace(
        name: "torch.utils.data",
        members: members([
            Builtin("TensorDataset(*tensors)", "the rows of tensors of the same length, as (x, y, …) tuples")
            {
                call in
                let tensors = try call.rest.map { value in
                    guard case .tensor(let tensor) = value, tensor.rank > 0 else {
                        throw call.mismatch("tensors", .tensor)
                    }
                    return tensor
                }
                guard let count = tensors.first?.shape[0] else {
                    throw LanguageError.said(.value, .tensorDatasetEmpty, at: call.range)
                }
                guard tensors.allSatisfy({ $0.shape[0] == count }) else {
                    throw LanguageError.said(.value, .sizeMismatchBetweenTensors, at: call.range)
                }
                return .namespace(.tensorDataset(tensors))
            },
            dataLoader, randomSplit, subsetConstructor,
        ]))

    /// Tensor methods of the same boilerplate: `x.type_as(y)`.
    static let reachMethods: [Builtin] = [
        Builtin("type_as(input, other)", "the tensor converted to other's dtype") { call in
            .tensor(try call.tensor("input").converted(to: try call.tensor("other").scalarType))
        },
        Builtin("cuda(input, device=None, non_blocking=False)", "refused: there is no GPU here") { call in
            _ = try call.tensor("input")
            throw LanguageError(.value, .deviceUnavailable("cuda"), at: call.range)
        },
    ]

    // MARK: - math

    /// The rest of `math` a notebook reaches for: comparisons of floats, trigonometry (a cosine
    /// schedule), factorials.
    static let moreMath: [Builtin] = [
        Builtin(
            "isclose(a, b, rel_tol=1e-09, abs_tol=0.0)",
            "whether a and b are equal within rel_tol of the larger or abs_tol"
        ) { call in
            let (a, b) = (try call.double("a"), try call.double("b"))
            let (relative, absolute) = (try call.double("rel_tol"), try call.double("abs_tol"))
            if a == b { return .bool(true) }
            guard a.isFinite, b.isFinite else { return .bool(false) }
            let difference = Swift.abs(a - b)
            return .bool(
                difference <= Swift.abs(relative * b) || difference <= Swift.abs(relative * a)
                    || difference <= absolute)
        },
        Builtin("isnan(x)", "whether x is not a number") { call in .bool(try call.double("x").isNaN) },
        Builtin("isinf(x)", "whether x is infinite") { call in .bool(try call.double("x").isInfinite) },
        Builtin("isfinite(x)", "whether x is neither infinite nor NaN") { call in
            .bool(try call.double("x").isFinite)
        },
        Builtin("cos(x)", "the cosine of x (radians)") { call in .float(Foundation.cos(try call.double("x")))
        },
        Builtin("sin(x)", "the sine of x (radians)") { call in .float(Foundation.sin(try call.double("x"))) },
        Builtin("tanh(x)", "the hyperbolic tangent of x") { call in
            .float(Foundation.tanh(try call.double("x")))
        },
        Builtin("factorial(n)", "n! for an int n ≥ 0") { call in
            let n = try call.int("n")
            guard n >= 0 else {
                throw LanguageError.said(.value, .mathDomain, ["function": "factorial"], at: call.range)
            }
            guard n <= 20 else {
                throw LanguageError.said(.value, .mathRange, ["function": "factorial"], at: call.range)
            }
            return .int((1...Swift.max(n, 1)).reduce(1, *))
        },
    ]

    // MARK: - Devices

    /// Whether `value` names the CPU (`'cpu'`, `'cpu:0'`, `torch.device('cpu')`); another
    /// device is refused as PyTorch refuses it on a machine without one.
    static func acceptDevice(_ value: Value, at range: SourceRange) throws(LanguageError) {
        switch value {
        case .namespace(let device) where device.isDevice: return
        case .string(let name): try checkDevice(name, at: range)
        default: throw LanguageError(.value, .deviceUnavailable(Evaluator.str(value)), at: range)
        }
    }

    /// `model.to(device)`, `model.cpu()`, `model.cuda()`: the layer itself on the CPU.
    static let moduleDeviceMethods: [Builtin] = [
        Builtin(
            "to(module, *args, dtype=None, device=None)", "the layer itself (everything here is on the CPU)"
        ) {
            call in
            let layer = try call.module("module")
            var requested = try call.scalarType("dtype")
            for (index, argument) in call.rest.enumerated() {
                if case .dtype(let type) = argument {
                    requested = type
                } else {
                    try acceptDevice(argument, at: call.restRanges[index])
                }
            }
            let device = try call.value("device")
            if device != .none { try acceptDevice(device, at: call.range(of: "device")) }
            if let requested, requested.kind == .real { try layer.to(requested.storage) }
            return .module(layer)
        },
        Builtin("cpu(module)", "the layer itself (everything here is on the CPU)") { call in
            .module(try call.module("module"))
        },
        Builtin("cuda(module, device=None)", "refused: there is no GPU here") { call in
            throw LanguageError(.value, .deviceUnavailable("cuda"), at: call.range)
        },
    ]
}
