import Testing

@testable import Grading

/// The built-in diagnosis on hand-made arrays; `GraderTests` repeats the important ones on values
/// the engine computes.
@Suite struct DiagnoserTests {
    let plain = Diagnoser(context: DiagnosisContext(), rtol: 1e-4, atol: 1e-5)

    /// `[[1, 2, 3], [4, 5, 6], [7, 8, 10]]` as `[1, 1, 3, 3]`.
    let expected = NumericArray(shape: [1, 1, 3, 3], values: [1, 2, 3, 4, 5, 6, 7, 8, 10])

    @Test func paddingForgottenByShape() {
        let diagnoser = Diagnoser(
            context: DiagnosisContext(kernelSizes: [3], padding: 1), rtol: 1e-4, atol: 1e-5)
        // conv2d of a 5×5 input with a 3×3 kernel: 5×5 with padding=1, 3×3 without (5 + 2·1 − 3 + 1).
        let diagnosis = diagnoser.shapeDiagnosis([1, 1, 3, 3], expected: [1, 1, 5, 5])
        #expect(diagnosis?.finding == .paddingForgotten)
        #expect(
            diagnosis?.message
                == "Your result has shape [1, 1, 3, 3]; expected [1, 1, 5, 5]. Each side is 2p = 2 smaller: the padding p = 1 seems forgotten."
        )
    }

    @Test func paddingCountedOnce() {
        let diagnoser = Diagnoser(
            context: DiagnosisContext(kernelSizes: [5], padding: 2), rtol: 1e-4, atol: 1e-5)
        // 8×8 input, 5×5 kernel, padding 2: 8 + 4 − 5 + 1 = 8; padding counted once: 8 + 2 − 5 + 1 = 6.
        #expect(
            diagnoser.shapeDiagnosis([1, 1, 6, 6], expected: [1, 1, 8, 8])?.finding == .paddingCountedOnce)
    }

    @Test func kernelShrinkForgotten() {
        let diagnoser = Diagnoser(context: DiagnosisContext(kernelSizes: [3]), rtol: 1e-4, atol: 1e-5)
        // A 3×3 kernel on 6×6 gives 4×4 (6 − 3 + 1); answering 6×6 forgets the f − 1 = 2.
        let diagnosis = diagnoser.shapeDiagnosis([1, 1, 6, 6], expected: [1, 1, 4, 4])
        #expect(diagnosis?.finding == .kernelShrinkForgotten)
        #expect(diagnosis?.message.contains("f − 1 = 2 larger") == true)
    }

    @Test func sizeOneDimensions() {
        let answer = NumericArray(shape: [3, 3], values: expected.values)
        #expect(plain.diagnose(answer, expected: expected).finding == .sizeOneDimensions)
    }

    @Test func transposedResult() {
        let rectangle = NumericArray(shape: [2, 3], values: [1, 2, 3, 4, 5, 6])
        let transposed = NumericArray(shape: [3, 2], values: [1, 4, 2, 5, 3, 6])
        #expect(plain.diagnose(transposed, expected: rectangle).finding == .transposed)
        #expect(plain.diagnose(expected.transposed, expected: expected).finding == .transposed)
    }

    @Test func reshaped() {
        let answer = NumericArray(shape: [9], values: expected.values)
        #expect(
            plain.diagnose(answer, expected: NumericArray(shape: [3, 3], values: expected.values)).finding
                == .reshaped)
    }

    @Test func kernelFlippedWhenTheFlippedReferenceMatches() {
        let flipped = NumericArray(shape: [1, 1, 3, 3], values: [0, 1, 0, 2, 2, 2, 9, 9, 9])
        let diagnoser = Diagnoser(
            context: DiagnosisContext(flippedKernelExpected: flipped), rtol: 1e-4, atol: 1e-5)
        let diagnosis = diagnoser.diagnose(flipped, expected: expected)
        #expect(diagnosis.finding == .kernelFlipped)
        #expect(diagnosis.differingCount == 9)
    }

    @Test func rotatedOutput() {
        #expect(plain.diagnose(expected.rotated180, expected: expected).finding == .rotated)
    }

    @Test func wrongSign() {
        let negated = NumericArray(shape: expected.shape, values: expected.values.map { -$0 })
        #expect(plain.diagnose(negated, expected: expected).finding == .wrongSign)
    }

    @Test func averagedInsteadOfSummed() {
        let averaged = NumericArray(shape: expected.shape, values: expected.values.map { $0 / 9 })
        // Only a count of values a kernel of the exercise sums is named: here a 3×3 kernel's 9.
        let kernel = Diagnoser(context: DiagnosisContext(windowCounts: [9]), rtol: 1e-4, atol: 1e-5)
        #expect(
            plain.diagnose(averaged, expected: expected).message == "Every value is 1/9 × the expected one.")
        let diagnosis = kernel.diagnose(averaged, expected: expected)
        #expect(diagnosis.finding == .wrongScale)
        #expect(
            diagnosis.message
                == "Every value is 1/9 × the expected one — averaged over 9 values instead of summed?")
    }

    @Test func shiftedByOneRow() {
        // Rows moved down by one: the first row repeats what the answer computed at the top edge.
        let shifted = NumericArray(shape: expected.shape, values: [0, 0, 0, 1, 2, 3, 4, 5, 6])
        let diagnosis = plain.diagnose(shifted, expected: expected)
        #expect(diagnosis.finding == .shiftedRow)
        #expect(diagnosis.message.contains("one row down"))
        let left = NumericArray(shape: expected.shape, values: [2, 3, 0, 5, 6, 0, 8, 10, 0])
        #expect(plain.diagnose(left, expected: expected).finding == .shiftedColumn)
    }

    @Test func constantOffset() {
        let biased = NumericArray(shape: expected.shape, values: expected.values.map { $0 + 0.5 })
        #expect(plain.diagnose(biased, expected: expected).finding == .constantOffset)
    }

    @Test func cellsThatDiffer() {
        var values = expected.values
        values[4] = 50
        values[8] = -1
        let diagnosis = plain.diagnose(
            NumericArray(shape: expected.shape, values: values), expected: expected)
        #expect(diagnosis.finding == .valuesDiffer)
        #expect(diagnosis.differingCount == 2)
        #expect(
            diagnosis.cells == [
                Diagnosis.Cell(index: [0, 0, 1, 1], answer: 50, expected: 5),
                Diagnosis.Cell(index: [0, 0, 2, 2], answer: -1, expected: 10),
            ])
        #expect(
            diagnosis.fullText == """
                2 of 9 values differ from the expected result.
                Differing cells: [0, 0, 1, 1]: 50 (expected 5), [0, 0, 2, 2]: -1 (expected 10).
                yours         expected
                 1   2   3     1   2   3
                 4  50*  6     4   5   6
                 7   8  -1*    7   8  10
                """)
    }

    @Test(arguments: [
        // (answer, expected, finding): numbers a learner computes for an output size.
        (7.0, 6.0, Diagnosis.Finding.offByOne), (-6.0, 6.0, .wrongSign), (2.0, 6.0, .wrongScale),
    ])
    func numbers(answer: Double, expected: Double, finding: Diagnosis.Finding) {
        #expect(plain.numberDiagnosis(answer, expected: expected, integral: true).finding == finding)
    }

    @Test func sizeDifferenceOfANumber() {
        let diagnoser = Diagnoser(
            context: DiagnosisContext(quantity: .size, kernelSizes: [3], padding: 1), rtol: 1e-4, atol: 1e-5)
        // n = 5, f = 3, p = 1: 5 + 2 − 3 + 1 = 5; forgetting the padding gives 3.
        #expect(diagnoser.numberDiagnosis(3, expected: 5).finding == .paddingForgotten)
    }
}
