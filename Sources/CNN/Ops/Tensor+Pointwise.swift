#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Tensor {
    /// `f` applied to every element, with `derivative` for backward: `∂/∂x = g · f′(x)`.
    ///
    /// For the smooth activations that have no kernel of their own (`elu`, `gelu`, `silu`,
    /// `softplus`, `hardtanh`, the smooth L1 and logistic losses): each is a formula per element,
    /// computed in Double and stored in this tensor's dtype. Integer and boolean tensors are
    /// read as reals first, as PyTorch's float-only activations demand.
    /// - Throws: `CNNError` if the budget refuses the memory.
    public func pointwise(
        _ op: String, _ f: @escaping @Sendable (Double) -> Double,
        derivative: @escaping @Sendable (Double) -> Double
    ) throws -> Tensor {
        let x = kind == .real ? self : try converted(to: .float32)
        let values = x.scalarsAsDoubles()
        let y = try Tensor.filled(shape: x.shape, dtype: x.dtype, kind: .real) { f(values[$0]) }
        return y.recordingGradient(of: [x], op: op) { g in
            let slopes = try Tensor.filled(shape: values.isEmpty ? [0] : x.shape, dtype: g.dtype, kind: .real)
            {
                derivative(values[$0])
            }
            return [try g * slopes.reshape(x.shape)]
        }
    }
}

/// The standard normal density φ and distribution Φ, for GELU.
private func normalDensity(_ x: Double) -> Double { exp(-0.5 * x * x) / (2 * Double.pi).squareRoot() }
private func normalDistribution(_ x: Double) -> Double { 0.5 * (1 + erf(x / 2.0.squareRoot())) }
/// σ(x), without overflow for large |x|.
private func logistic(_ x: Double) -> Double { x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x)) }

/// ELU (PyTorch `F.elu`): `x` for `x > 0`, `α(eˣ − 1)` otherwise; the slope at 0 is α, as in
/// PyTorch's `elu_backward`.
/// - Throws: `CNNError` if the budget refuses the memory.
public func elu(_ input: Tensor, alpha: Double = 1) throws -> Tensor {
    try input.pointwise(
        "elu", { x in x > 0 ? x : alpha * expm1(x) }, derivative: { x in x > 0 ? 1 : alpha * exp(x) })
}

/// How `gelu` computes Φ: exactly (`'none'`) or with PyTorch's tanh formula (`'tanh'`).
public enum GELUApproximation: String, Sendable, CaseIterable {
    case none
    case tanh
}

/// GELU (PyTorch `F.gelu`): `x·Φ(x)`, or `½x(1 + tanh(√(2/π)(x + 0.044715x³)))` with
/// `approximate: .tanh`.
/// - Throws: `CNNError` if the budget refuses the memory.
public func gelu(_ input: Tensor, approximate: GELUApproximation = .none) throws -> Tensor {
    switch approximate {
    case .none:
        return try input.pointwise(
            "gelu", { x in x * normalDistribution(x) },
            derivative: { x in normalDistribution(x) + x * normalDensity(x) })
    case .tanh:
        let k = (2 / Double.pi).squareRoot()
        let c = 0.044715
        return try input.pointwise(
            "gelu",
            { x in 0.5 * x * (1 + Glibc.tanh(k * (x + c * x * x * x))) },
            derivative: { x in
                let t = Glibc.tanh(k * (x + c * x * x * x))
                return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * k * (1 + 3 * c * x * x)
            })
    }
}

/// SiLU, also called swish (PyTorch `F.silu`): `x·σ(x)`.
/// - Throws: `CNNError` if the budget refuses the memory.
public func silu(_ input: Tensor) throws -> Tensor {
    try input.pointwise(
        "silu", { x in x * logistic(x) },
        derivative: { x in
            let s = logistic(x)
            return s * (1 + x * (1 - s))
        })
}

/// Softplus (PyTorch `F.softplus`): `log(1 + e^{βx})/β`, and `x` itself where `βx > threshold`
/// (PyTorch's switch to the linear function for numerical stability).
/// - Throws: `CNNError` if the budget refuses the memory.
public func softplus(_ input: Tensor, beta: Double = 1, threshold: Double = 20) throws -> Tensor {
    try input.pointwise(
        "softplus", { x in x * beta > threshold ? x : log1p(exp(x * beta)) / beta },
        derivative: { x in x * beta > threshold ? 1 : logistic(x * beta) })
}

