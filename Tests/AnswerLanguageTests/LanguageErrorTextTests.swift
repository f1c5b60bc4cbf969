import CNN
import Testing
import Wording

@testable import AnswerLanguage

/// Errors said in Korean: every error a learner commonly meets at the prompt, with code, names and
/// numbers as typed, the caret where the English one is, and English left exactly as it was.
@Suite struct LanguageErrorTextTests {
    /// A line that fails, its English message (unchanged by the Korean layer) and its Korean one.
    struct Case: CustomTestStringConvertible, Sendable {
        var source: String
        var english: String
        var korean: String
        var testDescription: String { source }
    }

    static let cases: [Case] = [
        Case(
            source: "conv2d(ones(1, 1, 5, 5), ones(1, 1, 3, 3), paddng=1)",
            english: "conv2d() got an unknown keyword argument 'paddng' — did you mean 'padding'?",
            korean: "conv2d()에 없는 키워드 인자입니다: 'paddng'. 혹시 'padding'의 오타입니까?"),
        Case(
            source: "conv2(ones(1, 1, 5, 5))", english: "unknown name 'conv2' — did you mean 'conv2d'?",
            korean: "없는 이름입니다: 'conv2'. 혹시 'conv2d'의 오타입니까?"),
        Case(
            source: "torch.zeroes(2)", english: "unknown name 'torch.zeroes' — did you mean 'zeros'?",
            korean: "없는 이름입니다: 'torch.zeroes'. 혹시 'zeros'의 오타입니까?"),
        Case(
            source: "ones(2).shap", english: "unknown tensor attribute 'shap' — did you mean 'shape'?",
            korean: "텐서에 없는 속성입니다: 'shap'. 혹시 'shape'의 오타입니까?"),
        Case(
            source: "nn.Conv2d(1, 2, 3).wieght",
            english: "unknown attribute of Conv2d 'wieght' — did you mean 'weight'?",
            korean: "Conv2d에 없는 속성입니다: 'wieght'. 혹시 'weight'의 오타입니까?"),
        Case(
            source: "zeros(2, 3", english: "'(' was never closed", korean: "여는 괄호 '('를 닫지 않았습니다."),
        Case(
            source: "x = 1 +", english: "expected an expression, found the end of the input",
            korean: "여기에는 식이 와야 하는데 입력이 끝났습니다."),
        Case(
            source: "zeros(1 2)", english: "expected ',' or ')' in the argument list, found '2'",
            korean: "여기에는 인자 사이의 ',' 또는 닫는 괄호 ')'가 와야 합니다(나온 것: '2')."),
        Case(
            source: "1 if x = 2 else 3",
            english:
                "expected 'else' (a conditional reads: a if condition else b), found '=' ('=' assigns a name; to compare, write '==')",
            korean:
                "여기에는 조건식(a if 조건 else b)의 else가 와야 합니다(나온 것: '='). '='는 이름을 붙이는 기호입니다. 같은지 비교하려면 '=='를 쓰세요."
        ),
        Case(source: "x = 1)", english: "unmatched ')'", korean: "닫는 괄호 ')'와 짝이 되는 여는 괄호가 없습니다."),
        Case(
            source: "x = 2 $ 3", english: "unexpected character '$'", korean: "여기에 쓸 수 없는 문자입니다: '$'."),
        Case(
            source: "y = 'abc", english: "this string is never closed: add a ' at its end",
            korean: "문자열이 닫히지 않았습니다. 끝에 따옴표 '를 붙이세요."),
        Case(
            source: "relu(ones(2), ones(2))", english: "relu() takes 1 positional argument but 2 were given",
            korean: "relu(): 위치 인자는 1개까지인데 2개를 주었습니다."),
        Case(
            source: "full((2, 2))", english: "full() is missing the required argument 'fill_value'",
            korean: "full(): 꼭 필요한 인자가 빠졌습니다: 'fill_value'."),
        Case(
            source: "full((2,), 1, size=(3,))", english: "full() got multiple values for argument 'size'",
            korean: "full(): 같은 인자를 두 번 주었습니다: 'size'."),
        Case(
            source: "conv2d('a', ones(1, 1, 3, 3))",
            english: "conv2d(): argument 'input' must be a tensor, not str",
            korean: "conv2d(): 인자 'input'에는 텐서가 와야 하는데 str입니다."),
        Case(
            source: "conv2d(ones(1, 3, 5, 5), ones(1, 1, 3, 3))",
            english:
                "conv2d expects weight [out_channels, in_channels/groups, kH, kW] = [?, 3, ?, ?], got [1, 1, 3, 3]: the input [1, 3, 5, 5] has 3 channels",
            korean: "conv2d의 가중치 모양은 [?, 3, ?, ?]이어야 하는데 [1, 1, 3, 3]입니다. 입력 [1, 3, 5, 5]의 채널이 3개이기 때문입니다."
        ),
        Case(
            source: "conv2d(ones(1, 1, 2, 2), ones(1, 1, 3, 3))",
            english: "conv2d kernel 3×3 is larger than the padded input 2×2",
            korean: "conv2d: 커널(3×3)이 패딩한 입력(2×2)보다 큽니다."),
        Case(
            source: "conv2d(ones(1, 1, 5, 5), ones(1, 1, 3, 3), stride=0)",
            english: "conv2d stride must be at least 1, got 0",
            korean: "conv2d: stride 값은 1 이상이어야 합니다(받은 값: 0)."),
        Case(
            source: "conv2d(ones(1, 1, 5, 5), ones(1, 1, 3, 3), padding=-1)",
            english: "conv2d padding cannot be negative, got -1",
            korean: "conv2d: padding 값은 음수일 수 없습니다(받은 값: -1)."),
        Case(
            source: "conv2d(ones(1, 1, 5, 5), ones(1, 1, 3, 3), padding='same', stride=2)",
            english: "padding='same' is not supported for strided convolutions",
            korean: "padding='same'은 stride가 1일 때만 쓸 수 있습니다."),
        Case(
            source: "ones(2, 3) + ones(4)",
            english:
                "cannot broadcast shapes [2, 3] and [4]: sizes 3 and 4 at dimension 1 (counted after aligning the last dimensions) must be equal or one of them 1",
            korean:
                "브로드캐스트할 수 없는 모양입니다: [2, 3], [4]. 마지막 차원부터 맞춰 센 1번 차원의 크기가 3, 4인데, 둘이 같거나 한쪽이 1이어야 합니다."
        ),
        Case(
            source: "matmul(ones(2, 3), ones(4, 5))",
            english:
                "mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5): matmul of [2, 3] and [4, 5] needs the last size of the first (3) to equal the second-to-last size of the second (4)",
            korean:
                "행렬 곱을 할 수 없는 모양입니다: [2, 3] @ [4, 5]. 첫째의 마지막 크기(3)와 둘째의 끝에서 둘째 크기(4)가 같아야 합니다."
        ),
        Case(
            source: "ones(2, 3).reshape(4, 2)",
            english: "shape [4, 2] is invalid for input of size 6 (shape [2, 3])",
            korean: "원소가 6개인 텐서(모양 [2, 3])는 다음 모양으로 바꿀 수 없습니다: [4, 2]. 원소 수가 같아야 합니다."),
        Case(
            source: "ones(2, 3).sum(dim=2)",
            english: "dimension out of range (expected to be in range of [-2, 1], but got 2)",
            korean: "차원 번호가 범위를 벗어났습니다: 2 (-2부터 1까지여야 합니다)."),
        Case(
            source: "ones(2, 3)[5]", english: "index 5 is out of bounds for dimension 0 with size 2",
            korean: "인덱스가 범위를 벗어났습니다: 5 (0번 차원의 크기: 2)."),
        Case(
            source: "max_pool2d(ones(1, 1, 2, 2), 3)",
            english: "max_pool2d kernel 3×3 is larger than the padded input 2×2",
            korean: "max_pool2d: 커널(3×3)이 패딩한 입력(2×2)보다 큽니다."),
        Case(
            source: "nn.Linear(3, 2)(ones(2, 4))",
            english:
                "linear expects input [*, in_features] = [*, 3] to match weight [2, 3] ([out_features, in_features]), got input [2, 4]",
            korean:
                "linear: 입력의 마지막 크기가 in_features(3)와 같아야 하는데 입력 모양이 [2, 4]입니다(가중치 [2, 3] = [out_features, in_features])."
        ),
        Case(
            source: "ones(2, 3).shape()", english: "a torch.Size cannot be called like a function",
            korean: "torch.Size 값은 함수처럼 호출할 수 없습니다."),
        Case(
            source: "'a' + ones(2, 3)", english: "unsupported operand types for +: str and Tensor",
            korean: "연산자 +: 이 두 타입에는 쓸 수 없습니다(str, Tensor)."),
        // A refusal inside a Sequential keeps its pieces under the layer's name.
        Case(
            source: "nn.Sequential(nn.Conv2d(3, 4, 3))(ones(1, 1, 5, 5))",
            english:
                "layer (0) Conv2d: conv2d expects weight [out_channels, in_channels/groups, kH, kW] = [?, 1, ?, ?], got [4, 3, 3, 3]: the input [1, 1, 5, 5] has 1 channel",
            korean:
                "층 (0) Conv2d: conv2d의 가중치 모양은 [?, 1, ?, ?]이어야 하는데 [4, 3, 3, 3]입니다. 입력 [1, 1, 5, 5]의 채널이 1개이기 때문입니다."
        ),
        // The types in the order written, whichever side the tensor is on.
        Case(
            source: "ones(2, 3) - 'a'", english: "unsupported operand types for -: Tensor and str",
            korean: "연산자 -: 이 두 타입에는 쓸 수 없습니다(Tensor, str)."),
        Case(
            source: "zeros(100000, 100000)",
            english:
                "a tensor of shape [100000, 100000] would have 10000000000 elements; the limit is 100000000",
            korean: "모양이 [100000, 100000]인 텐서는 원소가 10000000000개가 되어 한도(100000000개)를 넘습니다."),
    ]

