import CNN
import Wording

/// Attributes (`x.shape`, `torch.zeros`, `x.sum`) and subscripts (`x[0, 1:3]`, `xs[-1]`).
extension Evaluator {
    func attribute(of base: Value, _ name: String, at range: SourceRange) throws(LanguageError) -> Value {
        switch base {
        case .namespace(let namespace):
            if let member = namespace.members[name] { return member }
            if namespace.name == "torch", ["quint8", "qint8", "qint32", "quint4x2"].contains(name) {
                throw LanguageError.said(.unsupported, .quantizedTensorsUnsupported, at: range)
            }
            if namespace.name == "torch", let dtype = Builtins.missingDtypes[name] {
                throw LanguageError.said(.unsupported, .dtypeUnsupported, ["dtype": dtype], at: range)
            }
            throw .unknown(.member(of: namespace.name), name, candidates: namespace.members.keys, at: range)
        case .tensor(let tensor):
            if let property = try tensorProperty(tensor, name, at: range) { return property }
            if let method = Builtins.tensorMethods[name] {
                return .function(Function(.bound(method, receiver: base)))
            }
            throw .unknown(
                .tensorAttribute, name,
                candidates: Array(Builtins.tensorMethods.keys) + Builtins.tensorProperties, at: range)
        case .module(let module as UserModule):
            return try moduleAttribute(module, name, at: range)
        case .function(let function):
            switch function.implementation {
            case .superProxy(let owner, let receiver):
                return try superAttribute(owner: owner, receiver: receiver, name, at: range)
            case .userClass(let type):
                if let (value, _) = type.lookup(name) { return value }
                throw .unknown(.attribute(of: type.name), name, candidates: type.attributeNames, at: range)
            default:
                throw LanguageError(
                    .name, .said(.noAttribute, ["type": .text(base.typeName), "name": .text(name)]), at: range
                )
            }
        case .module(let layer):
            if let parameter = layer.ownParameters.first(where: { $0.name == name }) {
                return .tensor(parameter.parameter.value)
            }
            if let child = layer.children.first(where: { $0.name == name }) { return .module(child.layer) }
            if let setting = Builtins.moduleSetting(layer, name) { return setting }
            if name == "training" { return .bool(layer.isTraining) }
            if ["weight", "bias"].contains(name) { return .none }
            if let method = Builtins.moduleMethods[name] {
                return .function(Function(.bound(method, receiver: base)))
            }
            let candidates =
                layer.ownParameters.map(\.name) + layer.children.map(\.name)
                + Array(Builtins.moduleMethods.keys)
            throw .unknown(.attribute(of: layer.typeName), name, candidates: candidates, at: range)
        case .shape(let sizes) where name == "numel":
            let count = sizes.reduce(1, *)
            return .function(
                Function(
                    .builtin(Builtin("numel()", "the number of elements of this shape") { _ in .int(count) }))
            )
        case .text(let text) where name == "__name__" && text.hasPrefix("<class '") && text.hasSuffix("'>"):
            // `type(m).__name__`: the class's name.
            return .string(String(text.dropFirst(8).dropLast(2)))
        case .tuple(let items) where Builtins.returnTypeField(items, name) != nil:
            return Builtins.returnTypeField(items, name) ?? .none
        default:
            throw LanguageError(
                .name, .said(.noAttribute, ["type": .text(base.typeName), "name": .text(name)]), at: range)
        }
    }

    /// `x.shape`, `x.T`, `x.grad` …: attributes that are values rather than methods.
    func tensorProperty(_ tensor: Tensor, _ name: String, at range: SourceRange) throws(LanguageError)
        -> Value?
    {
        switch name {
        case "shape": return .shape(tensor.shape)
        case "grad": return tensor.grad.map(Value.tensor) ?? Value.none
        case "dtype": return .dtype(tensor.scalarType)
        case "requires_grad": return .bool(tensor.requiresGrad)
        case "is_leaf": return .bool(tensor.isLeaf)
        case "is_cuda": return .bool(false)
        case "grad_fn": return tensor.gradientFunctionName.map { .string($0) } ?? Value.none
        case "ndim": return .int(tensor.rank)
        // The bytes of one element and of all of them, as PyTorch stores each dtype.
        case "itemsize": return .int(Builtins.elementSize(tensor.scalarType))
        case "nbytes": return .int(Builtins.elementSize(tensor.scalarType) * tensor.count)
        case "data": return .tensor(tensor.detach())
        case "device": return .namespace(.cpu)
        case "T":
            // PyTorch's `.T` reverses every dimension (a matrix transposed, a vector unchanged).
            return .tensor(try engine(at: range) { try tensor.permute(Array((0..<tensor.rank).reversed())) })
        case "mT":
            guard tensor.rank >= 2 else {
                throw LanguageError.said(.value, .mTNeedsMatrices, at: range)
            }
            return .tensor(try engine(at: range) { try tensor.transpose(-2, -1) })
        default: return nil
        }
    }

