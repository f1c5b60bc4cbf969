import CNN

/// Walks the syntax tree and computes values: the engine behind `Interpreter`.
///
/// Not thread-safe: one evaluation at a time. Recursion is bounded twice over: the parser limits
/// how deep one expression nests, and `maxCallDepth` limits chains of lambda calls, so the
/// evaluation stack stays well inside the thread the interpreter runs it on.
final class Evaluator {
    let options: EvaluationOptions
    var globals: [String: Value]
    var generator: SeededGenerator
    private var callDepth = 0

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
        return copy
    }

    // MARK: - Statements

    /// Runs statements in order, binding assignments as it goes; the value of a final expression
    /// statement is the result (`None` after an assignment).
    func execute(_ program: Program) throws(LanguageError) -> Value {
        var result = Value.none
        for statement in program.statements {
            try checkpoint(at: statement.range)
            switch statement {
            case .expression(let expression):
                result = try evaluate(expression, in: nil)
            case .assignment(let targets, let expression):
                let value = try evaluate(expression, in: nil)
                for target in targets { try assign(value, to: target) }
                result = .none
            }
        }
        return result
    }

    func assign(_ value: Value, to target: AssignmentTarget) throws(LanguageError) {
        switch target {
        case .name(let name, _):
            globals[name] = value
        case .tuple(let targets, let range):
            let items: [Value]
            switch value {
            case .tuple(let values), .list(let values): items = values
            case .shape(let sizes): items = sizes.map(Value.int)
            default: throw .type("cannot unpack a \(value.typeName) into \(targets.count) names", at: range)
            }
            guard items.count == targets.count else {
                throw .value(
                    "cannot unpack \(items.count) values into \(targets.count) names", at: range)
            }
            for (item, target) in zip(items, targets) { try assign(item, to: target) }
        }
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
        case .list(let items): return .list(try evaluateAll(items, in: scope))
        case .tuple(let items): return .tuple(try evaluateAll(items, in: scope))
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
            let function = try evaluate(callee, in: scope)
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
                let items: [Value]
                switch value {
                case .list(let values), .tuple(let values): items = values
                case .shape(let sizes): items = sizes.map(Value.int)
                default:
                    throw .type(
                        "only a list, tuple or shape can be spread with *, not \(value.typeName)",
                        at: argument.value.range)
                }
                evaluated += items.map {
                    EvaluatedArgument(name: nil, nameRange: nil, value: $0, range: argument.value.range)
                }
            }
            let result = try call(function, evaluated, at: expression.range, calleeRange: callee.range)
            if case .attribute(let base, let method, _) = callee.kind,
                Builtins.mutatingMethods.contains(method),
                case .name(let name) = base.kind, scope?.lookup(name) == nil, globals[name] != nil
            {
                globals[name] = result
            }
            return result
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
        if let value = scope?.lookup(name) ?? globals[name] ?? Builtins.global[name] { return value }
        var candidates = visibleNames
        var frame = scope
        while let current = frame {
            candidates += current.bindings.keys
            frame = current.parent
        }
        throw .unknown(.name, name, candidates: candidates, at: range)
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
        case .module(let layer):
            guard arguments.count == 1, arguments[0].name == nil else {
                throw .argument("a layer is called with one tensor: model(x)", at: range)
            }
            let input = arguments[0]
            guard case .tensor(let tensor) = input.value else {
                throw .type("a layer is called with a tensor, not \(input.value.typeName)", at: input.range)
            }
            try checkpoint(at: range)
            return .tensor(try engine(at: range) { try layer(tensor) })
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
        let bound = try Call(builtin.signature, arguments: arguments, evaluator: self, range: range)
        try checkpoint(at: range)
        do {
            return try builtin.body(bound)
        } catch let error as LanguageError {
            throw error.located(at: range)
        } catch let error as CNNError {
            throw LanguageError(error, at: range)
        } catch {
            throw LanguageError(.value, "\(builtin.name)(): \(error)", at: range)
        }
    }

    private func invoke(_ lambda: Lambda, _ arguments: [EvaluatedArgument], at range: SourceRange)
        throws(LanguageError) -> Value
    {
        var bindings: [String: Value] = [:]
        var positional = arguments.filter { $0.name == nil }.makeIterator()
        for parameter in lambda.parameters {
            guard let argument = positional.next() else { break }
            bindings[parameter.name] = argument.value
        }
        if positional.next() != nil {
            throw LanguageError(
                .argument,
                .tooManyArguments(
                    function: nil, takes: lambda.parameters.count,
                    given: arguments.filter { $0.name == nil }.count),
                at: range)
        }
        for argument in arguments {
            guard let name = argument.name else { continue }
            guard lambda.parameters.contains(where: { $0.name == name }) else {
                throw .unknown(
                    .keyword(function: nil), name, candidates: lambda.parameters.map(\.name),
                    at: argument.nameRange)
            }
            guard bindings[name] == nil else {
                throw LanguageError(
                    .argument, .repeatedArgument(function: nil, name: name), at: argument.nameRange)
            }
            bindings[name] = argument.value
        }
        for (parameter, defaultValue) in zip(lambda.parameters, lambda.defaults)
        where bindings[parameter.name] == nil {
            guard let defaultValue else {
                throw .argument("this lambda is missing the argument '\(parameter.name)'", at: range)
            }
            bindings[parameter.name] = defaultValue
        }
        callDepth += 1
        defer { callDepth -= 1 }
        guard callDepth <= options.maxCallDepth else {
            throw .limit(
                "lambdas called each other more than \(options.maxCallDepth) levels deep (does a lambda call itself?)",
                at: range)
        }
        try checkpoint(at: range)
        return try evaluate(lambda.body, in: Scope(bindings, parent: lambda.captured))
    }
}
