import CNN

/// A callable value: a builtin, a builtin method bound to its receiver (`x.sum`), or a lambda.
///
/// A reference type so that `f is f` holds and copies are cheap; immutable, hence `Sendable`.
public final class Function: Sendable, CustomStringConvertible {
    enum Implementation: Sendable {
        case builtin(Builtin)
        /// A method: the receiver is passed as the first positional argument.
        case bound(Builtin, receiver: Value)
        case lambda(Lambda)
        /// A function written with `def`.
        case defined(DefinedFunction)
        /// A `def` inside a class, reached through an instance: `self` is passed first.
        case method(DefinedFunction, receiver: Value)
        /// A class: calling it makes an instance (see `UserClass`).
        case userClass(UserClass)
        /// `super()` inside a method: attributes are looked up from the class after `owner`.
        case superProxy(owner: UserClass, receiver: Value)
        /// `torch.no_grad()` (false), `torch.enable_grad()` (true): a context for `with`.
        case gradMode(enabled: Bool)
    }

    let implementation: Implementation

    init(_ implementation: Implementation) {
        self.implementation = implementation
    }

    /// The name a learner would call it by (`conv2d`, `sum`, `<lambda>`).
    public var name: String {
        switch implementation {
        case .builtin(let builtin), .bound(let builtin, _): builtin.name
        case .lambda: "<lambda>"
        case .defined(let function), .method(let function, _): function.definition.name
        case .userClass(let type): type.name
        case .superProxy: "super"
        case .gradMode(let enabled): enabled ? "enable_grad" : "no_grad"
        }
    }

    /// Whether this function was written in the language (`lambda` or `def`).
    public var isLambda: Bool {
        switch implementation {
        case .lambda, .defined, .method: true
        default: false
        }
    }

    /// The type's name as Python says it: `function`, `method`, `type`, ….
    var typeName: String {
        switch implementation {
        case .lambda, .defined: "function"
        case .method: "method"
        case .userClass: "type"
        case .superProxy: "super"
        case .gradMode: "torch.autograd.grad_mode"
        case .builtin, .bound: "builtin_function"
        }
    }

    /// Its signature as documentation shows it: `conv2d(input, weight, bias=None, …)`.
    public var signature: String {
        switch implementation {
        case .builtin(let builtin), .bound(let builtin, _): builtin.signature.text
        case .lambda(let lambda): "lambda " + lambda.parameters.map(\.name).joined(separator: ", ")
        case .defined(let function), .method(let function, _): function.signature
        case .userClass(let type): type.name
        case .superProxy: "super()"
        case .gradMode(let enabled): enabled ? "enable_grad()" : "no_grad()"
        }
    }

    /// One line on what it does (empty for lambdas).
    public var summary: String {
        switch implementation {
        case .builtin(let builtin), .bound(let builtin, _): builtin.summary
        default: ""
        }
    }

    /// `<function conv2d(input, weight, …)>`.
    public var description: String {
        switch implementation {
        case .bound(let builtin, let receiver): "<method \(builtin.name) of \(receiver.typeName)>"
        case .method(let function, let receiver):
            "<bound method \(receiver.typeName).\(function.definition.name)>"
        case .defined(let function):
            "<function \(function.definition.name) at line \(function.definition.range.lowerBound.line)>"
        case .userClass(let type): "<class '\(type.name)'>"
        case .superProxy(let owner, _): "<super: <class '\(owner.name)'>>"
        case .gradMode(let enabled): enabled ? "<torch.enable_grad>" : "<torch.no_grad>"
        // A loss module prints as PyTorch's does: `CrossEntropyLoss()`.
        case .builtin(let builtin) where builtin.summary == Builtins.lossModuleSummary: "\(builtin.name)()"
        default: "<function \(signature)>"
        }
    }
}

/// A named set of builtins reached with `.`: `torch`, `torch.nn`, `F` (`torch.nn.functional`).
public final class Namespace: Sendable, CustomStringConvertible {
    /// What a namespace stands for beyond its members.
    enum Role: Sendable {
        /// A module of builtins, or a library object with fixed attributes (an optimiser).
        case namespace
        /// One of an optimiser's `param_groups`: a dict whose `'lr'` is the optimiser's learning
        /// rate now, and changes it when set (`for g in opt.param_groups: g['lr'] = 0.01`).
        case parameterGroup(keys: [String])
        /// `torch.device('cpu')`, `x.device`: prints as `device(type='cpu')`, `str()` is `'cpu'`.
        case device
        /// `TensorDataset(x, y)`: its tensors of one length; `len`, `ds[i]` (a tuple of the
        /// tensors indexed alike, slices too) and iteration as PyTorch's.
        case tensorDataset([Tensor])
        /// `DataLoader(…)`: batches made each time it is walked (a new order per epoch when it
        /// shuffles); `len` is its number of batches.
        case dataLoader(LoaderPlan)
        /// `random_split`'s and `Subset`'s parts: the picked items of a data set, indexed and
        /// walked like a list.
        case subset([Value])
        /// `model.state_dict()`: PyTorch's tensors share the parameters' storage, so the dict is
        /// read from the model whenever it is used (a later step shows in it, an in-place change
        /// to an entry changes the model).
        case stateDict(any Layer)
    }

