import CNN

/// Elementwise math and reductions: `torch.exp`, `torch.clamp`, `torch.sum(x, dim=1)`, ….
extension Builtins {
    static let math: [Builtin] = [
        unary("exp", "eˣ elementwise") { try $0.exp() },
        unary("log", "natural logarithm elementwise") { try $0.log() },
        unary("sqrt", "square root elementwise") { try $0.sqrt() },
        Builtin("abs(input)", "absolute value (elementwise on a tensor; an int stays an int, as in Python)") {
            call in
            switch try call.value("input") {
            case .int(let number):
                guard number != .min else { throw call.mismatch("input", .int) }
                return .int(Swift.abs(number))
            case .bool(let flag): return .int(flag ? 1 : 0)
            case .float(let number): return .float(Swift.abs(number))
            default: return .tensor(try call.tensor("input").abs())
            }
        },
        unary("sign", "−1, 0 or 1 by sign, elementwise") { try $0.sign() },
        unary("neg", "−x elementwise") { try -$0 },
        unary("square", "x² elementwise") { try $0 * $0 },
        Builtin("clamp(input, min=None, max=None)", "each element limited to [min, max]") { call in
            let input = try call.tensorOrNumber("input")
            // Tensor bounds (per-element limits, as an adversarial example's ε-ball) are
            // torch.maximum then torch.minimum, PyTorch's order.
            if case .tensor(let low) = try call.value("min") {
                let raised = try Tensor.maximum(input, low)
                guard case .tensor(let high) = try call.value("max") else {
                    return .tensor(
                        try call.isNone("max") ? raised : raised.clamp(max: try call.double("max")))
                }
                return .tensor(try Tensor.minimum(raised, high))
            }
            if case .tensor(let high) = try call.value("max") {
                let lowered = call.isNone("min") ? input : try input.clamp(min: try call.double("min"))
                return .tensor(try Tensor.minimum(lowered, high))
            }
            return .tensor(
                try input.clamp(min: try call.optionalDouble("min"), max: try call.optionalDouble("max")))
        },
        Builtin("pow(input, exponent)", "input to the power exponent, elementwise") { call in
            let input = try call.tensorOrNumber("input")
            if case .tensor(let exponent) = try call.value("exponent") {
                return .tensor(try input.pow(exponent))
            }
            return .tensor(try input.pow(try call.double("exponent")))
        },
        Builtin(
            "where(condition, input=None, other=None)",
            "input where condition holds, other elsewhere; with the condition alone, where it holds"
        ) { call in
            let condition = try call.tensor("condition")
            guard call.isNone("input"), call.isNone("other") else {
                return .tensor(
                    try Tensor.where(
                        condition, try call.tensorOrNumber("input"), try call.tensorOrNumber("other")))
            }
            // `torch.where(mask)` is `torch.nonzero(mask, as_tuple=True)`: one index tensor per dimension.
            let rows = try nonzeroIndices(condition)
            return .tuple(
                try (0..<Swift.max(condition.rank, 1)).map { d in
                    .tensor(try Tensor(rows.map { $0.isEmpty ? 0 : $0[d] }, shape: [rows.count]))
                })
        },
        Builtin("add(input, other, *_, alpha=1)", "input + alpha · other") { call in
            let (input, other) = try binaryOperands(call)
            let sum = try input + alphaScaled(other, input, call)
            // Between bools `add` is a logical or, as PyTorch's bool result is.
            return .tensor(
                input.kind == .boolean && other.kind == .boolean ? try sum.converted(to: .bool) : sum)
        },
        Builtin("sub(input, other, *_, alpha=1)", "input − alpha · other") { call in
            let (input, other) = try binaryOperands(call)
            return .tensor(try input - alphaScaled(other, input, call))
        },
        binary("mul", "input · other elementwise") { try $0 * $1 },
        Builtin(
            "div(input, other, rounding_mode=None)",
            "input / other elementwise; rounding_mode 'floor' or 'trunc' rounds the quotient"
        ) { call in
            let (input, other) = try binaryOperands(call)
            return .tensor(try divided(input, other, call))
        },
        Builtin("divide(input, other, rounding_mode=None)", "div under its other name") { call in
            let (input, other) = try binaryOperands(call)
            return .tensor(try divided(input, other, call))
        },
        binary("true_divide", "input / other elementwise, a real result") { try $0 / $1 },
        Builtin("rsub(input, other, *_, alpha=1)", "other − alpha · input") { call in
            let (input, other) = try binaryOperands(call)
            return .tensor(try other - alphaScaled(input, other, call))
        },
        binary("floor_divide", "input // other elementwise (rounding down, as Python)") {
            try Tensor.floorDivide($0, $1)
        },
        binary("remainder", "input % other elementwise (the sign of other, as Python)") {
            try Tensor.remainder($0, $1)
        },
        Builtin("triu(input, diagonal=0)", "the upper triangle of a matrix, zeros below") { call in
            .tensor(try call.tensor("input").triu(diagonal: try call.int("diagonal")))
        },
        Builtin("tril(input, diagonal=0)", "the lower triangle of a matrix, zeros above") { call in
            .tensor(try call.tensor("input").tril(diagonal: try call.int("diagonal")))
        },
        binary("maximum", "the larger of two tensors, elementwise") { try Tensor.maximum($0, $1) },
        binary("minimum", "the smaller of two tensors, elementwise") { try Tensor.minimum($0, $1) },
        binary("eq", "input == other elementwise (a boolean tensor)") { try $0.eq($1) },
        binary("ne", "input != other elementwise") { try $0.ne($1) },
        binary("lt", "input < other elementwise") { try $0.lt($1) },
        binary("le", "input <= other elementwise") { try $0.le($1) },
        binary("gt", "input > other elementwise") { try $0.gt($1) },
        binary("ge", "input >= other elementwise") { try $0.ge($1) },
        Builtin(
            "allclose(input, other, rtol=1e-05, atol=1e-08)",
            "whether two tensors are equal within tolerances"
        ) {
            call in
            .bool(
                try call.tensorOrNumber("input").isClose(
                    to: try call.tensorOrNumber("other"), rtol: try call.double("rtol"),
                    atol: try call.double("atol")))
        },
        Builtin("equal(input, other)", "whether two tensors have the same shape and elements") { call in
            .bool(try call.tensor("input").isEqual(to: try call.tensor("other")))
        },
    ]

