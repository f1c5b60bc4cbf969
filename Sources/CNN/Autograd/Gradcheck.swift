/// Checks an op's hand-written backward against central finite differences in Double precision,
/// as CS231n's `grad_check` and PyTorch's `gradcheck` do.
///
/// Every real input is converted to float64 and marked as requiring grad; integer and boolean
/// inputs (class labels, masks) are passed unchanged and not checked. A non-scalar output is
/// reduced to the scalar `L = Σ f(x)·r` with a fixed seeded random `r`, which checks every output
/// element's gradient at once. For each input element the analytic `∂L/∂x` from `backward()` is
/// compared with `(L(x + eps) − L(x − eps)) / (2·eps)`.
///
///     let error = try gradcheck({ try $0[0] * $0[1] }, inputs: [a, b])
///     #expect(error < 1e-6)
///
/// - Parameters:
///   - f: the function under test; it receives the float64 copies of `inputs`.
///   - inputs: where to evaluate the gradient.
///   - eps: the finite-difference step.
///   - tiny: floor of the denominator, so gradients that are both ~0 do not divide by 0.
/// - Returns: the largest relative error `|a − n| / max(|a|, |n|, tiny)` over all checked elements.
/// - Throws: whatever `f` throws.
public func gradcheck(
    _ f: ([Tensor]) throws -> Tensor, inputs: [Tensor], eps: Double = 1e-6, tiny: Double = 1e-8
) throws -> Double {
    let checked = inputs.map { $0.kind == .real }
    let xs = try inputs.indices.map { i in
        checked[i] ? try inputs[i].double().detach().requiringGrad() : inputs[i].detach()
    }
    let output = try f(xs)
    var generator = SeededGenerator(seed: 0x6772_6164)  // "grad"
    let projection = try Tensor.randn(output.shape, dtype: .float64, using: &generator)
    if output.requiresGrad {
        try (output.double() * projection).sum().backward()
    }
    func loss(_ arguments: [Tensor]) throws -> Double {
        try withNoGrad { try (f(arguments).double() * projection).sum().item() }
    }

    var worst = 0.0
    for i in xs.indices where checked[i] {
        let analytic = xs[i].grad?.scalarsAsDoubles() ?? [Double](repeating: 0, count: xs[i].count)
        for j in 0..<xs[i].count {
            var arguments = xs.map { $0.detach() }
            try arguments[i].withUnsafeMutableBufferPointer(as: Double.self) { $0[j] += eps }
            let plus = try loss(arguments)
            try arguments[i].withUnsafeMutableBufferPointer(as: Double.self) { $0[j] -= 2 * eps }
            let minus = try loss(arguments)
            let numeric = (plus - minus) / (2 * eps)
            let a = analytic[j]
            let denominator = max(abs(a), abs(numeric), tiny)
            let error = abs(a - numeric) / denominator
            if error.isNaN { return .nan }  // a NaN gradient must not hide behind max()
            worst = max(worst, error)
        }
    }
    return worst
}

/// `gradcheck` for a function of one tensor.
public func gradcheck(
    _ f: (Tensor) throws -> Tensor, input: Tensor, eps: Double = 1e-6, tiny: Double = 1e-8
) throws -> Double {
    try gradcheck({ try f($0[0]) }, inputs: [input], eps: eps, tiny: tiny)
}
