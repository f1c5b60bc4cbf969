/// The grader's own sentences — diagnoses, comparison and verdict messages — in the language the
/// grading runs in.
///
/// Named mistakes and check messages come translated from the course; these are the sentences the
/// grader writes itself, which a learner in a Korean session must not meet in English. Every
/// sentence lives here, so a translation is one file. Languages without an entry fall back to
/// English. Korean keeps the terms a learner meets in the lessons (패딩, 커널, 전치, 부호) and
/// avoids particles right after a number, whose form depends on how the number is read.
struct GradingText: Sendable {
    /// The language code (`en`, `ko`).
    let language: String

    private var korean: Bool { language == "ko" }

    // MARK: Verdicts

    var unanswered: String { korean ? "제출한 답이 없습니다." : "No answer was submitted." }

    var noValue: String {
        korean
            ? "답에 값이 없습니다. 마지막 줄은 대입문이 아니라 식이어야 합니다."
            : "Your answer has no value: its last line must be an expression (not an assignment)."
    }

    func cannotBeGraded(_ problem: String) -> String {
        korean ? "이 문제는 채점할 수 없습니다: \(problem)" : "This exercise cannot be graded: \(problem)"
    }

    // MARK: Choices

    func noChoice(_ choices: String) -> String {
        korean
            ? "고른 보기가 없습니다. 다음 중에서 답하세요: \(choices)."
            : "No choice given: answer with one of \(choices)."
    }

    func notAChoice(_ id: String, _ choices: String) -> String {
        korean ? "'\(id)': 그런 보기는 없습니다. 보기: \(choices)." : "'\(id)' is not one of the choices: \(choices)."
    }

    func pickOne(_ choices: String) -> String {
        korean ? "보기를 하나만 고르세요(\(choices) 중)." : "Pick one choice only (of \(choices))."
    }

    func wrongChoice(multiple: Bool) -> String {
        switch (korean, multiple) {
        case (true, true): "아직 아닙니다. 틀린 보기를 골랐거나 맞는 보기를 빠뜨렸습니다."
        case (true, false): "맞는 보기가 아닙니다."
        case (false, true): "Not quite: some of your choices are wrong, or some right ones are missing."
        case (false, false): "That is not the right choice."
        }
    }

    // MARK: Values of the wrong kind

    /// "Your answer is …" for strings, bools and other values compared exactly.
    func answerIs(_ text: String) -> String { korean ? "답은 \(text)입니다." : "Your answer is \(text)." }

    func notAShape(_ typeName: String) -> String {
        korean
            ? "답은 정수로 된 모양(shape)이나 튜플이어야 합니다. 지금 답은 \(typeName)입니다."
            : "The answer should be a shape or tuple of integers; yours is a \(typeName)."
    }

    func notTheShape(_ shape: [Int]) -> String {
        korean
            ? "답은 \(shape)입니다. 기대한 모양이 아닙니다." : "Your answer is \(shape); that is not the expected shape."
    }

    func notANumber(_ typeName: String) -> String {
        korean
            ? "답은 수여야 합니다. 지금 답은 \(typeName)입니다." : "The answer should be a number; yours is a \(typeName)."
    }

    func notATensor(_ typeName: String) -> String {
        korean
            ? "답은 텐서여야 합니다. 지금 답은 \(typeName)입니다." : "The answer should be a tensor; yours is a \(typeName)."
    }

    var differs: String { korean ? "답이 정답과 다릅니다." : "Your answer differs from the expected value." }

    // MARK: Networks

    func networkCannotRun(on shape: [Int], _ problem: String) -> String {
        korean
            ? "모양이 \(shape)인 입력으로 네트워크를 실행할 수 없습니다: \(problem)"
            : "Your network cannot run on an input of shape \(shape): \(problem)"
    }

    func networkOutput(input: [Int], answer: [Int], expected: [Int]) -> String {
        korean
            ? "모양이 \(input)인 입력에서 네트워크의 출력 모양은 \(answer)인데, 정답은 \(expected)입니다."
            : "On an input of shape \(input) your network's output has shape \(answer); expected \(expected)."
    }

    func parameterCount(_ answer: Int, expected: Int) -> String {
        switch (korean, answer < expected) {
        case (true, true):
            "네트워크의 파라미터는 \(answer)개인데, 정답은 \(expected)개입니다(편향이나 층이 빠졌나요?)."
        case (true, false):
            "네트워크의 파라미터는 \(answer)개인데, 정답은 \(expected)개입니다(층이나 편향이 더 있나요?)."
        case (false, true):
            "Your network has \(answer) parameters; the expected one has \(expected) (a bias or a layer missing?)."
        case (false, false):
            "Your network has \(answer) parameters; the expected one has \(expected) (an extra layer or bias?)."
        }
    }

    // MARK: Diagnoses: shapes

