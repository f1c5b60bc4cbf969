import CNN

/// Tensor functions notebooks reach for beyond the core vocabulary: `torch.fmod`, `x.nansum()`,
/// and `x.multinomial(n)` as a method (PyTorch has it both ways).
extension Builtins {
    /// Under `torch.` and as tensor methods.
    static let notebookExtras: [Builtin] = [
        Builtin("fmod(input, other)", "the remainder of input / other with the sign of input (C's fmod)") {
            call in
            let (input, other) = try binaryOperands(call)
            let integers = input.kind != .real && other.kind != .real
            // PyTorch raises on an integer fmod by zero, as for `%`.
            if integers, try other.eq(Tensor(0)).sum().item() > 0 {
                throw LanguageError.said(.value, .integerDivisionByZero, at: call.range)
            }
            let result = try input - (input / other).truncated() * other
            guard integers else { return .tensor(result) }
            let kind = ElementKind.promoted(input.kind, rank: input.rank, other.kind, rank: other.rank)
            return .tensor(try result.converted(to: ScalarType(storage: .float32, kind: kind)))
        },
        Builtin("nansum(input, dim=None, keepdim=False)", "the sum of the elements, NaN counted as zero") {
            call in
            let input = try call.tensor("input")
            let cleaned =
                input.kind == .real
                ? try Tensor.where(input.ne(input), Tensor(0.0, dtype: input.dtype), input) : input
            guard let dims = try call.dims("dim") else { return .tensor(try cleaned.sum()) }
            return .tensor(try cleaned.sum(dims: dims, keepDim: try call.bool("keepdim")))
        },
    ]

    /// `x.multinomial(n)`: `torch.multinomial` as a method.
    static let notebookExtraMethods: [Builtin] = sampling.filter { $0.name == "multinomial" }
}
