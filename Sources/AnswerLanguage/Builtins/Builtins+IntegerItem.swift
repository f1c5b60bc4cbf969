import CNN

extension Builtins {
    /// The one element of an integer tensor as a Python int. The element is kept as floating
    /// point, so after an int64 overflow (`torch.tensor([2**62]) * 4`; PyTorch wraps around) it
    /// can lie past what an int holds: that is said where the number is asked for, never trapped on.
    static func integerItem(_ tensor: Tensor, _ call: Call) throws -> Int {
        let value = try tensor.item()
        guard let whole = Int(wholeNumber: value) else {
            throw LanguageError.said(.value, .integerOverflow, ["value": value], at: call.range)
        }
        return whole
    }
}
