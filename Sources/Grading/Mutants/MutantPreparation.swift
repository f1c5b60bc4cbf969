import CNN
import Course
import Dispatch
import Foundation
import Synchronization

/// One exercise's misconception mutants computed on a thread of their own, started when the REPL
/// shows the exercise: the learner reads for seconds, and the first wrong answer no longer pays
/// for the mutants (06/plain-bn-ratio trains a network per mutant).
///
/// The thread prepares its own copy of the exercise (setup and reference run again), so it shares
/// no interpreter, layer or cache with the grader that waits for it; the catalogue it makes is
/// handed over once, under the lock, after the thread is done with it. Grading that needs the
/// mutants before they are ready waits for this same computation (`wait()`), so they are never
/// computed twice, and the catalogue is the one the grader would have made itself (same options,
/// same seed: a mutant's value does not depend on when it ran). A cancelled computation's partial
/// catalogue is never used.
final class MutantPreparation: Sendable {
    /// How the computation ended.
    enum Outcome: Sendable {
        /// Every mutant ran: the catalogue the grader would make, and the values of the calls on
        /// the setup's layers that mutants and `when`s share.
        case ready(MutantCatalogue, SharedCalls.State)
        /// Stopped (`cancel()`) before the end, or the setup or reference failed: nothing to use.
        case unusable
    }

    let exercise: Exercise
    private let outcome = Mutex<Outcome?>(nil)
    private let stopped = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)
    /// Seconds the computation took (its own setup and reference included), once it ended.
    private let duration = Mutex<Double?>(nil)

    /// Starts computing `exercise`'s mutants under `options` on a new thread, which first runs
    /// `first` (a test holds the computation there).
    init(_ exercise: Exercise, options: GradingOptions, first: (@Sendable () -> Void)? = nil) {
        self.exercise = exercise
        let thread = Thread { [self] in
            first?()
            compute(options)
        }
        thread.name = "cnntutor mutants \(exercise.id)"
        thread.start()
    }

    private func compute(_ options: GradingOptions) {
        let start = ComputeBudget.now()
        var result = Outcome.unusable
        if !stopped.load(ordering: .relaxed), let prepared = try? PreparedExercise(exercise, options: options)
        {
            prepared.stopMutants = { [self] in stopped.load(ordering: .relaxed) }
            let catalogue = prepared.mutants
            if !stopped.load(ordering: .relaxed) { prepared.shareMistakeCalls() }
            if !stopped.load(ordering: .relaxed) { result = .ready(catalogue, prepared.sharedCalls.state) }
        }
        duration.withLock { $0 = Double(ComputeBudget.now() - start) / 1e9 }
        outcome.withLock { $0 = result }
        // One signal per waiter: `wait()` passes it on.
        finished.signal()
    }

    /// Asks the computation to stop at the next mutant (the learner left the exercise). Safe from
    /// any thread; what it made so far is dropped.
    func cancel() {
        stopped.store(true, ordering: .relaxed)
    }

    /// Whether it was asked to stop.
    var isCancelled: Bool { stopped.load(ordering: .relaxed) }

    /// Whether the computation has ended.
    var isFinished: Bool { outcome.withLock { $0 != nil } }

    /// Seconds the computation took, once it ended.
    var seconds: Double? { duration.withLock { $0 } }

    /// Waits until the computation ends (at most `timeout` seconds, forever when nil) and
    /// returns its outcome; nil when the time ran out first.
    func wait(timeout: Double? = nil) -> Outcome? {
        if let done = outcome.withLock({ $0 }) { return done }
        let deadline: DispatchTime = timeout.map { .now() + $0 } ?? .distantFuture
        guard finished.wait(timeout: deadline) == .success else { return nil }
        // Passed on, so that the next waiter (or a later wait) returns too.
        finished.signal()
        return outcome.withLock { $0 }
    }
}