    func shape(_ answer: [Int], expected: [Int]) -> String {
        korean
            ? "결과의 모양은 \(answer)인데, 정답은 \(expected)입니다."
            : "Your result has shape \(answer); expected \(expected)."
    }

    var sizeOneDimensions: String {
        korean
            ? "크기가 1인 차원만 빼면 크기가 같습니다. 그런 차원을 더하거나 빼세요(예: `x[None, None]` 또는 `[0, 0]`)."
            : "The sizes match except for dimensions of size 1: add or remove them (e.g. `x[None, None]` or `[0, 0]`)."
    }

    var transposedShapeAndValues: String {
        korean
            ? "정답을 전치(transpose)한 결과입니다. 행과 열이 바뀌었습니다."
            : "It is the expected result transposed: rows and columns are swapped."
    }

    var transposedShape: String { korean ? "높이와 너비가 바뀌었습니다." : "Height and width are swapped." }

    var reshaped: String { korean ? "값은 맞지만 모양이 틀렸습니다." : "The values are right, in the wrong shape." }

    /// Why each spatial side is `size` off, for a finding `explainSizeDelta` recognised; `padding`
    /// is the exercise's padding p, `kernel` the kernel size f.
    func sizeDelta(_ finding: Diagnosis.Finding, size: Int, padding: Int?, kernel: Int?) -> String {
        let p = padding ?? size / 2
        let f = kernel ?? size + 1
        switch (finding, korean, padding != nil) {
        case (.paddingForgotten, true, true):
            return "각 변이 2p = \(size)만큼 작습니다. 패딩(p = \(p))을 빠뜨린 것 같습니다."
        case (.paddingForgotten, false, true):
            return "Each side is 2p = \(size) smaller: the padding p = \(p) seems forgotten."
        case (.paddingForgotten, true, false):
            return "각 변이 \(size)만큼 작습니다. 패딩 p = \(p)일 때의 2p이니, 패딩을 빠뜨린 것 같습니다."
        case (.paddingForgotten, false, false):
            return
                "Each side is \(size) smaller, which is 2p for a padding of p = \(p): padding seems forgotten."
        case (.paddingAdded, true, true):
            return "각 변이 2p = \(size)만큼 큽니다. 패딩을 두 번 더한 것 같습니다."
        case (.paddingAdded, false, true):
            return "Each side is 2p = \(size) larger: padding seems added twice."
        case (.paddingAdded, true, false):
            return "각 변이 \(size)만큼 큽니다. 패딩 p = \(p)일 때의 2p이니, 필요 없는 패딩을 더한 것 같습니다."
        case (.paddingAdded, false, false):
            return
                "Each side is \(size) larger, which is 2p for a padding of p = \(p): padding seems added where none belongs."
        case (.paddingCountedOnce, true, _):
            return "각 변이 p = \(size)만큼 작습니다. 패딩을 한쪽에만 센 것 같습니다(패딩은 양쪽에 붙습니다)."
        case (.paddingCountedOnce, false, _):
            return
                "Each side is p = \(size) smaller: the padding seems counted on one side only (it goes on both)."
        case (.kernelShrinkForgotten, true, _):
            return "각 변이 f − 1 = \(size)만큼 큽니다. 너비가 \(f)인 커널은 n번이 아니라 n − f + 1번 들어갑니다."
        case (.kernelShrinkForgotten, false, _):
            return "Each side is f − 1 = \(size) larger: a \(f)-wide kernel fits n − f + 1 times, not n."
        case (.shrankByKernel, true, _):
            return
                "각 변이 f − 1 = \(size)만큼 작습니다. 크기가 그대로여야 하는 곳에서 커널 때문에 n − f + 1로 줄었습니다(padding=\(f / 2)이면 크기가 유지됩니다)."
        case (.shrankByKernel, false, _):
            return
                "Each side is f − 1 = \(size) smaller: the kernel's shrinking n − f + 1 applied where the size should stay (padding \(f / 2) keeps it)."
        default:
            preconditionFailure("\(finding) is not a size difference")
        }
    }

    // MARK: Diagnoses: numbers

    func numberIs(_ number: String) -> String { korean ? "답은 \(number)입니다." : "Your answer is \(number)." }

    /// Off by one; `formula` adds the output-size formula's `+ 1` as the likely culprit.
    func offByOne(formula: Bool) -> String {
        switch (korean, formula) {
        case (true, true): "1만큼 어긋났습니다. (n + 2p − f) / s + 1에서 + 1을 확인하세요."
        case (true, false): "1만큼 어긋났습니다."
        case (false, true): "It is off by one: check the + 1 in (n + 2p − f) / s + 1."
        case (false, false): "It is off by one."
        }
    }

    var numberSign: String { korean ? "부호가 틀렸습니다." : "The sign is wrong." }

    var notExpectedNumber: String { korean ? "정답과 다른 값입니다." : "That is not the expected value." }

