import Wording

/// How a loss combines its per-element values, PyTorch's `reduction` argument.
public enum Reduction: String, Sendable, Hashable, CaseIterable {
    /// Every per-element loss, in the target's shape.
    case none
    /// The average (for `cross_entropy`, over the targets that are not ignored).
    case mean
    /// The total.
    case sum

    /// `'none'`, `'mean'` or `'sum'` as a learner writes it.
    /// - Throws: `CNNError` for any other name, listing the valid ones.
    public init(_ name: String) throws(CNNError) {
        guard let value = Reduction(rawValue: name) else {
            throw .argument(.isNotAValidValue, ["name": name])
        }
        self = value
    }
}
