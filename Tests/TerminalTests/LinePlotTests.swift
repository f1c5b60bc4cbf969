import Testing
import Wording

@testable import Terminal

@Suite struct LinePlotTests {
    /// A falling line from 3 to 0 over 4 steps on a 5×2-cell canvas (10×8 dots). The points are
    /// x = step · 9 / 3, y = (3 - v) · 7 / 3 rounded: (0,0), (3,2), (6,5), (9,7), joined by
    /// Bresenham lines; e.g. the first cell holds dots (0,0) and (1,1) = bits 0x01|0x10 = "⠑".
    @Test func straightLine() {
        let lines = formatLinePlot(series: [.init(name: "loss", values: [3, 2, 1, 0])], width: 8, height: 2)
        #expect(
            lines == [
                "3 ┤⠑⠢⡀",
                "0 ┤  ⠈⠢⢄",
                "  └─────",
                "   0   3",
            ])
    }

    @Test func severalSeriesGetALegend() {
        let lines = formatLinePlot(
            series: [.init(name: "train", values: [1, 0.5]), .init(name: "val", values: [1.2, 0.7])],
            width: 30,
            height: 4)
        #expect(lines.last == "     ⠒⠒ train  ⠒⠒ val")
        #expect(lines.allSatisfy { displayWidth($0) <= 30 })
    }

    @Test func gapsAndLogScaleSkipBadValues() {
        let lines = formatLinePlot(series: [.init(name: "loss", values: [1, .nan, 0, 0.01])], logScale: true)
        #expect(lines.first?.hasPrefix("   1 ┤") == true)
        #expect(lines.contains { $0.hasPrefix("0.01 ┤") })
    }

    @Test func emptySeriesSaySo() {
        #expect(formatLinePlot(series: [.init(name: "x", values: [])]) == ["(nothing to plot)"])
    }
}
