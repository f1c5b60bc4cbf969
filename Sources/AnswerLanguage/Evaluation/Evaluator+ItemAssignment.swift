import CNN

/// `container[items] = value` and `del container[items]`: the one place where parts of values
/// are written.
///
/// For tensors, `assignItems` is the write path: basic indices (ints, slices, `None`, `...`)
/// go to the engine's differentiable `Tensor.replacing(_:with:)`. Mask and integer-tensor
/// indices (`x[mask] = 0`, `x[:, idx] = v`) go to `Tensor.replacing(advanced:with:)`.
extension Evaluator {
    /// The container with `items` set to `value`, to be written back; nil when the container
    /// changed in place (a leaf tensor that requires grad, under `torch.no_grad()`).
    /// - Parameter writingBack: `value` is a changed copy of the item itself (`a[0].append(x)`,
    ///   `a[0][1] = x`), whose new parts were measured against the nesting limit where they were
    ///   put; measuring it again would walk the whole item on every write.
    func settingItem(
        _ container: Value, _ items: [SubscriptItem], _ value: Value, in scope: Scope?, at range: SourceRange,
        writingBack: Bool = false
    ) throws(LanguageError) -> Value? {
        switch container {
        case .list, .dict:
            if !writingBack { try requireShallow(value, at: range) }
        default: break
        }
        switch container {
        case .namespace(let object) where object.stateDictLayer != nil:
            try setStateDictEntry(object, items, value, in: scope, at: range)
            return nil
        case .tensor(let tensor):
            let changed = try assignItems(tensor, items, value, in: scope, at: range)
            guard tensor.requiresGrad, tensor.isLeaf else { return .tensor(changed) }
            guard !GradMode.isEnabled else { throw Self.leafInPlace(at: range) }
            try engine(at: range) { try tensor.overwriteLeaf(with: changed) }
            return nil
        case .list(var values):
            guard items.count == 1 else { throw LanguageError(.type, .said(.listOneIndex, [:]), at: range) }
            switch items[0] {
            case .index(let expression):
                let position = try listPosition(expression, count: values.count, in: scope, assigning: true)
                values[position] = value
            case .slice(let start, let stop, let step, let sliceRange):
                let positions = try slicePositions(
                    start, stop, step, count: values.count, in: scope, at: sliceRange)
                let replacement = try iterate(value, at: range)
                if let step, try sliceBound(step, in: scope).map({ $0 != 1 }) ?? false {
                    guard replacement.count == positions.count else {
                        throw LanguageError.said(
                            .value, .extendedSliceSize,
                            ["size": replacement.count, "slice": positions.count], at: range)
                    }
                    for (position, item) in zip(positions, replacement) { values[position] = item }
                } else {
                    func bound(_ expression: ExpressionSyntax?, _ fallback: Int) throws(LanguageError) -> Int
                    {
                        guard let expression, var value = try sliceBound(expression, in: scope) else {
                            return fallback
                        }
                        if value < 0 { value += values.count }
                        return min(max(value, 0), values.count)
                    }
                    let lower = try bound(start, 0)
                    let upper = max(lower, try bound(stop, values.count))
                    values.replaceSubrange(lower..<upper, with: replacement)
                }
            }
            return .list(values)
        case .namespace(let group) where group.parameterGroupKeys != nil:
            // An optimiser's parameter group is the optimiser's own: `g['lr'] = 0.01` changes the
            // rate the next step uses, as in PyTorch; its other settings are fixed here.
            guard items.count == 1, case .index(let keyExpression) = items[0] else {
                throw LanguageError(.type, .said(.dictOneKey, [:]), at: range)
            }
            let key = try dictKey(try evaluate(keyExpression, in: scope), at: keyExpression.range)
            guard key == "lr", let optimizer = group.optimizer else {
                throw LanguageError.said(.unsupported, .parameterGroupKeyFixed, ["key": key], at: range)
            }
            switch value {
            case .int(let rate): optimizer.learningRate = Double(rate)
            case .float(let rate): optimizer.learningRate = rate
            default:
                throw LanguageError.said(.type, .learningRateNumber, ["type": value.typeName], at: range)
            }
            return nil
        case .dict(var entries):
            guard items.count == 1, case .index(let keyExpression) = items[0] else {
                throw LanguageError(.type, .said(.dictOneKey, [:]), at: range)
            }
            let key = try dictKey(try evaluate(keyExpression, in: scope), at: keyExpression.range)
            if let index = entries.firstIndex(where: { $0.key == key }) {
                entries[index].value = value
            } else {
                entries.append(Value.DictEntry(key, value))
            }
            return .dict(entries)
        default:
            throw LanguageError(
                .type, .said(.noItemAssignment, ["type": .text(container.typeName)]), at: range)
        }
    }

