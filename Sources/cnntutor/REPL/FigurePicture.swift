import AnswerLanguage
import CNN
import Terminal
import Wording

/// Draws the language's figures (`show(x)`, `:show x`) in the REPL: heatmaps, bar charts (log
/// scale when the values span many decades, as per-layer gradient norms do) and line plots.
enum FigurePicture {
    /// The lines of `figure`, at most `width` columns wide, its words in `language`.
    static func lines(_ figure: Figure, width: Int, colorLevel: ColorLevel, language: Language) -> [String] {
        var lines: [String] = figure.title.map { [Theme.subheading.apply($0, at: colorLevel)] } ?? []
        switch figure {
        case .heatmap(let tensor, _):
            lines += heatmap(tensor, width: width, colorLevel: colorLevel, language: language)
        case .bars(let labels, let values, _):
            lines += formatBarChart(
                labels: labels, values: values, width: min(width, 100), logScale: spansDecades(values),
                colorLevel: colorLevel, language: language)
        case .curves(let series, _):
            lines += formatLinePlot(
                series: series.map { LinePlot.Series(name: $0.name, values: $0.values) },
                width: min(width, 100),
                height: 10, colorLevel: colorLevel, language: language)
        }
        return lines
    }

    /// A tensor as a heatmap of its first plane: `[H, W]`, `[C, H, W]` or `[N, C, H, W]`.
    static func heatmap(_ tensor: Tensor, width: Int, colorLevel: ColorLevel, language: Language) -> [String]
    {
        let shape = tensor.shape
        let values = tensor.scalarsAsDoubles()
        let rows: Int
        let cols: Int
        switch shape.count {
        case 0: (rows, cols) = (1, 1)
        case 1: (rows, cols) = (1, shape[0])
        default: (rows, cols) = (shape[shape.count - 2], shape[shape.count - 1])
        }
        guard rows > 0, cols > 0 else { return [language.say(PictureKey.emptyTensor, ["shape": shape])] }
        var lines: [String] = []
        if shape.count > 2 {
            let planes = shape.dropLast(2).reduce(1, *)
            if planes > 1 {
                lines.append(language.say(PictureKey.firstPlane, ["planes": planes, "shape": shape]))
            }
        }
        return lines
            + formatHeatmap(
                values: Array(values.prefix(rows * cols)), rows: rows, cols: cols, colorLevel: colorLevel,
                maxWidth: width, language: language)
    }

    /// Whether positive values span more than two decades (a linear bar chart would hide most).
    static func spansDecades(_ values: [Double]) -> Bool {
        let positive = values.filter { $0 > 0 && $0.isFinite }
        guard positive.count == values.count, let low = positive.min(), let high = positive.max() else {
            return false
        }
        return high / low > 100
    }
}
