import CNN

/// Walks the syntax tree and computes values: the engine behind `Interpreter`.
///
/// Not thread-safe: one evaluation at a time (`@unchecked Sendable` so that the running one can
/// be reached as `Evaluator.current` by layers written in the language). Recursion is bounded
/// twice over: the parser limits how deep one expression or block nests, and `maxCallDepth`
/// limits chains of function calls, so the evaluation stack stays well inside the thread the
/// interpreter runs it on.
final class Evaluator: @unchecked Sendable {
    /// The evaluator running code on this thread, for `UserModule`s called by the engine (inside
    /// `nn.Sequential`, by the trainer).
    @TaskLocal static var current: Evaluator?

    let options: EvaluationOptions
    var globals: [String: Value]
    var generator: SeededGenerator
    var callDepth = 0
    /// What `print` wrote during the current run.
    var printed = ""
    /// The modules whose `forward` is running, innermost last: their children are called through
    /// `callChild` so that `summary` sees them.
    var runningModules: [UserModule] = []
    /// The module being called through its parent's `callChild` (see `callModule`).
    var tracedCall: UserModule?
    /// Bytes of bound containers charged to the session's memory by the last measurement
    /// (`measureContainers`); a copy starts uncharged, in a session of its own.
    var containerCharge = 0
    /// Whether a large container was built (`requireRoom`) since the last measurement: the
    /// statement that built it is measured when it ends.
    var containersGrew = false
    /// Heights of large containers already measured against the nesting limit (see the type).
    let nestingHeights = NestingHeights()
    /// How each built-in layer was made (`nn.Conv2d(3, 8, 3)`), by the layer's identity, so that
    /// `copy.deepcopy(model)` can make it again (see `Builtins.deepCopyLayer`).
    var layerRecipes: [ObjectIdentifier: LayerRecipe] = [:]
    /// The size of `layerRecipes` at which recipes of dropped layers are next let go.
    var recipePruneCount = 16

    init(options: EvaluationOptions) {
        self.options = options
        self.globals = [:]
        self.generator = SeededGenerator(seed: options.seed)
    }

    /// A copy with the same bindings and random state; later changes to either do not reach the
    /// other (tensors are values; layers, being shared objects, are shared).
    func copy() -> Evaluator {
        let copy = Evaluator(options: options)
        copy.globals = globals
        copy.generator = generator
        copy.layerRecipes = layerRecipes
        return copy
    }

    // MARK: - Statements (see Evaluator+Statements.swift)

    /// Runs statements in order, binding assignments as it goes; the value of a final expression
    /// statement is the result (`None` after an assignment or a block).
    func execute(_ program: Program) throws(LanguageError) -> Value {
        if program.statements.count == 1, case .expression(let expression) = program.statements[0],
            case .name("help") = expression.kind, globals["help"] == nil
        {
            // `help` alone, as Python's prompt is asked for help: say where the commands are.
            throw LanguageError(.name, .statement(.habit("help")), at: expression.range)
        }
        var result = Value.none
        for statement in program.statements {
            if case .expression(let expression) = statement {
                try checkpoint(at: statement.range)
                result = try evaluate(expression, in: nil)
                try measureAfterStatement(at: statement.range)
                continue
            }
            result = .none
            _ = try run(statement, in: nil)
            try measureAfterStatement(at: statement.range)
        }
        return result
    }

    /// Most text `print` keeps per run (1 MiB): a loop printing forever fills no memory.
    static let printLimit = 1 << 20

    /// Adds `text` to what `print` wrote, up to `printLimit`.
    func write(_ text: String) {
        guard printed.utf8.count < Self.printLimit else { return }
        printed += text
        if printed.utf8.count >= Self.printLimit { printed += "\n… (output cut at 1 MiB)\n" }
    }

    /// Throws if the evaluation was cancelled or ran out of time.
    func checkpoint(at range: SourceRange?) throws(LanguageError) {
        do {
            try ComputeBudget.checkpoint()
        } catch {
            throw LanguageError(error, at: range)
        }
    }

    // MARK: - Expressions

