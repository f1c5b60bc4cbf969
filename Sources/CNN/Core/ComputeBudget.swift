import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Limits on one evaluation: how large a tensor may be, how much memory all live tensors may hold,
/// a wall-clock deadline, and a flag another thread can raise to cancel.
///
/// The engine consults the budget bound to the current task or thread with
/// `ComputeBudget.$current.withValue(budget) { … }`: tensor allocation checks the element and
/// memory limits, long-running kernels and training loops call `ComputeBudget.checkpoint()`
/// often enough (every few milliseconds of work) that a cancel is honoured within ~100 ms.
/// Without a bound budget nothing is limited, which is what the engine's own tests and the
/// benchmark want.
public final class ComputeBudget: Sendable {
    /// Largest number of elements one tensor may have.
    public let maxElements: Int
    /// Largest number of bytes all tensors allocated under this budget may hold at once.
    public let maxBytes: Int
    /// Monotonic deadline in nanoseconds (`ComputeBudget.now()`), or nil for none.
    public let deadline: UInt64?
    /// The time limit the deadline came from, for messages.
    public let timeLimitSeconds: Double?

    private let cancelled = Atomic<Bool>(false)
    private let liveBytes = Atomic<Int>(0)

    /// Creates a budget.
    /// - Parameters:
    ///   - maxElements: per-tensor element limit (default 50 million, 200 MB of Float32).
    ///   - maxBytes: limit on bytes held by live tensors together (default 2 GiB).
    ///   - timeLimit: seconds from now until `checkpoint()` throws, or nil for none.
    public init(maxElements: Int = 50_000_000, maxBytes: Int = 2 << 30, timeLimit: Double? = nil) {
        self.maxElements = maxElements
        self.maxBytes = maxBytes
        self.timeLimitSeconds = timeLimit
        self.deadline = timeLimit.map { ComputeBudget.now() + UInt64(max(0, $0) * 1e9) }
    }

    /// The budget in force for the current task or thread, if any.
    @TaskLocal public static var current: ComputeBudget?

    /// Asks every checkpoint under this budget to throw `CNNError.cancelled`. Safe from any thread
    /// (a signal handler's relay thread, a grader's watchdog).
    public func cancel() { cancelled.store(true, ordering: .relaxed) }

    /// Whether `cancel()` was called.
    public var isCancelled: Bool { cancelled.load(ordering: .relaxed) }

    /// Bytes currently held by tensors allocated under this budget.
    public var bytesInUse: Int { liveBytes.load(ordering: .relaxed) }

    /// Throws if the current budget was cancelled or its deadline has passed. Cheap enough to call
    /// once per output row of a kernel.
    @inlinable
    public static func checkpoint() throws(CNNError) {
        guard let budget = current else { return }
        try budget.check()
    }

    /// Throws `CNNError.cancelled` or `CNNError.timeLimit` if this budget is spent.
    public func check() throws(CNNError) {
        if isCancelled { throw CNNError.cancelled() }
        if let deadline, ComputeBudget.now() > deadline {
            throw CNNError.timeLimit(seconds: timeLimitSeconds ?? 0)
        }
    }

    /// Records an allocation of `elements` elements of `bytesPerElement` bytes, throwing when it
    /// breaks a limit. Pair every successful call with `release(bytes:)`.
    public func reserve(elements: Int, bytesPerElement: Int, shape: [Int]) throws(CNNError) {
        if elements > maxElements {
            throw CNNError.tooLarge(shape: shape, elements: elements, limit: maxElements)
        }
        let bytes = elements * bytesPerElement
        let total = liveBytes.add(bytes, ordering: .relaxed).newValue
        if total > maxBytes {
            liveBytes.subtract(bytes, ordering: .relaxed)
            throw CNNError.outOfMemory(requestedBytes: bytes, inUse: total - bytes, limit: maxBytes)
        }
    }

    /// Returns bytes recorded by `reserve`.
    public func release(bytes: Int) { liveBytes.subtract(bytes, ordering: .relaxed) }

    /// Monotonic clock in nanoseconds.
    public static func now() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }
}
