import CNN

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Elementwise functions PyTorch has beyond the engine's kernels: trigonometry, `erf`, `expm1`,
/// `logit`, `atan2`, `lerp`, `heaviside`, and the tests for special values (`isnan`, `isinf`,
/// `isfinite`, `nan_to_num`). Each is `Tensor.pointwise` with its derivative written beside it
/// (the formulas of PyTorch's derivatives.yaml), or a composition of differentiable operations.
extension Builtins {
    static let trigonometryFunctions: [Builtin] = [
        smooth("sin", "the sine, elementwise (radians)", { Glibc.sin($0) }, { Glibc.cos($0) }),
        smooth("cos", "the cosine, elementwise (radians)", { Glibc.cos($0) }, { -Glibc.sin($0) }),
        smooth(
            "tan", "the tangent, elementwise (radians)", { Glibc.tan($0) },
            { 1 + Glibc.tan($0) * Glibc.tan($0) }),
        smooth("asin", "the arcsine, elementwise", { Glibc.asin($0) }, { 1 / (1 - $0 * $0).squareRoot() }),
        smooth(
            "arcsin", "the arcsine (asin's NumPy name)", { Glibc.asin($0) },
            { 1 / (1 - $0 * $0).squareRoot() }),
        smooth("acos", "the arccosine, elementwise", { Glibc.acos($0) }, { -1 / (1 - $0 * $0).squareRoot() }),
        smooth(
            "arccos", "the arccosine (acos's NumPy name)", { Glibc.acos($0) },
            { -1 / (1 - $0 * $0).squareRoot() }),
        smooth("atan", "the arctangent, elementwise", { Glibc.atan($0) }, { 1 / (1 + $0 * $0) }),
        smooth("arctan", "the arctangent (atan's NumPy name)", { Glibc.atan($0) }, { 1 / (1 + $0 * $0) }),
        smooth("sinh", "the hyperbolic sine, elementwise", { Glibc.sinh($0) }, { Glibc.cosh($0) }),
        smooth("cosh", "the hyperbolic cosine, elementwise", { Glibc.cosh($0) }, { Glibc.sinh($0) }),
        smooth(
            "asinh", "the inverse hyperbolic sine", { Glibc.asinh($0) }, { 1 / ($0 * $0 + 1).squareRoot() }),
        smooth(
            "acosh", "the inverse hyperbolic cosine", { Glibc.acosh($0) }, { 1 / ($0 * $0 - 1).squareRoot() }),
        smooth("atanh", "the inverse hyperbolic tangent", { Glibc.atanh($0) }, { 1 / (1 - $0 * $0) }),
        smooth(
            "erf", "the error function, elementwise", { Glibc.erf($0) },
            { 2 / Double.pi.squareRoot() * Glibc.exp(-$0 * $0) }),
        smooth(
            "erfc", "1 − erf(x), elementwise", { Glibc.erfc($0) },
            { -2 / Double.pi.squareRoot() * Glibc.exp(-$0 * $0) }),
        smooth("expm1", "eˣ − 1, exact for small x", { Glibc.expm1($0) }, { Glibc.exp($0) }),
        smooth("deg2rad", "degrees to radians", { $0 * Double.pi / 180 }, { _ in Double.pi / 180 }),
        smooth("rad2deg", "radians to degrees", { $0 * 180 / Double.pi }, { _ in 180 / Double.pi }),
        Builtin("logit(input, eps=None)", "log(p / (1 − p)), p limited to [eps, 1 − eps] when eps is given") {
            call in
            let input = try call.tensorOrNumber("input")
            guard let eps = try call.optionalDouble("eps") else {
                return .tensor(
                    try input.pointwise(
                        "logit", { Glibc.log($0 / (1 - $0)) }, derivative: { 1 / ($0 * (1 - $0)) }))
            }
            // PyTorch limits in the input's dtype; its logit_backward: no gradient where limited.
            let (low, high) =
                input.dtype == .float32 ? (Double(Float(eps)), Double(Float(1 - eps))) : (eps, 1 - eps)
            return .tensor(
                try input.pointwise(
                    "logit",
                    { p in
                        let q = p.isNaN ? p : Swift.min(Swift.max(p, low), high)
                        return Glibc.log(q / (1 - q))
                    }, derivative: { p in p < low || p > high ? 0 : 1 / (p * (1 - p)) }))
        },
        Builtin("atan2(input, other)", "the angle of the point (other, input), elementwise, in (−π, π]") {
            call in
            .tensor(try atan2(try call.tensorOrNumber("input"), try call.tensorOrNumber("other")))
        },
        Builtin("arctan2(input, other)", "atan2's NumPy name") { call in
            .tensor(try atan2(try call.tensorOrNumber("input"), try call.tensorOrNumber("other")))
        },
        Builtin("lerp(input, end, weight)", "input + weight · (end − input), elementwise") { call in
            let (start, end) = (try call.tensor("input"), try call.tensor("end"))
            return .tensor(try start + call.tensorOrNumber("weight") * (end - start))
        },
        Builtin("heaviside(input, values)", "0 below zero, 1 above, values where input is 0") { call in
            let (input, values) = (try call.tensor("input"), try call.tensor("values"))
            guard input.scalarType == values.scalarType else {
                throw LanguageError.said(
                    .type, .heavisideTypes,
                    ["input": input.scalarType.rawValue, "values": values.scalarType.rawValue], at: call.range
                )
            }
            let positive = try input.detach().gt(Tensor(0)).converted(to: input.scalarType)
            return .tensor(try Tensor.where(try input.detach().eq(Tensor(0)), values.detach(), positive))
        },
        Builtin("isnan(input)", "True where the element is NaN") { call in
            let input = try call.tensorOrNumber("input")
            return .tensor(try input.ne(input))
        },
        Builtin("isinf(input)", "True where the element is +∞ or −∞") { call in
            .tensor(try call.tensorOrNumber("input").abs().eq(Tensor(Double.infinity)))
        },
        Builtin("isposinf(input)", "True where the element is +∞") { call in
            .tensor(try call.tensorOrNumber("input").eq(Tensor(Double.infinity)))
        },
        Builtin("isneginf(input)", "True where the element is −∞") { call in
            .tensor(try call.tensorOrNumber("input").eq(Tensor(-Double.infinity)))
        },
        Builtin("isfinite(input)", "True where the element is neither NaN nor ±∞") { call in
            let input = try call.tensorOrNumber("input").detach()
            // x − x is 0 exactly for finite x, NaN for NaN and ±∞.
            return .tensor(try (input - input).eq(Tensor(0)))
        },
        Builtin(
            "nan_to_num(input, nan=0.0, posinf=None, neginf=None)",
            "NaN, +∞ and −∞ replaced by nan, posinf and neginf (the dtype's extremes by default)"
        ) { call in
            .tensor(try nanToNum(try call.tensor("input"), call))
        },
    ]