    func evaluate(_ expression: ExpressionSyntax, in scope: Scope?) throws(LanguageError) -> Value {
        switch expression.kind {
        case .integer(let value): return .int(value)
        case .float(let value): return .float(value)
        case .string(let value): return .string(value)
        case .bool(let value): return .bool(value)
        case .none: return .none
        case .ellipsis: return .ellipsis
        case .name(let name): return try lookup(name, in: scope, at: expression.range)
        case .formatted(let pieces): return .string(try format(pieces, in: scope))
        case .comprehension(let comprehension):
            return try evaluate(comprehension, in: scope, at: expression.range)
        case .dict(let items):
            var built = Value.DictBuilder()
            for item in items {
                let key = try dictKey(try evaluate(item.key, in: scope), at: item.key.range)
                built.set(key, try evaluate(item.value, in: scope))
            }
            try requireShallow(built.entries.lazy.map(\.value), at: expression.range)
            return .dict(built.entries)
        case .set:
            throw LanguageError(.unsupported, .said(.setsUnsupported, [:]), at: expression.range)
        case .list(let items):
            let values = try evaluateAll(items, in: scope)
            try requireShallow(values, at: expression.range)
            return .list(values)
        case .tuple(let items):
            let values = try evaluateAll(items, in: scope)
            try requireShallow(values, at: expression.range)
            return .tuple(values)
        case .unary(let op, let operand):
            return try unary(op, try evaluate(operand, in: scope), at: expression.range)
        case .binary(.and, let left, let right):
            let value = try evaluate(left, in: scope)
            return try truth(value, at: left.range) ? try evaluate(right, in: scope) : value
        case .binary(.or, let left, let right):
            let value = try evaluate(left, in: scope)
            return try truth(value, at: left.range) ? value : try evaluate(right, in: scope)
        case .binary(let op, let left, let right):
            let lhs = try evaluate(left, in: scope)
            let rhs = try evaluate(right, in: scope)
            return try binary(op, lhs, rhs, at: expression.range)
        case .comparison(let first, let links):
            return try comparison(first, links, in: scope)
        case .conditional(let condition, let then, let otherwise):
            let test = try evaluate(condition, in: scope)
            return try evaluate(try truth(test, at: condition.range) ? then : otherwise, in: scope)
        case .call(let callee, let arguments):
            return try evaluateCall(callee, arguments, in: scope, at: expression.range)
        case .attribute(let base, let name, let nameRange):
            return try attribute(of: try evaluate(base, in: scope), name, at: nameRange)
        case .subscript(let base, let items):
            return try subscriptValue(try evaluate(base, in: scope), items, in: scope, at: expression.range)
        case .lambda(let parameters, let body):
            var defaults: [Value?] = []
            for parameter in parameters {
                defaults.append(
                    try parameter.defaultValue.map { (value) throws(LanguageError) in
                        try evaluate(value, in: scope)
                    })
            }
            return .function(
                Function(
                    .lambda(Lambda(parameters: parameters, defaults: defaults, body: body, captured: scope))))
        }
    }

    /// Evaluates a call's arguments, spreading `*list` and `**dict`.
    func evaluateArguments(_ arguments: [ArgumentSyntax], in scope: Scope?) throws(LanguageError)
        -> [EvaluatedArgument]
    {
        var evaluated: [EvaluatedArgument] = []
        for argument in arguments {
            let value = try evaluate(argument.value, in: scope)
            guard argument.isSpread else {
                evaluated.append(
                    EvaluatedArgument(
                        name: argument.name, nameRange: argument.nameRange, value: value,
                        range: argument.value.range))
                continue
            }
            if argument.isKeywordSpread {
                guard case .dict(let entries) = value else {
                    throw LanguageError(
                        .type, .said(.spreadDict, ["type": .text(value.typeName)]), at: argument.value.range)
                }
                for entry in entries {
                    if evaluated.contains(where: { $0.name == entry.key }) {
                        throw LanguageError(
                            .argument, .said(.spreadRepeatedKeyword, ["name": .text(entry.key)]),
                            at: argument.value.range)
                    }
                    evaluated.append(
                        EvaluatedArgument(
                            name: entry.key, nameRange: argument.value.range, value: entry.value,
                            range: argument.value.range))
                }
                continue
            }
            let items: [Value]
            switch value {
            case .list(let values), .tuple(let values): items = values
            case .shape(let sizes): items = sizes.map(Value.int)
            default:
                throw LanguageError(
                    .type, .said(.spreadSequence, ["type": .text(value.typeName)]), at: argument.value.range)
            }
            evaluated += items.map {
                EvaluatedArgument(name: nil, nameRange: nil, value: $0, range: argument.value.range)
            }
        }
        return evaluated
    }

