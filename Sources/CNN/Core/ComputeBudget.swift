import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Limits on one evaluation: how large a tensor may be, the session's `MemoryBudget` that all live
/// tensors count against, a wall-clock deadline, and a flag another thread can raise to cancel.
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
    /// The session's memory: shared by every run of one session, so bindings stay counted.
    public let memory: MemoryBudget
    /// Largest number of bytes all tensors counted against `memory` may hold at once.
    public var maxBytes: Int { memory.limit }
    /// Monotonic deadline in nanoseconds (`ComputeBudget.now()`), or nil for none.
    public let deadline: UInt64?
    /// The time limit the deadline came from, for messages.
    public let timeLimitSeconds: Double?

    private let cancelled = Atomic<Bool>(false)

    /// For tests: how many `check()` calls pass before the budget counts as out of time, or nil.
    /// Shows without a clock that a kernel checks inside its loop, and lets a test force a time
    /// limit at a chosen point of a run.
    private let checksAllowed: Int?
    private let checksMade = Atomic<Int>(0)

    /// Creates a budget with a memory budget of its own.
    /// - Parameters:
    ///   - maxElements: per-tensor element limit (default 50 million, 200 MB of Float32).
    ///   - maxBytes: limit on bytes held by live tensors together (default 2 GiB).
    ///   - timeLimit: seconds from now until `checkpoint()` throws, or nil for none.
    public convenience init(maxElements: Int = 50_000_000, maxBytes: Int = 2 << 30, timeLimit: Double? = nil)
    {
        self.init(maxElements: maxElements, memory: MemoryBudget(limit: maxBytes), timeLimit: timeLimit)
    }

    /// Creates a budget that counts tensors against `memory`, a session's shared budget.
    /// - Parameters:
    ///   - maxElements: per-tensor element limit.
    ///   - memory: the session's memory budget.
    ///   - timeLimit: seconds from now until `checkpoint()` throws, or nil for none.
    public convenience init(maxElements: Int, memory: MemoryBudget, timeLimit: Double?) {
        // A time limit too large for the clock (1e300 s) is no limit.
        let deadline = timeLimit.flatMap { seconds in
            let nanoseconds = max(0, seconds) * 1e9
            return nanoseconds < 1e18 ? ComputeBudget.now() + UInt64(nanoseconds) : nil
        }
        self.init(maxElements: maxElements, memory: memory, timeLimit: timeLimit, deadline: deadline)
    }

    /// Creates a budget whose deadline is not `timeLimit` from now: a run that has used most of
    /// its time (tests of what happens near the deadline).
    init(
        maxElements: Int, memory: MemoryBudget, timeLimit: Double?, deadline: UInt64?,
        checksAllowed: Int? = nil
    ) {
        self.maxElements = maxElements
        self.memory = memory
        self.timeLimitSeconds = timeLimit
        self.deadline = deadline
        self.checksAllowed = checksAllowed
    }

    /// A budget without a deadline whose time runs out at its `checksAllowed + 1`-th check, as if
    /// the clock had passed a `timeLimit`-second deadline there (tests).
    package convenience init(checksAllowed: Int, timeLimit: Double, maxElements: Int = 50_000_000) {
        self.init(
            maxElements: maxElements, memory: MemoryBudget(limit: 2 << 30), timeLimit: timeLimit,
            deadline: nil, checksAllowed: checksAllowed)
    }

    /// How many times `check()` was called (tests).
    package var checksCount: Int { checksMade.load(ordering: .relaxed) }

    /// The budget in force for the current task or thread, if any.
    @TaskLocal public static var current: ComputeBudget?

    /// Asks every checkpoint under this budget to throw `CNNError.cancelled`. Safe from any thread
    /// (a signal handler's relay thread, a grader's watchdog).
    public func cancel() { cancelled.store(true, ordering: .relaxed) }

    /// Whether `cancel()` was called.
    public var isCancelled: Bool { cancelled.load(ordering: .relaxed) }

    /// Bytes currently held by tensors counted against this budget's memory.
    public var bytesInUse: Int { memory.bytesInUse }

    /// Seconds until the deadline (0 once it has passed), or nil without one.
    public var secondsLeft: Double? {
        guard let deadline else { return nil }
        let now = ComputeBudget.now()
        return now >= deadline ? 0 : Double(deadline - now) / 1e9
    }

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
        if let checksAllowed, checksMade.wrappingAdd(1, ordering: .relaxed).newValue > checksAllowed {
            throw CNNError.timeLimit(seconds: timeLimitSeconds ?? 0)
        }
        if let deadline, ComputeBudget.now() > deadline {
            throw CNNError.timeLimit(seconds: timeLimitSeconds ?? 0)
        }
    }

    /// Records an allocation of `elements` elements of `bytesPerElement` bytes against `memory`,
    /// throwing when it breaks a limit. Pair every successful call with `memory.release(bytes:)`.
    public func reserve(elements: Int, bytesPerElement: Int, shape: [Int]) throws(CNNError) {
        if elements > maxElements {
            throw CNNError.tooLarge(shape: shape, elements: elements, limit: maxElements)
        }
        let (bytes, overflow) = elements.multipliedReportingOverflow(by: bytesPerElement)
        if overflow { throw CNNError.tooLarge(shape: shape, elements: elements, limit: maxElements) }
        try memory.reserve(bytes: bytes)
    }

    /// Returns bytes recorded by `reserve`.
    public func release(bytes: Int) { memory.release(bytes: bytes) }

    /// Monotonic clock in nanoseconds.
    public static func now() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }
}
