#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The elementwise operations of one operand.
enum UnaryOperation: Sendable {
    case negate, exp, log, sqrt, abs, sign
    /// Limits to `[min, max]`; either bound may be absent. NaN stays NaN, as in PyTorch.
    case clamp(min: Double?, max: Double?)
}

/// Runs one `UnaryOperation` with the loop specialised for the scalar type.
struct UnaryKernel: ScalarKernel {
    let x: Tensor
    let operation: UnaryOperation

    func callAsFunction<T: TensorScalar>(_: T.Type) throws -> Tensor {
        switch operation {
        case .negate: return try run(kind: x.kind == .boolean ? .integer : x.kind) { (v: T) in -v }
        case .exp: return try run { (v: T) in T.exp(v) }
        case .log: return try run { (v: T) in T.log(v) }
        case .sqrt: return try run { (v: T) in v.squareRoot() }
        case .abs: return try run(kind: x.kind) { (v: T) in Swift.abs(v) }
        case .sign: return try run(kind: x.kind) { (v: T) in v > 0 ? 1 : (v < 0 ? -1 : v) }
        case .clamp(let low, let high):
            let lo = low.map { T($0) } ?? -T.infinity
            let hi = high.map { T($0) } ?? T.infinity
            let kind =
                x.kind == .real || low.map { $0 != $0.rounded() } == true
                    || high.map { $0 != $0.rounded() } == true
                ? ElementKind.real : (x.kind == .boolean ? .integer : x.kind)
            // PyTorch's clamp applies min first, then max: with min > max every element is max.
            return try run(kind: kind) { (v: T) in v.isNaN ? v : Swift.min(Swift.max(v, lo), hi) }
        }
    }

    @inline(__always)
    private func run<T: TensorScalar>(kind: ElementKind = .real, _ f: (T) -> T) throws -> Tensor {
        try ElementwiseKernels.unary(x, kind: kind, f)
    }
}
