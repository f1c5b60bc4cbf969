import Foundation
import Wording

/// Curves drawn with braille dots (2×4 dots per character) between a y axis and an x axis:
/// loss and accuracy over training steps.
///
/// ```
/// 2.31 ┤⠑⠢⡀
///      ┤   ⠈⠢⢄⡀
/// 0.12 ┤       ⠈⠉⠒⠒⠤⠤⠤
///      └──────────────
///       0           99
/// ```
public struct LinePlot: Sendable {
    /// One curve: a name for the legend and a value per step (NaN and infinite values are gaps).
    public struct Series: Sendable, Equatable {
        /// Shown in the legend.
        public var name: String
        /// The y value at x = 0, 1, 2, ….
        public var values: [Double]

        /// A curve named `name` through `values`.
        public init(name: String, values: [Double]) {
            self.name = name
            self.values = values
        }
    }

    /// The curves, drawn in order (later ones on top), each in its own colour.
    public var series: [Series]
    /// The whole picture's width in columns, axis labels included.
    public var width: Int
    /// The plot area's height in rows.
    public var height: Int
    /// Whether the y axis is log10 (positive values only).
    public var logScale: Bool

    /// A plot of `series`, `width` columns wide with a plot area `height` rows tall.
    public init(series: [Series], width: Int = 60, height: Int = 10, logScale: Bool = false) {
        self.series = series
        self.width = width
        self.height = max(2, height)
        self.logScale = logScale
    }

    /// The plot, its x axis with the first and last step, and a legend when there are several
    /// curves, at `colorLevel`.
    public func lines(colorLevel: ColorLevel, language: Language = .english) -> [String] {
        let transformed = series.map { $0.values.map(transform) }
        let finite = transformed.flatMap { $0 }.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else {
            return [language.say(PictureKey.plotEmpty)]
        }
        let span = high > low ? high - low : 1
        let yLabels = (0..<height).map { row -> String in
            if row == 0 { return NumberFormat.compact(untransform(high)) }
            if row == height - 1 { return NumberFormat.compact(untransform(low)) }
            return ""
        }
        let labelWidth = yLabels.map { displayWidth($0) }.max() ?? 1
        let plotWidth = max(4, width - labelWidth - 2)
        var canvas = BrailleCanvas(columns: plotWidth, rows: height)
        let steps = series.map(\.values.count).max() ?? 1
        for (index, values) in transformed.enumerated() {
            var previous: (Int, Int)?
            for (step, value) in values.enumerated() {
                guard value.isFinite else {
                    previous = nil
                    continue
                }
                let x =
                    steps > 1
                    ? Int((Double(step) / Double(steps - 1) * Double(canvas.dotColumns - 1)).rounded()) : 0
                let y = Int(((high - value) / span * Double(canvas.dotRows - 1)).rounded())
                if let previous {
                    canvas.line(from: previous, to: (x, y), series: index)
                } else {
                    canvas.set(x, y, series: index)
                }
                previous = (x, y)
            }
        }
        let axis = { (text: String) in Theme.frame.apply(text, at: colorLevel) }
        var lines = canvas.rows(colorLevel: colorLevel).enumerated().map { row, text in
            TextLayout.pad(yLabels[row], toWidth: labelWidth, alignment: .right) + " " + axis("┤") + text
        }
        lines.append(
            String(repeating: " ", count: labelWidth + 1)
                + axis("└" + String(repeating: "─", count: plotWidth)))
        let last = String(steps - 1)
        let gap = max(1, plotWidth - 1 - displayWidth(last))
        lines.append(
            String(repeating: " ", count: labelWidth + 2) + "0" + String(repeating: " ", count: gap) + last)
        if series.count > 1 || logScale {
            let legend = series.enumerated().map { index, series in
                TextStyle(foreground: Theme.series[index % Theme.series.count]).apply(
                    "⠒⠒ " + series.name, at: colorLevel)
            }
            let scale = logScale ? [language.say(PictureKey.plotLogScale)] : []
            lines.append(
                String(repeating: " ", count: labelWidth + 2) + (legend + scale).joined(separator: "  "))
        }
        return lines
    }

    private func transform(_ value: Double) -> Double {
        guard logScale else { return value }
        return value > 0 ? log10(value) : .nan
    }

    private func untransform(_ value: Double) -> Double {
        logScale ? pow(10, value) : value
    }
}

/// A grid of braille cells addressed by dot: each character holds 2 columns × 4 rows of dots.
struct BrailleCanvas {
    let columns: Int
    let rows: Int
    private var bits: [UInt8]
    private var owner: [Int?]

    init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
        bits = Array(repeating: 0, count: columns * rows)
        owner = Array(repeating: nil, count: columns * rows)
    }

    var dotColumns: Int { columns * 2 }
    var dotRows: Int { rows * 4 }

    /// Unicode braille numbering: dots 1-2-3-7 down the left column, 4-5-6-8 down the right.
    private static let dotBits: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]

    mutating func set(_ x: Int, _ y: Int, series: Int) {
        guard x >= 0, y >= 0, x < dotColumns, y < dotRows else { return }
        let cell = (y / 4) * columns + x / 2
        bits[cell] |= Self.dotBits[x % 2][y % 4]
        owner[cell] = series
    }

    /// Dots along the straight line between two dots (Bresenham).
    mutating func line(from start: (Int, Int), to end: (Int, Int), series: Int) {
        var (x, y) = start
        let dx = abs(end.0 - x)
        let dy = -abs(end.1 - y)
        let stepX = x < end.0 ? 1 : -1
        let stepY = y < end.1 ? 1 : -1
        var error = dx + dy
        while true {
            set(x, y, series: series)
            if x == end.0 && y == end.1 { break }
            let doubled = 2 * error
            if doubled >= dy {
                error += dy
                x += stepX
            }
            if doubled <= dx {
                error += dx
                y += stepY
            }
        }
    }

    func rows(colorLevel: ColorLevel) -> [String] {
        (0..<rows).map { row in
            var text = ""
            for column in 0..<columns {
                let cell = row * columns + column
                let character = String(Character(Unicode.Scalar(0x2800 + UInt32(bits[cell]))!))
                if let series = owner[cell] {
                    text += TextStyle(foreground: Theme.series[series % Theme.series.count]).apply(
                        character, at: colorLevel)
                } else {
                    text += bits[cell] == 0 ? " " : character
                }
            }
            return TextLayout.trimTrailingSpaces(text)
        }
    }
}

/// A line plot of one or more curves as lines (see `LinePlot`).
public func formatLinePlot(
    series: [LinePlot.Series], width: Int = 60, height: Int = 10, logScale: Bool = false,
    colorLevel: ColorLevel = .none, language: Language = .english
) -> [String] {
    LinePlot(series: series, width: width, height: height, logScale: logScale).lines(
        colorLevel: colorLevel, language: language)
}
