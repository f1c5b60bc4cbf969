import Testing

@testable import Terminal

@Suite struct MatrixComparisonTests {
    @Test func differingCellsAreMarkedOnBothSides() {
        let comparison = MatrixComparison(
            actual: NumberGrid([[1, 2], [3, 4]]), expected: NumberGrid([[1, 2], [3, 5]]))
        #expect(comparison.differingCells == [3])
        #expect(
            comparison.lines() == [
                "your answer    expected",
                "⎡ 1  2 ⎤       ⎡ 1  2 ⎤",
                "⎣ 3 [4]⎦       ⎣ 3 [5]⎦",
                "1 of 4 cells differ (marked [ ])",
            ])
    }

    /// |1.0001 - 1| = 1e-4 <= atol 1e-3: equal; |2.5 - 2| = 0.5 > 1e-3 + 0.1 * 2 = 0.201: differs.
    @Test func tolerancesFollowNumpyIsclose() {
        let comparison = MatrixComparison(
            actual: NumberGrid([[1.0001, 2.5]]), expected: NumberGrid([[1, 2]]),
            absoluteTolerance: 1e-3, relativeTolerance: 0.1)
        #expect(comparison.differingCells == [1])
    }

    @Test func differentShapesAreNotMarked() {
        let comparison = MatrixComparison(actual: NumberGrid([[1, 2]]), expected: NumberGrid([[1], [2]]))
        #expect(comparison.differingCells.isEmpty)
        #expect(comparison.summary == "shapes differ: 1×2 vs 2×1")
    }

    @Test func nanEqualsNanOnly() {
        let comparison = MatrixComparison(
            actual: NumberGrid([[.nan, .nan]]), expected: NumberGrid([[.nan, 1]]))
        #expect(comparison.differingCells == [1])
    }

    @Test func colourMarksTheLearnersCellsRedAndTheExpectedGreen() {
        let comparison = MatrixComparison(actual: NumberGrid([[1]]), expected: NumberGrid([[2]]))
        let lines = comparison.lines(colorLevel: .ansi16)
        #expect(lines[1].contains("[\u{1B}[1;31m1\u{1B}[0m]"))
        #expect(lines[1].contains("[\u{1B}[1;32m2\u{1B}[0m]"))
    }
}

extension MatrixComparisonTests {
    @Test func tooWideToStandSideBySideStacks() {
        let comparison = MatrixComparison(actual: NumberGrid([[1.5, 2]]), expected: NumberGrid([[1.5, 3]]))
        let lines = comparison.lines(width: 20)
        #expect(
            lines == [
                "your answer", "[ 1.5000 [2.0000]]", "expected", "[ 1.5000 [3.0000]]",
                "1 of 2 cells differ (marked [ ])",
            ])
    }
}
