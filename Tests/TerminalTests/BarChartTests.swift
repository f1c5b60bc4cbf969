import Foundation
import Testing
import Wording

@testable import Terminal

@Suite struct BarChartTests {
    /// Bar area = 30 - 1 (label) - 3 (value) - 4 = 22 cells; 0.5 of 22 cells = 11 cells.
    @Test func linearBarsAreProportional() {
        let lines = formatBarChart(labels: ["a", "b"], values: [1, 0.5], width: 30)
        #expect(
            lines == [
                "a │██████████████████████   1",
                "b │███████████            0.5",
                "   linear scale, 0 … 1",
            ])
    }

    /// Decades floor(log10 3.2e-9) = -9 … ceil(log10 0.82) = 0, so each bar's fraction is
    /// (log10 v + 9) / 9.
    @Test func logBarsSpanDecades() {
        let chart = BarChart(
            labels: ["conv1", "conv2", "fc"], values: [3.2e-9, 1.1e-5, 0.82], logScale: true)
        let expected = [3.2e-9, 1.1e-5, 0.82].map { (log10($0) + 9) / 9 }
        for (fraction, want) in zip(chart.barFractions(), expected) {
            #expect(abs(fraction - want) < 1e-12)
        }
        #expect(chart.lines(colorLevel: .none).last == "       log scale, 1e-9 … 1")
    }

    /// A single positive value 1e-3 is an exact decade, so the scale is 1e-4 … 1e-3 and it fills
    /// the bar.
    @Test func zeroAndNegativeValuesGetNoLogBar() {
        let chart = BarChart(labels: ["a", "b", "c"], values: [0, -1, 1e-3], logScale: true)
        #expect(chart.barFractions() == [0, 0, 1])
    }

    @Test func linesFitTheWidth() {
        let lines = formatBarChart(
            labels: ["a very long layer name indeed", "b"], values: [1e-10, 1], width: 40, logScale: true,
            colorLevel: .trueColor)
        #expect(lines.allSatisfy { displayWidth($0) <= 40 })
    }
}
