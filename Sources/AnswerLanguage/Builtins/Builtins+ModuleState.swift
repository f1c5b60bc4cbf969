import CNN

/// What a notebook does with a whole model's weights: `model.load_state_dict(best)` after
/// `best = model.state_dict()`, and `model.requires_grad_(False)` to freeze it.
extension Builtins {
    /// One entry a layer's `state_dict()` holds: its dotted key, its shape and how a loaded
    /// tensor is written into the layer.
    struct StateEntry {
        var key: String
        var shape: [Int]
        var load: (Tensor) throws -> Void
    }

    /// The entries of `layer`'s state in `state_dict()`'s order: each module's parameters,
    /// then its buffers (a batch norm's running statistics), depth first.
    static func stateEntries(_ layer: any Layer) -> [StateEntry] {
        var entries: [StateEntry] = []
        for (path, layer) in layer.namedLayers {
            let prefix = path.isEmpty ? "" : path + "."
            for (name, parameter) in layer.ownParameters {
                entries.append(
                    StateEntry(key: prefix + name, shape: parameter.shape) { tensor in
                        try parameter.assign(try tensor.converted(to: parameter.value.scalarType))
                    })
            }
            if let module = layer as? UserModule {
                for (name, buffer) in module.buffers {
                    entries.append(
                        StateEntry(key: prefix + name, shape: buffer.shape) { tensor in
                            try module.registerBuffer(
                                name, try tensor.converted(to: buffer.scalarType), persistent: true)
                        })
                }
            }
            let norm = (layer as? BatchNorm2d) ?? ((layer as? ComposedLayer)?.wrapped as? BatchNorm2d)
            if let norm, norm.trackRunningStats {
                entries.append(
                    StateEntry(key: prefix + "running_mean", shape: [norm.numFeatures]) { tensor in
                        try norm.setRunningStatistics(mean: tensor, variance: nil, batchesTracked: nil)
                    })
                entries.append(
                    StateEntry(key: prefix + "running_var", shape: [norm.numFeatures]) { tensor in
                        try norm.setRunningStatistics(mean: nil, variance: tensor, batchesTracked: nil)
                    })
                entries.append(
                    StateEntry(key: prefix + "num_batches_tracked", shape: []) { tensor in
                        // A count: a NaN or an infinity (typed by hand) is taken as 0, never trapped on.
                        let count = try tensor.item()
                        try norm.setRunningStatistics(
                            mean: nil, variance: nil,
                            batchesTracked: count.isFinite ? Int(Swift.min(Swift.max(count, 0), 1e15)) : 0)
                    })
            }
        }
        return entries
    }

    /// `model.load_state_dict(state_dict, strict=True)`: every parameter and buffer the dict
    /// names set from it (in the layer's own dtype), as PyTorch copies them; a key the model
    /// lacks or misses is PyTorch's refusal unless `strict=False`, a shape that differs always is.
    /// Returns PyTorch's `_IncompatibleKeys` (`missing_keys`, `unexpected_keys`).
    static let loadStateDictMethod = Builtin(
        "load_state_dict(module, state_dict, strict=True, assign=False)",
        "set the parameters and buffers from a state_dict (the dict model.state_dict() gives)"
    ) { call in
        let layer = try call.module("module")
        let given = try call.value("state_dict")
        guard case .dict(let items) = given.asDict else {
            throw LanguageError.said(
                .type, .stateDictNotDict, ["type": given.typeName], at: call.range(of: "state_dict"))
        }
        let entries = stateEntries(layer)
        let expected = Set(entries.map(\.key))
        let missing = entries.map(\.key).filter { key in !items.contains { $0.key == key } }
        let unexpected = items.map(\.key).filter { !expected.contains($0) }
        // PyTorch gathers every problem and raises one RuntimeError listing them: missing keys,
        // unexpected keys (both only when strict), then each size mismatch, one per line.
        var problems: [LanguageError.EvaluationLine] = []
        if try call.bool("strict") {
            if !missing.isEmpty {
                problems.append(.init(.stateDictMissingKeys, ["keys": quotedKeys(missing)]))
            }
            if !unexpected.isEmpty {
                problems.append(.init(.stateDictUnexpectedKeys, ["keys": quotedKeys(unexpected)]))
            }
        }
        var loads: [(Tensor, StateEntry)] = []
        for entry in entries {
            guard let item = items.first(where: { $0.key == entry.key }) else { continue }
            guard case .tensor(let tensor) = item.value else {
                throw LanguageError.said(
                    .type, .stateDictValueNotTensor, ["key": entry.key, "type": item.value.typeName],
                    at: call.range(of: "state_dict"))
            }
            guard tensor.shape == entry.shape else {
                problems.append(
                    .init(
                        .stateDictSizeMismatch,
                        ["key": entry.key, "given": tensor.shape, "shape": entry.shape]))
                continue
            }
            loads.append((tensor, entry))
        }
        guard problems.isEmpty else {
            let kind: LanguageError.Kind =
                problems.contains { $0.key == .stateDictSizeMismatch } ? .shape : .value
            throw LanguageError(
                kind, .evaluationLines([.init(.stateDictErrors, ["type": layer.typeName])] + problems),
                at: call.range)
        }
        for (tensor, entry) in loads { try entry.load(tensor) }
        return .namespace(incompatibleKeys(missing: missing, unexpected: unexpected))
    }

