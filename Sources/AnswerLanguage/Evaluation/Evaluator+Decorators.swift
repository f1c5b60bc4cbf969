import CNN

/// Decorators above a `def`, as PyTorch code uses them: `@torch.no_grad()` (and `@torch.no_grad`,
/// `@torch.inference_mode()`, `@torch.enable_grad()`) runs the body with gradients off (on);
/// `@staticmethod` and `@property` inside a class; any other decorator is a function called with
/// the function, whose result is bound to the name, as Python does.
extension Evaluator {
    /// The value a `def` binds: the function, with its decorators applied innermost first.
    func decorated(_ definition: FunctionDefinition, defaults: [Value?], in scope: Scope?)
        throws(LanguageError) -> Value
    {
        var gradMode: Bool?
        var role = DefinedFunction.Role.method
        var wrappers: [(Value, SourceRange)] = []
        for decorator in definition.decorators.reversed() {
            if case .name(let name) = decorator.kind, ["staticmethod", "property"].contains(name),
                lookupIfBound(name, in: scope) == nil
            {
                // Only a class body gives them a meaning this language has (methods reached
                // through an instance).
                guard scope?.kind == .classBody, wrappers.isEmpty, role == .method else {
                    throw LanguageError(
                        .unsupported, .said(.decoratorOutsideClass, ["name": .text(name)]),
                        at: decorator.range)
                }
                role = name == "staticmethod" ? .staticMethod : .property
                continue
            }
            let value = try evaluate(decorator, in: scope)
            if let enabled = Self.gradModeDecorator(value), wrappers.isEmpty {
                // An inner decorator's mode is the one the body runs in.
                if gradMode == nil { gradMode = enabled }
                continue
            }
            guard case .function = value else {
                throw LanguageError(
                    .type, .said(.decoratorNotCallable, ["type": .text(value.typeName)]), at: decorator.range)
            }
            wrappers.append((value, decorator.range))
        }
        var result = Value.function(
            Function(
                .defined(
                    DefinedFunction(
                        definition: definition, defaults: defaults, captured: scope, gradMode: gradMode,
                        role: role))))
        for (wrapper, range) in wrappers {
            guard case .function(let function) = wrapper else { continue }
            result = try call(function, [result], at: range)
        }
        return result
    }

    /// The gradient mode a decorator value sets: `torch.no_grad()` and `torch.no_grad` (PyTorch 2
    /// accepts both), `torch.inference_mode()`, `torch.enable_grad()`; nil for anything else.
    static func gradModeDecorator(_ value: Value) -> Bool? {
        guard case .function(let function) = value else { return nil }
        switch function.implementation {
        case .gradMode(let enabled): return enabled
        case .builtin(let builtin):
            switch builtin.name {
            case "no_grad", "inference_mode": return false
            case "enable_grad": return true
            default: return nil
            }
        default: return nil
        }
    }
}