    /// The full dotted name, `torch.nn.functional`.
    public let name: String
    let members: [String: Value]
    /// The type's name for `type(…)` and messages: `module`, or an object's class (`SGD`).
    public let typeName: String
    /// How it prints, when it is an object rather than a namespace (an optimiser's settings).
    private let text: String?
    /// The optimiser an optimiser object stands for (what `lr_scheduler.StepLR(optimizer, …)`
    /// schedules), nil for other namespaces.
    let optimizer: (any Optimizer)?
    let role: Role

    /// A namespace (`torch`, `F`), or with `typeName` and `text` a library object whose
    /// attributes are fixed values and bound functions (`torch.optim.SGD(…)`).
    init(
        name: String, members: [String: Value], typeName: String = "module", text: String? = nil,
        optimizer: (any Optimizer)? = nil, role: Role = .namespace
    ) {
        self.optimizer = optimizer
        self.name = name
        self.members = members
        self.typeName = typeName
        self.text = text
        self.role = role
    }

    /// The device every tensor here is on.
    static let cpu = Namespace(
        name: "cpu", members: ["type": .string("cpu"), "index": .none], typeName: "device",
        text: "device(type='cpu')", role: .device)

    /// Names reachable as `namespace.name`, sorted.
    public var memberNames: [String] { members.keys.sorted() }

    /// Whether this is a device (`torch.device('cpu')`).
    var isDevice: Bool {
        if case .device = role { return true }
        return false
    }

    /// A `TensorDataset`'s tensors, nil for other namespaces.
    var datasetTensors: [Tensor]? {
        if case .tensorDataset(let tensors) = role { return tensors }
        return nil
    }

    /// `TensorDataset(*tensors)`, printing as PyTorch's object does (without an address).
    static func tensorDataset(_ tensors: [Tensor]) -> Namespace {
        Namespace(
            name: "TensorDataset", members: ["tensors": .tuple(tensors.map(Value.tensor))],
            typeName: "TensorDataset", text: "<torch.utils.data.dataset.TensorDataset object>",
            role: .tensorDataset(tensors))
    }

    /// A `DataLoader`'s plan, nil for other namespaces.
    var loaderPlan: LoaderPlan? {
        if case .dataLoader(let plan) = role { return plan }
        return nil
    }

    /// A `Subset`'s items, nil for other namespaces.
    var subsetItems: [Value]? {
        if case .subset(let items) = role { return items }
        return nil
    }

    /// `DataLoader(dataset, …)`, printing as PyTorch's object does (without an address).
    static func dataLoader(_ plan: LoaderPlan, dataset: Value) -> Namespace {
        Namespace(
            name: "DataLoader",
            members: [
                "dataset": dataset, "batch_size": .int(plan.batchSize), "drop_last": .bool(plan.dropLast),
            ],
            typeName: "DataLoader", text: "<torch.utils.data.dataloader.DataLoader object>",
            role: .dataLoader(plan))
    }

    /// The model a `state_dict()` reads, nil for other namespaces.
    var stateDictLayer: (any Layer)? {
        if case .stateDict(let layer) = role { return layer }
        return nil
    }

    /// `model.state_dict()`: a live view of the model's parameters and buffers.
    static func stateDict(of layer: any Layer) -> Namespace {
        Namespace(name: "OrderedDict", members: [:], typeName: "OrderedDict", role: .stateDict(layer))
    }

    /// A `Subset` of `dataset` at `indices`, whose items are `items`.
    static func subset(dataset: Value, indices: [Int], items: [Value]) -> Namespace {
        Namespace(
            name: "Subset", members: ["dataset": dataset, "indices": .list(indices.map(Value.int))],
            typeName: "Subset", text: "<torch.utils.data.dataset.Subset object>", role: .subset(items))
    }

    /// The keys of a parameter group in order, nil for other namespaces.
    var parameterGroupKeys: [String]? {
        if case .parameterGroup(let keys) = role { return keys }
        return nil
    }

    /// A parameter group's entry: `'lr'`, and the `'momentum'` or `'betas'` a one-cycle
    /// schedule cycles, as the optimiser has them now.
    func groupEntry(_ key: String) -> Value? {
        if key == "lr", let optimizer { return .float(optimizer.learningRate) }
        if let momentum = optimizer?.cycledMomentum {
            if key == "momentum", members[key] != nil { return .float(momentum) }
            if key == "betas", case .tuple(let betas)? = members[key], betas.count == 2 {
                return .tuple([.float(momentum), betas[1]])
            }
        }
        return members[key]
    }

    /// `<module 'torch.nn.functional'>`, or an object's own text.
    public var description: String {
        if case .stateDict(let layer) = role {
            let entries = Builtins.stateDictEntries(layer)
            guard !entries.isEmpty else { return "OrderedDict()" }
            return "OrderedDict(["
                + entries.map { "(\(Value.string($0.key)), \($0.value))" }.joined(separator: ", ") + "])"
        }
        guard case .parameterGroup(let keys) = role else { return text ?? "<module '\(name)'>" }
        let entries = keys.map { key in "'\(key)': \(groupEntry(key).map { "\($0)" } ?? "None")" }
        return "{" + entries.joined(separator: ", ") + "}"
    }
}