    /// The container without `items` (`del xs[0]`, `del d['k']`).
    func deletingItem(_ container: Value, _ items: [SubscriptItem], in scope: Scope?, at range: SourceRange)
        throws(LanguageError) -> Value
    {
        switch container {
        case .list(var values):
            guard items.count == 1 else { throw LanguageError(.type, .said(.listOneIndex, [:]), at: range) }
            switch items[0] {
            case .index(let expression):
                values.remove(
                    at: try listPosition(expression, count: values.count, in: scope, assigning: true))
            case .slice(let start, let stop, let step, let sliceRange):
                let positions = Set(
                    try slicePositions(start, stop, step, count: values.count, in: scope, at: sliceRange))
                values = values.enumerated().filter { !positions.contains($0.offset) }.map(\.element)
            }
            return .list(values)
        case .dict(var entries):
            guard items.count == 1, case .index(let keyExpression) = items[0] else {
                throw LanguageError(.type, .said(.dictOneKey, [:]), at: range)
            }
            let key = try dictKey(try evaluate(keyExpression, in: scope), at: keyExpression.range)
            guard let index = entries.firstIndex(where: { $0.key == key }) else {
                throw .unknown(.key, key, candidates: entries.map(\.key), at: keyExpression.range)
            }
            entries.remove(at: index)
            return .dict(entries)
        default:
            throw LanguageError(.type, .said(.noItemDeletion, ["type": .text(container.typeName)]), at: range)
        }
    }

    /// A dict key: dicts here have string keys.
    func dictKey(_ key: Value, at range: SourceRange) throws(LanguageError) -> String {
        guard case .string(let text) = key else {
            throw LanguageError.said(.unsupported, .dictKeysAreStrings, ["type": key.typeName], at: range)
        }
        return text
    }

    private func listPosition(_ expression: ExpressionSyntax, count: Int, in scope: Scope?, assigning: Bool)
        throws(LanguageError) -> Int
    {
        let value = try evaluate(expression, in: scope)
        guard case .int(let index)? = value.asInteger else {
            throw LanguageError(
                .type, .said(.listIndexType, ["type": .text(value.typeName)]), at: expression.range)
        }
        let position = index < 0 ? index + count : index
        guard (0..<count).contains(position) else {
            throw LanguageError(
                .value, .said(.listAssignmentIndex, ["index": .integer(index), "count": .integer(count)]),
                at: expression.range)
        }
        return position
    }

    /// The positions a slice selects in a sequence of `count` items, in order.
    private func slicePositions(
        _ start: ExpressionSyntax?, _ stop: ExpressionSyntax?, _ step: ExpressionSyntax?, count: Int,
        in scope: Scope?, at range: SourceRange
    ) throws(LanguageError) -> [Int] {
        let by = try step.flatMap { (e) throws(LanguageError) in try sliceBound(e, in: scope) } ?? 1
        guard by != 0 else { throw LanguageError(.value, .said(.sliceStepZero, [:]), at: range) }
        func clamp(_ bound: Int?, _ fallback: Int) -> Int {
            guard var bound else { return fallback }
            if bound < 0 { bound += count }
            return by > 0 ? min(max(bound, 0), count) : min(max(bound, -1), count - 1)
        }
        let from = clamp(
            try start.flatMap { (e) throws(LanguageError) in try sliceBound(e, in: scope) },
            by > 0 ? 0 : count - 1)
        let to = clamp(
            try stop.flatMap { (e) throws(LanguageError) in try sliceBound(e, in: scope) },
            by > 0 ? count : -1)
        var positions: [Int] = []
        var i = from
        while by > 0 ? i < to : i > to {
            positions.append(i)
            i += by
        }
        return positions
    }

    // MARK: - Tensors

    /// The tensor write path: `tensor` with the elements `items` selects replaced by `value`
    /// (a tensor, a number or nested lists, broadcast to the selection), as PyTorch's
    /// `tensor[items] = value` leaves it. Autograd flows through the result as through
    /// PyTorch's in-place copy.
    func assignItems(
        _ tensor: Tensor, _ items: [SubscriptItem], _ value: Value, in scope: Scope?, at range: SourceRange
    )
        throws(LanguageError) -> Tensor
    {
        // Evaluated once, as `indexItems` reads them: a mask or a tensor (or list) of indices
        // goes to the engine's advanced write, everything else to the basic one.
        let advanced = try indexItems(items, in: scope)
        let source = try operandTensor(value, op: .subtract, other: .tensor(tensor), isLeft: false, at: range)
        var basic: [TensorIndex] = []
        for item in advanced {
            guard case .basic(let index) = item else {
                return try engine(at: range) { try tensor.replacing(advanced: advanced, with: source) }
            }
            basic.append(index)
        }
        return try engine(at: range) { try tensor.replacing(basic, with: source) }
    }
}
