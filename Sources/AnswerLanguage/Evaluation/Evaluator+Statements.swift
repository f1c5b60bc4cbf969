import CNN

/// How a block ended: normally, or by `break`, `continue` or `return` (which the enclosing loop
/// or function takes).
enum Flow {
    case normal
    case breakLoop
    case continueLoop
    case returned(Value)
}

/// Running statements: assignments, blocks, loops, definitions, imports.
///
/// Every statement passes a checkpoint first, so a `while True: pass` stops at the time limit
/// or on cancellation like any long computation.
extension Evaluator {
    func run(_ statements: [Statement], in scope: Scope?) throws(LanguageError) -> Flow {
        for statement in statements {
            let flow = try run(statement, in: scope)
            try measureAfterStatement(at: statement.range)
            if case .normal = flow { continue }
            return flow
        }
        return .normal
    }

    func run(_ statement: Statement, in scope: Scope?) throws(LanguageError) -> Flow {
        try checkpoint(at: statement.range)
        switch statement {
        case .expression(let expression):
            _ = try evaluate(expression, in: scope)
        case .assignment(let targets, let expression):
            let value = try evaluate(expression, in: scope)
            for target in targets { try assign(value, to: target, in: scope) }
        case .augmentedAssignment(let target, let op, let expression, let operatorRange):
            try augment(target, op, expression, in: scope, operatorRange: operatorRange)
        case .if(let statement):
            for branch in statement.branches {
                let test = try evaluate(branch.condition, in: scope)
                if try truth(test, at: branch.condition.range) { return try run(branch.body, in: scope) }
            }
            if let orElse = statement.orElse { return try run(orElse, in: scope) }
        case .for(let statement):
            return try runFor(statement, in: scope)
        case .while(let statement):
            while true {
                try checkpoint(at: statement.condition.range)
                let test = try evaluate(statement.condition, in: scope)
                guard try truth(test, at: statement.condition.range) else {
                    if let orElse = statement.orElse { return try run(orElse, in: scope) }
                    break
                }
                switch try run(statement.body, in: scope) {
                case .breakLoop: return .normal
                case .returned(let value): return .returned(value)
                case .normal, .continueLoop: continue
                }
            }
        case .function(let definition):
            var defaults: [Value?] = []
            for parameter in definition.parameters {
                defaults.append(
                    try parameter.defaultValue.map { (value) throws(LanguageError) in
                        try evaluate(value, in: scope)
                    })
            }
            try bind(definition.name, try decorated(definition, defaults: defaults, in: scope), in: scope)
        case .class(let definition):
            try defineClass(definition, in: scope)
        case .with(let statement):
            return try runWith(statement.items[...], statement.body, in: scope)
        case .return(let value, _):
            return .returned(
                try value.map { (value) throws(LanguageError) in try evaluate(value, in: scope) } ?? .none)
        case .break:
            return .breakLoop
        case .continue:
            return .continueLoop
        case .pass, .global:
            break
        case .import(let statement):
            try runImport(statement, in: scope)
        case .assert(let condition, let message, let range):
            let test = try evaluate(condition, in: scope)
            if !(try truth(test, at: condition.range)) {
                let text = try message.map { (message) throws(LanguageError) in
                    Self.str(try evaluate(message, in: scope))
                }
                throw LanguageError(.value, .statement(.assertionFailed(text)), at: range)
            }
        case .delete(let targets, _):
            for target in targets { try delete(target, in: scope) }
        }
        return .normal
    }

    /// Binds `name` where code running in `scope` assigns: the frame, an enclosing function's
    /// frame for `nonlocal`, or the globals.
    func bind(_ name: String, _ value: Value, in scope: Scope?) throws(LanguageError) {
        guard let scope, let frame = scope.frame(assigning: name) else {
            globals[name] = value
            return
        }
        frame.bindings[name] = value
    }

    // MARK: - Loops

    func runFor(_ statement: ForStatement, in scope: Scope?) throws(LanguageError) -> Flow {
        func body(_ item: Value) throws(LanguageError) -> Flow? {
            try assign(item, to: statement.target, in: scope)
            switch try run(statement.body, in: scope) {
            case .breakLoop: return .normal
            case .returned(let value): return .returned(value)
            case .normal, .continueLoop: return nil
            }
        }
        if let numbers = try lazyRange(statement.iterable, in: scope) {
            // `for i in range(n)` counts without making the list, so a long loop costs no memory.
            var i = numbers.start
            while numbers.step > 0 ? i < numbers.stop : i > numbers.stop {
                try checkpoint(at: statement.iterable.range)
                if let flow = try body(.int(i)) { return flow }
                let (next, overflow) = i.addingReportingOverflow(numbers.step)
                if overflow { break }
                i = next
            }
        } else {
            let iterable = try evaluate(statement.iterable, in: scope)
            var items = try iterate(iterable, at: statement.iterable.range)
            // A loop left early (a limit, an error, `break`) over a million batches leaves them to
            // be freed off this thread, so a refusal is not said a second late.
            defer { LateRelease.release(&items) }
            for item in items {
                try checkpoint(at: statement.iterable.range)
                if let flow = try body(item) { return flow }
            }
        }
        if let orElse = statement.orElse { return try run(orElse, in: scope) }
        return .normal
    }

