import Wording

/// A fully connected layer's computation, PyTorch's `torch.nn.functional.linear`:
/// `y = x · weightᵀ + bias`.
///
/// Layout: input `[*, in_features]` (any number of leading axes), weight
/// `[out_features, in_features]`, bias `[out_features]`; output `[*, out_features]`.
/// Built from `matmul`, transpose and broadcasting addition, whose gradients it inherits.
/// - Throws: `CNNError` naming the expected and actual shapes when they do not fit.
public func linear(_ input: Tensor, _ weight: Tensor, bias: Tensor? = nil) throws -> Tensor {
    guard weight.rank == 2 else {
        throw CNNError.shape(.linearExpectsWeightOutFeatures, ["weightShape": weight.shape])
    }
    let (outFeatures, inFeatures) = (weight.shape[0], weight.shape[1])
    guard input.rank >= 1, input.shape.last == inFeatures else {
        throw CNNError.shape(
            .linearFeatures(inFeatures: inFeatures, weight: weight.shape, input: input.shape))
    }
    if let bias, bias.shape != [outFeatures] {
        throw CNNError.shape(
            .linearExpectsBiasOutFeatures, ["outFeatures": outFeatures, "biasShape": bias.shape])
    }
    try requireSameDType(input, weight, bias, function: "linear")
    let product = try input.matmul(weight.T)
    return try bias.map { try product + $0 } ?? product
}