/// Hardtanh (PyTorch `F.hardtanh`): `x` limited to `[minValue, maxValue]`; the slope is 1
/// strictly inside and 0 at and beyond the limits, as PyTorch's `hardtanh_backward`.
/// - Throws: `CNNError` if the budget refuses the memory.
public func hardtanh(_ input: Tensor, minValue: Double = -1, maxValue: Double = 1) throws -> Tensor {
    try input.pointwise(
        "hardtanh", { x in x.isNaN ? x : Swift.min(Swift.max(x, minValue), maxValue) },
        derivative: { x in x > minValue && x < maxValue ? 1 : 0 })
}

/// Mean absolute error (PyTorch `F.l1_loss`): `|input − target|`, reduced. The slope at equality
/// is 0, as `sign(0)`.
/// - Throws: `CNNError` when the shapes cannot broadcast.
public func l1Loss(_ input: Tensor, _ target: Tensor, reduction: Reduction = .mean) throws -> Tensor {
    try reduced(try (input - target).abs(), reduction)
}

/// Smooth L1 (Huber-like) loss (PyTorch `F.smooth_l1_loss`): `½d²/β` where `|d| < β`,
/// `|d| − β/2` elsewhere, for `d = input − target`; `β = 0` is the L1 loss.
/// - Throws: `CNNError` for a negative β or shapes that cannot broadcast.
public func smoothL1Loss(_ input: Tensor, _ target: Tensor, reduction: Reduction = .mean, beta: Double = 1)
    throws -> Tensor
{
    guard beta >= 0 else {
        throw CNNError.argument(.smoothL1Beta)
    }
    let difference = try input - target
    guard beta > 0 else { return try reduced(try difference.abs(), reduction) }
    let losses = try difference.pointwise(
        "smooth_l1_loss", { d in Swift.abs(d) < beta ? 0.5 * d * d / beta : Swift.abs(d) - 0.5 * beta },
        derivative: { d in Swift.abs(d) < beta ? d / beta : (d > 0 ? 1 : -1) })
    return try reduced(losses, reduction)
}

/// Binary cross-entropy of probabilities (PyTorch `F.binary_cross_entropy`):
/// `−w·(t·log p + (1 − t)·log(1 − p))`, each logarithm limited below by −100 as PyTorch does.
/// - Throws: `CNNError` when the shapes differ or an input is outside [0, 1].
public func binaryCrossEntropy(
    _ input: Tensor, _ target: Tensor, weight: Tensor? = nil, reduction: Reduction = .mean
) throws -> Tensor {
    guard input.shape == target.shape else {
        throw CNNError.shape(.bceShapes, ["target": target.shape, "input": input.shape])
    }
    guard input.scalarsAsDoubles().allSatisfy({ $0 >= 0 && $0 <= 1 }) else {
        throw CNNError.argument(.bceInputRange)
    }
    let logP = try input.pointwise(
        "log", { p in Swift.max(log(p), -100) }, derivative: { p in log(p) > -100 ? 1 / p : 0 })
    let logNotP = try input.pointwise(
        "log1p", { p in Swift.max(log1p(-p), -100) }, derivative: { p in log1p(-p) > -100 ? -1 / (1 - p) : 0 }
    )
    var losses = try -(target * logP + (1 - target) * logNotP)
    if let weight { losses = try losses * weight }
    return try reduced(losses, reduction)
}

/// Binary cross-entropy of logits (PyTorch `F.binary_cross_entropy_with_logits`), in the stable
/// form `(1 − t)·x + (1 + (pw − 1)·t)·softplus(−x)` with `pos_weight` pw (1 without it).
/// - Throws: `CNNError` when the shapes differ.
public func binaryCrossEntropyWithLogits(
    _ input: Tensor, _ target: Tensor, weight: Tensor? = nil, posWeight: Tensor? = nil,
    reduction: Reduction = .mean
) throws -> Tensor {
    guard input.shape == target.shape else {
        throw CNNError.shape(.bceWithLogitsShapes, ["target": target.shape, "input": input.shape])
    }
    let softplusOfNegative = try input.pointwise(
        "softplus", { x in log1p(exp(-Swift.abs(x))) + Swift.max(-x, 0) },
        derivative: { x in logistic(x) - 1 })
    let scale = try posWeight.map { try ($0 - 1) * target + 1 }
    var losses = try (1 - target) * input + (scale.map { try $0 * softplusOfNegative } ?? softplusOfNegative)
    if let weight { losses = try losses * weight }
    return try reduced(losses, reduction)
}

/// `losses` averaged, summed or kept.
func reduced(_ losses: Tensor, _ reduction: Reduction) throws -> Tensor {
    switch reduction {
    case .none: losses
    case .mean: try losses.mean()
    case .sum: try losses.sum()
    }
}
