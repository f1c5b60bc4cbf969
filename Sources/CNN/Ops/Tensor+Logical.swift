/// Bitwise and logical operations on integer and boolean tensors (PyTorch `&`, `|`, `^`, `~`,
/// `any`, `all`): how masks are combined, `(x > 0) & (x < 1)`.
///
/// Like PyTorch they refuse floating-point tensors. Booleans with booleans give booleans; any
/// integer operand gives an integer. None of them is differentiable.
extension Tensor {
    /// `a & b` elementwise with broadcasting (PyTorch `torch.bitwise_and`).
    /// - Throws: `CNNError` for a floating-point operand or shapes that do not broadcast.
    public static func bitwiseAnd(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        try bitwise(a, b, .bitAnd, "bitwise_and")
    }

    /// `a | b` elementwise with broadcasting (PyTorch `torch.bitwise_or`).
    /// - Throws: `CNNError` for a floating-point operand or shapes that do not broadcast.
    public static func bitwiseOr(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        try bitwise(a, b, .bitOr, "bitwise_or")
    }

    /// `a ^ b` elementwise with broadcasting (PyTorch `torch.bitwise_xor`).
    /// - Throws: `CNNError` for a floating-point operand or shapes that do not broadcast.
    public static func bitwiseXor(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        try bitwise(a, b, .bitXor, "bitwise_xor")
    }

    private static func bitwise(_ a: Tensor, _ b: Tensor, _ operation: BinaryOperation, _ name: String)
        throws -> Tensor
    {
        guard a.kind != .real, b.kind != .real else {
            throw CNNError.argument(
                .bitwiseNeedsIntegers,
                ["function": name, "dtype": a.kind == .real ? a.scalarType : b.scalarType])
        }
        return try elementwise(a.detach(), b.detach(), operation)
    }

    /// `~x` (PyTorch `torch.bitwise_not`): logical not of a bool tensor, `−x − 1` of an integer one.
    /// - Throws: `CNNError` for a floating-point tensor.
    public func bitwiseNot() throws -> Tensor {
        switch kind {
        case .boolean:
            return try Tensor.elementwise(detach(), Tensor(scalar: 0, dtype: dtype, kind: .boolean), .equal)
        case .integer, .integer32, .int16, .int8, .uint8:
            var result = try (-detach()) - Tensor(1)
            result.kind = kind
            return result
        case .real:
            throw CNNError.argument(.bitwiseNotNeedsIntegers, ["dtype": scalarType])
        }
    }

    /// Whether any element is nonzero (PyTorch `any()`), a 0-d bool tensor; along `dim` when given.
    /// - Throws: `CNNError` for an out-of-range `dim`.
    public func any(dim: Int? = nil, keepDim: Bool = false) throws -> Tensor {
        let flags = try detach().converted(to: .bool).converted(to: .float32)
        let counted = try dim.map { try flags.sum(dim: $0, keepDim: keepDim) } ?? flags.sum()
        return try (counted > 0)
    }

    /// Whether every element is nonzero (PyTorch `all()`), a 0-d bool tensor; along `dim` when given.
    /// - Throws: `CNNError` for an out-of-range `dim`.
    public func all(dim: Int? = nil, keepDim: Bool = false) throws -> Tensor {
        let misses = try detach().converted(to: .bool).bitwiseNot().converted(to: .float32)
        let counted = try dim.map { try misses.sum(dim: $0, keepDim: keepDim) } ?? misses.sum()
        return try (counted .== 0)
    }
}
