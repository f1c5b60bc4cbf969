/// The memory behind one or more tensors: a contiguous, zero-initialised buffer of `count`
/// elements of `dtype`, accounted against the `ComputeBudget` in force when it was allocated.
///
/// Sendable by construction rather than by the compiler's proof (`@unchecked`): a storage is
/// written only while it is being filled by its creator, or through `Tensor`'s copy-on-write
/// mutators when it is uniquely referenced; once shared it is never written again.
final class TensorStorage: @unchecked Sendable {
    /// Storages at or below this size are not charged to the budget, so that scalar tensors can
    /// be created without `try`; they cannot add up to a memory problem on their own.
    static let uncountedBytes = 64
    /// Even without a budget, refuse single allocations past 1 TiB: they cannot succeed, and a
    /// failed allocation would trap instead of throwing.
    static let largestAllocation = 1 << 40

    let dtype: DType
    let count: Int
    let base: UnsafeMutableRawPointer
    /// The session memory this storage is charged to, released on deinit.
    private let memory: MemoryBudget?
    private let chargedBytes: Int

    /// Allocates memory for `count` elements, charging the current budget.
    ///
    /// `zeroed: false` skips the zero-fill, for a kernel that writes every element before anyone
    /// reads one: the fill is a pass over memory as long as a simple elementwise op itself.
    /// - Throws: `CNNError.tooLarge` / `.outOfMemory` when the budget refuses.
    init(count: Int, dtype: DType, shape: [Int], zeroed: Bool = true) throws(CNNError) {
        let (bytes, overflow) = count.multipliedReportingOverflow(by: dtype.byteCount)
        guard count >= 0 else { throw .argument(.negativeSize, ["shape": shape]) }
        try Tensor.checkRank(shape)
        let budget = ComputeBudget.current
        // The budget's own element limit first: its message names the limit the learner has.
        if let budget, count > budget.maxElements {
            throw .tooLarge(shape: shape, elements: count, limit: budget.maxElements)
        }
        guard !overflow, bytes <= Self.largestAllocation else {
            throw .tooLarge(shape: shape, elements: count, limit: Self.largestAllocation / dtype.byteCount)
        }
        var charged = 0
        if let budget, bytes > Self.uncountedBytes {
            try budget.reserve(elements: count, bytesPerElement: dtype.byteCount, shape: shape)
            charged = bytes
        }
        self.dtype = dtype
        self.count = count
        self.memory = charged > 0 ? budget?.memory : nil
        self.chargedBytes = charged
        self.base = UnsafeMutableRawPointer.allocate(byteCount: max(bytes, 1), alignment: 64)
        if zeroed { self.base.initializeMemory(as: UInt8.self, repeating: 0, count: max(bytes, 1)) }
    }

    /// Allocates a tiny storage without consulting the budget (see `uncountedBytes`).
    init(uncountedCount count: Int, dtype: DType) {
        // The engine's own invariant: callers pass constant tiny counts (a scalar).
        precondition(count * dtype.byteCount <= Self.uncountedBytes, "storage too large to be uncounted")
        self.dtype = dtype
        self.count = count
        self.memory = nil
        self.chargedBytes = 0
        let bytes = max(count * dtype.byteCount, 1)
        self.base = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
        self.base.initializeMemory(as: UInt8.self, repeating: 0, count: bytes)
    }

    deinit {
        base.deallocate()
        if chargedBytes > 0 { memory?.release(bytes: chargedBytes) }
    }

    /// The elements as `T`, which must be this storage's scalar type.
    @inline(__always)
    func pointer<T: TensorScalar>(as type: T.Type) -> UnsafeMutablePointer<T> {
        precondition(T.dtype == dtype, "storage holds \(dtype), accessed as \(T.dtype)")
        return base.assumingMemoryBound(to: T.self)
    }

    /// A fresh storage with the same elements (copy-on-write's copy), charged to the current budget.
    func copy(shape: [Int]) throws(CNNError) -> TensorStorage {
        let new = try TensorStorage(count: count, dtype: dtype, shape: shape)
        new.base.copyMemory(from: base, byteCount: count * dtype.byteCount)
        return new
    }
}
