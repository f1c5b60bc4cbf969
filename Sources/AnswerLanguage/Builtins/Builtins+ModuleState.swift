import CNN

/// What a notebook does with a whole model's weights: `model.load_state_dict(best)` after
/// `best = model.state_dict()`, and `model.requires_grad_(False)` to freeze it.
extension Builtins {
    /// One entry a layer's `state_dict()` holds: its dotted key, its shape and how a loaded
    /// tensor is written into the layer.
    private struct StateEntry {
        var key: String
        var shape: [Int]
        var load: (Tensor) throws -> Void
    }

    /// The entries of `layer`'s state in `state_dict()`'s order: each module's parameters,
    /// then its buffers (a batch norm's running statistics), depth first.
    private static func stateEntries(_ layer: any Layer) -> [StateEntry] {
        var entries: [StateEntry] = []
        for (path, layer) in layer.namedLayers {
            let prefix = path.isEmpty ? "" : path + "."
            for (name, parameter) in layer.ownParameters {
                entries.append(
                    StateEntry(key: prefix + name, shape: parameter.shape) { tensor in
                        try parameter.assign(try tensor.converted(to: parameter.value.scalarType))
                    })
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
        guard case .dict(let items) = given else {
            throw LanguageError.said(
                .type, .stateDictNotDict, ["type": given.typeName], at: call.range(of: "state_dict"))
        }
        let entries = stateEntries(layer)
        let expected = Set(entries.map(\.key))
        let missing = entries.map(\.key).filter { key in !items.contains { $0.key == key } }
        let unexpected = items.map(\.key).filter { !expected.contains($0) }
        let type = layer.typeName
        if try call.bool("strict") {
            if let first = missing.first {
                throw LanguageError.said(
                    .value, .stateDictMissingKey, ["type": type, "key": first, "count": missing.count],
                    at: call.range)
            }
            if let first = unexpected.first {
                throw LanguageError.said(
                    .value, .stateDictUnexpectedKey, ["type": type, "key": first, "count": unexpected.count],
                    at: call.range)
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
                throw LanguageError.said(
                    .shape, .stateDictSizeMismatch,
                    ["type": type, "key": entry.key, "given": tensor.shape, "shape": entry.shape],
                    at: call.range)
            }
            loads.append((tensor, entry))
        }
        for (tensor, entry) in loads { try entry.load(tensor) }
        return .namespace(incompatibleKeys(missing: missing, unexpected: unexpected))
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
