import Wording

/// Reverse-mode automatic differentiation, micrograd style: every op computes its forward result
/// and attaches, right beside it, a closure that maps the gradient of its output to the gradients
/// of its inputs:
///
///     public func relu(_ x: Tensor) throws -> Tensor {
///         let y = try x.dtype.dispatch(ReluKernel(x: x))      // forward
///         return y.recordingGradient(of: [x], op: "relu") { g in
///             [try g * (x > 0).float()]                       // backward: ∂L/∂x = ∂L/∂y · 1[x>0]
///         }
///     }
///
/// `backward()` then visits the graph in reverse topological order and adds each input's gradient
/// into the `.grad` of the leaves (and of tensors that called `retainGrad()`).
extension Tensor {
    /// Whether gradients flow to this tensor (PyTorch `requires_grad`).
    public var requiresGrad: Bool { node != nil }

    /// True for tensors not produced by a recorded op: inputs, parameters, detached results.
    public var isLeaf: Bool { node?.isLeaf ?? true }

    /// The name of the op that produced this tensor (PyTorch `grad_fn`), nil for leaves.
    public var gradientFunctionName: String? {
        guard let node, !node.isLeaf else { return nil }
        return node.op
    }

    /// The gradient accumulated by `backward()`, shared by every copy of this tensor; nil until a
    /// backward pass reaches it. Only leaves and tensors that called `retainGrad()` keep one.
    public var grad: Tensor? { node?.grad }

    /// Forgets the accumulated gradient (PyTorch `zero_grad(set_to_none=True)`), so the next
    /// `backward()` starts from nothing. Affects every copy of this tensor.
    public func zeroGrad() { node?.grad = nil }

    /// Replaces the accumulated gradient (PyTorch `x.grad = g`; what `x.grad.zero_()` leaves).
    /// Does nothing for a tensor that does not require grad.
    /// - Precondition: `gradient` has this tensor's shape.
    public func setGrad(_ gradient: Tensor) {
        precondition(
            gradient.shape == shape, "grad of shape \(gradient.shape) for a tensor of shape \(shape)")
        node?.grad = gradient.detach()
    }

    /// Returns this tensor marked (or unmarked) as requiring grad (PyTorch `requires_grad_()`).
    ///
    /// Marking a leaf gives it a fresh gradient slot, shared by copies made afterwards.
    /// - Throws: `CNNError` for integer or boolean tensors (only real numbers have gradients),
    ///   and when un-marking the result of an op (use `detach()`).
    public func requiringGrad(_ requiresGrad: Bool = true) throws -> Tensor {
        var copy = self
        try copy.setRequiresGrad(requiresGrad)
        return copy
    }

    /// Marks this tensor as requiring grad, or not; see `requiringGrad(_:)`.
    public mutating func setRequiresGrad(_ requiresGrad: Bool = true) throws {
        if let node, !node.isLeaf {
            guard requiresGrad else {
                throw CNNError.argument(.youCanOnlyChangeRequires)
            }
            return
        }
        if requiresGrad {
            guard kind == .real else {
                throw CNNError.argument(.onlyTensorsOfRealFloating, ["kind": scalarType])
            }
            if node == nil { node = AutogradNode() }
        } else {
            node = nil
        }
    }

    /// Asks this tensor to keep the gradient that reaches it during `backward()`, readable as
    /// `.grad` (PyTorch `retain_grad()`): how a lesson measures the gradient at each layer.
    /// - Throws: `CNNError` if this tensor does not require grad.
    public func retainGrad() throws {
        guard let node else {
            throw CNNError.argument(.canTRetainGradOn)
        }
        if !node.isLeaf { node.retainsGrad = true }
    }

    /// Runs `hook` on every gradient that reaches this tensor in later backward passes, before it
    /// is accumulated or passed on (PyTorch `register_hook`); nil if this tensor does not require
    /// grad. The handle removes the hook again.
    public func registerHook(_ hook: @escaping GradientHook) -> GradientHookHandle? {
        guard let node else { return nil }
        return GradientHookHandle(node: node, id: node.addHook(hook))
    }

    /// The same values cut from the graph: the result never requires grad (PyTorch `detach()`).
    /// - Complexity: O(1); the storage is shared.
    public func detach() -> Tensor {
        Tensor(storage: storage, shape: shape, kind: kind)
    }

    /// Returns `self` as the output of op `op` applied to `inputs`, remembering `backward` to turn
    /// the gradient of `self` into gradients of the inputs.
    ///
    /// The node is attached only when grad mode is on and some input requires grad; otherwise
    /// `self` is returned unchanged and `backward` is dropped. `backward` runs later, under
    /// no-grad, with a gradient of `self`'s shape and dtype; it returns one entry per input, the
    /// gradient of that input (same shape) or nil when the input needs none. Use
    /// `sumToShape(_:)` to undo broadcasting.
    public func recordingGradient(
        of inputs: [Tensor], op: String,
        _ backward: @escaping @Sendable (_ gradient: Tensor) throws -> [Tensor?]
    ) -> Tensor {
        guard GradMode.isEnabled, inputs.contains(where: \.requiresGrad) else { return self }
        var result = self
        result.node = AutogradNode(op: op, inputs: inputs, backward: backward)
        if kind != .real { result.kind = .real }
        return result
    }

    /// Computes the gradient of this tensor with respect to every leaf that requires grad and adds
    /// it to their `.grad` (PyTorch `backward()`).
    ///
    /// - Parameter gradient: the gradient of some final loss with respect to this tensor, of this
    ///   tensor's shape; may be omitted only for a one-element tensor (it is then 1).
    /// - Throws: `CNNError` if this tensor does not require grad, if `gradient` is missing for a
    ///   tensor of several elements or has the wrong shape, or for a budget refusal.
    public func backward(gradient: Tensor? = nil) throws {
        guard let node else {
            throw CNNError.argument(.backwardWithoutGrad)
        }
        let seed = try seed(gradient)
        _ = try withNoGrad { try Backpropagation.run(from: node, seed: seed) }
    }

    /// The gradient a reverse sweep from this tensor starts with: `gradient` of this shape, or 1
    /// for a one-element tensor.
    /// - Throws: `CNNError` when `gradient` has another shape, or is missing for several elements.
    func seed(_ gradient: Tensor?) throws -> Tensor {
        if let gradient {
            guard gradient.shape == shape else {
                throw CNNError.shape(.backwardGradientShape, ["shape": shape, "got": gradient.shape])
            }
            return try gradient.to(dtype).detach()
        }
        guard count == 1 else {
            throw CNNError.argument(.backwardNeedsGradient, ["shape": shape])
        }
        return try Tensor.ones(shape, dtype: dtype)
    }
}

/// What `Tensor.registerHook` returns: `remove()` takes the hook away (PyTorch's
/// `RemovableHandle`).
public struct GradientHookHandle: Sendable {
    let node: AutogradNode
    let id: Int

    /// Removes the hook; later backward passes no longer run it.
    public func remove() { node.removeHook(id) }
}
