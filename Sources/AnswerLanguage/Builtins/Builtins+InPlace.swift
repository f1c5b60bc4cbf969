import CNN

/// PyTorch's in-place calls (`x.zero_()`, `w.data.copy_(t)`, `nn.init.zeros_(conv.weight)`) on a
/// language whose tensors are values.
///
/// The new value is written where the learner will look for it: into the layer's parameter when
/// the tensor is one (or its `.data`), and into every top-level name bound to the same tensor.
/// The evaluator also rebinds the receiver's own name (`Builtins.mutatingMethods`).
extension Builtins {
    /// Makes `replacement` (converted to the type and, broadcasting, to the shape of `original`)
    /// the value of `original`; returns it as the call's result.
    static func writeBack(_ original: Tensor, _ replacement: Tensor, _ call: Call) throws -> Tensor {
        var value = try replacement.detach().converted(to: original.scalarType)
        if value.shape != original.shape { value = try value.expand(to: original.shape).cloned() }
        let result: Tensor
        if let parameter = Parameter.owner(of: original), parameter.shape == original.shape {
            try parameter.assign(value)
            result = original.requiresGrad ? parameter.value : parameter.value.detach()
        } else {
            result = original.requiresGrad && original.isLeaf ? try value.requiringGrad() : value
        }
        try rebindNames(boundTo: original, call) { tensor in
            // A name bound to a leaf that requires grad keeps requiring it (`w.data.zero_()`).
            !tensor.requiresGrad
                ? result.detach()
                : result.requiresGrad ? result : try result.detach().requiringGrad()
        }
        return result
    }

    /// Every top-level name bound to `original` (a tensor of its shape sharing its storage or
    /// its graph node) rebound to `rebound(the tensor it names)`.
    static func rebindNames(
        boundTo original: Tensor, _ call: Call, _ rebound: (Tensor) throws -> Tensor
    ) rethrows {
        for (name, bound) in call.evaluator.globals {
            guard case .tensor(let tensor) = bound, tensor.shape == original.shape,
                tensor.sharesStorage(with: original) || tensor.sharesNode(with: original)
            else { continue }
            call.evaluator.globals[name] = .tensor(try rebound(tensor))
        }
    }

    /// PyTorch refuses in-place changes to a leaf that requires grad while gradients are
    /// recorded; `.data` or `torch.no_grad()` is the way around.
    static func checkInPlace(_ tensor: Tensor, _ call: Call) throws {
        if GradMode.isEnabled, tensor.requiresGrad, tensor.isLeaf {
            throw LanguageError(.value, .inPlaceOnLeaf, at: call.range)
        }
    }

    /// `name_(input, …)`: computes the new value with `body`, checks and writes it back.
    static func inPlace(
        _ signature: String, _ summary: String, _ body: @escaping @Sendable (Tensor, Call) throws -> Tensor
    ) -> Builtin {
        Builtin(signature, summary) { call in
            let input = try call.tensor("input")
            try checkInPlace(input, call)
            let replacement = try withNoGrad { try body(input, call) }
            return .tensor(try writeBack(input, replacement, call))
        }
    }

    /// `name_(input, other, …)` for arithmetic: `other` read as `+`'s operand is (a Python
    /// number takes the input's type), and a result the input cannot hold (`counts.add_(0.5)`,
    /// `x.div_(2)` on int64) is PyTorch's refusal rather than a silent cast.
    static func arithmeticInPlace(
        _ signature: String, _ summary: String,
        _ body: @escaping @Sendable (Tensor, Tensor, Call) throws -> Tensor
    ) -> Builtin {
        Builtin(signature, summary) { call in
            let (input, other) = try binaryOperands(call)
            try checkInPlace(input, call)
            let replacement = try withNoGrad { try body(input, other, call) }
            guard canCast(replacement.scalarType, to: input.scalarType) else {
                throw LanguageError.said(
                    .type, .inPlaceResultType,
                    [
                        "function": call.function, "result": replacement.scalarType.rawValue,
                        "dtype": input.scalarType.rawValue,
                    ], at: call.range)
            }
            return .tensor(try writeBack(input, replacement, call))
        }
    }

    /// Tensor methods that change their receiver.
    static let inPlaceMethods: [Builtin] = [
        inPlace("zero_(input)", "set every element to 0, in place") { input, _ in
            try Tensor.zeros(input.shape)
        },
        inPlace("fill_(input, value)", "set every element to value, in place") { input, call in
            try Tensor.full(input.shape, try call.double("value"))
        },
        inPlace("copy_(input, src)", "copy src's values (broadcast) into this tensor, in place") { _, call in
            try call.tensor("src")
        },
        arithmeticInPlace("add_(input, other, *_, alpha=1)", "add other·alpha, in place") {
            input, other, call in
            try input + alphaScaled(other, input, call)
        },
        arithmeticInPlace("sub_(input, other, *_, alpha=1)", "subtract other·alpha, in place") {
            input, other, call in
            try input - alphaScaled(other, input, call)
        },
        arithmeticInPlace("mul_(input, other)", "multiply by other, in place") { input, other, _ in
            try input * other
        },
        arithmeticInPlace(
            "div_(input, other, rounding_mode=None)",
            "divide by other (rounded as rounding_mode says), in place"
        ) { input, other, call in
            try divided(input, other, call)
        },
        inPlace("clamp_(input, min=None, max=None)", "limit every element to [min, max], in place") {
            input, call in
            try input.clamp(min: call.optionalDouble("min"), max: call.optionalDouble("max"))
        },
        inPlace("masked_fill_(input, mask, value)", "set value where mask is True, in place") { input, call in
            try input.maskedFill(call.tensor("mask"), call.double("value"))
        },
        inPlace("normal_(input, mean=0.0, std=1.0)", "fill with normal random numbers, in place") {
            input, call in
            try Tensor.randn(input.shape, dtype: input.dtype, using: &call.evaluator.generator)
                * call.double("std")
                + call.double("mean")
        },
        inPlace("uniform_(input, a=0.0, b=1.0)", "fill with uniform random numbers in [a, b), in place") {
            input, call in
            let (a, b) = (try call.double("a"), try call.double("b"))
            return try Tensor.rand(input.shape, dtype: input.dtype, using: &call.evaluator.generator)
                * (b - a) + a
        },
    ]
}
