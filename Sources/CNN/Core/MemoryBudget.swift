import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The bytes one session's tensors (and, through its interpreter, its lists) may hold at once.
///
/// One `MemoryBudget` lives as long as the session that owns it — a REPL session, one graded
/// answer, one `cnntutor eval` — and every `ComputeBudget` of that session's runs points at it, so
/// what a line binds stays counted on the next line: 24 lines of `xN = a + N` add up, and `del x`
/// or rebinding `x` gives the bytes back when the last tensor sharing the storage goes away
/// (`TensorStorage.deinit` releases its charge).
///
/// The default limit is `machineDefault`: a quarter of the memory this process can have (physical
/// memory, or the cgroup's `memory.max` when lower), capped at 4 GiB — enough for every lesson's
/// experiment (the largest holds well under 100 MB), small enough that two graded answers at once
/// plus the program itself fit on an 8 GiB laptop.
public final class MemoryBudget: Sendable {
    /// Largest number of bytes held at once.
    public let limit: Int
    private let held = Atomic<Int>(0)

    /// Creates a budget of `limit` bytes (at least 0).
    public init(limit: Int = MemoryBudget.machineDefault) {
        self.limit = max(0, limit)
    }

    /// Bytes currently held.
    public var bytesInUse: Int { held.load(ordering: .relaxed) }

    /// Bytes that can still be reserved (never negative).
    public var available: Int { max(0, limit - bytesInUse) }

    /// Reserves `bytes`, or throws `CNNError.outOfMemory` (with what is in use and the limit)
    /// without reserving anything. Pair every successful call with `release(bytes:)`.
    public func reserve(bytes: Int) throws(CNNError) {
        let total = held.add(bytes, ordering: .relaxed).newValue
        if total > limit || bytes < 0 {
            held.subtract(bytes, ordering: .relaxed)
            throw CNNError.outOfMemory(requestedBytes: bytes, inUse: total - bytes, limit: limit)
        }
    }

    /// Throws `CNNError.outOfMemory` unless `bytes` more would fit now; reserves nothing. For
    /// values whose memory is counted afterwards (the interpreter's lists).
    public func requireRoom(bytes: Int) throws(CNNError) {
        let inUse = bytesInUse
        if bytes > limit - inUse {
            throw CNNError.outOfMemory(requestedBytes: bytes, inUse: inUse, limit: limit)
        }
    }

    /// Counts `bytes` that are already held, whether or not they fit (a measurement, not a
    /// request): the next reservation sees them.
    public func charge(bytes: Int) { held.add(bytes, ordering: .relaxed) }

    /// Returns bytes recorded by `reserve` or `charge`.
    public func release(bytes: Int) { held.subtract(bytes, ordering: .relaxed) }

    /// Memory this process may use: physical memory, or the cgroup v2 limit when it is lower.
    public static let usableMemory: Int = {
        let pages = sysconf(Int32(_SC_PHYS_PAGES))
        let pageSize = sysconf(Int32(_SC_PAGESIZE))
        let physical = pages.multipliedReportingOverflow(by: pageSize)
        var usable = physical.overflow ? Int.max : pages > 0 && pageSize > 0 ? physical.partialValue : 8 << 30
        if let cgroup = cgroupLimit(), cgroup > 0 { usable = min(usable, cgroup) }
        return usable
    }()

    /// The default session limit: min(¼ of `usableMemory`, 4 GiB).
    public static let machineDefault: Int = min(usableMemory / 4, 4 << 30)

    /// `memory.max` of this process's cgroup (v2), or nil when there is none or it says `max`.
    private static func cgroupLimit() -> Int? {
        guard let file = fopen("/sys/fs/cgroup/memory.max", "r") else { return nil }
        defer { fclose(file) }
        var buffer = [CChar](repeating: 0, count: 64)
        guard fgets(&buffer, Int32(buffer.count), file) != nil else { return nil }
        let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return text.split(whereSeparator: \.isWhitespace).first.flatMap { Int($0) }
    }
}
