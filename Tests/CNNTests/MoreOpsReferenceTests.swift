import Testing

@testable import CNN

/// The ops added for issue #11 against PyTorch 2.15 (`Fixtures/more_reference.json`, float64:
/// forward and every input's gradient), and their backward by central differences.
@Suite struct MoreOpsReferenceTests {
    /// Calls our function for a `more_reference.json` case.
    static func run(_ c: TorchReference.Case, _ inputs: [String: Tensor]) throws -> Tensor {
        let x = inputs["input"]!
        let k = c.kwargs
        let reduction = try Reduction(k["reduction"]?.string ?? "mean")
        func integers(_ name: String) throws -> Tensor {
            try Tensor(c.inputs[name]!.integers, shape: c.inputs[name]!.shape)
        }
        func mask(_ name: String) throws -> Tensor { try integers(name).converted(to: .bool) }
        switch c.op {
        case "elu": return try elu(x, alpha: k["alpha"]?.double ?? 1)
        case "gelu": return try gelu(x, approximate: GELUApproximation(rawValue: k["approximate"]!.string)!)
        case "silu": return try silu(x)
        case "softplus":
            return try softplus(x, beta: k["beta"]?.double ?? 1, threshold: k["threshold"]?.double ?? 20)
        case "hardtanh":
            return try hardtanh(x, minValue: k["min_val"]!.double, maxValue: k["max_val"]!.double)
        case "clamp": return try x.clamp(min: k["min"]?.double, max: k["max"]?.double)
        case "l1_loss": return try l1Loss(x, inputs["target"]!, reduction: reduction)
        case "smooth_l1_loss":
            return try smoothL1Loss(x, inputs["target"]!, reduction: reduction, beta: k["beta"]?.double ?? 1)
        case "binary_cross_entropy":
            return try binaryCrossEntropy(
                x, inputs["target"]!, weight: inputs["weight"], reduction: reduction)
        case "binary_cross_entropy_with_logits":
            return try binaryCrossEntropyWithLogits(
                x, inputs["target"]!, weight: inputs["weight"], posWeight: inputs["pos_weight"],
                reduction: reduction)
        case "nll_loss":
            return try nllLoss(
                x, try integers("target"), weight: inputs["weight"], reduction: reduction,
                ignoreIndex: k["ignore_index"]?.int ?? -100)
        case "cross_entropy_weight":
            let target = c.inputs["target"]!.shape == x.shape ? inputs["target"]! : try integers("target")
            return try crossEntropy(x, target, weight: inputs["weight"]!, reduction: reduction)
        case "adaptive_max_pool2d":
            let (h, w) = k["output_size"]!.pair
            return try adaptiveMaxPool2d(x, outputSize: Size2D(h, w))
        case "prod": return try x.product(dim: k["dim"]?.int)
        case "norm":
            return try x.norm(p: k["p"]!.double, dims: k["dim"].map { [$0.int] })
        case "einsum":
            return try Tensor.einsum(k["equation"]!.string, [x] + (inputs["other"].map { [$0] } ?? []))
        case "masked_fill": return try x.maskedFill(try mask("mask"), k["value"]!.double)
        case "index_mask": return try x.indexed(advanced: [.tensor(try mask("mask"))])
        case "index_tensor":
            let index = try integers("index")
            return index.rank == 1
                ? try x.indexed(advanced: [.basic(.all), .tensor(index)])
                : try x.indexed(advanced: [.tensor(index)])
        case "repeat": return try x.repeated(k["sizes"]!.list)
        case "index_put":
            if c.inputs["mask"] != nil {
                return try x.replacing(advanced: [.tensor(try mask("mask"))], with: inputs["value"]!)
            }
            return try x.replacing(
                advanced: [.basic(.all), .tensor(try integers("index"))], with: inputs["value"]!)
        default: preconditionFailure("no Swift call for fixture op \(c.op)")
        }
    }

    /// Inputs that PyTorch differentiated, as float64 leaves; the others (weights, targets,
    /// masks, indices) as plain tensors.
    static func inputs(_ c: TorchReference.Case) throws -> [String: Tensor] {
        var inputs: [String: Tensor] = [:]
        for name in c.inputs.keys { inputs[name] = try c.input(name, requiresGrad: c.grads?[name] != nil) }
        return inputs
    }

    @Test(arguments: TorchReference.more)
    func matchesPyTorch(_ c: TorchReference.Case) throws {
        let inputs = try Self.inputs(c)
        let y = try Self.run(c, inputs)
        #expect(
            c.output.matches(y, tolerance: 1e-10), "\(c) forward: \(y.scalarsAsDoubles()) vs \(c.output.data)"
        )
        guard let grads = c.grads, y.requiresGrad else {
            #expect(c.grads == nil, "\(c): PyTorch has gradients, ours are missing")
            return
        }
        try c.backward(from: y)
        for (name, expected) in grads {
            #expect(expected.matches(inputs[name]!.grad, tolerance: 1e-10), "\(c) grad of \(name)")
        }
    }

    /// The cases whose backward a difference quotient can check: not the boundary cases (exactly
    /// where a difference quotient is not the derivative), and not softplus of inputs from −17 to
    /// 14, whose tiny slopes (4e-8) drown in the rounding of the large outputs' differences (that
    /// case is checked against PyTorch's gradient above).
    static let smoothCases = TorchReference.more.filter { c in
        !c.name.contains("boundar") && !c.name.contains("at 0") && !c.name.contains("zero")
            && !(c.op == "softplus" && c.name == "default")
    }

    /// Central differences in float64 for every differentiable input.
    @Test(arguments: smoothCases)
    func backwardMatchesCentralDifferences(_ c: TorchReference.Case) throws {
        let fixed = try Self.inputs(c)
        for name in (c.grads ?? [:]).keys.sorted() {
            let error = try gradcheck(
                { x in
                    var inputs = fixed
                    inputs[name] = x
                    return try Self.run(c, inputs)
                }, input: try c.input(name, requiresGrad: false))
            #expect(error < 1e-6, "\(c) d/d\(name): relative error \(error)")
        }
    }
}
