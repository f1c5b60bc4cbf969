import Testing
import Wording

@testable import Terminal

@Suite struct MatrixPictureTests {
    @Test func integralValuesPrintWithoutDecimals() {
        let lines = formatMatrix(values: [1, 2, 3, -4, 5, 60], rows: 2, cols: 3)
        #expect(lines == ["⎡  1  2   3 ⎤", "⎣ -4  5  60 ⎦"])
    }

    /// -0.001 at two decimals rounds to 0.00 and prints without a minus sign.
    @Test func fractionalValuesShareOnePrecision() {
        let lines = formatMatrix(
            values: [1.5, 2, 3, -4, 5, 60, 0.25, -0.001, 1], rows: 3, cols: 3, precision: 2)
        #expect(lines == ["⎡  1.50  2.00   3.00 ⎤", "⎢ -4.00  5.00  60.00 ⎥", "⎣  0.25  0.00   1.00 ⎦"])
    }

    @Test func oneRowUsesSquareBrackets() {
        #expect(formatMatrix(values: [1, 2, 3], rows: 1, cols: 3) == ["[ 1  2  3 ]"])
    }

    @Test func markedCellsAreBracketedWithoutColour() {
        let lines = formatMatrix(values: [1, 2, 3, 4], rows: 2, cols: 2, marked: [1])
        #expect(lines == ["⎡ 1 [2]⎤", "⎣ 3  4 ⎦"])
    }

    @Test func markedCellsAreAlsoColouredWithColour() {
        let lines = formatMatrix(values: [1, 2], rows: 1, cols: 2, colorLevel: .ansi16, marked: [0])
        #expect(lines == ["[[\u{1B}[1;30;43m1\u{1B}[0m] 2 ]"])
    }

    @Test func tinyAndHugeValuesUseScientificNotation() {
        #expect(NumberFormat.suited(to: [1e-7, 2e-8], precision: 4) == .scientific(3))
        #expect(NumberFormat.suited(to: [123456.5], precision: 2) == .scientific(1))
        #expect(NumberFormat.scientific(2).format(0.000123) == "1.23e-04")
    }

    @Test func nonFiniteValuesAreNamed() {
        #expect(
            formatMatrix(values: [.nan, .infinity, -.infinity, 1], rows: 2, cols: 2)
                == ["⎡  nan  inf ⎤", "⎣ -inf    1 ⎦"])
    }

    @Test(arguments: [(0.5, "0.5"), (1234.5, "1.23e+03"), (0.0001234, "1.23e-04"), (0, "0"), (-2, "-2")])
    func compactNumbers(value: Double, expected: String) {
        #expect(NumberFormat.compact(value) == expected)
    }
}

extension MatrixPictureTests {
    /// 10 columns of one digit are 2 + 10·3 = 32 columns wide; in 20 columns, 2 + 3 (the `…`)
    /// leaves 15, which holds 2 columns from each end (4·3 = 12) but not 3 (6·3 = 18).
    @Test func wideMatricesElideMiddleColumns() {
        let lines = formatMatrix(
            values: (0..<20).map(Double.init).map { $0.truncatingRemainder(dividingBy: 10) }, rows: 2,
            cols: 10, maxWidth: 20)
        #expect(lines == ["⎡ 0  1  …  8  9 ⎤", "⎣ 0  1  …  8  9 ⎦"])
    }

    @Test func tallMatricesElideMiddleRows() {
        let lines = formatMatrix(values: (0..<6).map(Double.init), rows: 6, cols: 1, maxRows: 3)
        #expect(lines == ["⎡ 0 ⎤", "⎢ ⋮ ⎥", "⎣ 5 ⎦"])
    }
}
