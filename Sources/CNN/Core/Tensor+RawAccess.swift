/// Raw element access for kernel authors.
///
/// The pattern for a new op: write the kernel once, generic over `T: TensorScalar`, reading
/// inputs with `withUnsafeBufferPointer(as:)` and writing a fresh output through
/// `Tensor(shape:of:fill:)`; then pick `T` from the input's dtype with `DType.dispatch` (or a
/// two-case `switch x.dtype`); finally attach the backward with `recordingGradient(of:op:_:)`.
///
///     struct Square: ScalarKernel {
///         let x: Tensor
///         func callAsFunction<T: TensorScalar>(_: T.Type) throws -> Tensor {
///             try x.withUnsafeBufferPointer(as: T.self) { src in
///                 try Tensor(shape: x.shape, of: T.self) { out in
///                     for i in 0..<src.count { out[i] = src[i] * src[i] }
///                 }
///             }
///         }
///     }
///     func square(_ x: Tensor) throws -> Tensor {
///         let y = try x.dtype.dispatch(Square(x: x))
///         return y.recordingGradient(of: [x], op: "square") { g in [try g * x * 2] }
///     }
///
/// Long loops call `try ComputeBudget.checkpoint()` every few milliseconds of work (e.g. once per
/// output row) so that a cancel or a time limit is honoured promptly.
extension Tensor {
    /// Creates a tensor of `shape` holding `T` elements, letting `fill` write them.
    ///
    /// The buffer starts zeroed and holds `shape.product` elements in row-major order. The memory
    /// is charged to the current `ComputeBudget`.
    /// - Parameters:
    ///   - shape: the dimensions of the new tensor.
    ///   - of: the scalar type, which decides the dtype (`Float` → float32, `Double` → float64).
    ///   - kind: what the numbers mean; `.real` unless writing indices or flags.
    ///   - fill: writes the elements; it must not keep the buffer.
    /// - Throws: `CNNError` for an invalid shape or a budget refusal, or whatever `fill` throws.
    public init<T: TensorScalar>(
        shape: [Int], of: T.Type, kind: ElementKind = .real,
        fill: (UnsafeMutableBufferPointer<T>) throws -> Void
    ) throws {
        let count = try Tensor.checkedCount(shape)
        let storage = try TensorStorage(count: count, dtype: T.dtype, shape: shape)
        try fill(UnsafeMutableBufferPointer(start: storage.pointer(as: T.self), count: count))
        self.init(storage: storage, shape: shape, kind: kind)
    }

    /// Creates a tensor of `shape` whose buffer `fill` receives uninitialised and must write in
    /// full: for kernels that set every element, so that they do not pay for zeroing first.
    /// - Throws: `CNNError` for an invalid shape or a budget refusal, or whatever `fill` throws.
    init<T: TensorScalar, E: Error>(
        uninitializedShape shape: [Int], of: T.Type, kind: ElementKind = .real,
        fill: (UnsafeMutableBufferPointer<T>) throws(E) -> Void
    ) throws {
        let count = try Tensor.checkedCount(shape)
        let storage = try TensorStorage(count: count, dtype: T.dtype, shape: shape, zeroed: false)
        try fill(UnsafeMutableBufferPointer(start: storage.pointer(as: T.self), count: count))
        self.init(storage: storage, shape: shape, kind: kind)
    }

    /// Calls `body` with the elements in row-major order.
    ///
    /// `T` must match `dtype` (a mismatch is a bug in the calling kernel and traps).
    /// - Complexity: O(1); no copy is made.
    package func withUnsafeBufferPointer<T: TensorScalar, R>(
        as type: T.Type, _ body: (UnsafeBufferPointer<T>) throws -> R
    ) rethrows -> R {
        try body(UnsafeBufferPointer(start: storage.pointer(as: T.self), count: count))
    }

    /// Calls `body` with writable elements, first copying the storage if it is shared
    /// (copy-on-write). The autograd node is kept: this is how optimisers update parameters in
    /// place. Ops must not use it on tensors they did not create.
    /// - Throws: `CNNError` if the copy is refused by the budget, or whatever `body` throws.
    package mutating func withUnsafeMutableBufferPointer<T: TensorScalar, R>(
        as type: T.Type, _ body: (UnsafeMutableBufferPointer<T>) throws -> R
    ) throws -> R {
        if !isKnownUniquelyReferenced(&storage) {
            storage = try storage.copy(shape: shape)
        }
        return try body(UnsafeMutableBufferPointer(start: storage.pointer(as: T.self), count: count))
    }

    /// Calls `body` with the current elements and the buffer to write the new ones into: the same
    /// memory when the storage is not shared, else a fresh uninitialised storage that replaces it
    /// afterwards. The autograd node is kept. For in-place updates (an optimiser step) that read
    /// each element before writing it, sparing the copy that `withUnsafeMutableBufferPointer`
    /// would make of shared storage.
    /// - Throws: `CNNError` if the budget refuses the new storage, or whatever `body` throws.
    mutating func rewrite<T: TensorScalar, R>(
        as type: T.Type, _ body: (UnsafeBufferPointer<T>, UnsafeMutableBufferPointer<T>) throws -> R
    ) throws -> R {
        let old = UnsafeBufferPointer(start: storage.pointer(as: T.self), count: count)
        if isKnownUniquelyReferenced(&storage) {
            return try body(old, UnsafeMutableBufferPointer(mutating: old))
        }
        let fresh = try TensorStorage(count: count, dtype: T.dtype, shape: shape, zeroed: false)
        let result = try body(old, UnsafeMutableBufferPointer(start: fresh.pointer(as: T.self), count: count))
        storage = fresh
        return result
    }
}

/// A computation written once over the scalar type and run for a dtype chosen at run time by
/// `DType.dispatch(_:)`; see the example on `Tensor`'s raw-access extension.
public protocol ScalarKernel {
    /// What the kernel produces, usually a `Tensor`.
    associatedtype Result
    /// Runs the kernel with `T` as the element type.
    func callAsFunction<T: TensorScalar>(_ type: T.Type) throws -> Result
}

extension DType {
    /// Runs `kernel` specialised for this dtype's scalar type (`Float` or `Double`).
    public func dispatch<K: ScalarKernel>(_ kernel: K) throws -> K.Result {
        switch self {
        case .float32: try kernel(Float.self)
        case .float64: try kernel(Double.self)
        }
    }

    /// The dtype of `a ⊕ b`: float64 if either is, as PyTorch promotes.
    public static func promoted(_ a: DType, _ b: DType) -> DType {
        a == .float64 || b == .float64 ? .float64 : .float32
    }
}