    /// `range(…)` written as a loop's iterable, when `range` is the builtin: its bounds.
    func lazyRange(_ expression: ExpressionSyntax, in scope: Scope?) throws(LanguageError)
        -> (start: Int, stop: Int, step: Int)?
    {
        guard case .call(let callee, let arguments) = expression.kind, case .name("range") = callee.kind,
            case .function(let function)? = lookupIfBound("range", in: scope),
            case .function(let builtin)? = Builtins.global["range"], function === builtin,
            (1...3).contains(arguments.count), arguments.allSatisfy({ $0.name == nil && !$0.isSpread })
        else { return nil }
        var bounds: [Int] = []
        for argument in arguments {
            let value = try evaluate(argument.value, in: scope)
            guard let number = value.asInteger, case .int(let bound) = number else {
                throw LanguageError(
                    .type, .said(.rangeTakesIntegers, ["type": .text(value.typeName)]),
                    at: argument.value.range)
            }
            bounds.append(bound)
        }
        let (start, stop, step) =
            bounds.count == 1 ? (0, bounds[0], 1) : (bounds[0], bounds[1], bounds.count == 3 ? bounds[2] : 1)
        guard step != 0 else {
            throw LanguageError(.value, .said(.rangeStepZero, [:]), at: arguments[2].value.range)
        }
        return (start, stop, step)
    }

    /// The items a `for` loop or a comprehension walks through: a list's or tuple's items, a
    /// tensor's rows (its first dimension, as PyTorch iterates), a string's characters, a dict's
    /// keys, a shape's sizes, a container layer's layers.
    func iterate(_ value: Value, at range: SourceRange) throws(LanguageError) -> [Value] {
        switch value {
        case .list(let items), .tuple(let items): return items
        case .shape(let sizes): return sizes.map(Value.int)
        case .string(let text): return text.map { .string(String($0)) }
        case .dict(let entries): return entries.map { .string($0.key) }
        case .tensor(let tensor):
            guard tensor.rank > 0 else {
                throw LanguageError(.type, .said(.iterateScalarTensor, [:]), at: range)
            }
            try requireRoom(forItems: tensor.shape[0], at: range)
            var rows: [Value] = []
            rows.reserveCapacity(tensor.shape[0])
            var finished = false
            defer { if !finished { LateRelease.release(&rows) } }
            for row in 0..<tensor.shape[0] {
                // A million rows are a million tensors: the time limit holds between them.
                if row % Self.rowsPerCheck == 0 { try checkpoint(at: range) }
                rows.append(.tensor(try engine(at: range) { try tensor.indexed([.at(row)]) }))
            }
            finished = true
            return rows
        case .module(let layer)
        where layer is ModuleList || (!(layer is UserModule) && !layer.children.isEmpty):
            return layer.children.map { .module($0.layer) }
        case .namespace(let loader) where loader.loaderPlan != nil:
            guard let plan = loader.loaderPlan else { return [] }
            return try loaderBatches(plan, at: range)
        case .namespace(let subset) where subset.subsetItems != nil:
            return subset.subsetItems ?? []
        case .namespace(let object) where object.stateDictLayer != nil:
            return (value.stateDictEntries ?? []).map { .string($0.key) }
        case .namespace(let dataset) where dataset.datasetTensors != nil:
            let tensors = dataset.datasetTensors ?? []
            let count = tensors.first?.shape.first ?? 0
            try requireRoom(forItems: count, at: range)
            return try (0..<count).map { (row) throws(LanguageError) in
                if row % Self.rowsPerCheck == 0 { try checkpoint(at: range) }
                return .tuple(
                    try tensors.map { (tensor) throws(LanguageError) in
                        .tensor(try engine(at: range) { try tensor.indexed([.at(row)]) })
                    })
            }
        default:
            throw LanguageError(.type, .said(.notIterable, ["type": .text(value.typeName)]), at: range)
        }
    }

