import Wording

/// Randomly zeroes elements while training, PyTorch's `torch.nn.functional.dropout`: each element
/// is kept with probability `1 − p` and then scaled by `1/(1 − p)`, so the expected value of
/// every element is unchanged and evaluation needs no rescaling.
///
/// The mask comes from `generator`, so the same seed drops the same elements on every machine.
/// In evaluation (`training: false`) or with `p = 0` the input is returned unchanged; with
/// `p = 1` everything is dropped. The gradient flows through the kept elements, scaled alike.
/// - Parameters:
///   - input: any tensor.
///   - p: the probability of dropping an element, in `[0, 1]`.
///   - training: whether to drop at all.
///   - generator: where the random draws come from.
/// - Throws: `CNNError` for `p` outside `[0, 1]`.
public func dropout<G: RandomNumberGenerator>(
    _ input: Tensor, p: Double = 0.5, training: Bool = true, using generator: inout G
) throws -> Tensor {
    guard p >= 0 && p <= 1 else {
        throw CNNError.argument(.dropoutProbabilityHasToBe, ["p": p])
    }
    guard training && p > 0 else { return input }
    let scale = p == 1 ? 0 : 1 / (1 - p)
    // One 53-bit uniform draw per element, in row-major order: keep when it lands below 1 − p.
    var keep = [Double](repeating: 0, count: input.count)
    for i in 0..<keep.count {
        let uniform = Double(generator.next() >> 11) * 0x1p-53
        keep[i] = uniform < 1 - p ? scale : 0
    }
    let mask = try Tensor(keep, shape: input.shape, dtype: input.dtype)
    return try input * mask
}
