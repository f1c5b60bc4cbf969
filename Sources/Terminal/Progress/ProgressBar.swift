import Wording

/// A named number shown beside a progress bar (`loss 0.4123`, `acc 87.5%`).
public struct ProgressMetric: Sendable, Equatable {
    /// The name shown before the value.
    public var name: String
    /// The value as shown.
    public var text: String

    /// A metric shown as `name text`.
    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }

    /// A value with `decimals` decimals (`loss 0.4123`).
    public static func value(_ name: String, _ value: Double, decimals: Int = 4) -> ProgressMetric {
        ProgressMetric(name: name, text: NumberFormat.fixed(decimals).format(value))
    }

    /// A fraction shown as a percentage with one decimal (`acc 87.5%`).
    public static func percentage(_ name: String, _ fraction: Double) -> ProgressMetric {
        ProgressMetric(name: name, text: NumberFormat.fixed(1).format(fraction * 100) + "%")
    }
}

/// A progress bar with live metrics, elapsed time and time left.
///
/// On a terminal it redraws one line in place (carriage return, clear to end of line), at most
/// ten times a second. Elsewhere it writes a plain line only at each milestone (every quarter by
/// default) and when finished, so logs stay short and piped sessions stay reproducible.
public final class ProgressBar {
    /// The words after the two times, in the session's language.
    public struct TimeWords: Sendable {
        public let elapsed: String
        public let left: String
        public init(elapsed: String, left: String) {
            self.elapsed = elapsed
            self.left = left
        }
        /// `0:04 elapsed  ~0:10 left`.
        public static let english = TimeWords(elapsed: "elapsed", left: "left")
    }

    private let total: Int
    private let label: String
    private let screen: any TerminalScreen
    private let clock: any MonotonicClock
    private let milestones: Int
    private let showsTimes: Bool
    private let timeWords: TimeWords
    private let start: Duration
    private var lastDraw: Duration?
    private var lastMilestone = 0
    private var finished = false

    /// A bar for `total` units of work.
    ///
    /// - Parameters:
    ///   - label: shown first (`epoch 3`, `training`).
    ///   - milestones: how many plain lines a non-terminal gets over the whole run.
    ///   - showsTimes: whether elapsed time and time left are shown (off for reproducible logs).
    ///   - timeWords: the words after those times.
    public init(
        total: Int, label: String = "", screen: any TerminalScreen, clock: any MonotonicClock = SystemClock(),
        milestones: Int = 4, showsTimes: Bool = true, timeWords: TimeWords = .english
    ) {
        self.total = max(1, total)
        self.label = label
        self.screen = screen
        self.clock = clock
        self.milestones = max(1, milestones)
        self.showsTimes = showsTimes
        self.timeWords = timeWords
        start = clock.now()
    }

    /// Reports that `completed` units are done, with the current `metrics`.
    public func update(completed: Int, metrics: [ProgressMetric] = []) {
        guard !finished else { return }
        let completed = min(max(0, completed), total)
        let now = clock.now()
        if screen.capabilities.isTTY {
            if let lastDraw, now - lastDraw < .milliseconds(100), completed < total { return }
            lastDraw = now
            // Three columns stay free: the cursor's, and the `^C` a terminal echoes after the bar.
            let width = screen.capabilities.size.columns - 3
            screen.write(
                "\r"
                    + line(completed: completed, metrics: metrics, now: now, width: width)
                    + SGR.clearToEndOfLine)
        } else {
            let milestone = completed * milestones / total
            guard milestone > lastMilestone else { return }
            lastMilestone = milestone
            screen.writeLine(line(completed: completed, metrics: metrics, now: now))
        }
    }

    /// Draws the final state and ends the line; later updates are ignored.
    public func finish(completed: Int? = nil, metrics: [ProgressMetric] = []) {
        guard !finished else { return }
        let completed = min(max(0, completed ?? total), total)
        let now = clock.now()
        if screen.capabilities.isTTY {
            let width = screen.capabilities.size.columns - 3
            screen.write(
                "\r"
                    + line(completed: completed, metrics: metrics, now: now, width: width)
                    + SGR.clearToEndOfLine + "\n")
        } else if completed * milestones / total > lastMilestone || completed < total {
            screen.writeLine(line(completed: completed, metrics: metrics, now: now))
        }
        finished = true
    }

    /// Ends the bar where it stands after an interruption, without drawing it again: on a terminal
    /// the line (which may end in the `^C` the terminal echoed) is ended; later updates are ignored.
    public func abandon() {
        guard !finished else { return }
        if screen.capabilities.isTTY { screen.write("\n") }
        finished = true
    }

    /// The text of the bar for `completed` units at time `now`.
    ///
    /// With a `width` (a terminal's), the bar shrinks (down to 5 cells) so the numbers fit; then
    /// the count of units goes when metrics follow it (a training's `epoch 3/30` says as much),
    /// then the elapsed time, so the time left stays; the line is cut with `…` only when even that
    /// is not enough.
    func line(completed: Int, metrics: [ProgressMetric], now: Duration, width: Int? = nil) -> String {
        let level = screen.capabilities.colorLevel
        let fraction = Double(completed) / Double(total)
        let percent = TextLayout.pad(String(Int(fraction * 100)) + "%", toWidth: 4, alignment: .right)
        var count: String? = "\(completed)/\(total)"
        let shownMetrics = metrics.map { $0.name + " " + $0.text }
        var elapsedText: String?
        var leftText: String?
        if showsTimes {
            let elapsed = now - start
            elapsedText = Self.clockText(elapsed) + " " + timeWords.elapsed
            if completed > 0 && completed < total {
                let left = elapsed * Double(total - completed) / Double(completed)
                leftText = "~" + Self.clockText(left) + " " + timeWords.left
            }
        }
        let separator = "  "
        let labelWidth = displayWidth(label) + (label.isEmpty ? 0 : 2)
        func parts() -> [String] {
            [percent] + [count].compactMap { $0 } + shownMetrics + [elapsedText, leftText].compactMap { $0 }
        }
        if let width {
            // The narrowest bar (5 cells and its two edges) and what follows it must fit.
            let fits = { labelWidth + 7 + 2 + displayWidth(parts().joined(separator: separator)) <= width }
            if !fits() && !shownMetrics.isEmpty { count = nil }
            if !fits() && leftText != nil { elapsedText = nil }
        }
        let after = parts()
        let fixedWidth = labelWidth + displayWidth(after.joined(separator: separator)) + 4
        let cells = width.map { min(20, max(5, $0 - fixedWidth)) } ?? 20
        let eighths = Int((fraction * Double(cells * 8)).rounded(.down))
        let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"][eighths % 8]
        let filled = String(repeating: "█", count: eighths / 8) + partial
        let bar = TextStyle(foreground: Theme.series[0]).apply(filled, at: level)
        let parts = (label.isEmpty ? [] : [label]) + ["▕" + TextLayout.pad(bar, toWidth: cells) + "▏"] + after
        let text = parts.joined(separator: separator)
        return width.map { TextLayout.truncate(text, toWidth: $0) } ?? text
    }

    /// `m:ss`, or `h:mm:ss` from an hour on.
    static func clockText(_ duration: Duration) -> String {
        let seconds = max(0, Int(duration.components.seconds))
        let (hours, minutes, rest) = (seconds / 3600, seconds / 60 % 60, seconds % 60)
        let twoDigits = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
        return hours > 0
            ? "\(hours):\(twoDigits(minutes)):\(twoDigits(rest))" : "\(minutes):\(twoDigits(rest))"
    }
}
