import AnswerLanguage
import CNN
import Terminal
import Wording

/// Draws the language's figures (`show(x)`) as terminal lines with module Terminal.
enum FigureText {
    /// The lines of `figure`, at most `width` columns wide.
    static func lines(_ figure: Figure, colorLevel: ColorLevel, width: Int) -> [String] {
        var lines: [String] = figure.title.map { [$0] } ?? []
        switch figure {
        case .heatmap(let tensor, _):
            let rows = tensor.shape.first ?? 1
            let cols = tensor.rank >= 2 ? tensor.shape[1] : 1
            lines += formatHeatmap(
                values: tensor.scalarsAsDoubles(), rows: rows, cols: cols, colorLevel: colorLevel,
                maxWidth: width)
        case .bars(let labels, let values, _):
            lines += bars(labels: labels, values: values, width: width)
        case .curves(let series, _):
            for one in series {
                lines.append("\(one.name): \(one.values.count) values")
                lines += sparkline(one.values, width: width)
            }
        }
        return lines
    }

    /// One `label ████ value` line per bar, scaled to the largest magnitude.
    static func bars(labels: [String], values: [Double], width: Int) -> [String] {
        let labelWidth = min(24, labels.map(\.count).max() ?? 0)
        let largest = values.map { $0.isFinite ? Swift.abs($0) : 0 }.max() ?? 0
        let room = max(4, width - labelWidth - 14)
        return zip(labels, values).map { label, value in
            let length =
                largest > 0 && value.isFinite ? Int((Swift.abs(value) / largest * Double(room)).rounded()) : 0
            let padded = String(label.prefix(labelWidth)).padding(
                toLength: labelWidth, withPad: " ", startingAt: 0)
            return "\(padded) \(String(repeating: "█", count: length)) \(NumberFormat.compact(value))"
        }
    }

    /// The values as one line of block characters (resampled to `width`), with the range.
    static func sparkline(_ values: [Double], width: Int) -> [String] {
        let finite = values.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else { return ["(no finite values)"] }
        let blocks = Array("▁▂▃▄▅▆▇█")
        let columns = min(values.count, max(8, width - 2))
        var line = ""
        for column in 0..<columns {
            let value = values[column * values.count / columns]
            guard value.isFinite else {
                line += " "
                continue
            }
            let t = high > low ? (value - low) / (high - low) : 0.5
            line.append(blocks[min(blocks.count - 1, Int(t * Double(blocks.count - 1) + 0.5))])
        }
        return [
            line,
            "min \(NumberFormat.compact(low)), max \(NumberFormat.compact(high)), last \(NumberFormat.compact(values.last ?? 0))",
        ]
    }
}
