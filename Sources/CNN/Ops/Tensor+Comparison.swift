/// Elementwise comparisons with broadcasting.
///
/// The results are boolean tensors (`kind == .boolean`, stored as float32 0 and 1), printed like
/// PyTorch's `tensor([True, False])`. Use `.float()` to compute with them as numbers; arithmetic
/// on them directly treats them as integers. Comparisons are not differentiable: the result never
/// requires grad.
extension Tensor {
    /// `self == other` elementwise (PyTorch `torch.eq`).
    public func eq(_ other: Tensor) throws -> Tensor { try Tensor.elementwise(self, other, .equal) }
    /// `self != other` elementwise (PyTorch `torch.ne`).
    public func ne(_ other: Tensor) throws -> Tensor { try Tensor.elementwise(self, other, .notEqual) }
    /// `self < other` elementwise (PyTorch `torch.lt`).
    public func lt(_ other: Tensor) throws -> Tensor { try Tensor.elementwise(self, other, .less) }
    /// `self <= other` elementwise (PyTorch `torch.le`).
    public func le(_ other: Tensor) throws -> Tensor { try Tensor.elementwise(self, other, .lessEqual) }
    /// `self > other` elementwise (PyTorch `torch.gt`).
    public func gt(_ other: Tensor) throws -> Tensor { try Tensor.elementwise(self, other, .greater) }
    /// `self >= other` elementwise (PyTorch `torch.ge`).
    public func ge(_ other: Tensor) throws -> Tensor { try Tensor.elementwise(self, other, .greaterEqual) }

    /// Elementwise `==` (the `.==` spelling of SIMD types, since `==` on two tensors is not a Bool).
    public static func .== (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.eq(rhs) }
    /// Elementwise `!=`.
    public static func .!= (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.ne(rhs) }
    /// Elementwise `<`.
    public static func < (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.lt(rhs) }
    /// Elementwise `<=`.
    public static func <= (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.le(rhs) }
    /// Elementwise `>`.
    public static func > (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.gt(rhs) }
    /// Elementwise `>=`.
    public static func >= (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.ge(rhs) }

    /// Elementwise `== value`.
    public static func .== (lhs: Tensor, rhs: Double) throws -> Tensor { try lhs.eq(lhs.scalarLike(rhs)) }
    /// Elementwise `!= value`.
    public static func .!= (lhs: Tensor, rhs: Double) throws -> Tensor { try lhs.ne(lhs.scalarLike(rhs)) }
    /// Elementwise `< value`.
    public static func < (lhs: Tensor, rhs: Double) throws -> Tensor { try lhs.lt(lhs.scalarLike(rhs)) }
    /// Elementwise `<= value`.
    public static func <= (lhs: Tensor, rhs: Double) throws -> Tensor { try lhs.le(lhs.scalarLike(rhs)) }
    /// Elementwise `> value`.
    public static func > (lhs: Tensor, rhs: Double) throws -> Tensor { try lhs.gt(lhs.scalarLike(rhs)) }
    /// Elementwise `>= value`.
    public static func >= (lhs: Tensor, rhs: Double) throws -> Tensor { try lhs.ge(lhs.scalarLike(rhs)) }

    /// Whether both tensors have the same shape and the same values (PyTorch `torch.equal`).
    public func isEqual(to other: Tensor) -> Bool {
        shape == other.shape && scalarsAsDoubles() == other.scalarsAsDoubles()
    }

    /// Whether `|self − other| ≤ atol + rtol·|other|` everywhere after broadcasting (PyTorch
    /// `torch.allclose`, NaN never close).
    /// - Throws: `CNNError` when the shapes cannot be broadcast.
    public func isClose(to other: Tensor, rtol: Double = 1e-5, atol: Double = 1e-8) throws -> Bool {
        let shape = try Broadcasting.shape(self.shape, other.shape)
        let a = try withNoGrad { try expand(to: shape) }.scalarsAsDoubles()
        let b = try withNoGrad { try other.expand(to: shape) }.scalarsAsDoubles()
        return zip(a, b).allSatisfy { x, y in
            x == y || Swift.abs(x - y) <= atol + rtol * Swift.abs(y)
        }
    }
}
