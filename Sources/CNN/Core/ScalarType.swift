import Wording

/// A PyTorch dtype as a learner sees it (`torch.float32`, `torch.int64`, `torch.bool`): the
/// storage type (`DType`) and what the numbers mean (`ElementKind`) together.
///
/// Integers and booleans are stored as `float32` (see `ElementKind`): every integer of magnitude
/// up to 2^24 = 16,777,216 is exact, which covers indices, labels, counts and shapes of any
/// tensor the element limit allows; larger integers are rounded to float32 as they are stored.
/// That is the engine's deliberate difference from PyTorch's 64-bit integers.
public enum ScalarType: String, Sendable, Hashable, CaseIterable {
    case float32
    case float64
    case int64
    case int32
    case int16
    case int8
    case uint8
    case bool

    /// The dtype that holds the numbers.
    public var storage: DType { self == .float64 ? .float64 : .float32 }

    /// What the numbers mean.
    public var kind: ElementKind {
        switch self {
        case .float32, .float64: .real
        case .int64: .integer
        case .int32: .integer32
        case .int16: .int16
        case .int8: .int8
        case .uint8: .uint8
        case .bool: .boolean
        }
    }

    /// Whether this is a floating-point type (the only ones that can require gradients).
    public var isFloatingPoint: Bool { kind == .real }

    /// The type of a tensor with this storage and kind.
    public init(storage: DType, kind: ElementKind) {
        switch kind {
        case .real: self = storage == .float64 ? .float64 : .float32
        case .integer: self = .int64
        case .integer32: self = .int32
        case .int16: self = .int16
        case .int8: self = .int8
        case .uint8: self = .uint8
        case .boolean: self = .bool
        }
    }
}

extension Tensor {
    /// PyTorch's dtype of this tensor: `float32`/`float64` for real numbers, `int64`, `int32`, `bool`.
    public var scalarType: ScalarType { ScalarType(storage: dtype, kind: kind) }

    /// This tensor converted to `type` (PyTorch `.to(dtype)`, `.long()`, `.bool()`, …): reals
    /// become integers by truncation toward zero (NaN becomes 0, infinities the largest float32
    /// integer of their sign), anything becomes `bool` as `x != 0`, integers and booleans become
    /// reals exactly; to `int64` the numbers are kept, to a narrower integer (`int32`, `int16`,
    /// `int8`, `uint8`) they wrap around its range as PyTorch's casts do. Returns `self` when the type is already `type`. Gradients flow only between
    /// floating-point types; a conversion to `int64` or `bool` is cut from the graph, as in PyTorch.
    /// - Throws: `CNNError` if the budget refuses the memory.
    public func converted(to type: ScalarType) throws -> Tensor {
        if type == scalarType { return self }
        if type.isFloatingPoint {
            var result = try to(type.storage)
            result.kind = .real
            return result
        }
        if type.kind.isIntegral && kind.isIntegral && !type.kind.wraps {
            var result = detach()
            result.kind = type.kind
            return result
        }
        // Read in place (a copy out as an array would hold memory the budget does not count).
        let source = try detach().to(DType.float32)
        let largest = Float(Int64(1) << 62)
        return try source.withUnsafeBufferPointer(as: Float.self) { values in
            try Tensor(shape: shape, of: Float.self, kind: type.kind) { out in
                try ElementwiseKernels.forEachChunk(count: values.count) { range in
                    for i in range {
                        let v = values[i]
                        switch type {
                        case .bool: out[i] = v != 0 ? 1 : 0
                        // Narrowing wraps as C casts do (`300` is `44` as `uint8`, `-1` is `255`).
                        case _ where type.kind.wraps: out[i] = type.kind.wrapped(v)
                        default:
                            out[i] =
                                v.isNaN ? 0 : Swift.min(Swift.max(v, -largest), largest).rounded(.towardZero)
                        }
                    }
                }
            }
        }
    }
}

extension Tensor {
    /// A copy with its own storage, the same type and the gradient flowing back unchanged
    /// (PyTorch `clone()`).
    /// - Throws: `CNNError` if the budget refuses the memory.
    public func cloned() throws -> Tensor {
        let copy = Tensor(storage: try storage.copy(shape: shape), shape: shape, kind: kind)
        return copy.recordingGradient(of: [self], op: "clone") { g in [g] }
    }
}

extension Tensor {
    /// Whether both tensors read the same memory (one is a reshape, `.detach()`, `.data` or copy
    /// of the other), which is how the language finds the parameter an in-place call meant.
    public func sharesStorage(with other: Tensor) -> Bool { storage === other.storage }

    /// Whether both tensors are the same autograd leaf (or both the same non-leaf output).
    public func sharesNode(with other: Tensor) -> Bool {
        guard let node, let otherNode = other.node else { return false }
        return node === otherNode
    }
}

/// In a sentence, a scalar type is its PyTorch name (`float32`, `int64`, `bool`).
extension ScalarType: MessageArgument {
    public var messageValue: MessageValue { .text(rawValue) }
}
