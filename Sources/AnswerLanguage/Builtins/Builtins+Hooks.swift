import CNN

/// Hooks as lessons on back-propagation use them: `x.register_hook(fn)` sees (or replaces) the
/// gradient reaching a tensor, `layer.register_forward_hook(fn)` sees (or replaces) a layer's
/// output; both return a handle whose `remove()` takes the hook away, as PyTorch's do.
extension Builtins {
    /// Tensor methods: `register_hook`.
    static let hookMethods: [Builtin] = [
        Builtin(
            "register_hook(input, hook)",
            "run hook(grad) on the gradient reaching this tensor in backward(); a tensor it returns replaces it"
        ) { call in
            let tensor = try call.tensor("input")
            let hook = try call.value("hook")
            let range = call.range
            let handle = tensor.registerHook { gradient in
                // Backward runs on the evaluation thread, inside the interpreter that called it.
                guard let evaluator = Evaluator.current else { return nil }
                return try hookResult(
                    try evaluator.call(hook, [argument(.tensor(gradient), range)], at: range), range)
            }
            guard let handle else { throw LanguageError.said(.value, .hookWithoutGrad, at: call.range) }
            return .namespace(removableHandle { handle.remove() })
        }
    ]

    /// Module methods: `register_forward_hook`.
    static let moduleHookMethods: [Builtin] = [
        Builtin(
            "register_forward_hook(module, hook)",
            "run hook(module, input, output) after each forward pass; a tensor it returns replaces the output"
        ) { call in
            let layer = try call.module("module")
            let hook = try call.value("hook")
            let range = call.range
            let handle = ForwardHooks.register(layer) { layer, input, output in
                guard let evaluator = Evaluator.current else { return nil }
                // PyTorch passes the forward's positional inputs as a tuple.
                let arguments = [
                    argument(.module(layer), range), argument(.tuple([.tensor(input)]), range),
                    argument(.tensor(output), range),
                ]
                return try hookResult(try evaluator.call(hook, arguments, at: range), range)
            }
            return .namespace(removableHandle { handle.remove() })
        }
    ]

    private static func argument(_ value: Value, _ range: SourceRange) -> EvaluatedArgument {
        EvaluatedArgument(name: nil, nameRange: nil, value: value, range: range)
    }

    /// What a hook returned: None keeps the value, a tensor replaces it, anything else is refused.
    private static func hookResult(_ value: Value, _ range: SourceRange) throws -> Tensor? {
        switch value {
        case .none: return nil
        case .tensor(let tensor): return tensor
        default: throw LanguageError.said(.type, .hookResult, ["type": value.typeName], at: range)
        }
    }

    /// PyTorch's `RemovableHandle`: `handle.remove()`.
    private static func removableHandle(_ remove: @escaping @Sendable () -> Void) -> Namespace {
        Namespace(
            name: "RemovableHandle",
            members: [
                "remove": .function(
                    Function(
                        .builtin(
                            Builtin("remove()", "take the hook away") { _ in
                                remove()
                                return .none
                            })))
            ], typeName: "RemovableHandle", text: "<torch.utils.hooks.RemovableHandle object>")
    }
}
