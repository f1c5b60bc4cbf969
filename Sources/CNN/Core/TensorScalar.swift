/// The element types a tensor can hold.
///
/// `float32` is the engine's type for everything a learner runs; `float64` exists so gradients can
/// be checked by finite differences without Float32 rounding hiding real bugs (as PyTorch's
/// `gradcheck` insists on `torch.float64`).
public enum DType: String, Sendable, Hashable, CaseIterable {
    case float32
    case float64

    /// Bytes per element.
    public var byteCount: Int {
        switch self {
        case .float32: 4
        case .float64: 8
        }
    }
}

/// A floating-point type the engine's kernels are written over: `Float` or `Double`.
///
/// Kernels are generic over this protocol so that one readable implementation serves both the
/// fast Float32 path and the Float64 gradient checks.
public protocol TensorScalar: BinaryFloatingPoint, Sendable, Codable
where RawSignificand: FixedWidthInteger {
    /// The dtype tag of this scalar type.
    static var dtype: DType { get }
    static func exp(_ x: Self) -> Self
    static func log(_ x: Self) -> Self
    static func tanh(_ x: Self) -> Self
    static func pow(_ x: Self, _ y: Self) -> Self
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Float: TensorScalar {
    public static var dtype: DType { .float32 }
    @inlinable public static func exp(_ x: Float) -> Float { expf(x) }
    @inlinable public static func log(_ x: Float) -> Float { logf(x) }
    @inlinable public static func tanh(_ x: Float) -> Float { tanhf(x) }
    @inlinable public static func pow(_ x: Float, _ y: Float) -> Float { powf(x, y) }
}

extension Double: TensorScalar {
    public static var dtype: DType { .float64 }
    @inlinable public static func exp(_ x: Double) -> Double { Glibc.exp(x) }
    @inlinable public static func log(_ x: Double) -> Double { Glibc.log(x) }
    @inlinable public static func tanh(_ x: Double) -> Double { Glibc.tanh(x) }
    @inlinable public static func pow(_ x: Double, _ y: Double) -> Double { Glibc.pow(x, y) }
}