    /// `f(…)`, `x.method(…)`: methods of lists, dicts and strings, and methods that change their
    /// receiver (`x.requires_grad_()`, `xs.append(v)`), write the changed receiver back to where
    /// it came from (a name, an attribute, an item), since values here are not shared objects.
    func evaluateCall(
        _ callee: ExpressionSyntax, _ arguments: [ArgumentSyntax], in scope: Scope?, at range: SourceRange
    ) throws(LanguageError) -> Value {
        if case .name("super") = callee.kind, lookupIfBound("super", in: scope) == nil {
            return try superProxy(arguments, in: scope, at: range)
        }
        if case .name(let name) = callee.kind, let builtin = Builtins.iteratorCalls[name],
            lookupIfBound(name, in: scope) == nil
        {
            return try call(
                .function(Function(.builtin(builtin))), try evaluateArguments(arguments, in: scope), at: range
            )
        }
        if case .attribute(let base, let method, let nameRange) = callee.kind {
            let receiver = try evaluate(base, in: scope)
            switch receiver {
            case .module(let list as ModuleList) where ["append", "extend", "insert"].contains(method):
                let values = try evaluateArguments(arguments, in: scope).map(\.value)
                if try engine(at: range, { try list.change(method, values) }) { return .none }
            case .list, .dict, .string:
                if let (result, changed) = try containerMethod(
                    receiver, method, try evaluateArguments(arguments, in: scope), at: range,
                    nameRange: nameRange)
                {
                    if let changed, Self.isAssignable(base) { try writeBack(changed, to: base, in: scope) }
                    if let changed, case .call(let inner, let innerArguments) = base.kind,
                        case .attribute(let owner, let source, _) = inner.kind,
                        ["setdefault", "get"].contains(source)
                    {
                        try writeBackIntoDict(
                            changed, owner, innerArguments, method: method, source: source, in: scope,
                            at: range)
                    }
                    return result
                }
            case .namespace(let object) where object.stateDictLayer != nil:
                // A live state dict answers dict methods from the model as it is now.
                if let (result, _) = try containerMethod(
                    receiver.asDict, method, try evaluateArguments(arguments, in: scope), at: range,
                    nameRange: nameRange)
                {
                    return result
                }
            default: break
            }
            let function = try attribute(of: receiver, method, at: nameRange)
            let result = try call(
                function, try evaluateArguments(arguments, in: scope), at: range, calleeRange: callee.range)
            if Builtins.mutatingMethods.contains(method), case .tensor = receiver, Self.isAssignable(base) {
                try writeBack(result, to: base, in: scope)
            }
            return result
        }
        let function = try evaluate(callee, in: scope)
        return try call(
            function, try evaluateArguments(arguments, in: scope), at: range, calleeRange: callee.range)
    }

    func evaluateAll(_ expressions: [ExpressionSyntax], in scope: Scope?) throws(LanguageError) -> [Value] {
        var values: [Value] = []
        values.reserveCapacity(expressions.count)
        for expression in expressions { values.append(try evaluate(expression, in: scope)) }
        return values
    }

    /// Every name visible at the top level: bindings, builtins, namespaces and constants.
    var visibleNames: [String] {
        Array(globals.keys) + Array(Builtins.global.keys) + ["True", "False", "None"]
    }

    func lookup(_ name: String, in scope: Scope?, at range: SourceRange) throws(LanguageError) -> Value {
        if let scope {
            switch scope.find(name) {
            case .value(let value): return value
            case .unbound:
                throw LanguageError(.name, .statement(.unboundLocal(name)), at: range)
            case .global: break
            }
        }
        if let value = globals[name] ?? Builtins.global[name] { return value }
        if StatementProblem.habits[name] != nil {
            throw LanguageError(.name, .statement(.habit(name)), at: range)
        }
        throw .unknown(.name, name, candidates: visibleNames + (scope?.visibleNames ?? []), at: range)
    }

    /// The value of `name` if it is bound anywhere visible, without throwing.
    func lookupIfBound(_ name: String, in scope: Scope?) -> Value? {
        if let scope, case .value(let value) = scope.find(name) { return value }
        return globals[name] ?? Builtins.global[name]
    }

    // MARK: - Calls

    /// Calls a function value with evaluated arguments.
    func call(
        _ callee: Value, _ arguments: [EvaluatedArgument], at range: SourceRange,
        calleeRange: SourceRange? = nil
    ) throws(LanguageError) -> Value {
        switch callee {
        case .function(let function):
            return try call(function, arguments, at: range)
        case .module(let module as UserModule):
            return try callModule(module, arguments, at: range)
        case .module(let layer):
            guard arguments.count == 1, arguments[0].name == nil else {
                throw LanguageError(.argument, .said(.layerTakesOneTensor, [:]), at: range)
            }
            let input = arguments[0]
            guard case .tensor(let tensor) = input.value else {
                throw LanguageError(
                    .type, .said(.layerTakesATensor, ["type": .text(input.value.typeName)]), at: input.range)
            }
            try checkpoint(at: range)
            if let parent = runningModules.last,
                let child = parent.children.first(where: { $0.layer === layer })
            {
                return .tensor(try engine(at: range) { try parent.callChild(child.name, layer, tensor) })
            }
            return .tensor(
                try engine(at: range) { try ForwardHooks.run(layer, tensor) { try layer(tensor) } })
        default:
            throw LanguageError(.type, .notCallable(callee.typeName), at: calleeRange ?? range)
        }
    }

