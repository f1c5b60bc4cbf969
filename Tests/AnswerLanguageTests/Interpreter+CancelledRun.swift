import Foundation
import Synchronization

@testable import AnswerLanguage

extension Interpreter {
    /// Runs `source` on another thread and cancels it from this one until the run ends (the first
    /// cancel may come before it started); the error it ended with, or nil when it ran to a value.
    /// With `reached`, cancelling starts only once the run signals it (so the statements before
    /// that point have run, however slowly the machine starts the thread).
    func runCancelledFromAnotherThread(_ source: String, reached: DispatchSemaphore? = nil) -> LanguageError?
    {
        let outcome = Mutex<LanguageError?>(nil)
        let finished = DispatchSemaphore(value: 0)
        let worker = Thread {
            do throws(LanguageError) {
                _ = try self.run(source)
            } catch {
                outcome.withLock { $0 = error }
            }
            finished.signal()
        }
        worker.start()
        if let reached {
            // A bound, not a timing: only a run that never gets there waits this long.
            _ = reached.wait(timeout: .now() + .seconds(120))
        }
        while finished.wait(timeout: .now() + .milliseconds(50)) == .timedOut {
            cancel()
        }
        return outcome.withLock { $0 }
    }
}
