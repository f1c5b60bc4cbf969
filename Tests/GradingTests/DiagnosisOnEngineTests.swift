import AnswerLanguage
import Testing

@testable import Course
@testable import Grading

/// Each built-in diagnosis, recognised on results the engine computes for classic wrong answers
/// (no named mistake declared, so the diagnosis is what explains them).
@Suite struct DiagnosisOnEngineTests {
    let grader = Grader()

    // scipy.signal.correlate2d(img, k, 'valid') = [[5, 5], [14, 10]];
    // with np.rot90(k, 2): [[7, 5], [12, 11]]; correlate2d(img.T, k.T) = [[5, 14], [5, 10]].
    static let setup = """
        img = tensor([[[[1., 2., 0.], [0., 1., 3.], [4., 1., 0.]]]])
        k = tensor([[[[1., 2.], [3., 0.]]]])
        img_t = tensor([[[[1., 0., 4.], [2., 1., 1.], [0., 3., 0.]]]])
        k_t = tensor([[[[1., 3.], [2., 0.]]]])
        k_rotated = tensor([[[[0., 3.], [2., 1.]]]])
        x = tensor([[[[3., 1., 4., 1.], [5., 9., 2., 6.], [5., 3., 5., 8.], [9., 7., 9., 3.]]]])
        ones3 = ones(1, 1, 3, 3)
        x5 = ones(1, 1, 5, 5)
        middle = tensor([[[[0., 1., 0.]]]])
        left = tensor([[[[1., 0., 0.]]]])
        """

    func finding(_ answer: String, reference: String) -> Diagnosis.Finding? {
        let exercise = TestExercises.make(setup: Self.setup, reference: reference)
        let verdict = grader.grade(answer, for: exercise)
        #expect(verdict.status == .fail, "\(answer): \(verdict.message)")
        return verdict.diagnosis?.finding
    }

    @Test func kernelFlipped() {
        #expect(finding("conv2d(img, k_rotated)", reference: "conv2d(img, k)") == .kernelFlipped)
    }

    @Test func transposed() {
        #expect(finding("conv2d(img_t, k_t)", reference: "conv2d(img, k)") == .transposed)
    }

    @Test func wrongSign() {
        #expect(finding("conv2d(img, k) * -1", reference: "conv2d(img, k)") == .wrongSign)
    }

    @Test func averagedInsteadOfSummed() {
        // correlate2d(x, ones((3, 3))) = [[37, 39], [54, 52]]; the answer is a ninth of it.
        let exercise = TestExercises.make(setup: Self.setup, reference: "conv2d(x, ones3)")
        let verdict = grader.grade("conv2d(x, ones3 / 9)", for: exercise)
        #expect(verdict.diagnosis?.finding == .wrongScale)
        #expect(
            verdict.message.hasPrefix(
                "Every value is 1/9 × the expected one — averaged over 9 values instead of summed?"))
    }

    @Test func shiftedByOneColumn() {
        // `middle` picks x[i, j + 1], `left` picks x[i, j]: the answer is the expected map moved right.
        // (`middle` is its own 180° rotation, so this is not mistaken for a flipped kernel.)
        #expect(finding("conv2d(x, left)", reference: "conv2d(x, middle)") == .shiftedColumn)
    }

    @Test func paddingForgotten() {
        // 5 + 2·1 − 3 + 1 = 5 with padding=1; 3 without.
        let exercise = TestExercises.make(setup: Self.setup, reference: "conv2d(x5, ones3, padding=1)")
        let verdict = grader.grade("conv2d(x5, ones3)", for: exercise)
        #expect(verdict.diagnosis?.finding == .paddingForgotten)
        #expect(
            verdict.message
                == "Your result has shape [1, 1, 3, 3]; expected [1, 1, 5, 5]. Each side is 2p = 2 smaller: the padding p = 1 seems forgotten."
        )
    }

    @Test(arguments: [
        // n = 8, f = 3, p = 2: (n + 2p − f) + 1 = 10.
        ("n + p - f + 1", Diagnosis.Finding.paddingCountedOnce),  // 8: p = 2 short
        ("n - f + 1", .paddingForgotten),  // 6: 2p = 4 short
        ("n + 2 * p", .kernelShrinkForgotten),  // 12: f − 1 = 2 over
    ])
    func outputSizeArithmetic(answer: String, expected: Diagnosis.Finding) {
        let exercise = TestExercises.make(
            .value, setup: "n = 8\nf = 3\np = 2", reference: "n + 2 * p - f + 1")
        #expect(grader.grade(answer, for: exercise).diagnosis?.finding == expected)
    }

    @Test func cellsThatDiffer() {
        let verdict = grader.grade(
            "tensor([[[[5., 5.], [14., 11.]]]])",
            for: TestExercises.make(setup: Self.setup, reference: "conv2d(img, k)"))
        // One cell alone wrong: said as such, and the cell list and picture still show where.
        #expect(verdict.diagnosis?.finding == .oneCellDiffers)
        #expect(
            verdict.message == """
                Only one value differs: at [0, 0, 1, 1] yours is 11, where 10 is expected; the other 3 are right.
                Differing cells: [0, 0, 1, 1]: 11 (expected 10).
                yours     expected
                 5   5     5   5
                14  11*   14  10
                """)
    }
}
