import Wording

/// Mean squared error, PyTorch's `torch.nn.functional.mse_loss`: `(input − target)²`, averaged
/// (`.mean`), summed (`.sum`) or kept per element (`.none`).
///
/// `input` and `target` broadcast against each other, as in PyTorch (which warns when their
/// shapes differ, because that is usually a mistake). Built from subtraction, multiplication and
/// `mean`/`sum`, whose gradients it inherits.
/// - Throws: `CNNError` when the shapes cannot broadcast.
public func mseLoss(_ input: Tensor, _ target: Tensor, reduction: Reduction = .mean) throws -> Tensor {
    let difference: Tensor
    do {
        difference = try input - target
    } catch let error as CNNError where error.code == .shapeMismatch {
        throw CNNError.shape(.mseShapes, ["input": input.shape, "target": target.shape])
    }
    let squared = try difference * difference
    switch reduction {
    case .none: return squared
    case .mean: return try squared.mean()
    case .sum: return try squared.sum()
    }
}
