/// What the numbers of a tensor mean, on top of their storage dtype.
///
/// The engine stores every tensor as `float32` or `float64`, but PyTorch also has integer
/// (`arange(5)`, `argmax`, `randint`) and boolean (`x > 0`) tensors, and prints them differently:
/// `tensor([0, 1, 2])`, `tensor([True, False])`. The kind carries that meaning so printing,
/// `requiresGrad` and arithmetic promotion can follow PyTorch while kernels stay floating-point.
/// Integer values are exact in `float32` up to 2^24 = 16,777,216.
public enum ElementKind: String, Sendable, Hashable {
    /// Ordinary floating-point numbers.
    case real
    /// Whole numbers (PyTorch `int64`).
    case integer
    /// Whole numbers PyTorch keeps as `int32` (`.int()`, `dtype=torch.int32`): the same exact
    /// float32 storage as `integer`, but PyTorch prints, promotes and reports them as `int32`.
    case integer32
    /// 0 or 1 (PyTorch `bool`).
    case boolean

    /// Whether the numbers are whole (`int64` or `int32`).
    public var isIntegral: Bool { self == .integer || self == .integer32 }

    /// The kind of `a ⊕ b` for `+ - *` and friends: real wins; `int32` with `int32` or `bool`
    /// stays `int32` (PyTorch's promotion lattice); any other integers and booleans give `int64`.
    public static func promoted(_ a: ElementKind, _ b: ElementKind) -> ElementKind {
        if a == .real || b == .real { return .real }
        if (a == .integer32 || b == .integer32) && a != .integer && b != .integer { return .integer32 }
        return .integer
    }

    /// The kind of `a ⊕ b` where PyTorch's rule for dimensioned and 0-d operands applies: a 0-d
    /// tensor (or a Python number) beside a dimensioned tensor of the same category (integral or
    /// real) does not widen it, so `x_int32 + 1` stays `int32`.
    public static func promoted(_ a: ElementKind, rank aRank: Int, _ b: ElementKind, rank bRank: Int)
        -> ElementKind
    {
        let kind = promoted(a, b)
        guard kind.isIntegral, (aRank == 0) != (bRank == 0) else { return kind }
        let dimensioned = aRank == 0 ? b : a
        return dimensioned.isIntegral ? dimensioned : kind
    }
}
