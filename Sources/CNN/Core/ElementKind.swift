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
    /// 0 or 1 (PyTorch `bool`).
    case boolean

    /// The kind of `a ⊕ b` for `+ - *` and friends: real wins; integers and booleans give integers.
    static func promoted(_ a: ElementKind, _ b: ElementKind) -> ElementKind {
        if a == .real || b == .real { return .real }
        return .integer
    }
}
