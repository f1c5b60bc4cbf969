import Dispatch
import Foundation
import Synchronization
import Terminal
import Testing

@testable import cnntutor

/// `train(...)` in the REPL: a progress bar while it runs, a loss curve after, Ctrl-C stops it.
@Suite("REPL training")
struct REPLTrainingTests {
    static let setup = [
        "(train_x, train_y), test = digits()",
        "net = nn.Sequential(nn.Flatten(), nn.Linear(64, 10))",
    ]

    @Test func trainingShowsProgressThenTheHistoryWithItsLossCurve() throws {
        let run = REPLHarness.run(
            Self.setup + [
                "h = train(net, (train_x, train_y), epochs=2, batch_size=256, lr=0.1, test=test)", "h",
                ":quit",
            ])
        // A pipe gets milestone lines only (no redrawing, no times), the last with the test accuracy.
        #expect(run.text.contains("training"))
        #expect(run.text.contains("100%"))
        #expect(run.text.contains("epoch 2/2"))
        #expect(run.text.contains("test "))
        #expect(!run.text.contains("\u{1B}"))
        #expect(run.text.contains("'step_loss'") || run.text.contains("step_loss"))
        #expect(run.text.contains("training loss"))
        #expect(run.text.contains("└"))
    }

    /// In a Korean session the bar and the curve speak Korean too: 학습, 에폭, 손실, 정확도.
    @Test func koreanSessionsLabelTrainingInKorean() throws {
        let run = REPLHarness.run(
            [":lang ko"] + Self.setup + [
                "h = train(net, (train_x, train_y), epochs=2, batch_size=256, lr=0.1, test=test)", "h",
                ":quit",
            ])
        #expect(run.text.contains("학습"))
        #expect(run.text.contains("에폭 2/2"))
        #expect(run.text.contains("손실"))
        #expect(run.text.contains("테스트 "))
        #expect(run.text.contains("학습 손실"))
        #expect(!run.text.contains("epoch 2/2"))
        #expect(!run.text.contains("training loss"))
    }

    @Test func ctrlCStopsTrainingAndTheSessionGoesOn() throws {
        // The third piece of code run is the training.
        let interrupts = DelayedInterrupt(run: 3, after: .milliseconds(300))
        let harness = REPLHarness(
            Self.setup + [
                "h = train(net, (train_x, train_y), epochs=100000, batch_size=8)", "1 + 1", ":quit",
            ],
            interrupts: interrupts)
        harness.session.run()
        #expect(harness.text.contains("Stopped (Ctrl-C). Your earlier bindings are kept."))
        #expect(harness.text.contains("\n2\n"))
        #expect(harness.text.contains("Bye!"))
    }

    @Test func progressDisplayCountsStepsOverAllEpochs() {
        let screen = MemoryScreen()
        let display = TrainingProgressDisplay(screen: screen, clock: ManualClock())
        for epoch in 1...2 {
            for step in 1...2 {
                display.show(
                    .init(epoch: epoch, epochs: 2, step: step, stepsPerEpoch: 2, loss: 1, accuracy: 0.5))
            }
            display.show(
                .init(
                    epoch: epoch, epochs: 2, step: 2, stepsPerEpoch: 2, loss: 1, accuracy: 0.5,
                    testAccuracy: 0.25, endsEpoch: true))
        }
        // Milestones at 1/4 … 4/4 of 4 steps; the last one comes from the epoch report, with the test accuracy.
        #expect(screen.lines.count == 4)
        #expect(screen.lines.last?.contains("4/4") == true)
        #expect(screen.lines.last?.contains("test 25.0%") == true)
    }
}

/// Raises an interrupt a fixed time after the `run`-th piece of code starts (Ctrl-C pressed
/// mid-training).
final class DelayedInterrupt: InterruptSource, @unchecked Sendable {
    // @unchecked: every stored property is immutable or a Mutex.
    private let run: Int
    private let delay: DispatchTimeInterval
    private let interrupted = Mutex(false)
    private let runs = Mutex(0)

    init(run: Int, after delay: DispatchTimeInterval) {
        self.run = run
        self.delay = delay
    }

    func whileRunning<T>(onInterrupt: @escaping @Sendable () -> Void, _ body: () throws -> T) rethrows -> T {
        let count = runs.withLock { runs in
            runs += 1
            return runs
        }
        guard count == run else { return try body() }
        let timer = DispatchWorkItem { [self] in
            interrupted.withLock { $0 = true }
            onInterrupt()
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + delay, execute: timer)
        defer { timer.cancel() }
        return try body()
    }

    var isInterrupted: Bool { interrupted.withLock { $0 } }

    func reset() { interrupted.withLock { $0 = false } }
}
