import CNN

/// Assignment to names, tuples, attributes and items, and augmented assignment (`x += 1`).
///
/// Tensors, lists and dicts are values here, so changing part of one makes a changed copy that
/// is written back to where the value came from: `k[:, 0] = 1` rebinds `k`, `self.w[0] = 1`
/// sets `self.w`, `xs[0][1] = 2` sets `xs[0]` and then `xs`. Layers (and instances of classes
/// written here) are objects and change in place. One exception follows PyTorch exactly: a leaf
/// tensor that requires grad, changed inside `torch.no_grad()`, is overwritten in place, so that a
/// hand-written training loop (`for p in model.parameters(): p -= lr * p.grad`) updates the model.
extension Evaluator {
    func assign(_ value: Value, to target: AssignmentTarget, in scope: Scope?) throws(LanguageError) {
        switch target {
        case .name(let name, _):
            try bind(name, value, in: scope)
        case .tuple(let targets, let range):
            let items: [Value]
            switch value {
            case .tuple(let values), .list(let values): items = values
            default:
                guard let walked = try? iterate(value, at: range) else {
                    throw LanguageError(
                        .type,
                        .said(
                            .cannotUnpack, ["type": .text(value.typeName), "count": .integer(targets.count)]),
                        at: range)
                }
                items = walked
            }
            guard items.count == targets.count else {
                throw LanguageError(
                    .value,
                    .said(
                        items.count > targets.count ? .tooManyToUnpack : .notEnoughToUnpack,
                        ["expected": .integer(targets.count), "got": .integer(items.count)]),
                    at: range)
            }
            for (item, target) in zip(items, targets) { try assign(item, to: target, in: scope) }
        case .attribute(let base, let name, let range):
            let object = try evaluate(base, in: scope)
            if let changed = try setAttribute(of: object, name, value, writeBack: false, at: range) {
                try writeBack(changed, to: base, in: scope)
            }
        case .subscript(let base, let items, let range):
            let container = try evaluate(base, in: scope)
            let changed = try settingItem(container, items, value, in: scope, at: range)
            if let changed { try writeBack(changed, to: base, in: scope) }
        }
    }

    /// Whether a changed copy of `expression`'s value can be written back to it.
    static func isAssignable(_ expression: ExpressionSyntax) -> Bool {
        switch expression.kind {
        case .name: true
        case .attribute(let base, _, _), .subscript(let base, _): isAssignable(base) || isObjectPath(base)
        default: false
        }
    }

    /// Whether `expression` reaches an object through attributes (`self`, `model.conv`), whose
    /// attributes change in place whatever the path.
    private static func isObjectPath(_ expression: ExpressionSyntax) -> Bool {
        if case .call = expression.kind { return false }
        return true
    }

    /// Writes a changed copy back to the place `expression` names (see the type's comment);
    /// a place that is not assignable (`f()[0] = 1`) changes nothing, as in Python.
    func writeBack(_ value: Value, to expression: ExpressionSyntax, in scope: Scope?) throws(LanguageError) {
        switch expression.kind {
        case .name(let name):
            try bind(name, value, in: scope)
        case .attribute(let base, let name, let nameRange):
            let object = try evaluate(base, in: scope)
            if let changed = try setAttribute(of: object, name, value, writeBack: true, at: nameRange) {
                try writeBack(changed, to: base, in: scope)
            }
        case .subscript(let base, let items):
            let container = try evaluate(base, in: scope)
            if let changed = try settingItem(
                container, items, value, in: scope, at: expression.range, writingBack: true)
            {
                try writeBack(changed, to: base, in: scope)
            }
        default:
            return
        }
    }

