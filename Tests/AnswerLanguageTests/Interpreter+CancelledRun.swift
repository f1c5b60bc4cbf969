import Foundation
import Synchronization

@testable import AnswerLanguage

extension Interpreter {
    /// Runs `source` on another thread and cancels it from this one until the run ends (the first
    /// cancel may come before it started); the error it ended with, or nil when it ran to a value.
    func runCancelledFromAnotherThread(_ source: String) -> LanguageError? {
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
        while finished.wait(timeout: .now() + .milliseconds(50)) == .timedOut {
            cancel()
        }
        return outcome.withLock { $0 }
    }
}
