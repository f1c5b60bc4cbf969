import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// How many threads the engine's kernels may use, and the one place they fan work out.
///
/// Kernels split their work into items whose boundaries depend only on the problem's shape, never
/// on the thread count, and each item is computed the same way whichever thread runs it. So the
/// thread count changes speed, not results: outputs are bit-identical for every setting (the
/// tests check 1, 2 and 3 threads against each other with `==`).
public enum Parallelism {
    /// Cores the operating system reports online; the default thread count.
    public static let coreCount: Int = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))

    private static let storedThreadCount = Atomic<Int>(coreCount)

    /// Threads the kernels may use (at least 1; default: all cores). The `cnntutor` executable
    /// sets it from `CNNTUTOR_THREADS`; the library itself never reads the environment.
    public static var threadCount: Int {
        get { storedThreadCount.load(ordering: .relaxed) }
        set { storedThreadCount.store(max(1, newValue), ordering: .relaxed) }
    }

    /// Work below this many floating-point operations runs on the calling thread: waking a second
    /// thread costs some microseconds, more than a small convolution takes.
    static let minimumFlopsToFanOut: Double = 400_000

    /// How many workers `forEach` should use for `count` items totalling `flops` of work; below
    /// `minimumFlops` (a kernel that runs more FLOP/s than the GEMM paths passes a higher one, the
    /// same few microseconds of work) the calling thread does it all.
    static func workers(
        items count: Int, flops: Double, minimumFlops: Double = minimumFlopsToFanOut
    ) -> Int {
        flops < minimumFlops ? 1 : max(1, min(threadCount, count))
    }

    /// Runs `body(item, worker)` for every `item` in `0..<count` on `workers` threads.
    ///
    /// `worker` is in `0..<workers` and is unique among the bodies running at once, so it can
    /// index per-thread scratch. Items are handed out in order from a shared counter. Before each
    /// item the caller's `ComputeBudget` is checked, so a cancel or a deadline stops the work
    /// within one item; the first error stops the handing out and is rethrown here once every
    /// running body has returned.
    static func forEach(
        count: Int, workers: Int, pool: WorkerPool = .shared,
        _ body: (_ item: Int, _ worker: Int) throws(CNNError) -> Void
    ) throws(CNNError) {
        guard count > 0 else { return }
        // Task-local values do not reach the pool's helper threads: read the budget here.
        let budget = ComputeBudget.current
        if workers <= 1 {
            for item in 0..<count {
                try budget?.check()
                try body(item, 0)
            }
            return
        }
        let next = Atomic<Int>(0)
        let failure = Mutex<CNNError?>(nil)
        // The pool returns only after every worker has, so `body` (which borrows the caller's
        // buffers) never outlives this call; the box only tells the compiler so.
        withoutActuallyEscaping(body) { body in
            let shared = UncheckedSendable(body)
            let work: (Int) -> Void = { worker in
                while true {
                    let item = next.wrappingAdd(1, ordering: .relaxed).oldValue
                    if item >= count { return }
                    do throws(CNNError) {
                        try budget?.check()
                        try shared.value(item, worker)
                    } catch {
                        failure.withLock { if $0 == nil { $0 = error } }
                        next.store(count, ordering: .relaxed)
                        return
                    }
                }
            }
            // A busy pool (a kernel inside a kernel, two trainings at once): all items here.
            // Worker 0 keeps taking items until none is left, so it also does the share of any
            // helper that never joins (the pool does not wait for those).
            if !pool.run(workers: workers, work) { work(0) }
        }
        if let error = failure.withLock({ $0 }) { throw error }
    }
}

/// Hands a value that is not `Sendable` to threads whose lifetime the caller bounds and whose
/// accesses the caller keeps disjoint.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
