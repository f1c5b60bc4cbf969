import CNN

/// Calling functions written with `def` and `lambda`, making instances of classes written with
/// `class`, and running their `forward`.
extension Evaluator {
    /// Binds call arguments to parameters as Python does: positional ones in order (extras to
    /// `*args`), keywords by name (unknown ones to `**kwargs`), then defaults.
    /// - Parameter function: The function's name for messages; nil for a lambda.
    func bind(
        _ arguments: [EvaluatedArgument], to parameters: [ParameterSyntax], defaults: [Value?],
        function: String?,
        at range: SourceRange
    ) throws(LanguageError) -> [String: Value] {
        var bindings: [String: Value] = [:]
        let positional = parameters.filter { $0.kind == .normal }
        let variadic = parameters.first { $0.kind == .variadic }
        let keywordVariadic = parameters.first { $0.kind == .keywordVariadic }
        let given = arguments.filter { $0.name == nil }
        var extra: [Value] = []
        for (index, argument) in given.enumerated() {
            if index < positional.count {
                bindings[positional[index].name] = argument.value
            } else if variadic != nil {
                extra.append(argument.value)
            } else {
                throw LanguageError(
                    .argument,
                    .tooManyArguments(function: function, takes: positional.count, given: given.count),
                    at: argument.range)
            }
        }
        if let variadic {
            try requireShallow(extra, at: range)
            bindings[variadic.name] = .tuple(extra)
        }
        var keywords: [Value.DictEntry] = []
        for argument in arguments {
            guard let name = argument.name else { continue }
            guard let parameter = parameters.first(where: { $0.name == name }),
                parameter.kind == .normal || parameter.kind == .keywordOnly
            else {
                guard keywordVariadic != nil else {
                    throw .unknown(
                        .keyword(function: function), name,
                        candidates: parameters.filter { $0.kind == .normal || $0.kind == .keywordOnly }.map(
                            \.name),
                        at: argument.nameRange ?? argument.range)
                }
                keywords.append(Value.DictEntry(name, argument.value))
                continue
            }
            guard bindings[name] == nil else {
                throw LanguageError(
                    .argument, .repeatedArgument(function: function, name: name),
                    at: argument.nameRange ?? argument.range)
            }
            bindings[name] = argument.value
        }
        if let keywordVariadic {
            try requireShallow(keywords.lazy.map(\.value), at: range)
            bindings[keywordVariadic.name] = .dict(keywords)
        }
        for (parameter, defaultValue) in zip(parameters, defaults) where bindings[parameter.name] == nil {
            guard let defaultValue else {
                if let function {
                    throw LanguageError(
                        .argument, .missingArgument(function: function, name: parameter.name), at: range)
                }
                throw LanguageError(
                    .argument, .said(.lambdaMissingArgument, ["name": .text(parameter.name)]), at: range)
            }
            bindings[parameter.name] = defaultValue
        }
        return bindings
    }

