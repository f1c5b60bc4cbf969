import Wording

/// A matrix drawn as colours (or as an ASCII density ramp), with a legend of its range.
///
/// With 24-bit or 256 colours each value is a square of `▀` half-blocks (the upper half's
/// foreground and the lower half's background are two rows), so an 8×8 image stays square. Data
/// with both signs uses a diverging map (blue below zero, red above, dark at zero); otherwise a
/// viridis-like sequential map. Without colour (or with only 16) values become characters of the
/// ramp ` .:-=+*#%@`, two per value so cells look square.
public struct Heatmap: Sendable {
    /// The characters from lowest to highest value in plain mode.
    public static let ramp: [Character] = Array(" .:-=+*#%@")
    /// The numbers.
    public var grid: NumberGrid
    /// The widest the picture may be, in columns.
    public var maxWidth: Int

    /// A heatmap of `grid` at most `maxWidth` columns wide.
    public init(grid: NumberGrid, maxWidth: Int = 80) {
        self.grid = grid
        self.maxWidth = max(2, maxWidth)
    }

    /// The value range the colours span (the original grid's, when this one is a reduction).
    private var rangeOverride: ClosedRange<Double>?

    /// The picture followed by a legend line, at `colorLevel`, its words in `language`.
    ///
    /// A matrix wider than `maxWidth` allows is shown reduced: blocks of k×k values averaged
    /// (NaN-free ones), and the legend says so.
    public func lines(colorLevel: ColorLevel, language: Language = .english) -> [String] {
        guard grid.rows > 0 && grid.cols > 0 else { return [language.say(PictureKey.heatmapEmpty)] }
        let room = colorLevel >= .ansi256 ? maxWidth : maxWidth - 2
        if grid.cols > room {
            let factor = (grid.cols + room - 1) / max(1, room)
            var reduced = Heatmap(grid: Self.reduce(grid, by: factor), maxWidth: maxWidth)
            reduced.rangeOverride = range
            var lines = reduced.lines(colorLevel: colorLevel, language: language)
            lines[lines.count - 1] = language.say(
                PictureKey.heatmapReduced, ["legend": lines[lines.count - 1], "factor": factor])
            return lines
        }
        if colorLevel >= .ansi256 { return colorLines(colorLevel) + [colorLegend(colorLevel)] }
        return rampLines() + [rampLegend(language)]
    }

    /// `grid` with each `factor`×`factor` block replaced by the mean of its finite values.
    static func reduce(_ grid: NumberGrid, by factor: Int) -> NumberGrid {
        let rows = (grid.rows + factor - 1) / factor
        let cols = (grid.cols + factor - 1) / factor
        var values: [Double] = []
        for row in 0..<rows {
            for col in 0..<cols {
                var sum = 0.0
                var count = 0
                for r in (row * factor)..<min(grid.rows, (row + 1) * factor) {
                    for c in (col * factor)..<min(grid.cols, (col + 1) * factor) where grid[r, c].isFinite {
                        sum += grid[r, c]
                        count += 1
                    }
                }
                values.append(count > 0 ? sum / Double(count) : .nan)
            }
        }
        return NumberGrid(values: values, rows: rows, cols: cols)
    }

    private var range: ClosedRange<Double> { rangeOverride ?? grid.finiteRange ?? 0...0 }
    private var diverging: Bool { range.lowerBound < 0 && range.upperBound > 0 }

    /// Where `value` falls: 0…1 (sequential) or -1…1 around zero (diverging); nil for NaN.
    private func position(_ value: Double) -> Double? {
        if value.isNaN { return nil }
        let (low, high) = (range.lowerBound, range.upperBound)
        if diverging {
            let scale = max(-low, high)
            return min(1, max(-1, value / scale))
        }
        guard high > low else { return 0.5 }
        return min(1, max(0, (value - low) / (high - low)))
    }

    func color(_ value: Double) -> RGB {
        guard let t = position(value) else { return RGB(255, 0, 255) }
        if diverging {
            let neutral = RGB(40, 40, 40)
            return t < 0
                ? neutral.mixed(with: RGB(70, 130, 255), -t) : neutral.mixed(with: RGB(255, 70, 60), t)
        }
        let stops = [
            RGB(68, 1, 84), RGB(59, 82, 139), RGB(33, 145, 140), RGB(94, 201, 98), RGB(253, 231, 37),
        ]
        let scaled = t * Double(stops.count - 1)
        let index = min(stops.count - 2, Int(scaled))
        return stops[index].mixed(with: stops[index + 1], scaled - Double(index))
    }

    private func colorLines(_ level: ColorLevel) -> [String] {
        let scale = max(1, min(4, 32 / grid.cols, maxWidth / grid.cols))
        let pixelRows = (0..<grid.rows).flatMap { Array(repeating: $0, count: scale) }
        var lines: [String] = []
        for top in stride(from: 0, to: pixelRows.count, by: 2) {
            var line = ""
            for col in 0..<grid.cols {
                let upper = color(grid[pixelRows[top], col])
                let lower = top + 1 < pixelRows.count ? color(grid[pixelRows[top + 1], col]) : nil
                let style = TextStyle(foreground: upper, background: lower)
                line += style.apply(String(repeating: "▀", count: scale), at: level)
            }
            lines.append(line)
        }
        return lines
    }

    private func colorLegend(_ level: ColorLevel) -> String {
        let low = range.lowerBound
        let high = range.upperBound
        let steps = 10
        let bar = (0..<steps).map { step -> String in
            let value = low + (high - low) * Double(step) / Double(steps - 1)
            return TextStyle(foreground: color(value)).apply("█", at: level)
        }.joined()
        return NumberFormat.compact(low) + " " + bar + " " + NumberFormat.compact(high)
    }

    private func rampLines() -> [String] {
        let cellWidth = grid.cols * 2 <= maxWidth ? 2 : 1
        return (0..<grid.rows).map { row in
            let line = (0..<grid.cols).map { col -> String in
                String(repeating: rampCharacter(grid[row, col]), count: cellWidth)
            }.joined()
            return "|" + line + "|"
        }
    }

    private func rampCharacter(_ value: Double) -> Character {
        if value.isNaN { return "?" }
        let (low, high) = (range.lowerBound, range.upperBound)
        let t = high > low ? min(1, max(0, (value - low) / (high - low))) : 0.5
        return Self.ramp[min(Self.ramp.count - 1, Int(t * Double(Self.ramp.count - 1) + 0.5))]
    }

    private func rampLegend(_ language: Language) -> String {
        language.say(
            PictureKey.heatmapScale,
            [
                "ramp": String(Self.ramp), "low": NumberFormat.compact(range.lowerBound),
                "high": NumberFormat.compact(range.upperBound),
            ])
    }
}

/// A heatmap of a matrix as lines, colour chosen by `colorLevel` (see `Heatmap`).
public func formatHeatmap(
    values: [Double], rows: Int, cols: Int, colorLevel: ColorLevel = .none, maxWidth: Int = 80,
    language: Language = .english
) -> [String] {
    Heatmap(grid: NumberGrid(values: values, rows: rows, cols: cols), maxWidth: maxWidth).lines(
        colorLevel: colorLevel, language: language)
}
