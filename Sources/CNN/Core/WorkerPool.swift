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
        // `pending` reaches zero; a helper the job does not want never calls it. A pointer, not
        // the closure itself: a helper may still hold the job for a moment after the caller has
        // returned, and a retained closure would then outlive its `withoutActuallyEscaping`.
        let generation: Int
        let helpers: Int
        let body: UnsafeRawPointer
        let pending: Atomic<Int>

        init(generation: Int, helpers: Int, body: UnsafeRawPointer) {
            self.generation = generation
            self.helpers = helpers
            self.body = body
            pending = Atomic(helpers)
        }

        func run(_ worker: Int) {
            body.assumingMemoryBound(to: ((Int) -> Void).self).pointee(worker)
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

    /// Runs `body(worker)` on the calling thread (worker 0) and on `workers − 1` helpers at once,
    /// returning when all have; false, without running anything, when the pool is busy.
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
        Self.wait(until: { job.pending.load(ordering: .acquiring) == 0 })
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
            job.run(helper.index + 1)
            job.pending.subtract(1, ordering: .releasing)
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
    private static func wait(for nanoseconds: UInt64 = .max, until done: () -> Bool) -> Bool {
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