    func subscriptValue(_ base: Value, _ items: [SubscriptItem], in scope: Scope?, at range: SourceRange)
        throws(LanguageError) -> Value
    {
        switch base {
        case .tensor(let tensor):
            return .tensor(try index(tensor, items, in: scope, at: range))
        case .module(let layer):
            let children = layer.children.map { Value.module($0.layer) }
            switch try sequenceSubscript(children, items, in: scope, at: range) {
            case .one(let value): return value
            case .many(let values): return .module(Sequential(values.compactMap(\.module)))
            }
        case .namespace(let object) where object.stateDictLayer != nil:
            return try subscriptValue(base.asDict, items, in: scope, at: range)
        case .namespace(let subset) where subset.subsetItems != nil:
            switch try sequenceSubscript(subset.subsetItems ?? [], items, in: scope, at: range) {
            case .one(let value): return value
            case .many(let values): return .list(values)
            }
        case .namespace(let dataset) where dataset.datasetTensors != nil:
            // PyTorch's `tuple(tensor[index] for tensor in self.tensors)`.
            return .tuple(
                try (dataset.datasetTensors ?? []).map { (tensor) throws(LanguageError) in
                    .tensor(try index(tensor, items, in: scope, at: range))
                })
        case .namespace(let group) where group.parameterGroupKeys != nil:
            guard items.count == 1, case .index(let keyExpression) = items[0] else {
                throw LanguageError(.type, .said(.dictOneKey, [:]), at: range)
            }
            let key = try dictKey(try evaluate(keyExpression, in: scope), at: keyExpression.range)
            if let value = group.groupEntry(key) { return value }
            throw .unknown(.key, key, candidates: group.parameterGroupKeys ?? [], at: keyExpression.range)
        case .dict(let entries):
            guard items.count == 1, case .index(let keyExpression) = items[0] else {
                throw LanguageError(.type, .said(.dictOneKey, [:]), at: range)
            }
            let key = try evaluate(keyExpression, in: scope)
            // Tables (per-layer gradient norms, histories) are also indexed by position, so that
            // `g[0]` and `g[-1]` are the first and last layers.
            if case .int(let position) = key {
                let index = position < 0 ? position + entries.count : position
                guard entries.indices.contains(index) else {
                    throw LanguageError(
                        .value,
                        .said(.tableIndex, ["index": .integer(position), "count": .integer(entries.count)]),
                        at: keyExpression.range)
                }
                return entries[index].value
            }
            guard case .string(let name) = key else {
                throw LanguageError(
                    .type, .said(.tableKeyType, ["type": .text(key.typeName)]), at: keyExpression.range)
            }
            if let entry = entries.first(where: { $0.key == name }) { return entry.value }
            throw .unknown(.key, name, candidates: entries.map(\.key), at: keyExpression.range)
        case .list(let values), .tuple(let values):
            let picked = try sequenceSubscript(values, items, in: scope, at: range)
            switch picked {
            case .one(let value): return value
            case .many(let values):
                if case .tuple = base { return .tuple(values) }
                return .list(values)
            }
        case .shape(let sizes):
            switch try sequenceSubscript(sizes.map(Value.int), items, in: scope, at: range) {
            case .one(let value): return value
            case .many(let values):
                return .shape(values.compactMap { $0.wholeInteger })
            }
        case .string(let text):
            switch try sequenceSubscript(text.map { Value.string(String($0)) }, items, in: scope, at: range) {
            case .one(let value): return value
            case .many(let values):
                return .string(values.map { if case .string(let s) = $0 { s } else { "" } }.joined())
            }
        default:
            throw LanguageError(.type, .said(.notIndexable, ["type": .text(base.typeName)]), at: range)
        }
    }

    private enum Picked {
        case one(Value)
        case many([Value])
    }

    /// Python indexing of a list, tuple, shape or string: one index or one slice.
    private func sequenceSubscript(
        _ values: [Value], _ items: [SubscriptItem], in scope: Scope?, at range: SourceRange
    )
        throws(LanguageError) -> Picked
    {
        guard items.count == 1 else {
            throw LanguageError(
                .type, .said(.sequenceTakesOneIndex, ["count": .integer(items.count)]), at: range)
        }
        switch items[0] {
        case .index(let expression):
            let value = try evaluate(expression, in: scope)
            guard let index = value.wholeInteger else {
                throw LanguageError(
                    .type, .said(.indicesMustBeIntegers, ["type": .text(value.typeName)]),
                    at: expression.range)
            }
            let position = index < 0 ? index + values.count : index
            guard values.indices.contains(position) else {
                throw LanguageError(
                    .value,
                    .said(.sequenceIndex, ["index": .integer(index), "count": .integer(values.count)]),
                    at: expression.range)
            }
            return .one(values[position])
        case .slice(let start, let stop, let step, let sliceRange):
            let stepValue = try step.map { (e) throws(LanguageError) in try sliceBound(e, in: scope) } ?? 1
            guard let stepValue = stepValue ?? 1 as Int?, stepValue != 0 else {
                throw LanguageError(.value, .said(.sliceStepZero, [:]), at: sliceRange)
            }
            let count = values.count
            func clamp(_ bound: Int?, _ fallback: Int) -> Int {
                guard var bound else { return fallback }
                if bound < 0 { bound += count }
                return stepValue > 0 ? min(max(bound, 0), count) : min(max(bound, -1), count - 1)
            }
            let from = clamp(
                try start.flatMap { (e) throws(LanguageError) in try sliceBound(e, in: scope) },
                stepValue > 0 ? 0 : count - 1)
            let to = clamp(
                try stop.flatMap { (e) throws(LanguageError) in try sliceBound(e, in: scope) },
                stepValue > 0 ? count : -1)
            var picked: [Value] = []
            var i = from
            while stepValue > 0 ? i < to : i > to {
                picked.append(values[i])
                i += stepValue
            }
            return .many(picked)
        }
    }

    /// An int or None bound of a slice.
    func sliceBound(_ expression: ExpressionSyntax, in scope: Scope?) throws(LanguageError) -> Int? {
        let value = try evaluate(expression, in: scope)
        switch value {
        case .none: return nil
        case .int(let number): return number
        case .bool(let flag): return flag ? 1 : 0
        default:
            throw LanguageError(
                .type, .said(.sliceIndexType, ["type": .text(value.typeName)]), at: expression.range)
        }
    }
}
