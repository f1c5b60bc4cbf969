import Wording

/// Cross-entropy between logits and targets, PyTorch's `torch.nn.functional.cross_entropy`:
/// `log_softmax` over the class axis followed by the negative log-likelihood of the target.
///
/// Layouts: input (logits) `[batch, classes]`, `[batch, classes, d1, …]` or unbatched
/// `[classes]`. Target either class indices `[batch]` / `[batch, d1, …]` / `[]` (whole numbers
/// in `0 ..< classes`, or `ignoreIndex`), or class probabilities of the input's own shape.
/// With label smoothing ε the target puts `1 − ε + ε/C` on the true class and `ε/C` on the rest:
/// `loss = (1 − ε)·(−log p[target]) + ε·mean_c(−log p[c])`.
///
/// - Parameters:
///   - input: unnormalised scores (logits), one per class.
///   - target: class indices or probabilities.
///   - reduction: `.mean` averages over the targets that are not ignored; `.none` returns the
///     per-position losses in the target's shape.
///   - ignoreIndex: a class-index target with this value contributes nothing.
///   - labelSmoothing: ε in `[0, 1]`.
/// - Throws: `CNNError` for mismatched shapes, targets out of range or not whole numbers.
public func crossEntropy(
    _ input: Tensor, _ target: Tensor, reduction: Reduction = .mean, ignoreIndex: Int = -100,
    labelSmoothing: Double = 0
) throws -> Tensor {
    guard labelSmoothing >= 0 && labelSmoothing <= 1 else {
        throw CNNError.argument(.crossEntropyLabelSmoothingMust, ["labelSmoothing": labelSmoothing])
    }
    guard input.rank >= 1 else {
        throw CNNError.shape(.crossEntropyExpectsInputBatch)
    }
    let classAxis = input.rank == 1 ? 0 : 1
    let logProbabilities = try logSoftmax(input, dim: classAxis)
    if target.shape == input.shape && target.kind == .real {
        return try softTargetLoss(
            logProbabilities, target, classAxis: classAxis, reduction: reduction, labelSmoothing)
    }
    var expected = input.shape
    expected.remove(at: classAxis)
    guard target.shape == expected else {
        throw CNNError.shape(
            .crossEntropyExpectsTargetOf,
            ["expected": expected, "inputShape": input.shape, "targetShape": target.shape])
    }
    let classes = input.shape[classAxis]
    let indices = try classIndices(target, classes: classes, ignoreIndex: ignoreIndex)
    let batched = input.rank == 1 ? try logProbabilities.reshape([1, classes]) : logProbabilities
    let losses = try NLLOperation(
        targets: indices, batch: batched.shape[0], classes: classes,
        spatial: batched.shape.dropFirst(2).reduce(1, *),
        smoothing: labelSmoothing, ignoreIndex: ignoreIndex
    ).apply(batched, targetShape: target.shape)
    switch reduction {
    case .none: return losses
    case .sum: return try losses.sum()
    case .mean:
        let counted = indices.filter { $0 != ignoreIndex }.count
        return try losses.sum() / Double(counted)  // 0/0 = NaN when every target is ignored, as in PyTorch
    }
}

/// The class indices of `target`, checked to be whole numbers in range (or `ignoreIndex`).
func classIndices(_ target: Tensor, classes: Int, ignoreIndex: Int) throws -> [Int] {
    try target.scalarsAsDoubles().map { value in
        guard value.rounded() == value, abs(value) < 1e15 else {
            throw CNNError.argument(.crossEntropyTargetMustHold, ["value": value])
        }
        let index = Int(value)
        guard index == ignoreIndex || (index >= 0 && index < classes) else {
            throw CNNError.argument(
                .targetOutOfRange, ["index": index, "classes": classes, "last": classes - 1])
        }
        return index
    }
}

/// Cross-entropy against class probabilities: `−Σ_c t_c · log p_c` per position, with the
/// target smoothed towards uniform first. Built from primitives.
private func softTargetLoss(
    _ logProbabilities: Tensor, _ target: Tensor, classAxis: Int, reduction: Reduction, _ smoothing: Double
) throws -> Tensor {
    let classes = Double(logProbabilities.shape[classAxis])
    let smoothed = smoothing == 0 ? target : try target * (1 - smoothing) + smoothing / classes
    let losses = try -(smoothed * logProbabilities).sum(dim: classAxis)
    switch reduction {
    case .none: return losses
    case .sum: return try losses.sum()
    case .mean:
        // PyTorch averages over the batch and spatial positions (not over classes).
        return try losses.mean()
    }
}

/// The negative log-likelihood step over log-probabilities `[batch, classes, spatial]`.
struct NLLOperation: Sendable {
    let targets: [Int]
    let batch: Int
    let classes: Int
    let spatial: Int
    let smoothing: Double
    let ignoreIndex: Int

    /// Per-position losses, shaped like the target; gradient recorded.
    func apply(_ logProbabilities: Tensor, targetShape: [Int]) throws -> Tensor {
        func forward<T: TensorScalar>(_: T.Type) throws -> Tensor {
            try logProbabilities.withUnsafeBufferPointer(as: T.self) { lp in
                try Tensor(shape: targetShape, of: T.self) { out in
                    _ = ReferenceCrossEntropy.forward(
                        logProbabilities: lp, targets: targets, losses: out, batch: batch, classes: classes,
                        spatial: spatial, smoothing: T(smoothing), ignoreIndex: ignoreIndex)
                }
            }
        }
        let y = try logProbabilities.dtype == .float32 ? forward(Float.self) : forward(Double.self)
        let shape = logProbabilities.shape
        return y.recordingGradient(of: [logProbabilities], op: "nll_loss") { g in
            func backward<T: TensorScalar>(_: T.Type) throws -> Tensor {
                try g.withUnsafeBufferPointer(as: T.self) { gy in
                    try Tensor(shape: shape, of: T.self) { gx in
                        ReferenceCrossEntropy.backward(
                            gradLosses: gy, targets: targets, gradLogProbabilities: gx, batch: batch,
                            classes: classes,
                            spatial: spatial, smoothing: T(smoothing), ignoreIndex: ignoreIndex)
                    }
                }
            }
            return [try g.dtype == .float32 ? backward(Float.self) : backward(Double.self)]
        }
    }
}