    /// In-place twins of the functions above (`x.sin_()`, `x.nan_to_num_()`).
    static let trigonometryInPlaceMethods: [Builtin] =
        trigonometryFunctions.filter { !$0.name.hasPrefix("is") && $0.name != "heaviside" }.map(inPlaceTwin)

    /// `name(input)`: a smooth elementwise function with its derivative.
    static func smooth(
        _ name: String, _ summary: String, _ f: @escaping @Sendable (Double) -> Double,
        _ derivative: @escaping @Sendable (Double) -> Double
    ) -> Builtin {
        unary(name, summary) { x in try x.pointwise(name, f, derivative: derivative) }
    }

    /// `atan2(a, b)` broadcast; ∂/∂a = b / (a² + b²), ∂/∂b = −a / (a² + b²).
    static func atan2(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        let shape = try Tensor.broadcastShape(a.shape, b.shape)
        let type = a.kind == .real || b.kind == .real ? DType.promoted(a.dtype, b.dtype) : DType.float32
        let (x, y) = (try a.expand(to: shape).to(type), try b.expand(to: shape).to(type))
        let (xs, ys) = (x.scalarsAsDoubles(), y.scalarsAsDoubles())
        let angles = try Tensor(zip(xs, ys).map { Glibc.atan2($0, $1) }, shape: shape, dtype: type)
        return angles.recordingGradient(of: [x, y], op: "atan2") { g in
            let (xd, yd) = (x.detach(), y.detach())
            let squares = try xd * xd + yd * yd
            return [try g * yd / squares, try -(g * xd) / squares]
        }
    }

