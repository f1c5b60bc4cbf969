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
