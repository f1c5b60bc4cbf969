import Testing
import Wording

@testable import Terminal

@Suite struct ConvolutionWalkTests {
    static let input = NumberGrid([[1, 2, 3, 0], [4, 5, 6, 1], [7, 8, 9, 2]])
    static let kernel = NumberGrid([[1, 0], [0, -1]])

    /// Output size (3 - 2) / 1 + 1 = 2 by (4 - 2) / 1 + 1 = 3. Values by hand, e.g. position
    /// (0, 1): 2·1 + 3·0 + 5·0 + 6·(-1) = -4; numpy check:
    /// `scipy.signal.correlate2d(x, k, mode='valid')` gives [[-4, -4, 2], [-4, -4, 4]].
    @Test func outputIsCrossCorrelation() {
        let walk = ConvolutionWalk(input: Self.input, kernel: Self.kernel)
        #expect(walk.stepCount == 6)
        #expect(walk.output == NumberGrid([[-4, -4, 2], [-4, -4, 4]]))
    }

    @Test func strideAndPaddingFollowPyTorchSizes() {
        // (3 + 2·1 - 2) / 2 + 1 = 2 rows, (4 + 2·1 - 2) / 2 + 1 = 3 columns.
        let walk = ConvolutionWalk(input: Self.input, kernel: Self.kernel, stride: 2, padding: 1)
        #expect(walk.outputRows == 2 && walk.outputCols == 3)
        #expect(walk.windowOrigin(step: 4) == (2, 2))
    }

    @Test func pictureShowsWindowProductsSumAndPartialOutput() {
        let lines = ConvolutionWalk(input: Self.input, kernel: Self.kernel).picture(step: 1)
        #expect(
            lines == [
                "step 2 of 6: output[0, 1]",
                "input             kernel       window × kernel",
                "⎡ 1 [2][3] 0 ⎤    ⎡ 1   0 ⎤    ⎡ 2   0 ⎤",
                "⎢ 4 [5][6] 1 ⎥    ⎣ 0  -1 ⎦    ⎣ 0  -6 ⎦",
                "⎣ 7  8  9  2 ⎦",
                "sum = 2 + 0 + 0 + (-6) = -4",
                "output",
                "⎡ -4 [-4] · ⎤",
                "⎣  ·   ·  · ⎦",
            ])
    }

    @Test func narrowWidthStacksThePictures() {
        let walk = ConvolutionWalk(
            input: NumberGrid([[1, 2], [3, 4]]), kernel: NumberGrid([[1]]), bias: 0.5)
        let lines = walk.picture(step: 0, width: 20)
        #expect(lines.contains("kernel"))
        #expect(lines.joined(separator: " ").contains("sum = 1.00 + bias 0.50 = 1.50"))
        #expect(lines.allSatisfy { displayWidth($0) <= 20 })
    }

    @Test func largeKernelsShowOnlyTheTotal() {
        let walk = ConvolutionWalk(
            input: NumberGrid(values: Array(repeating: 1, count: 16), rows: 4, cols: 4),
            kernel: NumberGrid(values: Array(repeating: 2, count: 16), rows: 4, cols: 4))
        #expect(walk.picture(step: 0).contains("sum of the 16 products = 32"))
    }
}
