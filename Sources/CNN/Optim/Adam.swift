import Synchronization
import Wording

/// Adam (Kingma & Ba 2015) with PyTorch's update (`torch.optim.Adam`, single-tensor path,
/// `amsgrad=False`). For each parameter `p` with gradient `g`, step `t = 1, 2, …`:
///
///     g = g + weight_decay · p                        if weight_decay ≠ 0 (L2, not AdamW)
///     m = m + (1 − β₁) · (g − m)                      (PyTorch's `lerp_`; m starts at 0)
///     v = β₂ · v + (1 − β₂) · g · g                   (v starts at 0)
///     step_size = lr / (1 − β₁ᵗ)                      (bias corrections in Double, as Python does)
///     denom = √v / √(1 − β₂ᵗ) + eps
///     p = p − step_size · m / denom
public final class Adam: Optimizer {
    public let parameters: [Parameter]
    /// Decay rates of the first and second moment estimates, β₁ and β₂; a one-cycle schedule
    /// changes β₁ between steps, as PyTorch's `OneCycleLR` writes the group's `'betas'`.
    public var betas: (Double, Double) {
        get { state.withLock { $0.betas } }
        set { state.withLock { $0.betas = newValue } }
    }
    /// Added to the denominator for numerical stability.
    public let eps: Double
    /// L2 penalty added to the gradient as `weightDecay · p`.
    public let weightDecay: Double

    private struct Moments {
        var step = 0
        var mean: Tensor
        var meanOfSquares: Tensor
    }
    private struct State {
        var learningRate: Double
        var betas: (Double, Double)
        var moments: [Moments?]
    }
    private let state: Mutex<State>

    /// Creates the optimiser, with PyTorch's argument checks.
    /// - Throws: `CNNError.argument` for a negative `lr`, `eps` or `weightDecay`, or betas outside
    ///   `[0, 1)`.
    public init(
        _ parameters: [Parameter], lr: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999),
        eps: Double = 1e-8, weightDecay: Double = 0
    ) throws(CNNError) {
        guard lr >= 0 else { throw CNNError.argument(.invalidLearningRate, ["lr": lr]) }
        guard eps >= 0 else { throw CNNError.argument(.invalidEpsilonValue, ["eps": eps]) }
        guard (0..<1).contains(betas.0) else {
            throw CNNError.argument(.invalidBetaParameterAtIndex, ["value": betas.0])
        }
        guard (0..<1).contains(betas.1) else {
            throw CNNError.argument(.invalidBetaParameterAtIndex2, ["value": betas.1])
        }
        guard weightDecay >= 0 else {
            throw CNNError.argument(.invalidWeightDecayValue, ["weightDecay": weightDecay])
        }
        self.parameters = parameters
        self.eps = eps
        self.weightDecay = weightDecay
        state = Mutex(
            State(learningRate: lr, betas: betas, moments: Array(repeating: nil, count: parameters.count)))
    }

    public var cycledMomentum: Double? {
        get { betas.0 }
        set { if let newValue { betas = (newValue, betas.1) } }
    }

    public var learningRate: Double {
        get { state.withLock { $0.learningRate } }
        set { state.withLock { $0.learningRate = newValue } }
    }

    public func step() throws {
        try state.withLock { state throws in
            for (index, parameter) in parameters.enumerated() {
                guard let grad = parameter.grad else { continue }
                var moments =
                    try state.moments[index]
                    ?? Moments(
                        mean: Tensor.zeros(parameter.shape, dtype: parameter.value.dtype),
                        meanOfSquares: Tensor.zeros(parameter.shape, dtype: parameter.value.dtype))
                moments.step += 1
                switch parameter.value.dtype {
                case .float32:
                    try update(Float.self, parameter, grad, &moments, state.learningRate, state.betas)
                case .float64:
                    try update(Double.self, parameter, grad, &moments, state.learningRate, state.betas)
                }
                state.moments[index] = moments
            }
        }
    }

    /// One parameter's update in its scalar type `T`.
    private func update<T: TensorScalar>(
        _: T.Type, _ parameter: Parameter, _ grad: Tensor, _ moments: inout Moments, _ lr: Double,
        _ betas: (Double, Double)
    ) throws {
        var g = grad.elements(as: T.self)
        if weightDecay != 0 {
            let decay = T(weightDecay)
            let p = parameter.value.elements(as: T.self)
            for i in g.indices { g[i] = g[i] + decay * p[i] }
        }
        var m = moments.mean.elements(as: T.self)
        var v = moments.meanOfSquares.elements(as: T.self)
        let weight = T(1 - betas.0)
        let beta2 = T(betas.1)
        let oneMinusBeta2 = T(1 - betas.1)
        for i in g.indices {
            m[i] = m[i] + weight * (g[i] - m[i])
            v[i] = v[i] * beta2 + oneMinusBeta2 * g[i] * g[i]
        }
        let t = Double(moments.step)
        let stepSize = lr / (1 - Double.pow(betas.0, t))
        let correction2Root = T((1 - Double.pow(betas.1, t)).squareRoot())
        let epsilon = T(eps)
        let scale = T(-stepSize)
        try parameter.update(as: T.self) { p in
            for i in p.indices {
                let denom = v[i].squareRoot() / correction2Root + epsilon
                p[i] = p[i] + scale * (m[i] / denom)
            }
        }
        moments.mean = try Tensor.holding(m, shape: parameter.shape)
        moments.meanOfSquares = try Tensor.holding(v, shape: parameter.shape)
    }
}
