import CNN

/// Optimisers given parameter groups as dicts, as fine-tuning code writes them:
///
///     torch.optim.SGD([{'params': backbone.parameters(), 'lr': 1e-4},
///                      {'params': head.parameters()}], lr=1e-2, momentum=0.9)
///
/// Each group is an optimiser of the same kind made by the same builtin, with the group's own
/// settings over the call's; the object steps them all and lists them in `param_groups`, each
/// group's `'lr'` read and set on its own optimiser, as PyTorch keeps one rate per group.
extension Builtins {
    /// `builtin` accepting, besides its own `params`, a list of parameter-group dicts.
    static func acceptingParameterGroups(_ builtin: Builtin) -> Builtin {
        Builtin(signature: builtin.signature, summary: builtin.summary) { call in
            guard case .list(let items) = try call.value("params"), !items.isEmpty,
                items.allSatisfy({ if case .dict = $0 { true } else { false } })
            else { return try builtin.body(call) }
            return try groupedOptimizer(builtin, items, call)
        }
    }

    /// One optimiser per group dict, stepped together.
    static func groupedOptimizer(_ builtin: Builtin, _ groups: [Value], _ call: Call) throws -> Value {
        var made: [(optimizer: any Optimizer, value: Namespace)] = []
        for group in groups {
            guard case .dict(let entries) = group else { continue }
            guard var params = entries.first(where: { $0.key == "params" })?.value else {
                throw LanguageError.said(.value, .parameterGroupWithoutParams, at: call.range(of: "params"))
            }
            // A group may hold one tensor (`{'params': model.fc.weight}`), as PyTorch accepts.
            if case .tensor = params { params = .list([params]) }
            var arguments: [EvaluatedArgument] = []
            for parameter in builtin.signature.parameters where !parameter.isVariadic {
                let value =
                    parameter.name == "params"
                    ? params
                    : (entries.first(where: { $0.key == parameter.name })?.value
                        ?? (try? call.value(parameter.name)))
                guard let value else { continue }
                arguments.append(
                    EvaluatedArgument(name: parameter.name, nameRange: nil, value: value, range: call.range))
            }
            let groupCall = try Call(
                builtin.signature, arguments: arguments, evaluator: call.evaluator, range: call.range)
            guard case .namespace(let object) = try builtin.body(groupCall), let optimizer = object.optimizer,
                case .list(let list)? = object.members["param_groups"],
                case .namespace(let first)? = list.first
            else {
                throw LanguageError.said(.value, .parameterGroupWithoutParams, at: call.range(of: "params"))
            }
            made.append((optimizer, first))
        }
        let optimizer = GroupedOptimizer(made.map(\.optimizer))
        let name = builtin.name
        let text =
            "\(name) ("
            + made.enumerated().map { index, group in
                "\nParameter Group \(index)\n"
                    + (group.value.parameterGroupKeys ?? []).filter { $0 != "params" }.compactMap { key in
                        group.value.groupEntry(key).map { "    \(key): \($0)" }
                    }.joined(separator: "\n")
            }.joined(separator: "\n") + "\n)"
        return .namespace(
            Namespace(
                name: name,
                members: optimizerMethods(optimizer).merging([
                    "param_groups": .list(made.map { .namespace($0.value) })
                ]) { own, _ in own }, typeName: name, text: text, optimizer: optimizer))
    }
}

extension Builtin {
    /// A builtin with `signature` and `summary` already made (a wrapper around another builtin).
    init(signature: Signature, summary: String, body: @escaping @Sendable (Call) throws -> Value) {
        self.signature = signature
        self.name = signature.name
        self.summary = summary
        self.body = body
    }
}

/// Optimisers of one kind over parameter groups, stepped in order: a schedule that sets the
/// learning rate scales every group's rate by the same factor, as PyTorch's schedulers multiply
/// each group's own rate (`StepLR`, `ExponentialLR`, `MultiStepLR`, cosine to 0).
final class GroupedOptimizer: Optimizer, @unchecked Sendable {
    let groups: [any Optimizer]

    init(_ groups: [any Optimizer]) { self.groups = groups }

    var parameters: [Parameter] { groups.flatMap(\.parameters) }

    var learningRate: Double {
        get { groups.first?.learningRate ?? 0 }
        set {
            let first = learningRate
            for group in groups {
                group.learningRate = first != 0 ? group.learningRate * (newValue / first) : newValue
            }
        }
    }

    var cycledMomentum: Double? {
        get { groups.first?.cycledMomentum }
        set { for group in groups { group.cycledMomentum = newValue } }
    }

    func step() throws {
        for group in groups { try group.step() }
    }
}
