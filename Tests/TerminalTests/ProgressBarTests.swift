import Testing

@testable import Terminal

@Suite struct ProgressBarTests {
    /// Not a terminal: a line only when a quarter milestone is crossed (3/10 → 1, 5/10 → 2,
    /// 8/10 → 3, 10/10 → 4). Time left = elapsed · (total - done) / done: 9 s · 7 / 3 = 21 s.
    @Test func plainOutputPrintsMilestonesOnly() {
        let screen = MemoryScreen()
        let clock = ManualClock()
        let bar = ProgressBar(total: 10, label: "epoch 1", screen: screen, clock: clock)
        for step in 1...10 {
            clock.advance(by: .seconds(3))
            bar.update(completed: step, metrics: [.value("loss", 1 / Double(step))])
        }
        bar.finish()
        #expect(
            screen.lines == [
                "epoch 1  ▕██████              ▏   30%  3/10  loss 0.3333  0:09 elapsed  ~0:21 left",
                "epoch 1  ▕██████████          ▏   50%  5/10  loss 0.2000  0:15 elapsed  ~0:15 left",
                "epoch 1  ▕████████████████    ▏   80%  8/10  loss 0.1250  0:24 elapsed  ~0:06 left",
                "epoch 1  ▕████████████████████▏  100%  10/10  loss 0.1000  0:30 elapsed",
            ])
    }

    /// The words after the times come from the caller (a Korean session passes 경과 and 남음).
    @Test func timeWordsAreTheCallers() {
        let screen = MemoryScreen()
        let clock = ManualClock()
        let bar = ProgressBar(
            total: 4, label: "학습", screen: screen, clock: clock,
            timeWords: ProgressBar.TimeWords(elapsed: "경과", left: "남음"))
        clock.advance(by: .seconds(2))
        bar.update(completed: 1)
        #expect(screen.lines == ["학습  ▕█████               ▏   25%  1/4  0:02 경과  ~0:06 남음"])
    }

    @Test func terminalOutputRedrawsInPlaceAndThrottles() {
        let screen = MemoryScreen(
            capabilities: FixedTerminalCapabilities(isTTY: true, size: .init(columns: 60, rows: 20)))
        let clock = ManualClock()
        let bar = ProgressBar(total: 4, screen: screen, clock: clock, showsTimes: false)
        bar.update(completed: 1)
        clock.advance(by: .milliseconds(50))
        bar.update(completed: 2)  // within 100 ms of the last draw: skipped
        clock.advance(by: .milliseconds(100))
        bar.update(completed: 3, metrics: [.percentage("acc", 0.875)])
        bar.finish()
        #expect(
            screen.text
                == [
                    "\r▕█████               ▏   25%  1/4\u{1B}[K",
                    "\r▕███████████████     ▏   75%  3/4  acc 87.5%\u{1B}[K",
                    "\r▕████████████████████▏  100%  4/4\u{1B}[K\n",
                ].joined())
    }

    @Test func stoppingEarlyStillPrintsWhereItStopped() {
        let screen = MemoryScreen()
        let bar = ProgressBar(total: 100, screen: screen, clock: ManualClock(), showsTimes: false)
        bar.update(completed: 10)
        bar.finish(completed: 10)
        #expect(screen.lines == ["▕██                  ▏   10%  10/100"])
    }

    @Test(arguments: [(Duration.seconds(5), "0:05"), (.seconds(75), "1:15"), (.seconds(3725), "1:02:05")])
    func clockText(duration: Duration, expected: String) {
        #expect(ProgressBar.clockText(duration) == expected)
    }
}

extension ProgressBarTests {
    /// 40 columns less 3 (the cursor's and room for a `^C` echo) leaves 37; " 50%", "5/10" and
    /// "loss 0.5000" with their separators and the bar's two edges take 27, so the bar shrinks
    /// from 20 to 10 cells instead of the loss being cut off.
    @Test func narrowTerminalsShrinkTheBarFirst() {
        let screen = MemoryScreen(
            capabilities: FixedTerminalCapabilities(isTTY: true, size: .init(columns: 40, rows: 20)))
        let bar = ProgressBar(total: 10, screen: screen, clock: ManualClock(), showsTimes: false)
        bar.update(completed: 5, metrics: [.value("loss", 0.5)])
        #expect(screen.text == "\r▕█████     ▏   50%  5/10  loss 0.5000\u{1B}[K")
    }
}

extension ProgressBarTests {
    /// A training at 80 columns (77 for the line) read "…  2387/200000  epoch 2387/200000  loss
    /// 0.0000  0:00 e…": the count goes first, since the epoch says it, then the elapsed time, so
    /// the time left is shown whole.
    @Test func narrowLinesDropTheCountThenTheElapsedTime() {
        let screen = MemoryScreen(
            capabilities: FixedTerminalCapabilities(isTTY: true, size: .init(columns: 80, rows: 20)))
        let clock = ManualClock()
        let bar = ProgressBar(total: 200_000, label: "training", screen: screen, clock: clock)
        clock.advance(by: .seconds(3))
        let metrics = [ProgressMetric(name: "epoch", text: "28859/200000"), .value("loss", 0)]
        let line = bar.line(completed: 28859, metrics: metrics, now: clock.now(), width: 77)
        #expect(!line.contains("28859/200000  epoch"))
        #expect(line.hasSuffix("epoch 28859/200000  loss 0.0000  ~0:17 left"), "\(line)")
        #expect(!line.contains("…"))
        // With room, everything stays.
        let wide = bar.line(completed: 28859, metrics: metrics, now: clock.now(), width: 200)
        #expect(wide.contains("28859/200000  epoch 28859/200000") && wide.contains("0:03 elapsed"))
    }
}
