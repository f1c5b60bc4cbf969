import Synchronization
import Wording

/// Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and L2 weight
/// decay, with exactly PyTorch's update (`torch.optim.SGD`, single-tensor path). For each
/// parameter `p` with gradient `g`, in `p`'s own precision:
///
///     g = g + weight_decay · p                       if weight_decay ≠ 0
///     if momentum ≠ 0:
///         b = g                                      on the first step
///         b = momentum · b + (1 − dampening) · g     afterwards
///         g = g + momentum · b   if nesterov   else   g = b
///     p = p − lr · g
public final class SGD: Optimizer {
    public let parameters: [Parameter]
    /// Momentum factor (0 = plain SGD); a one-cycle schedule changes it between steps, as
    /// PyTorch's `OneCycleLR` writes the parameter group's `'momentum'`.
    public var momentum: Double {
        get { state.withLock { $0.momentum } }
        set { state.withLock { $0.momentum = newValue } }
    }
    /// Dampening for momentum: the new gradient enters the buffer scaled by `1 − dampening`.
    public let dampening: Double
    /// L2 penalty added to the gradient as `weightDecay · p`.
    public let weightDecay: Double
    /// Whether to use Nesterov momentum (Sutskever et al. 2013, PyTorch's formulation).
    public let nesterov: Bool

    private struct State {
        var learningRate: Double
        var momentum: Double
        var momentumBuffers: [Tensor?]
    }
    private let state: Mutex<State>

    /// Creates the optimiser, with PyTorch's argument checks.
    /// - Throws: `CNNError.argument` for a negative `lr`, `momentum` or `weightDecay`, or Nesterov
    ///   without momentum or with dampening.
    public init(
        _ parameters: [Parameter], lr: Double, momentum: Double = 0, dampening: Double = 0,
        weightDecay: Double = 0, nesterov: Bool = false
    ) throws(CNNError) {
        guard lr >= 0 else { throw CNNError.argument(.invalidLearningRate, ["lr": lr]) }
        guard momentum >= 0 else {
            throw CNNError.argument(.invalidMomentumValue, ["momentum": momentum])
        }
        guard weightDecay >= 0 else {
            throw CNNError.argument(.invalidWeightDecayValue, ["weightDecay": weightDecay])
        }
        guard !nesterov || (momentum > 0 && dampening == 0) else {
            throw CNNError.argument(.nesterovMomentumRequiresAMomentum)
        }
        self.parameters = parameters
        self.dampening = dampening
        self.weightDecay = weightDecay
        self.nesterov = nesterov
        state = Mutex(
            State(
                learningRate: lr, momentum: momentum,
                momentumBuffers: Array(repeating: nil, count: parameters.count)))
    }

    public var cycledMomentum: Double? {
        get { momentum }
        set { if let newValue { momentum = newValue } }
    }

    public var learningRate: Double {
        get { state.withLock { $0.learningRate } }
        set { state.withLock { $0.learningRate = newValue } }
    }

    public func step() throws {
        try state.withLock { state throws in
            for (index, parameter) in parameters.enumerated() {
                guard let grad = parameter.grad else { continue }
                switch parameter.value.dtype {
                case .float32:
                    try update(
                        Float.self, parameter, grad, &state.momentumBuffers[index], state.learningRate,
                        state.momentum)
                case .float64:
                    try update(
                        Double.self, parameter, grad, &state.momentumBuffers[index], state.learningRate,
                        state.momentum)
                }
            }
        }
    }

    /// One parameter's update, in its scalar type `T` (PyTorch computes in the parameter's dtype):
    /// one pass reading the gradient, the buffer and the weights, writing the buffer in place and
    /// the weights (in place unless a graph still holds them).
    private func update<T: TensorScalar>(
        _: T.Type, _ parameter: Parameter, _ grad: Tensor, _ buffer: inout Tensor?, _ lr: Double,
        _ factor: Double
    ) throws {
        let (decay, mu, keep, step) = (T(weightDecay), T(factor), T(1 - dampening), T(-lr))
        let (momentum, nesterov) = (factor != 0, nesterov)
        let firstStep = buffer == nil
        // Taken out of the state, so that it is the only reference and is written in place.
        var held: Tensor? = nil
        swap(&held, &buffer)
        var b = try momentum ? held ?? Tensor(uninitializedShape: parameter.shape, of: T.self) { _ in } : nil
        try grad.withUnsafeBufferPointer(as: T.self) { g in
            try withOptionalMutableBuffer(&b, as: T.self) { b in
                try parameter.rewrite(as: T.self) { old, new in
                    for i in 0..<old.count {
                        let p = old[i]
                        var d = g[i]
                        if decay != 0 { d = d + decay * p }
                        if let b {
                            b[i] = firstStep ? d : b[i] * mu + keep * d
                            d = nesterov ? d + mu * b[i] : b[i]
                        }
                        new[i] = p + step * d
                    }
                }
            }
        }
        buffer = b
    }
}

/// Calls `body` with the tensor's writable elements, or with nil when there is no tensor.
private func withOptionalMutableBuffer<T: TensorScalar>(
    _ tensor: inout Tensor?, as: T.Type, _ body: (UnsafeMutableBufferPointer<T>?) throws -> Void
) throws {
    guard var t = tensor else { return try body(nil) }
    tensor = nil
    try t.withUnsafeMutableBufferPointer(as: T.self) { try body($0) }
    tensor = t
}