    /// Calls a function written with `def`.
    func invoke(_ function: DefinedFunction, _ arguments: [EvaluatedArgument], at range: SourceRange)
        throws(LanguageError) -> Value
    {
        let definition = function.definition
        let bindings = try bind(
            arguments, to: definition.parameters, defaults: function.defaults, function: definition.name,
            at: range)
        var method: (owner: UserClass, selfName: String)?
        if let owner = function.owner, function.role != .staticMethod,
            let first = definition.parameters.first,
            first.kind == .normal
        {
            method = (owner, first.name)
        }
        let scope = Scope(
            bindings, parent: function.captured, kind: .function, locals: definition.locals,
            globalNames: definition.globals, method: method)
        let body = { () throws(LanguageError) -> Value in
            try self.deeper(at: range) { () throws(LanguageError) -> Value in
                if case .returned(let value) = try self.run(definition.body, in: scope) { return value }
                return .none
            }
        }
        guard let enabled = function.gradMode else { return try body() }
        // `@torch.no_grad()`: the body runs as inside `with torch.no_grad():`.
        let result = GradMode.$isEnabled.withValue(enabled) { () -> Result<Value, LanguageError> in
            do throws(LanguageError) { return .success(try body()) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// `Block(…)`: a new instance, set up by the class's `__init__`.
    func instantiate(_ type: UserClass, _ arguments: [EvaluatedArgument], at range: SourceRange)
        throws(LanguageError) -> Value
    {
        let module = UserModule(type: type)
        let instance = Value.module(module)
        if let (initializer, _) = type.lookup("__init__"), case .function(let function) = initializer,
            case .defined(let defined) = function.implementation
        {
            let first = EvaluatedArgument(name: nil, nameRange: nil, value: instance, range: range)
            let result = try invoke(defined, [first] + arguments, at: range)
            guard case .none = result else {
                throw LanguageError(
                    .type, .said(.initReturnsValue, ["type": .text(result.typeName)]), at: range)
            }
        } else {
            guard arguments.isEmpty else {
                throw LanguageError(
                    .argument, .said(.classTakesNoArguments, ["name": .text(type.name)]), at: range)
            }
            module.isInitialized = true
        }
        let count = module.namedLayers.count - 1
        guard count <= options.maxLayers else {
            throw LanguageError.said(
                .limit, .modelTooDeep, ["count": count, "limit": options.maxLayers], at: range)
        }
        return instance
    }

    /// Runs a module's `forward` with the arguments of `module(…)`.
    func callModule(_ module: UserModule, _ arguments: [EvaluatedArgument], at range: SourceRange)
        throws(LanguageError) -> Value
    {
        guard let (forward, _) = module.type.lookup("forward"), case .function(let function) = forward,
            case .defined(let defined) = function.implementation
        else {
            throw LanguageError(.type, .said(.noForward, ["type": .text(module.typeName)]), at: range)
        }
        if tracedCall !== module, let parent = runningModules.last,
            let child = parent.children.first(where: { $0.layer === module }),
            arguments.count == 1, arguments[0].name == nil, case .tensor(let tensor) = arguments[0].value
        {
            // Called from a parent's forward: through `callChild`, so that `summary` sees this
            // module's output; `callChild` comes back here through `callAsFunction`.
            tracedCall = module
            defer { tracedCall = nil }
            return .tensor(try engine(at: range) { try parent.callChild(child.name, module, tensor) })
        }
        tracedCall = nil
        let first = EvaluatedArgument(name: nil, nameRange: nil, value: .module(module), range: range)
        runningModules.append(module)
        defer { runningModules.removeLast() }
        // A module with forward hooks (`ForwardHooks`) runs them after its forward, unless its
        // container's `callChild` runs them already.
        guard ForwardHooks.hasHooks(module), arguments.count == 1, arguments[0].name == nil,
            case .tensor(let tensor) = arguments[0].value
        else { return try invoke(defined, [first] + arguments, at: range) }
        let output = try engine(at: range) {
            try ForwardHooks.run(module, tensor) {
                let result = try invoke(defined, [first] + arguments, at: range)
                guard case .tensor(let output) = result else {
                    throw LanguageError.said(.type, .forwardHookResult, ["type": result.typeName], at: range)
                }
                return output
            }
        }
        return .tensor(output)
    }

    /// `module(x)` from the engine (a container or the trainer calling a module written here).
    func callModule(_ module: UserModule, input: Value) throws(LanguageError) -> Value {
        let range =
            (module.type.lookup("forward")?.value.function?.definedFunction?.definition.nameRange)
            ?? SourceRange(at: .start)
        return try callModule(
            module, [EvaluatedArgument(name: nil, nameRange: nil, value: input, range: range)], at: range)
    }

    /// `super()` or `super(Class, self)` inside a method.
    func superProxy(_ arguments: [ArgumentSyntax], in scope: Scope?, at range: SourceRange)
        throws(LanguageError) -> Value
    {
        if arguments.count == 2 {
            let type = try evaluate(arguments[0].value, in: scope)
            let receiver = try evaluate(arguments[1].value, in: scope)
            guard case .function(let function) = type, case .userClass(let owner) = function.implementation
            else {
                throw LanguageError(.type, .said(.superFirstArgument, [:]), at: arguments[0].value.range)
            }
            return .function(Function(.superProxy(owner: owner, receiver: receiver)))
        }
        guard arguments.isEmpty else {
            throw LanguageError(.argument, .said(.superNoArguments, [:]), at: range)
        }
        var frame = scope
        while let current = frame {
            if let method = current.method, let receiver = current.bindings[method.selfName] {
                return .function(Function(.superProxy(owner: method.owner, receiver: receiver)))
            }
            frame = current.parent
        }
        throw LanguageError(.value, .said(.superOutsideMethod, [:]), at: range)
    }

    /// An attribute reached through `super()`: the next class's method, bound to the instance.
    func superAttribute(owner: UserClass, receiver: Value, _ name: String, at range: SourceRange)
        throws(LanguageError) -> Value
    {
        if let base = owner.base, let (value, _) = base.lookup(name) {
            if case .function(let function) = value, let defined = function.definedFunction {
                return .function(Function(.method(defined, receiver: receiver)))
            }
            return value
        }
        if name == "__init__", case .module(let module as UserModule) = receiver {
            // nn.Module.__init__: what makes assigning layers and parameters possible.
            return .function(
                Function(
                    .builtin(
                        Builtin("__init__()", "set up the module so layers and parameters can be assigned") {
                            _ in
                            module.isInitialized = true
                            return .none
                        })))
        }
        if let method = Builtins.moduleMethods[name] {
            return .function(Function(.bound(method, receiver: receiver)))
        }
        throw .unknown(
            .attribute(of: "super"), name, candidates: ["__init__"] + Builtins.moduleMethods.keys, at: range)
    }

    /// An attribute of an instance of a class written here: its own attributes and parameters,
    /// `training`, the class's methods (bound to it) and attributes, then `nn.Module`'s methods.
    func moduleAttribute(_ module: UserModule, _ name: String, at range: SourceRange) throws(LanguageError)
        -> Value
    {
        if let value = module.attribute(name) { return value }
        if name == "training" { return .bool(module.isTraining) }
        if let (value, _) = module.type.lookup(name) {
            if case .function(let function) = value, let defined = function.definedFunction {
                switch defined.role {
                case .method: return .function(Function(.method(defined, receiver: .module(module))))
                case .staticMethod: return value
                case .property:
                    let receiver = EvaluatedArgument(
                        name: nil, nameRange: nil, value: .module(module), range: range)
                    return try invoke(defined, [receiver], at: range)
                }
            }
            return value
        }
        if let method = Builtins.moduleMethods[name] {
            return .function(Function(.bound(method, receiver: .module(module))))
        }
        throw .unknown(
            .attribute(of: module.typeName), name,
            candidates: module.order + module.type.attributeNames + Builtins.moduleMethods.keys + [
                "training"
            ],
            at: range)
    }
}

extension Value {
    /// The function, if this is one.
    var function: Function? {
        if case .function(let function) = self { return function }
        return nil
    }
}

extension Function {
    /// The `def` behind this function, if it is one (not bound to an instance).
    var definedFunction: DefinedFunction? {
        if case .defined(let function) = implementation { return function }
        return nil
    }
}
