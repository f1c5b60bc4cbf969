import Synchronization
import Testing

@testable import Terminal

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct InterruptHandlerTests {
    @Test func manualInterruptCallsTheRunningHandler() {
        let source = ManualInterruptSource()
        let cancelled = Flag()
        let finishedEarly = source.whileRunning(onInterrupt: { cancelled.set() }) {
            for step in 0..<10 {
                if step == 3 { source.interrupt() }
                if cancelled.isSet { return true }
            }
            return false
        }
        #expect(finishedEarly)
        #expect(source.isInterrupted)
        source.reset()
        #expect(!source.isInterrupted)
    }

    @Test func interruptOutsideARunOnlyRecords() {
        let source = ManualInterruptSource()
        source.interrupt()
        let value = source.whileRunning(onInterrupt: { Issue.record("stale handler called") }) { 42 }
        #expect(value == 42)
        #expect(source.isInterrupted)
    }
}

extension ProcessWideTests {
    @Suite struct SignalInterruptHandlerTests {
        /// A real SIGINT, sent to this process: the handler must be called (from the watcher thread)
        /// and the process must survive. Waits on a semaphore-like poll with a generous limit, so the
        /// test does not depend on how fast the machine is.
        @Test func realSigintReachesTheHandlerWithoutKillingTheProcess() {
            let handler = SignalInterruptHandler.shared
            handler.reset()
            let called = Flag()
            handler.whileRunning(onInterrupt: { called.set() }) {
                kill(getpid(), SIGINT)
                var waited = 0
                while !called.isSet && waited < 10_000 {
                    usleep(1000)
                    waited += 1
                }
            }
            #expect(called.isSet)
            #expect(handler.isInterrupted)
            handler.reset()
        }
    }
}

/// A flag shared with an interrupt handler (atomics cannot be captured by escaping closures).
final class Flag: Sendable {
    private let value = Atomic<Bool>(false)

    func set() { value.store(true, ordering: .releasing) }

    var isSet: Bool { value.load(ordering: .acquiring) }
}
