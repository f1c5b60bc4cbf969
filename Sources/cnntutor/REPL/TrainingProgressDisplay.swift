import AnswerLanguage
import Synchronization
import Terminal
import Wording

/// The live progress bar of `train(...)`: the running loss and accuracy, the epoch, the time
/// left; on a terminal it redraws in place, elsewhere it writes a few milestone lines.
///
/// Reports arrive on the interpreter's evaluation thread while the REPL's thread waits for the
/// run to end, so they never overlap with `stop()`; the bar sits behind a Mutex all the same,
/// because the compiler cannot see that ordering.
final class TrainingProgressDisplay: Sendable {
    private let screen: any TerminalScreen
    private let clock: any MonotonicClock
    private let bar = Mutex<(bar: ProgressBar?, completed: Int, metrics: [ProgressMetric])>((nil, 0, []))
    private let words = Mutex(SessionText(language: .english))

    /// The session's sentences, for the bar's label and metric names (the session sets it when
    /// its language changes).
    var wording: SessionText {
        get { words.withLock { $0 } }
        set { words.withLock { $0 = newValue } }
    }

    /// A display drawing on `screen`, timed by `clock`.
    init(screen: any TerminalScreen, clock: any MonotonicClock) {
        self.screen = screen
        self.clock = clock
    }

    /// Draws one report.
    func show(_ report: TrainingProgress) {
        let total = report.epochs * report.stepsPerEpoch
        let completed = (report.epoch - 1) * report.stepsPerEpoch + report.step
        let text = wording
        var metrics: [ProgressMetric] = [
            ProgressMetric(name: text.epochLabel, text: "\(report.epoch)/\(report.epochs)"),
            .value(text.lossLabel, report.loss),
        ]
        if let accuracy = report.accuracy { metrics.append(.percentage(text.accuracyLabel, accuracy)) }
        if let test = report.testAccuracy { metrics.append(.percentage(text.testLabel, test)) }
        let screen = self.screen
        let clock = self.clock
        bar.withLock { state in
            if state.bar == nil {
                state.bar = ProgressBar(
                    total: total, label: text.trainingLabel, screen: screen, clock: clock,
                    showsTimes: screen.capabilities.isTTY, timeWords: text.trainingTimes)
            }
            state.completed = completed
            state.metrics = metrics
            if report.endsEpoch && report.epoch == report.epochs {
                state.bar?.finish(completed: completed, metrics: metrics)
                state.bar = nil
            } else if completed < total {
                // The last step waits for the epoch's report, which adds the test accuracy.
                state.bar?.update(completed: completed, metrics: metrics)
            }
        }
    }

    /// Ends a bar left open by a run that stopped early: after an error it is drawn once more as it
    /// stood; after Ctrl-C (`interrupted`) the line is only ended, so the terminal's `^C` is not
    /// glued to what follows and the bar is not drawn twice.
    func stop(interrupted: Bool = false) {
        bar.withLock { state in
            if interrupted {
                state.bar?.abandon()
            } else {
                state.bar?.finish(completed: state.completed, metrics: state.metrics)
            }
            state.bar = nil
        }
    }
}
