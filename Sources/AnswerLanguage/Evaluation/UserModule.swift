import CNN

/// A class written in the language: `class Block(nn.Module): …`. Its body's names (methods,
/// class attributes) are `attributes`; `base` is the class it extends (`nn.Module` itself is
/// `UserClass.module`, the root).
///
/// `@unchecked Sendable`: the attributes are written once while the class body runs, on the
/// evaluation thread, before anything else can see the class.
final class UserClass: @unchecked Sendable {
    let name: String
    let base: UserClass?
    var attributes: [String: Value]

    init(name: String, base: UserClass?, attributes: [String: Value] = [:]) {
        self.name = name
        self.base = base
        self.attributes = attributes
    }

    /// `torch.nn.Module`: the root every class written here extends.
    static let module = UserClass(name: "Module", base: nil)

    /// Whether this class is `other` or extends it.
    func isSubclass(of other: UserClass) -> Bool {
        var type: UserClass? = self
        while let current = type {
            if current === other { return true }
            type = current.base
        }
        return false
    }

    /// `name` in this class or the first base that has it, with the class that has it.
    func lookup(_ name: String) -> (value: Value, owner: UserClass)? {
        var type: UserClass? = self
        while let current = type {
            if let value = current.attributes[name] { return (value, current) }
            type = current.base
        }
        return nil
    }

    /// Every attribute name along the bases, for "did you mean".
    var attributeNames: [String] {
        var names: [String] = []
        var type: UserClass? = self
        while let current = type {
            names += current.attributes.keys
            type = current.base
        }
        return names
    }
}

/// An instance of a class written in the language that extends `nn.Module`: a `Layer` like the
/// built-in ones, so `parameters()`, `summary`, `train()`, the trainer and the grader's model
/// comparison treat it the same way.
///
/// Attributes assigned on `self` are kept in assignment order (PyTorch registers them in that
/// order): a layer becomes a child, a leaf tensor that requires grad (what `nn.Parameter(...)`
/// makes) becomes a parameter, anything else stays a plain attribute. Calling it runs its
/// `forward` through the interpreter that is running (`Evaluator.current`).
///
/// `@unchecked Sendable`: attributes are read and written only by the evaluation thread of the
/// interpreter running the code (one evaluation at a time, see `Interpreter`).
final class UserModule: Layer, @unchecked Sendable {
    /// What an attribute holds.
    enum Slot {
        case value(Value)
        case parameter(Parameter)
    }

    let type: UserClass
    let mode = TrainingMode()
    /// Set by `super().__init__()`: before it, layers and parameters cannot be assigned (as in
    /// PyTorch, where they would be lost).
    var isInitialized = false
    private(set) var order: [String] = []
    private var slots: [String: Slot] = [:]
    /// The attributes `register_buffer` made (persistent ones only): tensors in `state_dict()`
    /// after the parameters, that are not parameters (PyTorch's buffers).
    private(set) var bufferNames: [String] = []

    /// The buffers with their tensors now, in registration order.
    var buffers: [(name: String, tensor: Tensor)] {
        bufferNames.compactMap { name in
            if case .value(.tensor(let tensor))? = slots[name] { return (name, tensor) }
            return nil
        }
    }

    /// `self.register_buffer(name, tensor)`: `name` holds `tensor` (detached), listed among the
    /// buffers when `persistent`. - Throws: `CNNError` before `super().__init__()`.
    func registerBuffer(_ name: String, _ tensor: Tensor, persistent: Bool) throws {
        guard isInitialized else { throw CNNError.argument(.assignBeforeSuperInit, ["name": name]) }
        if slots[name] == nil { order.append(name) }
        slots[name] = .value(.tensor(tensor.detach()))
        if persistent, !bufferNames.contains(name) { bufferNames.append(name) }
    }

    init(type: UserClass) {
        self.type = type
    }

