import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The engine's own helper threads, kept between kernels and spinning briefly after each job.
///
/// Why not Dispatch: on these virtual machines a parked thread's vCPU halts, and waking it (an
/// interrupt the host must deliver) took long enough that a 0.6 ms two-thread convolution often
/// ran at one-thread speed. A helper that keeps polling for about a millisecond after its job is
/// still running when a training step's next kernel fans out, which is nearly always; after that
/// it parks on a semaphore and costs nothing.
///
/// One job at a time: a caller that finds the pool busy (a kernel inside a kernel, or two threads
/// of a grader training at once) runs its items on its own thread instead. Kernels split work by
/// shape, so that changes speed, never results.
///
/// The caller never waits for a helper that has not started: once its own share is done it closes
/// the job, and a helper that arrives later leaves it alone. So `body(0)` must do whatever the
/// other workers did not (as `Parallelism.forEach` does, handing items out from a shared counter),
/// and a helper that is late, never woken or never started (a thread the system refused) costs
/// speed, never a hang. Before, the caller waited for every helper it had asked for, and one test
/// run under heavy load spun for 20 minutes in that wait while every other thread was idle.
final class WorkerPool: @unchecked Sendable {
    // @unchecked: `helpers` is only touched by the caller that holds `busy`; each `Helper`'s state
    // is atomic or a semaphore; the job is published under `current`'s lock.

    /// The pool every kernel shares.
    static let shared = WorkerPool()

    /// How long a helper polls for the next job before parking, in nanoseconds.
    static let spinNanoseconds: UInt64 = 1_000_000

    /// One job: the item loop that workers 1… join, and how many helpers it wants.
    private final class Job: @unchecked Sendable {
        // @unchecked: `body` points at the caller's closure, which the caller keeps alive until
        // the job is closed and no helper is inside it; a helper that did not enter never calls
        // it. A pointer, not the closure itself: a helper may still hold the job for a moment
        // after the caller has returned, and a retained closure would then outlive its
        // `withoutActuallyEscaping`.
        let generation: Int
        let helpers: Int
        let body: UnsafeRawPointer
        /// Twice the number of helpers inside `body`, plus 1 once the caller has closed the job.
        private let state = Atomic<Int>(0)

        init(generation: Int, helpers: Int, body: UnsafeRawPointer) {
            self.generation = generation
            self.helpers = helpers
            self.body = body
        }

        /// Runs `body(worker)` unless the caller has already closed the job.
        func join(_ worker: Int) {
            var observed = state.load(ordering: .acquiring)
            while observed & 1 == 0 {
                let (exchanged, original) = state.compareExchange(
                    expected: observed, desired: observed + 2, ordering: .acquiringAndReleasing)
                if exchanged {
                    body.assumingMemoryBound(to: ((Int) -> Void).self).pointee(worker)
                    state.subtract(2, ordering: .releasing)
                    return
                }
                observed = original
            }
        }

        /// Lets no further helper in, then waits for those inside: they are running, not parked,
        /// so this wait is as long as their current item.
        func close() {
            state.add(1, ordering: .acquiringAndReleasing)
            WorkerPool.wait(until: { state.load(ordering: .acquiring) == 1 })
        }
    }

    /// A helper thread's parking place.
    private final class Helper: Sendable {
        let index: Int
        let sleeping = Atomic<Bool>(false)
        let wake = DispatchSemaphore(value: 0)
        init(index: Int) { self.index = index }
    }

    private let busy = Atomic<Bool>(false)
    private let generation = Atomic<Int>(0)
    private let current = Mutex<Job?>(nil)
    private var helpers: [Helper] = []

    /// Called by a helper (with its index) just before it joins a job; tests hold helpers back
    /// with it to show that the caller does not wait for them. Set before the pool's first job.
    let helperWillJoin: (@Sendable (Int) -> Void)?

    init(helperWillJoin: (@Sendable (Int) -> Void)? = nil) {
        self.helperWillJoin = helperWillJoin
    }

    /// Runs `body(worker)` on the calling thread (worker 0) and on up to `workers − 1` helpers at
    /// once (those that start before worker 0 is done), returning when all that started have;
    /// false, without running anything, when the pool is busy.
    func run(workers: Int, _ body: (Int) -> Void) -> Bool {
        guard workers > 1 else {
            body(0)
            return true
        }
        guard busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else {
            return false
        }
        defer { busy.store(false, ordering: .releasing) }
        while helpers.count < workers - 1 { startHelper() }
        withoutActuallyEscaping(body) { body in
            withUnsafePointer(to: body) { pointer in
                runJob(
                    Job(
                        generation: generation.load(ordering: .relaxed) + 1, helpers: workers - 1,
                        body: UnsafeRawPointer(pointer)), workers: workers, caller: body)
            }
        }
        return true
    }

    /// Publishes `job`, wakes the parked helpers it wants, runs worker 0 and waits for the rest.
    private func runJob(_ job: Job, workers: Int, caller body: (Int) -> Void) {
        current.withLock { $0 = job }
        generation.store(job.generation, ordering: .sequentiallyConsistent)
        for helper in helpers.prefix(workers - 1) {
            // Whoever clears a parked helper's flag owes it the wake-up.
            if helper.sleeping.exchange(false, ordering: .sequentiallyConsistent) { helper.wake.signal() }
        }
        body(0)
        job.close()
        current.withLock { $0 = nil }
    }

    private func startHelper() {
        let helper = Helper(index: helpers.count)
        helpers.append(helper)
        let thread = Thread { [self] in self.serve(helper) }
        thread.name = "cnntutor-engine-\(helper.index + 1)"
        thread.start()
    }

    /// A helper's life: wait for a job newer than the last one seen, join it if it wants this
    /// helper, repeat.
    private func serve(_ helper: Helper) {
        var seen = 0
        while true {
            awaitJob(after: seen, helper)
            seen = generation.load(ordering: .acquiring)
            // The job of that generation, unless it is already over (it did not want this helper)
            // or a newer one replaced it (the next turn of the loop takes that one).
            guard let job = current.withLock({ $0 }), job.generation == seen, helper.index < job.helpers
            else { continue }
            helperWillJoin?(helper.index)
            job.join(helper.index + 1)
        }
    }

    /// Returns once `generation` has passed `seen`: polling for `spinNanoseconds`, then parked.
    private func awaitJob(after seen: Int, _ helper: Helper) {
        if Self.wait(for: Self.spinNanoseconds, until: { generation.load(ordering: .acquiring) > seen }) {
            return
        }
        helper.sleeping.store(true, ordering: .sequentiallyConsistent)
        // A job published between the poll and the flag would find no one to wake: look again.
        if generation.load(ordering: .sequentiallyConsistent) > seen {
            // Whoever clears the flag owes the wake-up: if the publisher did, take its signal.
            if !helper.sleeping.exchange(false, ordering: .sequentiallyConsistent) { helper.wake.wait() }
            return
        }
        helper.wake.wait()
    }

    /// Polls `done` until it holds, yielding the CPU every few polls.
    @discardableResult
    fileprivate static func wait(for nanoseconds: UInt64 = .max, until done: () -> Bool) -> Bool {
        let start = DispatchTime.now().uptimeNanoseconds
        var polls = 0
        while !done() {
            polls += 1
            if polls % 64 == 0 {
                sched_yield()
                if DispatchTime.now().uptimeNanoseconds - start > nanoseconds { return done() }
            }
        }
        return true
    }
}
