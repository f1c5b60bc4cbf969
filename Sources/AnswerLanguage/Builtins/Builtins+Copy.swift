import CNN

/// Python's `copy` module as notebooks use it: `best = copy.deepcopy(model.state_dict())` keeps
/// the weights of the best epoch while training goes on.
extension Builtins {
    static let copyNamespace = Namespace(
        name: "copy",
        members: members([
            Builtin("deepcopy(x)", "a copy of x and of everything in it (tensors cloned)") { call in
                try deepCopy(try call.value("x"), call)
            },
            Builtin("copy(x)", "a shallow copy of x (a state_dict's entries are read from the model now)") {
                call in
                try call.value("x").asDict
            },
        ]))

    /// `x` with every tensor in it cloned (detached, keeping `requires_grad` of a leaf); a live
    /// state dict becomes a dict of copies; a layer becomes an independent layer with copies of
    /// its parameters, buffers and modes (`deepCopyLayer`).
    static func deepCopy(_ value: Value, _ call: Call) throws -> Value {
        switch value.asDict {
        case .tensor(let tensor):
            let copy = try tensor.detach().cloned()
            return .tensor(tensor.requiresGrad && tensor.isLeaf ? try copy.requiringGrad() : copy)
        case .list(let items): return .list(try items.map { try deepCopy($0, call) })
        case .tuple(let items): return .tuple(try items.map { try deepCopy($0, call) })
        case .dict(let entries):
            return .dict(try entries.map { Value.DictEntry($0.key, try deepCopy($0.value, call)) })
        case .module(let layer): return .module(try deepCopyLayer(layer, call))
        case let other: return other
        }
    }

    /// An independent copy of `layer`: a class written here copied attribute by attribute (its
    /// sub-layers deep-copied, its parameters cloned), a built-in layer made again by the call
    /// that made it (arguments deep-copied, random state kept as it was); then every parameter
    /// and buffer is set from the original's, and every sub-layer's training mode and every
    /// parameter's `requires_grad` copied. A layer whose making is unknown is refused.
    static func deepCopyLayer(_ layer: any Layer, _ call: Call) throws -> any Layer {
        let evaluator = call.evaluator
        let copy: any Layer
        if let module = layer as? UserModule {
            copy = try module.copied { try deepCopy($0, call) }
        } else if let sequential = layer as? Sequential {
            // Its layers now (add_module and append change them after it is made).
            copy = try Sequential(
                named: sequential.children.map { ($0.name, try deepCopyLayer($0.layer, call)) })
        } else if let list = layer as? ModuleList {
            copy = ModuleList(try list.layers.map { try deepCopyLayer($0, call) })
        } else if let recipe = evaluator.layerRecipes[ObjectIdentifier(layer)], recipe.layer === layer {
            let saved = evaluator.generator
            defer { evaluator.generator = saved }
            let arguments = try recipe.arguments.map { argument in
                EvaluatedArgument(
                    name: argument.name, nameRange: argument.nameRange,
                    value: try deepCopy(argument.value, call),
                    range: argument.range)
            }
            guard
                case .module(let made) = try evaluator.call(
                    Function(.builtin(recipe.builtin)), arguments, at: call.range)
            else {
                throw LanguageError.said(.unsupported, .deepcopyModule, at: call.range(of: "x"))
            }
            copy = made
        } else {
            throw LanguageError.said(.unsupported, .deepcopyModule, at: call.range(of: "x"))
        }
        let state = stateDictEntries(layer)
        for entry in stateEntries(copy) {
            guard case .tensor(let tensor)? = state.first(where: { $0.key == entry.key })?.value else {
                continue
            }
            try entry.load(try tensor.detach().cloned())
        }
        let originals = layer.namedLayers
        let copies = copy.namedLayers
        guard originals.count == copies.count else {
            throw LanguageError.said(.unsupported, .deepcopyModule, at: call.range(of: "x"))
        }
        for (original, made) in zip(originals, copies) {
            made.layer.mode.set(training: original.layer.mode.isTraining)
            for (source, target) in zip(original.layer.ownParameters, made.layer.ownParameters) {
                try target.parameter.setRequiresGrad(source.parameter.value.requiresGrad)
            }
        }
        return copy
    }
}