    @Test(arguments: cases)
    func saidInKorean(_ example: Case) throws {
        let error = try #require(
            #expect(throws: LanguageError.self) { try Interpreter().run(example.source) })
        #expect(error.message == example.english)
        #expect(error.message(in: .english) == example.english)
        #expect(error.message(in: Language("ko")) == example.korean)
        // A language with no text of its own is English.
        #expect(error.message(in: Language("fr")) == example.english)
    }

    /// The Korean report differs from the English one in its header only: the line and the caret
    /// under it are the same.
    @Test(arguments: cases)
    func koreanDiagnosticKeepsTheCaret(_ example: Case) throws {
        let error = try #require(
            #expect(throws: LanguageError.self) { try Interpreter().run(example.source) })
        let english = error.diagnostic(source: example.source, fileName: "answer").split(separator: "\n")
        let korean = error.diagnostic(source: example.source, fileName: "answer", language: Language("ko"))
            .split(
                separator: "\n")
        #expect(
            error.diagnostic(source: example.source, fileName: "answer", language: .english)
                == english.joined(separator: "\n"))
        #expect(korean.count == english.count)
        #expect(korean.dropFirst() == english.dropFirst())
        let position = try #require(error.range?.lowerBound)
        #expect(korean.first == "answer:\(position.line):\(position.column): 오류: \(example.korean)"[...])
    }

    /// An error without a Korean text of its own gets a Korean lead-in naming its kind, then the
    /// English detail.
    @Test func otherErrorsGetAKoreanLeadIn() throws {
        let error = LanguageError(.argument, "an argument nothing details")
        #expect(error.message(in: Language("ko")) == "인자 오류: \(error.message)")
        let plain = LanguageError(.timeLimit, "stopped")
        #expect(plain.diagnostic(source: "x", language: Language("ko")) == "오류: 시간 초과: stopped")
        #expect(LanguageError(.io, "x").message(in: Language("ko")) == "파일 오류: x")
    }

    /// Engine refusals without a case of their own are said from the catalog `engine-refusals`.
    @Test func engineRefusalsAreSaidInKorean() throws {
        let error = try #require(
            #expect(throws: LanguageError.self) {
                try Interpreter().run("conv2d(ones(1, 1, 5, 5), ones(1, 1, 3, 3), padding='sam')")
            })
        #expect(error.message == "Invalid padding string 'sam', should be one of ['valid', 'same']")
        #expect(error.message(in: Language("ko")) == "padding 문자열은 'valid', 'same' 중 하나여야 하는데 'sam'입니다.")
    }

    @Test func engineLimitsAreSaidInKorean() {
        #expect(LanguageError(.timeLimit(seconds: 2)).message(in: Language("ko")) == "시간 제한(2초)에 걸려 멈췄습니다.")
        #expect(LanguageError(.cancelled()).message(in: Language("ko")) == "중단했습니다.")
        #expect(
            LanguageError(.outOfMemory(requestedBytes: 10, inUse: 20, limit: 25)).message(in: Language("ko"))
                == "메모리가 부족합니다. 이 세션의 텐서와 리스트가 이미 20 B를 쓰고 있는데 10 B를 더 요청했습니다"
                + "(세션 한도: 25 B). 더 쓰지 않는 이름을 del로 지우면 메모리가 돌아옵니다.")
        #expect(
            LanguageError(.outOfMemory(requestedBytes: 1_000_000, inUse: 9_000_000, limit: 10_000_000))
                .message(in: Language("ko"))
                .hasPrefix("메모리가 부족합니다. 이 세션의 텐서와 리스트가 이미 8.6 MiB를 쓰고 있는데 976.6 KiB를"))
        let work = WorkEstimate(.convolution, 4.004001e12)
        #expect(
            LanguageError(.tooMuchWork(work, secondsLeft: 2, allowed: 4e11)).message(in: Language("ko"))
                == "이 합성곱은 곱셈-덧셈이 4.0 × 10¹²번입니다. 시간 제한까지 남은 2초로는 약 4.0 × 10¹¹번까지만 할 수 "
                + "있습니다. 크기를 줄이세요.")
        for language in [Language("en"), nil] {
            let english =
                language.map {
                    LanguageError(.tooMuchWork(work, secondsLeft: 2, allowed: 4e11)).message(in: $0)
                }
                ?? LanguageError(.tooMuchWork(work, secondsLeft: 2, allowed: 4e11)).message
            #expect(
                english
                    == "this convolution is 4.0 × 10¹² multiply-adds; the 2 s left of the time limit allow about "
                    + "4.0 × 10¹¹ — make the sizes smaller")
        }
    }
}
