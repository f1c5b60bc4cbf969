import Testing
import Wording

@testable import Grading

/// Every built-in diagnosis in English and in Korean: the same finding, the sentence in the
/// grading's language.
@Suite struct GradingTextTests {
    /// One diagnosis: how to reach it, and what it says in each language.
    struct Case: Sendable, CustomTestStringConvertible {
        var finding: Diagnosis.Finding
        var english: String
        var korean: String
        var context = DiagnosisContext()
        /// Whether the sentences include the differing cells and the side-by-side view.
        var full = false
        var diagnose: @Sendable (Diagnoser) -> Diagnosis?

        var testDescription: String { finding.rawValue }
    }

    /// `[[1, 2, 3], [4, 5, 6], [7, 8, 10]]` as `[1, 1, 3, 3]` (as in `DiagnoserTests`).
    static let expected = NumericArray(shape: [1, 1, 3, 3], values: [1, 2, 3, 4, 5, 6, 7, 8, 10])
    static let rectangle = NumericArray(shape: [2, 3], values: [1, 2, 3, 4, 5, 6])

    static func values(_ values: [Double]) -> NumericArray {
        NumericArray(shape: expected.shape, values: values)
    }

    static let cases: [Case] = [
        // Shapes. conv2d of 5×5 by 3×3: 5×5 with padding=1, 3×3 without, 7×7 with padding=2.
        Case(
            finding: .paddingForgotten,
            english:
                "Your result has shape [1, 1, 3, 3]; expected [1, 1, 5, 5]. Each side is 2p = 2 smaller: the padding p = 1 seems forgotten.",
            korean: "결과의 모양은 [1, 1, 3, 3]인데, 정답은 [1, 1, 5, 5]입니다. 각 변이 2p = 2만큼 작습니다. 패딩(p = 1)을 빠뜨린 것 같습니다.",
            context: DiagnosisContext(kernelSizes: [3], padding: 1),
            diagnose: { $0.shapeDiagnosis([1, 1, 3, 3], expected: [1, 1, 5, 5]) }),
        Case(
            finding: .paddingAdded,
            english:
                "Your result has shape [1, 1, 7, 7]; expected [1, 1, 5, 5]. Each side is 2p = 2 larger: padding seems added twice.",
            korean: "결과의 모양은 [1, 1, 7, 7]인데, 정답은 [1, 1, 5, 5]입니다. 각 변이 2p = 2만큼 큽니다. 패딩을 두 번 더한 것 같습니다.",
            context: DiagnosisContext(kernelSizes: [3], padding: 1),
            diagnose: { $0.shapeDiagnosis([1, 1, 7, 7], expected: [1, 1, 5, 5]) }),
        // 8×8 input, 5×5 kernel, padding 2: 8 + 4 − 5 + 1 = 8; padding counted once: 6.
        Case(
            finding: .paddingCountedOnce,
            english:
                "Your result has shape [1, 1, 6, 6]; expected [1, 1, 8, 8]. Each side is p = 2 smaller: the padding seems counted on one side only (it goes on both).",
            korean:
                "결과의 모양은 [1, 1, 6, 6]인데, 정답은 [1, 1, 8, 8]입니다. 각 변이 p = 2만큼 작습니다. 패딩을 한쪽에만 센 것 같습니다(패딩은 양쪽에 붙습니다).",
            context: DiagnosisContext(kernelSizes: [5], padding: 2),
            diagnose: { $0.shapeDiagnosis([1, 1, 6, 6], expected: [1, 1, 8, 8]) }),
        // No padding known, but a kernel: an even difference is read as 2p.
        Case(
            finding: .paddingForgotten,
            english:
                "Your result has shape [1, 1, 4, 4]; expected [1, 1, 8, 8]. Each side is 4 smaller, which is 2p for a padding of p = 2: padding seems forgotten.",
            korean:
                "결과의 모양은 [1, 1, 4, 4]인데, 정답은 [1, 1, 8, 8]입니다. 각 변이 4만큼 작습니다. 패딩 p = 2일 때의 2p이니, 패딩을 빠뜨린 것 같습니다.",
            context: DiagnosisContext(kernelSizes: [3]),
            diagnose: { $0.shapeDiagnosis([1, 1, 4, 4], expected: [1, 1, 8, 8]) }),
        Case(
            finding: .paddingAdded,
            english:
                "Your result has shape [1, 1, 4, 4]; expected [1, 1, 2, 2]. Each side is 2 larger, which is 2p for a padding of p = 1: padding seems added where none belongs.",
            korean:
                "결과의 모양은 [1, 1, 4, 4]인데, 정답은 [1, 1, 2, 2]입니다. 각 변이 2만큼 큽니다. 패딩 p = 1일 때의 2p이니, 필요 없는 패딩을 더한 것 같습니다.",
            context: DiagnosisContext(kernelSizes: [5]),
            diagnose: { $0.shapeDiagnosis([1, 1, 4, 4], expected: [1, 1, 2, 2]) }),
        // A 3×3 kernel on 6×6 gives 4×4 (6 − 3 + 1).
        Case(
            finding: .kernelShrinkForgotten,
            english:
                "Your result has shape [1, 1, 6, 6]; expected [1, 1, 4, 4]. Each side is f − 1 = 2 larger: a 3-wide kernel fits n − f + 1 times, not n.",
            korean:
                "결과의 모양은 [1, 1, 6, 6]인데, 정답은 [1, 1, 4, 4]입니다. 각 변이 f − 1 = 2만큼 큽니다. 너비가 3인 커널은 n번이 아니라 n − f + 1번 들어갑니다.",
            context: DiagnosisContext(kernelSizes: [3]),
            diagnose: { $0.shapeDiagnosis([1, 1, 6, 6], expected: [1, 1, 4, 4]) }),
        Case(
            finding: .shrankByKernel,
            english:
                "Your result has shape [1, 1, 4, 4]; expected [1, 1, 6, 6]. Each side is f − 1 = 2 smaller: the kernel's shrinking n − f + 1 applied where the size should stay (padding 1 keeps it).",
            korean:
                "결과의 모양은 [1, 1, 4, 4]인데, 정답은 [1, 1, 6, 6]입니다. 각 변이 f − 1 = 2만큼 작습니다. 크기가 그대로여야 하는 곳에서 커널 때문에 n − f + 1로 줄었습니다(padding=1이면 크기가 유지됩니다).",
            context: DiagnosisContext(kernelSizes: [3]),
            diagnose: { $0.shapeDiagnosis([1, 1, 4, 4], expected: [1, 1, 6, 6]) }),
        Case(
            finding: .sizeOneDimensions,
            english:
                "Your result has shape [3, 3]; expected [1, 1, 3, 3]. The sizes match except for dimensions of size 1: add or remove them (e.g. `x[None, None]` or `[0, 0]`).",
            korean:
                "결과의 모양은 [3, 3]인데, 정답은 [1, 1, 3, 3]입니다. 크기가 1인 차원만 빼면 크기가 같습니다. 그런 차원을 더하거나 빼세요(예: `x[None, None]` 또는 `[0, 0]`).",
            diagnose: {
                $0.diagnose(NumericArray(shape: [3, 3], values: expected.values), expected: expected)
            }),
        Case(
            finding: .transposed,
            english:
                "Your result has shape [3, 2]; expected [2, 3]. It is the expected result transposed: rows and columns are swapped.",
            korean: "결과의 모양은 [3, 2]인데, 정답은 [2, 3]입니다. 정답을 전치(transpose)한 결과입니다. 행과 열이 바뀌었습니다.",
            diagnose: { $0.diagnose(rectangle.transposed, expected: rectangle) }),
        Case(
            finding: .transposedShape,
            english: "Your result has shape [3, 2]; expected [2, 3]. Height and width are swapped.",
            korean: "결과의 모양은 [3, 2]인데, 정답은 [2, 3]입니다. 높이와 너비가 바뀌었습니다.",
            diagnose: {
                $0.diagnose(NumericArray(shape: [3, 2], values: [0, 0, 0, 0, 0, 1]), expected: rectangle)
            }),
        Case(
            finding: .reshaped,
            english: "Your result has shape [6]; expected [2, 3]. The values are right, in the wrong shape.",
            korean: "결과의 모양은 [6]인데, 정답은 [2, 3]입니다. 값은 맞지만 모양이 틀렸습니다.",
            diagnose: { $0.diagnose(NumericArray(shape: [6], values: rectangle.values), expected: rectangle) }
        ),
        Case(
            finding: .wrongShape,
            english: "Your result has shape [2, 2]; expected [2, 3].",
            korean: "결과의 모양은 [2, 2]인데, 정답은 [2, 3]입니다.",
            diagnose: {
                $0.diagnose(NumericArray(shape: [2, 2], values: [1, 2, 3, 4]), expected: rectangle)
            }),

        // Same-shaped tensors.
        Case(
            finding: .kernelFlipped,
            english:
                "This is what the kernel gives rotated by 180°: convolution, not the cross-correlation conv2d computes (conv2d does not flip the kernel).",
            korean:
                "커널을 180° 돌렸을 때의 결과입니다. 이것은 합성곱이고, conv2d가 계산하는 것은 교차 상관입니다(conv2d는 커널을 뒤집지 않습니다).",
            context: DiagnosisContext(flippedKernelExpected: values([0, 1, 0, 2, 2, 2, 9, 9, 9])),
            diagnose: { $0.diagnose(values([0, 1, 0, 2, 2, 2, 9, 9, 9]), expected: expected) }),
        Case(
            finding: .wrongSign, english: "Every value has the opposite sign.", korean: "모든 값의 부호가 반대입니다.",
            diagnose: { $0.diagnose(values(expected.values.map { -$0 }), expected: expected) }),
        // A 3×3 window averaged instead of summed: every value 1/9 of the sum.
        Case(
            finding: .wrongScale,
            english: "Every value is 1/9 × the expected one — averaged over 9 values instead of summed?",
            korean: "모든 값이 정답의 1/9배입니다. 합 대신 값 9개의 평균을 구한 것 같습니다.",
            context: DiagnosisContext(windowCounts: [9]),
            diagnose: { $0.diagnose(values(expected.values.map { $0 / 9 }), expected: expected) }),
        Case(
            finding: .wrongScale,
            english: "Every value is 3 × the expected one — a factor of 3 too large?",
            korean: "모든 값이 정답의 3배입니다. 어딘가에서 3배가 더 곱해진 것 같습니다.",
            diagnose: { $0.diagnose(values(expected.values.map { $0 * 3 }), expected: expected) }),
        Case(
            finding: .rotated,
            english: "Your result is the expected one rotated by 180°: was the kernel or the image flipped?",
            korean: "결과가 정답을 180° 돌린 것입니다. 커널이나 이미지를 뒤집은 것 같습니다.",
            diagnose: { $0.diagnose(expected.rotated180, expected: expected) }),
        Case(
            finding: .transposed,
            english: "Your result is the expected one transposed: rows and columns are swapped.",
            korean: "결과가 정답을 전치(transpose)한 것입니다. 행과 열이 바뀌었습니다.",
            diagnose: { $0.diagnose(expected.transposed, expected: expected) }),
        Case(
            finding: .shiftedRow,
            english: "Your result is the expected one shifted one row down: an index or slice off by one?",
            korean: "결과가 정답을 한 행 아래로 민 것입니다. 인덱스나 슬라이스가 하나 어긋난 것 같습니다.",
            diagnose: { $0.diagnose(values([0, 0, 0, 1, 2, 3, 4, 5, 6]), expected: expected) }),
        Case(
            finding: .shiftedColumn,
            english: "Your result is the expected one shifted one column left: an index or slice off by one?",
            korean: "결과가 정답을 한 열 왼쪽으로 민 것입니다. 인덱스나 슬라이스가 하나 어긋난 것 같습니다.",
            diagnose: { $0.diagnose(values([2, 3, 0, 5, 6, 0, 8, 10, 0]), expected: expected) }),
        Case(
            finding: .constantOffset,
            english: "Every value is off by 0.5: a bias or constant added or left out?",
            korean: "모든 값이 0.5만큼 어긋났습니다. 편향이나 상수를 더했거나 빠뜨린 것 같습니다.",
            context: DiagnosisContext(hasBias: true),
            diagnose: { $0.diagnose(values(expected.values.map { $0 + 0.5 }), expected: expected) }),
        Case(
            finding: .oneCellDiffers,
            english: """
                Only one value differs: at [0, 0, 1, 1] yours is 50, where 5 is expected; the other 8 are right.
                Differing cells: [0, 0, 1, 1]: 50 (expected 5).
                yours         expected
                 1   2   3     1   2   3
                 4  50*  6     4   5   6
                 7   8  10     7   8  10
                """,
            korean: """
                값 하나만 다릅니다: [0, 0, 1, 1] 위치의 값이 정답은 5인데 입력한 답은 50입니다. 나머지 8개는 맞습니다.
                다른 칸: [0, 0, 1, 1]: 50 (정답 5).
                입력한 답     정답
                 1   2   3     1   2   3
                 4  50*  6     4   5   6
                 7   8  10     7   8  10
                """,
            full: true,
            diagnose: { $0.diagnose(values([1, 2, 3, 4, 50, 6, 7, 8, 10]), expected: expected) }),

        // Numbers.
        Case(
            finding: .paddingForgotten,
            english: "Your answer is 3. Each side is 2p = 2 smaller: the padding p = 1 seems forgotten.",
            korean: "입력한 답은 3입니다. 각 변이 2p = 2만큼 작습니다. 패딩(p = 1)을 빠뜨린 것 같습니다.",
            context: DiagnosisContext(quantity: .size, kernelSizes: [3], padding: 1),
            diagnose: { $0.numberDiagnosis(3, expected: 5, integral: true) }),
        Case(
            finding: .offByOne,
            english: "Your answer is 7. It is off by one: check the + 1 in (n + 2p − f) / s + 1.",
            korean: "입력한 답은 7입니다. 1만큼 어긋났습니다. (n + 2p − f) / s + 1에서 + 1을 확인하세요.",
            context: DiagnosisContext(quantity: .size, kernelSizes: [4]),
            diagnose: { $0.numberDiagnosis(7, expected: 6, integral: true) }),
        Case(
            finding: .offByOne, english: "Your answer is 5. It is off by one.",
            korean: "입력한 답은 5입니다. 1만큼 어긋났습니다.",
            diagnose: { $0.numberDiagnosis(5, expected: 6, integral: true) }),
        Case(
            finding: .wrongSign, english: "Your answer is -6. The sign is wrong.",
            korean: "입력한 답은 -6입니다. 부호가 틀렸습니다.",
            diagnose: { $0.numberDiagnosis(-6, expected: 6, integral: true) }),
        // A real value: a mean of 4 values taken where their sum was asked.
        Case(
            finding: .wrongScale,
            english:
                "Your answer is 0.625. It is 1/4 × the expected value — averaged over 4 values instead of summed?",
            korean: "입력한 답은 0.625입니다. 정답의 1/4배입니다. 합 대신 값 4개의 평균을 구한 것 같습니다.",
            context: DiagnosisContext(windowCounts: [4]),
            diagnose: { $0.numberDiagnosis(0.625, expected: 2.5) }),
        Case(
            finding: .valuesDiffer, english: "Your answer is 0. That is not the expected value.",
            korean: "입력한 답은 0입니다. 정답과 다른 값입니다.",
            diagnose: { $0.numberDiagnosis(0, expected: 2.5) }),
    ]

