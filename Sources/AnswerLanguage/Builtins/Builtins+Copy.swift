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
    /// state dict becomes a dict of copies. A layer cannot be copied here.
    static func deepCopy(_ value: Value, _ call: Call) throws -> Value {
        switch value.asDict {
        case .tensor(let tensor):
            let copy = try tensor.detach().cloned()
            return .tensor(tensor.requiresGrad && tensor.isLeaf ? try copy.requiringGrad() : copy)
        case .list(let items): return .list(try items.map { try deepCopy($0, call) })
        case .tuple(let items): return .tuple(try items.map { try deepCopy($0, call) })
        case .dict(let entries):
            return .dict(try entries.map { Value.DictEntry($0.key, try deepCopy($0.value, call)) })
        case .module:
            throw LanguageError.said(.unsupported, .deepcopyModule, at: call.range(of: "x"))
        case let other: return other
        }
    }
}
