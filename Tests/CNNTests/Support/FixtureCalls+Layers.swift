@testable import CNN

extension FixtureCalls {
    /// The fixture ops that are not convolutions, pooling or activations.
    static func runLayerOrLoss(_ c: TorchReference.Case, _ inputs: [String: Tensor]) throws -> Tensor {
        let x = inputs["input"]!
        let k = c.kwargs
        switch c.op {
        case "linear":
            return try linear(x, inputs["weight"]!, bias: inputs["bias"])
        case "cross_entropy":
            // Class indices are integers in PyTorch; the fixture stores them as numbers.
            let target = try Tensor(c.inputs["target"]!.integers, shape: c.inputs["target"]!.shape)
            return try crossEntropy(
                x, target, reduction: Reduction(k["reduction"]?.string ?? "mean"),
                labelSmoothing: k["label_smoothing"]?.double ?? 0)
        case "mse_loss":
            return try mseLoss(x, inputs["target"]!, reduction: Reduction(k["reduction"]?.string ?? "mean"))
        default:
            preconditionFailure("no Swift call for fixture op \(c.op)")
        }
    }
}