    static let reductions: [Builtin] = [
        Builtin("sum(input, dim=None, keepdim=False)", "the sum of all elements, or along dim") { call in
            // Python's `sum([1, 2, 3])` is the int 6 and `sum(xs, start)` starts from `start`;
            // torch.sum takes tensors.
            switch try call.value("input") {
            case .list(let items), .tuple(let items):
                var total = call.isNone("dim") ? Value.int(0) : try call.value("dim")
                for item in items {
                    total = try call.evaluator.binary(.add, total, item, at: call.range)
                }
                return total
            default: break
            }
            let input = try call.tensorOrNumber("input")
            guard let dims = try call.dims("dim") else { return .tensor(try input.sum()) }
            return .tensor(try input.sum(dims: dims, keepDim: try call.bool("keepdim")))
        },
        Builtin("mean(input, dim=None, keepdim=False)", "the mean of all elements, or along dim") { call in
            let input = try call.tensorOrNumber("input")
            guard let dims = try call.dims("dim") else { return .tensor(try input.mean()) }
            return .tensor(try input.mean(dims: dims, keepDim: try call.bool("keepdim")))
        },
    ]

    /// A builtin `name(input)` applying `operation` to one tensor.
    static func unary(
        _ name: String, _ summary: String, _ operation: @escaping @Sendable (Tensor) throws -> Tensor
    )
        -> Builtin
    {
        Builtin("\(name)(input)", summary) { call in .tensor(try operation(try call.tensorOrNumber("input")))
        }
    }

    /// A builtin `name(input, other)` applying `operation` to two tensors (numbers allowed).
    static func binary(
        _ name: String, _ summary: String, _ operation: @escaping @Sendable (Tensor, Tensor) throws -> Tensor
    ) -> Builtin {
        Builtin("\(name)(input, other)", summary) { call in
            let (input, other) = try binaryOperands(call)
            return .tensor(try operation(input, other))
        }
    }

    /// `input / other` rounded as `rounding_mode` says (`div`, `divide`, `div_`): None divides
    /// exactly (a real result), 'floor' and 'trunc' keep integer tensors integer, where a zero
    /// divisor is PyTorch's ZeroDivisionError.
    static func divided(_ input: Tensor, _ other: Tensor, _ call: Call) throws -> Tensor {
        let mode = try call.optionalString("rounding_mode")
        let integers = input.kind != .real && other.kind != .real
        if mode != nil, integers, try other.eq(Tensor(0)).sum().item() > 0 {
            throw LanguageError.said(.value, .integerDivisionByZero, at: call.range)
        }
        switch mode {
        case nil: return try input / other
        case "floor"?: return try Tensor.floorDivide(input, other)
        case "trunc"?:
            let quotient = try (input / other).truncated()
            let kind = ElementKind.promoted(input.kind, rank: input.rank, other.kind, rank: other.rank)
            return integers ? try quotient.converted(to: ScalarType(storage: .float32, kind: kind)) : quotient
        case let mode?:
            throw LanguageError.said(
                .value, .roundingMode, ["mode": mode], at: call.range(of: "rounding_mode"))
        }
    }

    /// Whether PyTorch writes a result of type `result` into a tensor of type `target` in place:
    /// not a real into an integer or bool tensor, nor an integer into a bool one.
    static func canCast(_ result: ScalarType, to target: ScalarType) -> Bool {
        if result.kind == .real { return target.kind == .real }
        return target.kind != .boolean || result.kind == .boolean
    }

    /// `alpha · other` for `add`/`sub` (and their in-place twins), in the type PyTorch gives it:
    /// an int `alpha` keeps integer tensors integer, a float `alpha` with integer (or bool)
    /// tensors on both sides is PyTorch's refusal, and between bools any nonzero `alpha` is 1.
    static func alphaScaled(_ other: Tensor, _ input: Tensor, _ call: Call) throws -> Tensor {
        let alpha = try call.value("alpha")
        let integral = input.kind != .real && other.kind != .real
        switch alpha {
        case .int(1), .bool(true): return other
        case .float where integral:
            throw LanguageError.said(.type, .alphaIntegral, at: call.range(of: "alpha"))
        case .int(let value) where integral:
            if input.kind == .boolean, other.kind == .boolean {
                return value == 0 ? try Tensor.zeros(other.shape).converted(to: .bool) : other
            }
            return try other * Tensor(value)
        case .bool(false) where integral:
            return try other * Tensor(0)
        default:
            let real = other.kind == .real ? other : try other.converted(to: input.scalarType)
            return try real * (try call.double("alpha"))
        }
    }

    /// `input` and `other` as tensors, a Python number taking the input's type as PyTorch's
    /// scalars do.
    static func binaryOperands(_ call: Call) throws -> (Tensor, Tensor) {
        let input = try call.tensorOrNumber("input")
        switch try call.value("other") {
        case .int(let value) where input.kind == .real:
            return (input, Tensor(Double(value), dtype: input.dtype))
        case .float(let value): return (input, Tensor(value, dtype: input.dtype))
        default: return (input, try call.tensorOrNumber("other"))
        }
    }
}
