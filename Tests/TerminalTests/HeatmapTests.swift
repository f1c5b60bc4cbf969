import Testing
import Wording

@testable import Terminal

@Suite struct HeatmapTests {
    /// 0…15 over the ten-step ramp: value v gets ramp[round(v / 15 * 9)].
    @Test func plainHeatmapUsesTheRamp() {
        let lines = formatHeatmap(values: (0..<16).map(Double.init), rows: 4, cols: 4)
        #expect(
            lines == [
                "|  ....::|",
                "|::--====|",
                "|++++**##|",
                "|##%%%%@@|",
                "scale \" .:-=+*#%@\" from 0 to 15",
            ])
    }

    /// A constant sits at t = 0.5: ramp index round(0.5 * 9) = 5, which is "+".
    @Test func constantMatrixIsMidRamp() {
        let lines = formatHeatmap(values: [3, 3], rows: 1, cols: 2)
        #expect(lines[0] == "|++++|")
    }

    /// 24-bit mode: one `▀` per value column and scale; the top row is the foreground and the
    /// next row the background, so two matrix rows share one text line (scale 1 with 32 columns).
    @Test func colourHeatmapPairsRowsInHalfBlocks() {
        let values = (0..<64).map { Double($0 % 2) }  // 2 rows × 32 columns, columns alternate 0/1
        let lines = formatHeatmap(values: values, rows: 2, cols: 32, colorLevel: .trueColor)
        #expect(lines.count == 2)
        #expect(displayWidth(lines[0]) == 32)
        let low = "\u{1B}[38;2;68;1;84;48;2;68;1;84m▀\u{1B}[0m"
        let high = "\u{1B}[38;2;253;231;37;48;2;253;231;37m▀\u{1B}[0m"
        #expect(lines[0].hasPrefix(low + high))
        #expect(lines[1].hasPrefix("0 "))
        #expect(lines[1].hasSuffix(" 1"))
    }

    @Test func divergingDataIsDarkAtZero() {
        let heatmap = Heatmap(grid: NumberGrid([[-2, 0, 1]]))
        #expect(heatmap.color(0) == RGB(40, 40, 40))
        #expect(heatmap.color(-2) == RGB(70, 130, 255))
    }
}

extension HeatmapTests {
    /// 12 columns do not fit in 8 - 2 (the bars) = 6, so 2×2 blocks are averaged: the reduced
    /// rows are means of (0, 1, 12, 13) = 6.5 … and the ramp still spans the original 0…23.
    @Test func wideMatricesAreReducedByAveraging() {
        let reduced = Heatmap.reduce(NumberGrid(values: (0..<24).map(Double.init), rows: 2, cols: 12), by: 2)
        #expect(reduced == NumberGrid([[6.5, 8.5, 10.5, 12.5, 14.5, 16.5]]))
        let lines = formatHeatmap(values: (0..<24).map(Double.init), rows: 2, cols: 12, maxWidth: 8)
        #expect(lines.dropLast().allSatisfy { displayWidth($0) <= 8 })
        #expect(lines.last == "scale \" .:-=+*#%@\" from 0 to 23 (each cell averages 2×2 values)")
    }
}