    @Test(arguments: cases)
    func english(_ item: Case) throws {
        let diagnosis = try #require(item.diagnose(Diagnoser(context: item.context, rtol: 1e-4, atol: 1e-5)))
        #expect(diagnosis.finding == item.finding)
        #expect((item.full ? diagnosis.fullText : diagnosis.message) == item.english)
    }

    @Test(arguments: cases)
    func korean(_ item: Case) throws {
        let diagnoser = Diagnoser(context: item.context, rtol: 1e-4, atol: 1e-5, language: Language("ko"))
        let diagnosis = try #require(item.diagnose(diagnoser))
        #expect(diagnosis.finding == item.finding)
        #expect((item.full ? diagnosis.fullText : diagnosis.message) == item.korean)
    }

    /// A language without sentences of its own gets English.
    @Test func otherLanguagesFallBackToEnglish() throws {
        let item = Self.cases[0]
        let diagnoser = Diagnoser(context: item.context, rtol: 1e-4, atol: 1e-5, language: Language("fr"))
        #expect(try #require(item.diagnose(diagnoser)).message == item.english)
    }

    // MARK: Whole numbers

    /// An int answer (a count of pixels, parameters, positions) off by a whole factor is said to be
    /// that factor, with no guess about averaging: nothing averages a count.
    @Test(arguments: [
        (12.0, 24.0, "Your answer is 12. It is half the expected value.", "입력한 답은 12입니다. 정답의 절반입니다."),
        (8, 24, "Your answer is 8. It is 1/3 of the expected value.", "입력한 답은 8입니다. 정답의 1/3입니다."),
        (48, 24, "Your answer is 48. It is twice the expected value.", "입력한 답은 48입니다. 정답의 2배입니다."),
        (96, 24, "Your answer is 96. It is 4 times the expected value.", "입력한 답은 96입니다. 정답의 4배입니다."),
    ])
    func wholeFactorOfACount(answer: Double, expected: Double, english: String, korean: String) {
        let diagnosis = Diagnoser(context: DiagnosisContext(), rtol: 1e-4, atol: 1e-5)
            .numberDiagnosis(answer, expected: expected, integral: true)
        #expect(diagnosis.finding == .wrongScale)
        #expect(diagnosis.message == english)
        #expect(!diagnosis.message.contains("averaged"))
        let inKorean = Diagnoser(
            context: DiagnosisContext(), rtol: 1e-4, atol: 1e-5, language: Language("ko")
        )
        .numberDiagnosis(answer, expected: expected, integral: true)
        #expect(inKorean.message == korean)
    }