    /// Sets `object.name = value`. Returns the changed object when it is a value that must be
    /// written back (a tensor), nil when the object changed in place (a layer).
    /// - Parameter writeBack: `value` is a changed copy of the attribute's own value (from
    ///   `conv.weight[0] = 1` or `conv.weight.data = t`), not a new value for it.
    func setAttribute(
        of object: Value, _ name: String, _ value: Value, writeBack: Bool, at range: SourceRange
    )
        throws(LanguageError) -> Value?
    {
        switch object {
        case .module(let module as UserModule):
            guard !name.hasPrefix("__") else {
                throw LanguageError.said(.type, .specialAttribute, ["name": name], at: range)
            }
            if name == "training", case .bool(let flag) = value {
                module.mode.set(training: flag)
                return nil
            }
            let count = module.namedLayers.count - 1 + (value.module.map { $0.namedLayers.count } ?? 0)
            guard count <= options.maxLayers else {
                throw LanguageError.said(
                    .limit, .modelTooDeep, ["count": count, "limit": options.maxLayers], at: range)
            }
            try engine(at: range) { try module.setAttribute(name, value, writeBack: writeBack) }
            return nil
        case .module(let sequential as Sequential) where value.module != nil:
            // PyTorch's Module.__setattr__ registers a layer set on a Sequential as its child.
            guard let child = value.module else { return nil }
            try engine(at: range) { try sequential.add(child, named: name) }
            return nil
        case .module(let layer):
            if let parameter = layer.ownParameters.first(where: { $0.name == name })?.parameter,
                case .tensor(let tensor) = value
            {
                if writeBack || (tensor.isLeaf && tensor.requiresGrad) {
                    try engine(at: range) { try parameter.assign(tensor) }
                    return nil
                }
                throw LanguageError(
                    .type, .said(.assignParameter, ["name": .text(name), "type": .text(layer.typeName)]),
                    at: range)
            }
            throw LanguageError(
                .type, .said(.layerAttributeFixed, ["name": .text(name), "type": .text(layer.typeName)]),
                at: range)
        case .tensor(let tensor):
            return try setTensorAttribute(tensor, name, value, at: range)
        default:
            throw LanguageError.said(
                .type, .attributeNotSettable, ["name": name, "type": object.typeName], at: range)
        }
    }

    /// `x.grad = None`, `x.requires_grad = True`, `x.data = t`: the tensor with that attribute
    /// changed.
    func setTensorAttribute(_ tensor: Tensor, _ name: String, _ value: Value, at range: SourceRange)
        throws(LanguageError) -> Value?
    {
        switch (name, value) {
        case ("grad", .none):
            tensor.zeroGrad()
            return nil
        case ("grad", .tensor(let gradient)):
            // `x.grad.zero_()`, `x.grad[0] = 0`, `x.grad = torch.zeros_like(x)`: the new gradient,
            // which must have the tensor's shape and dtype, as PyTorch checks.
            guard gradient.shape == tensor.shape else {
                throw LanguageError.said(
                    .shape, .gradSize, ["grad": gradient.shape, "shape": tensor.shape], at: range)
            }
            guard gradient.scalarType == tensor.scalarType else {
                throw LanguageError.said(
                    .type, .gradType,
                    ["grad": gradient.scalarType.rawValue, "dtype": tensor.scalarType.rawValue], at: range)
            }
            guard tensor.requiresGrad else {
                throw LanguageError.said(.unsupported, .gradWithoutRequiresGrad, at: range)
            }
            tensor.setGrad(gradient)
            return nil
        case ("grad", _):
            throw LanguageError.said(.type, .gradNotTensor, ["type": value.typeName], at: range)
        case ("requires_grad", _):
            let flag = try truth(value, at: range)
            if let parameter = Parameter.owner(of: tensor), tensor.isLeaf,
                parameter.value.requiresGrad == tensor.requiresGrad
            {
                // A layer's weights, from `model.parameters()` or `conv.weight`: frozen or
                // unfrozen in the layer itself, as PyTorch's flag on the parameter is.
                try engine(at: range) { try parameter.setRequiresGrad(flag) }
                return .tensor(parameter.value)
            }
            return .tensor(try engine(at: range) { try tensor.requiringGrad(flag) })
        case ("data", .tensor(let data)):
            if tensor.requiresGrad, tensor.isLeaf, data.shape == tensor.shape {
                try engine(at: range) { try tensor.overwriteLeaf(with: data) }
                return .tensor(tensor)
            }
            return .tensor(
                try engine(at: range) {
                    tensor.requiresGrad ? try data.detach().requiringGrad() : data.detach()
                })
        default:
            throw LanguageError.said(.type, .tensorAttributeNotSettable, ["name": name], at: range)
        }
    }

