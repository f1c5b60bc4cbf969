/// The reverse sweep behind `Tensor.backward()`.
enum Backpropagation {
    /// Propagates `seed` (the gradient of the root) to every node reachable from `root`.
    ///
    /// Nodes are visited in reverse topological order, so each node's gradient is complete (summed
    /// over all its consumers) before its own backward runs. The graph is kept afterwards, so
    /// calling `backward()` again accumulates a second time (PyTorch would need
    /// `retain_graph=True`).
    static func run(from root: AutogradNode, seed: Tensor) throws {
        var pending: [ObjectIdentifier: Tensor] = [ObjectIdentifier(root): seed]
        for node in topologicalOrder(from: root).reversed() {
            try ComputeBudget.checkpoint()
            guard let gradient = pending.removeValue(forKey: ObjectIdentifier(node)) else { continue }
            if node.isLeaf || node.retainsGrad { try node.accumulate(gradient) }
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
                if let sum = pending[key] {
                    pending[key] = try sum + inputGradient
                } else {
                    pending[key] = inputGradient.detach()
                }
            }
        }
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