    /// An int answer off by a factor that is not whole (12 for 25) gets no factor: 0.48 × a count
    /// tells the learner nothing.
    @Test func noFactorForACountOffByAFraction() {
        let diagnosis = Diagnoser(context: DiagnosisContext(), rtol: 1e-4, atol: 1e-5)
            .numberDiagnosis(12, expected: 25, integral: true)
        #expect(diagnosis.finding == .valuesDiffer)
        #expect(diagnosis.message == "Your answer is 12. That is not the expected value.")
    }

    /// A number is never read as a padding the exercise does not have, even a size's within the
    /// kernel size (4 for 8 would be 2p short with p = 2), nor a count's.
    @Test func aNumberIsNotAGuessedPadding() {
        let size = Diagnoser(
            context: DiagnosisContext(quantity: .size, kernelSizes: [3]), rtol: 1e-4, atol: 1e-5)
        #expect(size.numberDiagnosis(12, expected: 24, integral: true).finding == .wrongScale)
        #expect(size.numberDiagnosis(4, expected: 8, integral: true).finding == .wrongScale)
        // With the exercise's padding p = 2 it is: 4 for 8 is 2p short.
        let padded = Diagnoser(
            context: DiagnosisContext(quantity: .size, kernelSizes: [3], padding: 2), rtol: 1e-4, atol: 1e-5)
        #expect(padded.numberDiagnosis(4, expected: 8, integral: true).finding == .paddingForgotten)
        // A count or an unknown quantity gets no size story at all.
        let count = Diagnoser(
            context: DiagnosisContext(quantity: .count, kernelSizes: [3], padding: 2), rtol: 1e-4, atol: 1e-5)
        #expect(count.numberDiagnosis(4, expected: 8, integral: true).finding == .wrongScale)
    }