    /// Rows of a tensor made between two budget checks while it is iterated (each is a tensor
    /// of its own, ~1 µs): well within the 100 ms a cancel or the deadline promises.
    static let rowsPerCheck = 4096

    // MARK: - with

    /// `with a, b: body` is `with a: with b: body`.
    func runWith(_ items: ArraySlice<WithStatement.Item>, _ body: [Statement], in scope: Scope?)
        throws(LanguageError) -> Flow
    {
        guard let item = items.first else { return try run(body, in: scope) }
        let context = try evaluate(item.context, in: scope)
        guard case .function(let function) = context, case .gradMode(let enabled) = function.implementation
        else {
            throw LanguageError(
                .type, .said(.notAContext, ["type": .text(context.typeName)]), at: item.context.range)
        }
        if let target = item.target { try assign(.none, to: target, in: scope) }
        let rest = items.dropFirst()
        let result = GradMode.$isEnabled.withValue(enabled) { () -> Result<Flow, LanguageError> in
            do throws(LanguageError) {
                return .success(try runWith(rest, body, in: scope))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    // MARK: - class

    func defineClass(_ definition: ClassDefinition, in scope: Scope?) throws(LanguageError) {
        guard definition.bases.count == 1 else {
            throw LanguageError(
                .unsupported,
                definition.bases.isEmpty
                    ? .said(.classesAreLayers, ["name": .text(definition.name)]) : .said(.oneBaseClass, [:]),
                at: definition.nameRange)
        }
        let baseValue = try evaluate(definition.bases[0], in: scope)
        guard case .function(let function) = baseValue, case .userClass(let base) = function.implementation
        else {
            throw LanguageError.said(
                .unsupported, .classBase, ["type": baseValue.typeName, "name": definition.name],
                at: definition.bases[0].range)
        }
        let body = Scope([:], parent: scope, kind: .classBody)
        _ = try run(definition.body, in: body)
        let type = UserClass(name: definition.name, base: base, attributes: body.bindings)
        for value in body.bindings.values {
            if case .function(let function) = value, let defined = function.definedFunction,
                defined.owner == nil
            {
                defined.owner = type
            }
        }
        try bind(definition.name, .function(Function(.userClass(type))), in: scope)
    }

    // MARK: - import

    /// Binds what an import names, when it is torch or part of it; anything else is refused
    /// with what to use instead.
    func runImport(_ statement: ImportStatement, in scope: Scope?) throws(LanguageError) {
        for item in statement.items {
            let path = (statement.module ?? []) + item.path
            let value = try importedValue(path, at: item.range)
            if statement.module == nil, item.alias == nil {
                // `import torch.nn` binds `torch`, as Python does.
                try bind(path[0], try importedValue([path[0]], at: item.range), in: scope)
            } else {
                try bind(item.alias ?? item.path[item.path.count - 1], value, in: scope)
            }
        }
    }

    func importedValue(_ path: [String], at range: SourceRange) throws(LanguageError) -> Value {
        let modules = [
            "torch": Builtins.torchNamespace, "math": Builtins.mathNamespace,
            "collections": Builtins.collectionsNamespace, "copy": Builtins.copyNamespace,
        ]
        guard let module = path.first.flatMap({ modules[$0] }) else {
            throw LanguageError(.unsupported, .statement(.moduleNotAvailable(path[0])), at: range)
        }
        var value = Value.namespace(module)
        for (index, part) in path.enumerated().dropFirst() {
            guard case .namespace(let namespace) = value, let member = namespace.members[part] else {
                let shown = path[...index].joined(separator: ".")
                throw LanguageError(.unsupported, .statement(.torchPartNotAvailable(shown)), at: range)
            }
            value = member
        }
        return value
    }

    // MARK: - del

    func delete(_ target: AssignmentTarget, in scope: Scope?) throws(LanguageError) {
        switch target {
        case .name(let name, let range):
            if let scope, let frame = scope.frame(assigning: name), frame.bindings[name] != nil {
                frame.bindings[name] = nil
            } else if globals.removeValue(forKey: name) == nil {
                throw .unknown(.name, name, candidates: visibleNames, at: range)
            }
        case .tuple(let targets, _):
            for target in targets { try delete(target, in: scope) }
        case .attribute(let base, let name, let range):
            guard case .module(let module as UserModule) = try evaluate(base, in: scope),
                module.removeAttribute(name)
            else {
                throw LanguageError.said(.type, .attributeNotDeletable, ["name": name], at: range)
            }
        case .subscript(let base, let items, let range):
            let container = try evaluate(base, in: scope)
            try writeBack(try deletingItem(container, items, in: scope, at: range), to: base, in: scope)
        }
    }
}
