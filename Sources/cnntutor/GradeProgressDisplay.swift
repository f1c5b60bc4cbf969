import Foundation
import Grading
import Synchronization
import Terminal

/// `cnntutor grade`'s progress bar on standard error: learners done, answers graded, the rate and
/// the time left.
///
/// Only on a terminal: piped or redirected, standard error stays silent, so a CI log holds the
/// report's skips and nothing else.
final class GradeProgressDisplay: Sendable {
    private let screen: StandardOutputScreen
    private let clock = SystemClock()
    private let bar = Mutex<ProgressBar?>(nil)

    /// A display on standard error, or nil when standard error is not a terminal.
    init?(environment: [String: String]) {
        let screen = StandardOutputScreen(fileDescriptor: 2, environment: environment)
        guard screen.capabilities.isTTY else { return nil }
        self.screen = screen
    }

    /// Draws one report (`ProgressBar` redraws at most ten times a second and skips the rest).
    func show(_ progress: BatchGrader.Progress) {
        let seconds = Self.seconds(clock.now())
        let rate = seconds > 0 ? Double(progress.learnersDone) / seconds : 0
        let metrics = [
            ProgressMetric(name: "answers", text: "\(progress.graded)/\(progress.toGrade)"),
            ProgressMetric(name: "learners/s", text: String(format: rate < 10 ? "%.1f" : "%.0f", rate)),
        ]
        bar.withLock { bar in
            if bar == nil {
                bar = ProgressBar(total: progress.learners, label: "grading", screen: screen, clock: clock)
            }
            bar?.update(completed: progress.learnersDone, metrics: metrics)
        }
    }

    /// Ends the bar's line, so what follows starts on a line of its own.
    func finish() {
        bar.withLock { bar in
            bar?.finish()
            bar = nil
        }
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
