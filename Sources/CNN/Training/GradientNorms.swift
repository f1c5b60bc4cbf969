/// The size of each layer's weight gradient on one batch: how the vanishing-gradient lesson shows
/// gradients shrinking from the output back to the input.
///
/// Forgets the model's gradients, runs `model(x)` in the model's current mode, back-propagates
/// the mean cross-entropy loss against labels `y`, and returns, for every `Conv2d`,
/// `ConvTranspose2d` and `Linear` layer in model order (input side first), its dotted name and
/// the L2 norm
/// `√(Σ ∂L/∂wᵢ²)` of its weight gradient (computed in Double). The gradients stay on the
/// parameters afterwards, as after a PyTorch `loss.backward()`. Batch-norm scales are not
/// "layers with weights" here: only the convolutions and linear maps are listed.
/// - Parameters:
///   - model: a classifier with logits `[batch, classes]`.
///   - x: a batch of inputs.
///   - y: the labels `[batch]` (an integer tensor).
/// - Throws: `CNNError` from the forward or backward pass.
public func gradNorms(_ model: any Layer, _ x: Tensor, _ y: Tensor) throws -> [(
    name: String, norm: Double
)] {
    model.zeroGrad()
    let loss = try crossEntropy(model(x), y)
    try loss.backward()
    var norms: [(name: String, norm: Double)] = []
    for (name, layer) in model.namedLayers {
        let weight: Parameter
        switch layer {
        case let conv as Conv2d: weight = conv.weight
        case let conv as ConvTranspose2d: weight = conv.weight
        case let linear as Linear: weight = linear.weight
        default: continue
        }
        let gradient = try weight.grad.map { try $0.to(.float64).elements(as: Double.self) } ?? []
        norms.append(
            (name.isEmpty ? layer.typeName : name, gradient.reduce(0) { $0 + $1 * $1 }.squareRoot()))
    }
    return norms
}