    /// Keys as PyTorch lists them in its message: `"0.weight", "2.bias"`.
    private static func quotedKeys(_ keys: [String]) -> String {
        keys.map { "\"\($0)\"" }.joined(separator: ", ")
    }

    /// PyTorch's `_IncompatibleKeys`: prints `<All keys matched successfully>` when both lists
    /// are empty.
    private static func incompatibleKeys(missing: [String], unexpected: [String]) -> Namespace {
        let text =
            missing.isEmpty && unexpected.isEmpty
            ? "<All keys matched successfully>"
            : "_IncompatibleKeys(missing_keys=\(Value.list(missing.map(Value.string)).description), "
                + "unexpected_keys=\(Value.list(unexpected.map(Value.string)).description))"
        return Namespace(
            name: "_IncompatibleKeys",
            members: [
                "missing_keys": .list(missing.map(Value.string)),
                "unexpected_keys": .list(unexpected.map(Value.string)),
            ], typeName: "_IncompatibleKeys", text: text)
    }

    /// `model.requires_grad_(False)`: every parameter of the model frozen (or unfrozen) in place,
    /// as PyTorch's flag on each parameter is; returns the model.
    static let moduleRequiresGradMethod = Builtin(
        "requires_grad_(module, requires_grad=True)",
        "freeze (False) or unfreeze every parameter; returns the layer"
    ) { call in
        let layer = try call.module("module")
        let flag = try call.bool("requires_grad")
        for parameter in layer.parameters() { try parameter.setRequiresGrad(flag) }
        return .module(layer)
    }
}

extension Evaluator {
    /// `sd['fc.weight'] = t` on a live `state_dict()` (also what an in-place change to an entry,
    /// `sd['w'].zero_()`, writes back): the tensor is copied into the model's parameter or buffer
    /// of that name, as the model's tensor PyTorch's entry is; a key the model lacks is refused.
    func setStateDictEntry(
        _ object: Namespace, _ items: [SubscriptItem], _ value: Value, in scope: Scope?, at range: SourceRange
    ) throws(LanguageError) {
        guard let layer = object.stateDictLayer, items.count == 1, case .index(let keyExpression) = items[0]
        else { throw LanguageError(.type, .said(.dictOneKey, [:]), at: range) }
        let key = try dictKey(try evaluate(keyExpression, in: scope), at: keyExpression.range)
        let entries = Builtins.stateEntries(layer)
        guard let entry = entries.first(where: { $0.key == key }) else {
            throw LanguageError.said(.type, .stateDictNewKey, ["key": key], at: keyExpression.range)
        }
        guard case .tensor(let tensor) = value else {
            throw LanguageError.said(
                .type, .stateDictValueNotTensor, ["key": key, "type": value.typeName], at: range)
        }
        guard tensor.shape == entry.shape else {
            throw LanguageError(
                .shape,
                .evaluationLines([
                    .init(.stateDictErrors, ["type": layer.typeName]),
                    .init(.stateDictSizeMismatch, ["key": key, "given": tensor.shape, "shape": entry.shape]),
                ]), at: range)
        }
        try engine(at: range) { try entry.load(tensor.detach()) }
    }
}
