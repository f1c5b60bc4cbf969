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
}