    /// Off by one is a story (the output-size formula's + 1) only for sizes; for a factor or a
    /// strided size it is not told at all.
    @Test func offByOneOnlyWhereAPlusOneCanBe() {
        let factor = Diagnoser(context: DiagnosisContext(quantity: .factor), rtol: 1e-4, atol: 1e-5)
        #expect(factor.numberDiagnosis(1, expected: 9.09e-13).finding != .offByOne)
        let strided = Diagnoser(
            context: DiagnosisContext(quantity: .size, strided: true, kernelSizes: [3], padding: 1),
            rtol: 1e-4,
            atol: 1e-5)
        #expect(strided.numberDiagnosis(3, expected: 4, integral: true).finding != .offByOne)
        let size = Diagnoser(context: DiagnosisContext(quantity: .size), rtol: 1e-4, atol: 1e-5)
        let diagnosis = size.numberDiagnosis(8, expected: 7, integral: true)
        #expect(diagnosis.finding == .offByOne && diagnosis.isSpecific)
        let count = Diagnoser(context: DiagnosisContext(quantity: .count), rtol: 1e-4, atol: 1e-5)
        #expect(!count.numberDiagnosis(1, expected: 0, integral: true).isSpecific)
    }
}

extension GradingTextTests {
    /// 02/channel-sum answered with the whole map: "expected []" told a newcomer nothing.
    @Test func anEmptyExpectedShapeIsSaidAsASingleNumber() {
        #expect(
            Language.english.say(GradingText().shape([1, 1, 3, 3], expected: []))
                == "Your result has shape [1, 1, 3, 3]; expected a single number (shape [])."
        )
        #expect(
            Language("ko").say(GradingText().shape([1, 1, 3, 3], expected: []))
                == "결과의 모양은 [1, 1, 3, 3]인데, 정답은 수 하나(모양 [])입니다.")
        #expect(
            Language.english.say(GradingText().shape([3, 6], expected: [3, 3]))
                == "Your result has shape [3, 6]; expected [3, 3].")
    }
}