    func call(_ function: Function, _ arguments: [EvaluatedArgument], at range: SourceRange)
        throws(LanguageError)
        -> Value
    {
        switch function.implementation {
        case .builtin(let builtin):
            return try invoke(builtin, arguments, at: range)
        case .bound(let builtin, let receiver):
            let first = EvaluatedArgument(name: nil, nameRange: nil, value: receiver, range: range)
            return try invoke(builtin, [first] + arguments, at: range)
        case .lambda(let lambda):
            return try invoke(lambda, arguments, at: range)
        case .defined(let function):
            return try invoke(function, arguments, at: range)
        case .method(let function, let receiver):
            let first = EvaluatedArgument(name: nil, nameRange: nil, value: receiver, range: range)
            return try invoke(function, [first] + arguments, at: range)
        case .userClass(let type):
            return try instantiate(type, arguments, at: range)
        case .superProxy:
            throw LanguageError(.type, .said(.superUsage, [:]), at: range)
        case .gradMode(let enabled):
            throw LanguageError(
                .type, .said(.gradModeNeedsWith, ["name": .text(enabled ? "enable_grad" : "no_grad")]),
                at: range)
        }
    }

    /// Calls a function value with positional values, as builtins calling lambdas do.
    func call(_ function: Function, _ values: [Value], at range: SourceRange) throws(LanguageError) -> Value {
        try call(
            function, values.map { EvaluatedArgument(name: nil, nameRange: nil, value: $0, range: range) },
            at: range)
    }

    private func invoke(_ builtin: Builtin, _ arguments: [EvaluatedArgument], at range: SourceRange)
        throws(LanguageError) -> Value
    {
        var arguments = arguments
        // `torch.zeros(2, device=device)`: the functions that take a dtype take a device in
        // PyTorch; here every tensor is on the CPU, so the CPU is accepted and dropped.
        if let index = arguments.firstIndex(where: { $0.name == "device" }),
            builtin.signature.keywordNames.contains("dtype"),
            !builtin.signature.keywordNames.contains("device")
        {
            try Builtins.acceptDevice(arguments[index].value, at: arguments[index].range)
            arguments.remove(at: index)
        }
        let bound = try Call(builtin.signature, arguments: arguments, evaluator: self, range: range)
        try checkpoint(at: range)
        let result: Value
        do {
            result = try builtin.body(bound)
        } catch {
            throw LanguageError(from: error, at: range)
        }
        recordRecipe(of: result, builtin, arguments)
        return result
    }

    private func invoke(_ lambda: Lambda, _ arguments: [EvaluatedArgument], at range: SourceRange)
        throws(LanguageError) -> Value
    {
        let bindings = try bind(
            arguments, to: lambda.parameters, defaults: lambda.defaults, function: nil, at: range)
        return try deeper(at: range) { () throws(LanguageError) in
            try evaluate(lambda.body, in: Scope(bindings, parent: lambda.captured))
        }
    }

    /// Runs `body` one call deeper, refusing to go past `maxCallDepth`.
    func deeper<T>(at range: SourceRange, _ body: () throws(LanguageError) -> T) throws(LanguageError) -> T {
        callDepth += 1
        defer { callDepth -= 1 }
        guard callDepth <= options.maxCallDepth else {
            throw LanguageError.said(.limit, .callsTooDeep, ["limit": options.maxCallDepth], at: range)
        }
        try checkpoint(at: range)
        return try body()
    }
}

extension Evaluator {
    /// `d.setdefault(k, []).append(x)` (or `d.get(k).append(x)`) changes the list inside `d` in
    /// Python. Lists and dicts are values here, so the changed copy is written back to `d[k]` —
    /// when `d` is a place and `k` a literal or a name (evaluating it again changes nothing); a
    /// key `get` did not find stays absent, as in Python. Otherwise refused, never lost silently.
    func writeBackIntoDict(
        _ changed: Value, _ owner: ExpressionSyntax, _ arguments: [ArgumentSyntax], method: String,
        source: String,
        in scope: Scope?, at range: SourceRange
    ) throws(LanguageError) {
        guard Self.isAssignable(owner), let keyArgument = arguments.first, keyArgument.name == nil,
            !keyArgument.isSpread, Self.isPlainKey(keyArgument.value)
        else {
            throw LanguageError.said(
                .unsupported, .containerFromDictChanged, ["method": method, "source": source], at: range)
        }
        let key = try dictKey(try evaluate(keyArgument.value, in: scope), at: keyArgument.value.range)
        guard case .dict(var entries) = try evaluate(owner, in: scope),
            let index = entries.firstIndex(where: { $0.key == key })
        else { return }
        entries[index].value = changed
        try writeBack(.dict(entries), to: owner, in: scope)
    }

    /// A string, number or name: an expression whose second evaluation gives the same value.
    private static func isPlainKey(_ expression: ExpressionSyntax) -> Bool {
        switch expression.kind {
        case .string, .integer, .name: true
        default: false
        }
    }
}
