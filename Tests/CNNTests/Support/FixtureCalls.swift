import Testing

@testable import CNN

/// Calls our function for a PyTorch fixture case, translating its keyword arguments.
enum FixtureCalls {
    static func size(_ value: TorchReference.Value?) -> Size2D? {
        value.map { Size2D($0.pair.0, $0.pair.1) }
    }

    /// Runs the case's op on `inputs` (same names as the fixture's).
    static func run(_ c: TorchReference.Case, _ inputs: [String: Tensor]) throws -> Tensor {
        let x = inputs["input"]!
        let k = c.kwargs
        switch c.op {
        case "conv2d", "conv1d":
            return try Conv2dTests.call(c, x, inputs["weight"]!, inputs["bias"])
        case "pad":
            return try pad(
                x, k["pad"]!.list, mode: PadMode(rawValue: k["mode"]?.string ?? "constant")!,
                value: k["value"]?.double)
        case "max_pool2d":
            return try maxPool2d(
                x, kernelSize: size(k["kernel_size"])!, stride: size(k["stride"]),
                padding: size(k["padding"]) ?? 0,
                dilation: size(k["dilation"]) ?? 1, ceilMode: k["ceil_mode"]?.bool ?? false)
        case "avg_pool2d":
            return try avgPool2d(
                x, kernelSize: size(k["kernel_size"])!, stride: size(k["stride"]),
                padding: size(k["padding"]) ?? 0,
                ceilMode: k["ceil_mode"]?.bool ?? false,
                countIncludePad: k["count_include_pad"]?.bool ?? true,
                divisorOverride: k["divisor_override"]?.int)
        case "adaptive_avg_pool2d":
            return try adaptiveAvgPool2d(x, outputSize: size(k["output_size"])!)
        case "relu": return try relu(x)
        case "leaky_relu": return try leakyRelu(x, negativeSlope: k["negative_slope"]!.double)
        case "sigmoid": return try sigmoid(x)
        case "tanh": return try tanh(x)
        case "softmax": return try softmax(x, dim: k["dim"]!.int)
        case "log_softmax": return try logSoftmax(x, dim: k["dim"]!.int)
        default:
            return try runLayerOrLoss(c, inputs)
        }
    }

    /// Runs a case in float64 with every real input requiring grad, backpropagates the fixture's
    /// upstream gradient, and checks the output and every gradient PyTorch recorded.
    static func verify(
        _ c: TorchReference.Case, tolerance: Double = 1e-12, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        var inputs: [String: Tensor] = [:]
        for name in c.inputs.keys {
            let wantsGrad = c.grads?[name] != nil
            inputs[name] = try c.input(name, requiresGrad: wantsGrad)
        }
        let y = try run(c, inputs)
        #expect(c.output.matches(y, tolerance: tolerance), "\(c) forward", sourceLocation: sourceLocation)
        guard let grads = c.grads, y.requiresGrad else { return }
        try c.backward(from: y)
        for (name, expected) in grads {
            #expect(
                expected.matches(inputs[name]!.grad, tolerance: tolerance), "\(c) grad of \(name)",
                sourceLocation: sourceLocation)
        }
    }
}