    /// An instance of the same class with every attribute copied by `copyValue` (sub-layers and
    /// tensors deep-copied by `copy.deepcopy`) and every parameter a new parameter holding a
    /// clone of this one's value.
    func copied(_ copyValue: (Value) throws -> Value) throws -> UserModule {
        let copy = UserModule(type: type)
        copy.isInitialized = isInitialized
        copy.order = order
        copy.bufferNames = bufferNames
        for name in order {
            switch slots[name] {
            case .value(let value)?: copy.slots[name] = .value(try copyValue(value))
            case .parameter(let parameter)?:
                copy.slots[name] = .parameter(try Parameter(try parameter.value.detach().cloned()))
            case nil: continue
            }
        }
        copy.mode.set(training: mode.isTraining)
        return copy
    }

    var typeName: String { type.name }

    var ownParameters: [(name: String, parameter: Parameter)] {
        order.compactMap { name in
            if case .parameter(let parameter)? = slots[name] { return (name, parameter) }
            return nil
        }
    }

    var children: [(name: String, layer: any Layer)] {
        order.compactMap { name in
            if case .value(.module(let layer))? = slots[name] { return (name, layer) }
            return nil
        }
    }

    /// The attribute `name` as a value, if the instance has it.
    func attribute(_ name: String) -> Value? {
        switch slots[name] {
        case .value(let value)?: return value
        case .parameter(let parameter)?: return .tensor(parameter.value)
        case nil: return nil
        }
    }

    /// The slot of `name`, if the instance has it.
    func slot(_ name: String) -> Slot? { slots[name] }

    /// Sets `name`, registering layers and parameters as PyTorch's `Module.__setattr__` does.
    /// - Parameter writeBack: The value is a changed copy of the attribute's own tensor
    ///   (`self.w[0] = 1`, `self.w.data = t`): a parameter keeps being the same parameter.
    /// - Throws: `CNNError` when a parameter would be replaced by a tensor that is not one.
    func setAttribute(_ name: String, _ value: Value, writeBack: Bool) throws {
        if case .parameter(let parameter)? = slots[name] {
            switch value {
            case .tensor(let tensor) where writeBack || (tensor.isLeaf && tensor.requiresGrad):
                if tensor.shape == parameter.shape {
                    try parameter.assign(tensor)
                    return
                }
                guard !writeBack else {
                    throw CNNError.shape(
                        .parameterShape, ["shape": tensor.shape, "name": name, "parameter": parameter.shape])
                }
            case .tensor:
                throw CNNError.argument(.parameterNeedsWrapper, ["name": name])
            default:
                break
            }
        }
        let registers: Bool =
            switch value {
            case .module: true
            case .tensor(let tensor): tensor.isLeaf && tensor.requiresGrad
            default: false
            }
        if case .module(let layer) = value,
            layer === self || layer.namedLayers.contains(where: { $0.layer === self })
        {
            throw CNNError.argument(.moduleContainsItself, ["name": name, "type": typeName])
        }
        if registers, !isInitialized {
            throw CNNError.argument(.assignBeforeSuperInit, ["name": name])
        }
        if slots[name] == nil { order.append(name) }
        if case .tensor(let tensor) = value, tensor.isLeaf, tensor.requiresGrad, !writeBack {
            slots[name] = .parameter(try Parameter(tensor))
        } else {
            slots[name] = .value(value)
        }
    }

    /// Removes `name` (`del self.name`); false if there is no such attribute.
    func removeAttribute(_ name: String) -> Bool {
        guard slots.removeValue(forKey: name) != nil else { return false }
        order.removeAll { $0 == name }
        bufferNames.removeAll { $0 == name }
        return true
    }

    /// Runs `forward` on `input`, for layers that contain this one and for the trainer.
    /// - Throws: `CNNError` when no interpreter is running or `forward` does not give a tensor;
    ///   the `LanguageError` of anything failing inside `forward`.
    func callAsFunction(_ input: Tensor) throws -> Tensor {
        guard let evaluator = Evaluator.current else {
            throw CNNError(.unsupported, .moduleOutsideItsCode, ["type": typeName])
        }
        let output = try evaluator.callModule(self, input: .tensor(input))
        guard case .tensor(let tensor) = output else {
            throw CNNError.argument(.forwardResult, ["type": typeName, "result": output.typeName])
        }
        return tensor
    }
}
