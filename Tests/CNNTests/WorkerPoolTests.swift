import Dispatch
import Foundation
import Synchronization
import Testing

@testable import CNN

/// `Parallelism.forEach` on the engine's worker pool: every item exactly once, whoever calls and
/// however often, with parked helpers woken, nested and concurrent callers served inline, and the
/// first error rethrown without a hang.
@Suite struct WorkerPoolTests {
    /// Runs `forEach` over `count` items on `workers` workers and returns how often each item ran.
    func counts(count: Int, workers: Int) throws -> [Int] {
        let seen = Mutex([Int](repeating: 0, count: count))
        try Parallelism.forEach(count: count, workers: workers) { item, worker throws(CNNError) in
            #expect(worker >= 0 && worker < workers)
            seen.withLock { $0[item] += 1 }
        }
        return seen.withLock { $0 }
    }

    @Test func everyItemRunsOnceOnTheCallersThreadsAndTheHelpers() throws {
        for workers in [2, 3] {
            for count in [1, 2, 7, 64] {
                #expect(try counts(count: count, workers: workers) == [Int](repeating: 1, count: count))
            }
        }
    }

    /// Helpers park after about a millisecond without work; the next job must wake them.
    @Test func parkedHelpersWakeForTheNextJob() throws {
        for _ in 0..<5 {
            #expect(try counts(count: 32, workers: 2) == [Int](repeating: 1, count: 32))
            Thread.sleep(forTimeInterval: 0.005)
        }
    }

    /// Four threads fanning out at once (as a grader training several answers does): one gets the
    /// pool, the others run their items themselves; all finish with every item once.
    @Test func concurrentCallersAllFinish() throws {
        let failures = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            for round in 0..<200 {
                let count = 1 + round % 40
                if (try? counts(count: count, workers: 2)) != [Int](repeating: 1, count: count) {
                    failures.add(1, ordering: .relaxed)
                }
            }
        }
        #expect(failures.load(ordering: .relaxed) == 0)
    }

    /// A kernel inside a kernel finds the pool busy and runs its items inline.
    @Test func nestedCallsRunInline() throws {
        let total = Atomic<Int>(0)
        try Parallelism.forEach(count: 8, workers: 2) { _, _ throws(CNNError) in
            try Parallelism.forEach(count: 10, workers: 2) { _, _ throws(CNNError) in
                total.add(1, ordering: .relaxed)
            }
        }
        #expect(total.load(ordering: .relaxed) == 80)
    }

    @Test func theFirstErrorIsRethrownAndNothingHangs() {
        #expect(throws: CNNError.self) {
            try Parallelism.forEach(count: 1000, workers: 2) { item, _ throws(CNNError) in
                if item == 7 { throw CNNError.cancelled() }
            }
        }
        // The pool is free again afterwards.
        #expect((try? counts(count: 16, workers: 2)) == [Int](repeating: 1, count: 16))
    }

    /// The hang of session 6 (a caller spinning forever for helpers that never came): helpers held
    /// back before they join must not keep the caller waiting. The caller does every item itself
    /// and returns; the helpers, let go afterwards, find the job closed and leave it alone.
    @Test func aCallerDoesNotWaitForHelpersThatNeverJoin() throws {
        let released = Atomic<Bool>(false)
        let pool = WorkerPool(helperWillJoin: { _ in
            while !released.load(ordering: .acquiring) { usleep(200) }
        })
        defer { released.store(true, ordering: .releasing) }
        for round in 0..<3 {
            let seen = Mutex([Int](repeating: 0, count: 50))
            let workersSeen = Mutex(Set<Int>())
            try Parallelism.forEach(count: 50, workers: 3, pool: pool) { item, worker throws(CNNError) in
                seen.withLock { $0[item] += 1 }
                workersSeen.withLock { _ = $0.insert(worker) }
            }
            #expect(seen.withLock { $0 } == [Int](repeating: 1, count: 50), "round \(round)")
            #expect(workersSeen.withLock { $0 } == [0], "round \(round)")
        }
        released.store(true, ordering: .releasing)
        // The helpers that were held come back and serve the next job normally.
        #expect(try counts(count: 64, workers: 3) == [Int](repeating: 1, count: 64))
    }

    /// Many callers at once on one pool whose helpers arrive late by varying amounts (so some
    /// jobs close before a helper joins, some with a helper inside, some after it parked), with
    /// kernels inside kernels and budgets cancelled in the middle of a run. Every run either does
    /// every item exactly once or throws `cancelled` having done none twice; none hangs.
    @Test func concurrentNestedCancelledRunsOnLateHelpersAllFinish() throws {
        let pool = WorkerPool(helperWillJoin: { index in
            // A delay that varies from join to join, without a clock: 0 to ~0.3 ms.
            let spins = Int.random(in: 0..<4)
            for _ in 0..<spins { usleep(UInt32(50 * (index + 1))) }
        })
        let problems = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 6) { caller in
            var seed = UInt64(caller + 1) &* 0x9E37_79B9_7F4A_7C15
            func next(_ bound: Int) -> Int {
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return Int((seed >> 33) % UInt64(bound))
            }
            for round in 0..<150 {
                let count = 1 + next(120)
                let workers = 2 + next(3)
                let cancelAt = next(4) == 0 ? next(count) : nil
                let nested = next(3) == 0
                let budget = ComputeBudget()
                let seen = Mutex([Int](repeating: 0, count: count))
                let inner = Atomic<Int>(0)
                var thrown: CNNError?
                do {
                    try ComputeBudget.$current.withValue(budget) {
                        try Parallelism.forEach(count: count, workers: workers, pool: pool) {
                            item, _ throws(CNNError) in
                            seen.withLock { $0[item] += 1 }
                            if item == cancelAt { budget.cancel() }
                            if nested {
                                try Parallelism.forEach(count: 5, workers: 2, pool: pool) {
                                    _, _ throws(CNNError) in
                                    inner.add(1, ordering: .relaxed)
                                }
                            }
                        }
                    }
                } catch {
                    thrown = error as? CNNError
                }
                let ran = seen.withLock { $0 }
                var problem: String?
                if ran.contains(where: { $0 > 1 }) { problem = "an item ran twice" }
                if cancelAt == nil {
                    if thrown != nil { problem = "threw \(String(describing: thrown))" }
                    if ran != [Int](repeating: 1, count: count) { problem = "items missing" }
                    if nested && inner.load(ordering: .relaxed) != 5 * count {
                        problem = "inner items missing"
                    }
                } else if thrown != CNNError.cancelled(), ran != [Int](repeating: 1, count: count) {
                    // A cancel at the last item may come after every item was handed out.
                    problem =
                        "cancelled run neither finished nor threw cancelled: \(String(describing: thrown))"
                }
                if let problem {
                    problems.withLock { $0.append("caller \(caller) round \(round): \(problem)") }
                }
                if next(16) == 0 { usleep(1500) }  // long enough for helpers to park
            }
        }
        #expect(problems.withLock { $0 } == [])
    }
}