    /// `torch.nan_to_num`: the gradient passes where the input was finite, as in PyTorch.
    static func nanToNum(_ input: Tensor, _ call: Call) throws -> Tensor {
        guard input.kind == .real else { return input }
        let largest =
            input.dtype == .float64 ? Double.greatestFiniteMagnitude : Double(Float.greatestFiniteMagnitude)
        let plain = input.detach()
        let replaced = try Tensor.where(
            try plain.ne(plain), Tensor(try call.double("nan"), dtype: input.dtype),
            try Tensor.where(
                try plain.eq(Tensor(Double.infinity)),
                Tensor(try call.optionalDouble("posinf") ?? largest, dtype: input.dtype),
                Tensor(try call.optionalDouble("neginf") ?? -largest, dtype: input.dtype)))
        return try Tensor.where(try (plain - plain).eq(Tensor(0)), input, replaced)
    }

    /// `name_(input, …)` computing `builtin` and writing the result back into its receiver;
    /// PyTorch refuses a real result written into an integer tensor.
    static func inPlaceTwin(_ builtin: Builtin) -> Builtin {
        let text = builtin.signature.text
        let signature = builtin.name + "_" + text.dropFirst(builtin.name.count)
        return Builtin(signature, builtin.summary + ", in place") { call in
            let input = try call.tensor("input")
            try checkInPlace(input, call)
            let value = try withNoGrad { try builtin.body(call) }
            guard case .tensor(let result) = value else {
                throw LanguageError.said(.type, .callGivesNonTensor, ["type": value.typeName], at: call.range)
            }
            guard result.kind != .real || input.kind == .real else {
                throw LanguageError.said(
                    .type, .inPlaceResultType,
                    [
                        "function": call.function, "result": result.scalarType.rawValue,
                        "dtype": input.scalarType.rawValue,
                    ], at: call.range)
            }
            return .tensor(try writeBack(input, result, call))
        }
    }
}

extension Builtins {
    /// Every in-place method added with these functions, and the in-place twins of the engine's
    /// own elementwise functions that had none (`x.abs_()`, `x.sigmoid_()`, `x.pow_(2)`, …).
    static let addedInPlaceMethods: [Builtin] = {
        let existing = Set((inPlaceMethods + shapeInPlaceMethods).map(\.name))
        let twins = [
            "abs", "neg", "exp", "log", "sqrt", "rsqrt", "sigmoid", "tanh", "relu", "floor", "ceil",
            "round", "trunc", "frac", "sign", "reciprocal", "pow", "square", "log2", "log10", "log1p", "exp2",
            "remainder", "fmod", "clip", "cumsum", "cumprod", "lerp", "fix", "masked_fill", "index_add",
        ]
        let sources =
            math + elementwiseFunctions + moreVocabularyFunctions + aliasFunctions + activations
            + moreActivations + vocabularyFunctions + sequenceFunctions + trigonometryFunctions
            + statisticsFunctions + notebookExtras
        var seen = Set<String>()
        let common = sources.filter { twins.contains($0.name) && !existing.contains($0.name + "_") }
            .filter { seen.insert($0.name).inserted }.map(inPlaceTwin)
        return common + trigonometryInPlaceMethods.filter { seen.insert(String($0.name.dropLast())).inserted }
            + sortingInPlaceMethods
    }()
}
