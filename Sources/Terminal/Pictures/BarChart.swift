import Foundation
import Wording

/// Horizontal bars with labels and values, linear or logarithmic (per-layer gradient norms span
/// 1e-10…1, where a linear scale would show one bar and nothing else).
///
/// ```
/// conv1 │██▍                    3.2e-09
/// conv2 │██████████▋            1.1e-05
/// fc    │███████████████████▉   0.82
///        log scale, 1e-10 … 1
/// ```
public struct BarChart: Sendable {
    /// One label per bar.
    public var labels: [String]
    /// One value per bar; zero, negative and NaN values get no bar on a log scale.
    public var values: [Double]
    /// Whether bar lengths follow log10 of the values (decades from the smallest to the largest).
    public var logScale: Bool
    /// The widest the chart may be, in columns.
    public var width: Int

    /// A chart of `values` labelled by `labels` (equally many), `width` columns wide.
    public init(labels: [String], values: [Double], logScale: Bool = false, width: Int = 60) {
        precondition(
            labels.count == values.count, "BarChart: \(labels.count) labels for \(values.count) values")
        self.labels = labels
        self.values = values
        self.logScale = logScale
        self.width = width
    }

    private static let eighths = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// The bars and a scale line, at `colorLevel`, its words in `language`.
    public func lines(colorLevel: ColorLevel, language: Language = .english) -> [String] {
        guard !values.isEmpty else { return [] }
        let valueTexts = values.map(NumberFormat.compact)
        let labelWidth = min(labels.map { displayWidth($0) }.max() ?? 0, max(4, width / 3))
        let valueWidth = valueTexts.map { displayWidth($0) }.max() ?? 1
        let barWidth = max(10, width - labelWidth - valueWidth - 4)
        let fractions = barFractions()
        let axis = Theme.frame.apply("│", at: colorLevel)
        var lines: [String] = []
        for index in values.indices {
            let label = TextLayout.pad(
                TextLayout.truncate(labels[index], toWidth: labelWidth), toWidth: labelWidth)
            let eighthCount = Int((fractions[index] * Double(barWidth * 8)).rounded())
            var bar = String(repeating: "█", count: eighthCount / 8) + Self.eighths[eighthCount % 8]
            bar = TextStyle(foreground: Theme.series[0]).apply(bar, at: colorLevel)
            let padded = TextLayout.pad(bar, toWidth: barWidth)
            lines.append(
                label + " " + axis + padded + " "
                    + TextLayout.pad(valueTexts[index], toWidth: valueWidth, alignment: .right))
        }
        lines.append(
            String(repeating: " ", count: labelWidth + 2)
                + Theme.frame.apply(scaleDescription(language), at: colorLevel))
        return lines
    }

    /// Each bar's length as a fraction of the full bar.
    func barFractions() -> [Double] {
        if logScale {
            guard let (low, high) = decadeRange else { return values.map { _ in 0 } }
            return values.map { value in
                guard value > 0 && value.isFinite else { return 0 }
                // Even the smallest positive value gets a sliver: zero and tiny must look different.
                return max(1.0 / 64, (log10(value) - low) / (high - low))
            }
        }
        let largest = values.filter(\.isFinite).map(abs).max() ?? 0
        guard largest > 0 else { return values.map { _ in 0 } }
        return values.map { $0.isFinite && $0 > 0 ? $0 / largest : 0 }
    }

    /// Whole decades around the positive values: floor(log10 min) … ceil(log10 max), one decade
    /// lower when the smallest value is itself a power of ten.
    private var decadeRange: (Double, Double)? {
        let positive = values.filter { $0 > 0 && $0.isFinite }
        guard let smallest = positive.min(), let largest = positive.max() else { return nil }
        var low = floor(log10(smallest))
        // An exact power of ten would sit at the very start of its own decade, with no bar.
        if low == log10(smallest) { low -= 1 }
        var high = ceil(log10(largest))
        if high <= low { high = low + 1 }
        return (low, high)
    }

    private func scaleDescription(_ language: Language) -> String {
        guard logScale else {
            return language.say(
                PictureKey.barsLinearScale,
                ["high": NumberFormat.compact(values.filter(\.isFinite).map(abs).max() ?? 0)])
        }
        guard let (low, high) = decadeRange else { return language.say(PictureKey.barsLogScaleEmpty) }
        return language.say(PictureKey.barsLogScale, ["low": Self.decade(low), "high": Self.decade(high)])
    }

    /// 10^exponent written as `1e-9`, or `1` for 10^0.
    private static func decade(_ exponent: Double) -> String {
        exponent == 0 ? "1" : "1e\(Int(exponent))"
    }
}

/// A horizontal bar chart as lines (see `BarChart`).
public func formatBarChart(
    labels: [String], values: [Double], width: Int = 60, logScale: Bool = false,
    colorLevel: ColorLevel = .none, language: Language = .english
) -> [String] {
    BarChart(labels: labels, values: values, logScale: logScale, width: width).lines(
        colorLevel: colorLevel, language: language)
}
