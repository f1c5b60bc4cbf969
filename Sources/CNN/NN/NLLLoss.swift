/// Negative log-likelihood of class indices, PyTorch's `torch.nn.functional.nll_loss`:
/// `−w[t]·input[t]` per position, where `input` already holds log-probabilities
/// (`log_softmax(x, dim=1)`); `cross_entropy(x, t, weight:)` is `nll_loss(log_softmax(x), t, weight:)`.
///
/// Layouts as `crossEntropy`: input `[batch, classes]`, `[batch, classes, d1, …]` or `[classes]`;
/// target `[batch]`, `[batch, d1, …]` or `[]` of whole numbers in `0 ..< classes` (or `ignoreIndex`).
/// `.mean` divides by the total weight of the targets that are not ignored (their count without
/// `weight`), as PyTorch does.
/// - Throws: `CNNError` for mismatched shapes, a weight that is not one value per class, targets
///   out of range or not whole numbers.
public func nllLoss(
    _ input: Tensor, _ target: Tensor, weight: Tensor? = nil, reduction: Reduction = .mean,
    ignoreIndex: Int = -100
) throws -> Tensor {
    guard input.rank >= 1 else {
        throw CNNError.shape(.nllLossScalarInput)
    }
    let classAxis = input.rank == 1 ? 0 : 1
    var expected = input.shape
    expected.remove(at: classAxis)
    guard target.shape == expected else {
        throw CNNError.shape(
            .nllLossTargetShape, ["expected": expected, "input": input.shape, "target": target.shape])
    }
    let classes = input.shape[classAxis]
    if let weight, weight.shape != [classes] {
        throw CNNError.shape(.classWeightShape, ["classes": classes, "weight": weight.shape])
    }
    let indices = try classIndices(target, classes: classes, ignoreIndex: ignoreIndex)
    let batched = input.rank == 1 ? try input.reshape([1, classes]) : input
    var losses = try NLLOperation(
        targets: indices, batch: batched.shape[0], classes: classes,
        spatial: batched.shape.dropFirst(2).reduce(1, *), smoothing: 0, ignoreIndex: ignoreIndex
    ).apply(batched, targetShape: target.shape)
    let weights = weight?.detach().scalarsAsDoubles()
    let perTarget = indices.map { $0 == ignoreIndex ? 0 : weights?[$0] ?? 1 }
    if weights != nil {
        let scale = try Tensor.filled(shape: target.shape, dtype: losses.dtype, kind: .real) { perTarget[$0] }
        losses = try losses * scale
    }
    switch reduction {
    case .none: return losses
    case .sum: return try losses.sum()
    // 0/0 = NaN when every target is ignored, as in PyTorch.
    case .mean: return try losses.sum() / perTarget.reduce(0, +)
    }
}

/// Cross-entropy with per-class weights (PyTorch `cross_entropy(…, weight=w)`): for class
/// indices `nll_loss(log_softmax(x), t, weight: w)`; for class probabilities
/// `−Σ_c w_c·t_c·log p_c` per position, averaged over positions.
/// - Throws: `CNNError` as `crossEntropy`, and for label smoothing together with weights (not
///   provided here).
public func crossEntropy(
    _ input: Tensor, _ target: Tensor, weight: Tensor, reduction: Reduction = .mean, ignoreIndex: Int = -100,
    labelSmoothing: Double = 0
) throws -> Tensor {
    guard labelSmoothing == 0 else {
        throw CNNError.argument(.crossEntropyWeightAndSmoothing)
    }
    guard input.rank >= 1 else {
        throw CNNError.shape(.crossEntropyScalarInput)
    }
    let classAxis = input.rank == 1 ? 0 : 1
    let classes = input.shape[classAxis]
    guard weight.shape == [classes] else {
        throw CNNError.shape(.classWeightShape, ["classes": classes, "weight": weight.shape])
    }
    let logProbabilities = try logSoftmax(input, dim: classAxis)
    guard target.shape == input.shape && target.kind == .real else {
        return try nllLoss(
            logProbabilities, target, weight: weight, reduction: reduction, ignoreIndex: ignoreIndex)
    }
    var weightShape = [Int](repeating: 1, count: input.rank)
    weightShape[classAxis] = classes
    let scaled = try target * weight.detach().to(input.dtype).reshape(weightShape)
    let losses = try -(scaled * logProbabilities).sum(dim: classAxis)
    switch reduction {
    case .none: return losses
    case .sum: return try losses.sum()
    case .mean: return try losses.mean()
    }
}
