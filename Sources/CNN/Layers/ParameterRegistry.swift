import Synchronization

/// Every live `Parameter`, so that a tensor handed to an optimiser or to `nn.init` can be traced
/// back to the parameter it was read from.
///
/// Why: tensors are values, so `optim.SGD(model.parameters())` receives copies of the weights;
/// updating those copies would leave the model unchanged. A copy shares its storage and autograd
/// leaf with the parameter it came from, and that identity finds the parameter here. Entries are
/// weak: a parameter leaves the registry when its layer is freed.
enum ParameterRegistry {
    private struct Entry: @unchecked Sendable {
        weak var parameter: Parameter?
    }

    private static let entries = Mutex<[ObjectIdentifier: Entry]>([:])

    static func register(_ parameter: Parameter) {
        entries.withLock { $0[ObjectIdentifier(parameter)] = Entry(parameter: parameter) }
    }

    static func unregister(_ id: ObjectIdentifier) {
        _ = entries.withLock { $0.removeValue(forKey: id) }
    }

    /// The parameter whose current weights are `tensor` (the same autograd leaf) or share its
    /// storage (`.data`, `.detach()`, a reshape of them).
    static func owner(of tensor: Tensor) -> Parameter? {
        let live = entries.withLock { $0.values.compactMap(\.parameter) }
        return live.first { $0.value.sharesNode(with: tensor) } ?? live.first { $0.holds(tensor) }
    }
}

extension Parameter {
    /// The parameter `tensor` was read from (`model.parameters()`, `conv.weight`,
    /// `conv.weight.data`), or nil for a tensor that is no layer's weights.
    public static func owner(of tensor: Tensor) -> Parameter? { ParameterRegistry.owner(of: tensor) }
}
