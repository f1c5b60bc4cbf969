/// `torch.autograd.grad`: the gradient of one tensor with respect to others, returned rather than
/// added to their `.grad`.
extension Tensor {
    /// The gradients of `output` with respect to each of `inputs` (PyTorch
    /// `torch.autograd.grad(output, inputs)`): the same reverse sweep as `backward()`, but no
    /// `.grad` changes; the gradient reaching an intermediate tensor is returned as well as a
    /// leaf's.
    /// - Parameters:
    ///   - gradient: the gradient of some final loss with respect to `output`, of its shape; may
    ///     be omitted only for a one-element output (it is then 1).
    ///   - allowUnused: an input `output` does not depend on gives nil instead of an error.
    /// - Returns: one gradient per input, of the input's shape (nil only with `allowUnused`).
    /// - Throws: `CNNError` when `output` or an input does not require grad, an input was not
    ///   used to compute `output` (without `allowUnused`), or `gradient` is missing or misshapen.
    public static func gradients(
        of output: Tensor, withRespectTo inputs: [Tensor], gradient: Tensor? = nil, allowUnused: Bool = false
    ) throws -> [Tensor?] {
        guard let root = output.node else { throw CNNError.argument(.backwardWithoutGrad) }
        var targets: [ObjectIdentifier] = []
        for input in inputs {
            guard let node = input.node else { throw CNNError.argument(.gradInputWithoutGrad) }
            targets.append(ObjectIdentifier(node))
        }
        let seed = try output.seed(gradient)
        let captured = try withNoGrad {
            try Backpropagation.run(from: root, seed: seed, capturing: Set(targets), accumulating: false)
        }
        return try targets.map { target in
            guard let found = captured[target] else {
                guard allowUnused else { throw CNNError.argument(.gradInputUnused) }
                return nil
            }
            return found
        }
    }
}
