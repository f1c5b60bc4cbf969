/// The reverse sweep behind `Tensor.backward()`.
enum Backpropagation {
    /// Propagates `seed` (the gradient of the root) to every node reachable from `root`.
    ///
    /// Nodes are visited in reverse topological order, so each node's gradient is complete (summed
    /// over all its consumers) before its own backward runs. The graph is kept afterwards, so
    /// calling `backward()` again accumulates a second time (PyTorch would need
    /// `retain_graph=True`).
    ///
    /// - Parameters:
    ///   - targets: nodes whose complete gradient is returned (`torch.autograd.grad`'s inputs).
    ///   - accumulating: whether leaves (and nodes retaining grad) add their gradient to `.grad`.
    /// - Returns: the gradient reaching each of `targets` that `root` depends on.
    @discardableResult
    static func run(
        from root: AutogradNode, seed: Tensor, capturing targets: Set<ObjectIdentifier> = [],
        accumulating: Bool = true
    ) throws -> [ObjectIdentifier: Tensor] {
        var pending: [ObjectIdentifier: Tensor] = [ObjectIdentifier(root): seed]
        var captured: [ObjectIdentifier: Tensor] = [:]
        for node in topologicalOrder(from: root).reversed() {
            try ComputeBudget.checkpoint()
            guard var gradient = pending.removeValue(forKey: ObjectIdentifier(node)) else { continue }
            gradient = try node.runHooks(gradient)
            if targets.contains(ObjectIdentifier(node)) { captured[ObjectIdentifier(node)] = gradient }
            if accumulating, node.isLeaf || node.retainsGrad { try node.accumulate(gradient) }
            guard let backward = node.backward else { continue }
            let inputGradients = try backward(gradient)
            precondition(
                inputGradients.count == node.inputs.count,
                "backward of \(node.op) returned \(inputGradients.count) gradients for \(node.inputs.count) inputs"
            )
            for (index, input) in node.inputs.enumerated() {
                guard let input, var inputGradient = inputGradients[index] else { continue }
                precondition(
                    inputGradient.shape == node.inputShapes[index],
                    "backward of \(node.op) returned a gradient of shape \(inputGradient.shape) "
                        + "for input \(index) of shape \(node.inputShapes[index])")
                if inputGradient.dtype != node.inputDTypes[index] {
                    inputGradient = try inputGradient.to(node.inputDTypes[index])
                }
                let key = ObjectIdentifier(input)
                if var sum = pending.removeValue(forKey: key) {
                    try sum.accumulate(inputGradient)
                    pending[key] = sum
                } else {
                    pending[key] = inputGradient.detach()
                }
            }
        }
        return captured
    }

    /// Nodes reachable from `root`, each after all of its inputs (iterative depth-first search, so
    /// very deep networks cannot overflow the stack).
    static func topologicalOrder(from root: AutogradNode) -> [AutogradNode] {
        var order: [AutogradNode] = []
        var visited: Set<ObjectIdentifier> = [ObjectIdentifier(root)]
        var stack: [(node: AutogradNode, nextInput: Int)] = [(root, 0)]
        while let (node, nextInput) = stack.last {
            if nextInput < node.inputs.count {
                stack[stack.count - 1].nextInput += 1
                if let input = node.inputs[nextInput], visited.insert(ObjectIdentifier(input)).inserted {
                    stack.append((input, 0))
                }
            } else {
                order.append(node)
                stack.removeLast()
            }
        }
        return order
    }
}

extension Tensor {
    /// `self += other` for two gradients of one shape and dtype: in place when this storage is
    /// not shared (a gradient reaching a tensor used twice, as a residual block's input is, would
    /// otherwise allocate a new sum per extra use), else a new tensor `self + other`.
    mutating func accumulate(_ other: Tensor) throws {
        guard other.shape == shape, other.dtype == dtype, isKnownUniquelyReferenced(&storage) else {
            self = try (self + other).detach()
            return
        }
        func add<T: TensorScalar>(_: T.Type) throws {
            try other.withUnsafeBufferPointer(as: T.self) { b in
                try withUnsafeMutableBufferPointer(as: T.self) { a in
                    try ElementwiseKernels.forEachChunk(count: a.count) { range in
                        for i in range { a[i] += b[i] }
                    }
                }
            }
        }
        try dtype == .float32 ? add(Float.self) : add(Double.self)
    }
}