    /// A real number `ratio` × the expected one, with `guess` (from `scaleGuess`) appended.
    func numberScale(_ ratio: String, guess: String?) -> String {
        korean
            ? "정답의 \(ratio)배입니다." + (guess.map { " \($0)" } ?? "")
            : "It is \(ratio) × the expected value" + (guess.map { " — \($0)" } ?? ".")
    }

    /// A whole number that is `count` times (`larger`) or 1/`count` of the expected one, said
    /// plainly: no reason is guessed for integers (see `Diagnoser.numberDiagnosis`).
    func wholeFactor(_ count: Int, larger: Bool) -> String {
        switch (korean, larger, count) {
        case (true, false, 2): "정답의 절반입니다."
        case (true, false, _): "정답의 1/\(count)입니다."
        case (true, true, _): "정답의 \(count)배입니다."
        case (false, false, 2): "It is half the expected value."
        case (false, false, _): "It is 1/\(count) of the expected value."
        case (false, true, 2): "It is twice the expected value."
        case (false, true, _): "It is \(count) times the expected value."
        }
    }

    /// Why real values could be a whole factor off: averaged over `count` values instead of summed,
    /// or `count` times too large.
    func scaleGuess(_ count: Int, averaged: Bool) -> String {
        switch (korean, averaged) {
        case (true, true): "합 대신 값 \(count)개의 평균을 구했나요?"
        case (true, false): "어딘가에서 \(count)배가 더 곱해졌나요?"
        case (false, true): "averaged over \(count) values instead of summed?"
        case (false, false): "a factor of \(count) too large?"
        }
    }

    // MARK: Diagnoses: tensors

    var kernelFlipped: String {
        korean
            ? "커널을 180° 돌렸을 때의 결과입니다. 이것은 합성곱이고, conv2d가 계산하는 것은 교차상관입니다(conv2d는 커널을 뒤집지 않습니다)."
            : "This is what the kernel gives rotated by 180°: convolution, not the cross-correlation conv2d computes (conv2d does not flip the kernel)."
    }

    var tensorSign: String { korean ? "모든 값의 부호가 반대입니다." : "Every value has the opposite sign." }

    /// Every value `ratio` × the expected one, with `guess` appended.
    func tensorScale(_ ratio: String, guess: String?) -> String {
        korean
            ? "모든 값이 정답의 \(ratio)배입니다." + (guess.map { " \($0)" } ?? "")
            : "Every value is \(ratio) × the expected one" + (guess.map { " — \($0)" } ?? ".")
    }

    var rotated: String {
        korean
            ? "결과가 정답을 180° 돌린 것입니다. 커널이나 이미지를 뒤집었나요?"
            : "Your result is the expected one rotated by 180°: was the kernel or the image flipped?"
    }

    var transposed: String {
        korean
            ? "결과가 정답을 전치(transpose)한 것입니다. 행과 열이 바뀌었습니다."
            : "Your result is the expected one transposed: rows and columns are swapped."
    }

    /// Moved by one row (`dy`) or column (`dx`), each −1, 0 or 1.
    func shifted(dy: Int, dx: Int) -> String {
        let words: String =
            switch (korean, dy, dx) {
            case (true, 1, _): "한 행 아래로"
            case (true, -1, _): "한 행 위로"
            case (true, _, 1): "한 열 오른쪽으로"
            case (true, _, _): "한 열 왼쪽으로"
            case (false, 1, _): "one row down"
            case (false, -1, _): "one row up"
            case (false, _, 1): "one column right"
            case (false, _, _): "one column left"
            }
        return korean
            ? "결과가 정답을 \(words) 민 것입니다. 인덱스나 슬라이스가 하나 어긋났나요?"
            : "Your result is the expected one shifted \(words): an index or slice off by one?"
    }

    func offset(_ amount: String) -> String {
        korean
            ? "모든 값이 \(amount)만큼 어긋났습니다. 편향(bias)이나 상수를 더했거나 빠뜨렸나요?"
            : "Every value is off by \(amount): a bias or constant added or left out?"
    }

    func valuesDiffer(_ count: Int, of total: Int) -> String {
        korean
            ? "값 \(total)개 중 \(count)개가 정답과 다릅니다."
            : "\(count) of \(total) values differ from the expected result."
    }

    /// The list of differing cells; `more` when the list is cut short.
    func differingCells(_ cells: [(index: [Int], answer: String, expected: String)], more: Bool) -> String {
        let listed = cells.map {
            korean
                ? "\($0.index): \($0.answer) (정답 \($0.expected))"
                : "\($0.index): \($0.answer) (expected \($0.expected))"
        }
        let tail = more ? ", …" : ""
        return korean
            ? "다른 칸: \(listed.joined(separator: ", "))\(tail)."
            : "Differing cells: \(listed.joined(separator: ", "))\(tail)."
    }

    /// The side-by-side view's column headings.
    var yours: String { korean ? "내 답" : "yours" }
    var expected: String { korean ? "정답" : "expected" }
}