    // MARK: - Augmented assignment

    /// `target op= value`: the target's value combined with `value` by `op`, then stored back.
    func augment(
        _ target: AssignmentTarget, _ op: BinaryOperator, _ expression: ExpressionSyntax, in scope: Scope?,
        operatorRange: SourceRange
    ) throws(LanguageError) {
        let value = try evaluate(expression, in: scope)
        let range = target.range.union(expression.range)
        switch target {
        case .name(let name, let nameRange):
            let current = try lookup(name, in: scope, at: nameRange)
            guard let result = try updated(current, try binary(op, current, value, at: range), at: range)
            else {
                return
            }
            try bind(name, result, in: scope)
        case .attribute(let base, let name, let nameRange):
            let object = try evaluate(base, in: scope)
            let current = try attribute(of: object, name, at: nameRange)
            guard let result = try updated(current, try binary(op, current, value, at: range), at: range)
            else {
                return
            }
            if let changed = try setAttribute(of: object, name, result, writeBack: true, at: nameRange) {
                try writeBack(changed, to: base, in: scope)
            }
        case .subscript(let base, let items, let itemRange):
            let container = try evaluate(base, in: scope)
            let current = try subscriptValue(container, items, in: scope, at: itemRange)
            var result = try binary(op, current, value, at: range)
            if case .tensor(let old) = current, case .tensor(let new) = result {
                // `cm[t, p] += 1` is PyTorch's `+=` on the selection, then a write back into it.
                result = .tensor(try Self.keepingType(new, of: old, at: range))
            }
            if let changed = try settingItem(container, items, result, in: scope, at: itemRange) {
                try writeBack(changed, to: base, in: scope)
            }
        case .tuple(_, let tupleRange):
            throw LanguageError.said(.syntax, .augmentedOneTarget, at: tupleRange)
        }
    }

    /// The value an in-place update of `current` leaves: `result`, after PyTorch's checks for
    /// tensors (the shape cannot grow; a leaf that requires grad only changes under no_grad, and
    /// then in place: nil says it was overwritten and nothing is left to store).
    func updated(_ current: Value, _ result: Value, at range: SourceRange) throws(LanguageError) -> Value? {
        guard case .tensor(let old) = current, case .tensor(let new) = result else { return result }
        guard new.shape == old.shape else {
            throw LanguageError(
                .shape, .said(.inPlaceShape, ["shape": .shape(old.shape), "broadcast": .shape(new.shape)]),
                at: range)
        }
        let kept = try Self.keepingType(new, of: old, at: range)
        guard old.requiresGrad, old.isLeaf else { return .tensor(kept) }
        guard !GradMode.isEnabled else { throw Self.leafInPlace(at: range) }
        try engine(at: range) { try old.overwriteLeaf(with: kept) }
        return nil
    }

    /// `new`, the result of an in-place update of `old`, in `old`'s type, as PyTorch writes it:
    /// `x += t64` keeps a float32 `x` float32, `counts[i] += 1` keeps int64; a result `old`
    /// cannot hold (a real in an integer or bool tensor, an integer in a bool one) is PyTorch's
    /// refusal.
    static func keepingType(_ new: Tensor, of old: Tensor, at range: SourceRange) throws(LanguageError)
        -> Tensor
    {
        guard new.scalarType != old.scalarType else { return new }
        guard Builtins.canCast(new.scalarType, to: old.scalarType) else {
            throw LanguageError.said(
                .type, .augmentedResultType,
                ["result": new.scalarType.rawValue, "dtype": old.scalarType.rawValue], at: range)
        }
        do {
            return try new.converted(to: old.scalarType)
        } catch {
            throw LanguageError(from: error, at: range)
        }
    }

    /// PyTorch's refusal to change a leaf that requires grad outside `torch.no_grad()`.
    static func leafInPlace(at range: SourceRange) -> LanguageError {
        .said(.value, .leafChangedInPlace, at: range)
    }
}
