/// The elementwise operations of two broadcast operands.
enum BinaryOperation: Sendable {
    case add, subtract, multiply, divide, power, maximum, minimum, floorDivide, remainder
    case equal, notEqual, less, lessEqual, greater, greaterEqual
    case bitAnd, bitOr, bitXor

    /// The kind of the result given the operands' kinds and ranks: a 0-d integer operand does not
    /// widen a dimensioned `int32` one (PyTorch's rule for 0-d tensors and Python numbers).
    func resultKind(_ a: ElementKind, rank aRank: Int, _ b: ElementKind, rank bRank: Int) -> ElementKind {
        let kind = resultKind(a, b)
        guard kind.isIntegral, a != .boolean || b != .boolean else { return kind }
        return ElementKind.promoted(a, rank: aRank, b, rank: bRank)
    }

    /// The kind of the result given the operands' kinds (see `ElementKind`).
    func resultKind(_ a: ElementKind, _ b: ElementKind) -> ElementKind {
        switch self {
        case .divide: .real  // true division, as Python 3 and PyTorch's `/`
        case .power, .floorDivide, .remainder: ElementKind.promoted(a, b)
        case .add, .subtract, .multiply, .maximum, .minimum: ElementKind.promoted(a, b)
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual: .boolean
        case .bitAnd, .bitOr, .bitXor: a == .boolean && b == .boolean ? .boolean : ElementKind.promoted(a, b)
        }
    }
}

/// Runs one `BinaryOperation` with the loop specialised for the scalar type.
struct BinaryKernel: ScalarKernel {
    let a: Tensor
    let b: Tensor
    let operation: BinaryOperation
    let shape: [Int]
    let kind: ElementKind

    func callAsFunction<T: TensorScalar>(_: T.Type) throws -> Tensor {
        switch operation {
        case .add: try run { (x: T, y: T) in x + y }
        case .subtract: try run { (x: T, y: T) in x - y }
        case .multiply: try run { (x: T, y: T) in x * y }
        case .divide: try run { (x: T, y: T) in x / y }
        case .power: try run { (x: T, y: T) in T.pow(x, y) }
        case .floorDivide: try run { (x: T, y: T) in (x / y).rounded(.down) }
        // Python's `%`: the remainder takes the sign of the divisor.
        case .remainder:
            try run { (x: T, y: T) in
                let r = x.truncatingRemainder(dividingBy: y)
                return r != 0 && (r < 0) != (y < 0) ? r + y : r
            }
        // torch.maximum/minimum propagate NaN rather than picking the other operand.
        case .maximum: try run { (x: T, y: T) in x.isNaN || y.isNaN ? T.nan : (x > y ? x : y) }
        case .minimum: try run { (x: T, y: T) in x.isNaN || y.isNaN ? T.nan : (x < y ? x : y) }
        case .equal: try run { (x: T, y: T) in x == y ? 1 : 0 }
        case .notEqual: try run { (x: T, y: T) in x != y ? 1 : 0 }
        case .less: try run { (x: T, y: T) in x < y ? 1 : 0 }
        case .lessEqual: try run { (x: T, y: T) in x <= y ? 1 : 0 }
        case .greater: try run { (x: T, y: T) in x > y ? 1 : 0 }
        case .greaterEqual: try run { (x: T, y: T) in x >= y ? 1 : 0 }
        // Integer operands only (checked by the callers): whole, but past int64's range after an
        // overflow, which is held to it rather than trapped on.
        case .bitAnd: try run { (x: T, y: T) in T(Self.bits(x) & Self.bits(y)) }
        case .bitOr: try run { (x: T, y: T) in T(Self.bits(x) | Self.bits(y)) }
        case .bitXor: try run { (x: T, y: T) in T(Self.bits(x) ^ Self.bits(y)) }
        }
    }

    /// An integer element as int64's bits, held to int64's range.
    @inline(__always)
    private static func bits<T: TensorScalar>(_ x: T) -> Int { Int(saturating: Double(x)) }

    @inline(__always)
    private func run<T: TensorScalar>(_ f: (T, T) -> T) throws -> Tensor {
        try ElementwiseKernels.binary(a, b, shape: shape, kind: kind, f)
    }
}

extension Tensor {
    /// The forward value of `a ⊕ b` with broadcasting and dtype promotion, without autograd.
    static func elementwise(_ a: Tensor, _ b: Tensor, _ operation: BinaryOperation) throws -> Tensor {
        let shape = try Broadcasting.shape(a.shape, b.shape)
        let dtype = DType.promoted(a.dtype, b.dtype)
        let kernel = BinaryKernel(
            a: try a.detach().to(dtype), b: try b.detach().to(dtype), operation: operation, shape: shape,
            kind: operation.resultKind(a.kind, rank: a.rank, b.kind, rank: b.rank))
        return try dtype.dispatch(kernel)
    }

    /// A scalar tensor holding `value` with this tensor's dtype, so `x ⊕ value` keeps `x.dtype`
    /// as PyTorch does for Python numbers.
    func scalarLike(_ value: Double) -> Tensor {
        Tensor(scalar: value, dtype: dtype, kind: .real)
    }
}
