@testable import CNN

extension FixtureCalls {
    /// The fixture ops that are not convolutions, pooling or activations.
    static func runLayerOrLoss(_ c: TorchReference.Case, _ inputs: [String: Tensor]) throws -> Tensor {
        preconditionFailure("no Swift call for fixture op \(c.op)")
    }
}
