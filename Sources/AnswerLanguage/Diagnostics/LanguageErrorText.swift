import CNN

/// An error's message in the learner's language.
///
/// English is `LanguageError.message` itself, unchanged. Korean is written here from the error's
/// `Detail`: names, numbers, shapes and code spans stay as typed, so a learner can match them
/// against the line; an error without a detail gets a Korean lead-in for its `Kind` followed by
/// the English message. Languages without an entry here fall back to English.
struct LanguageErrorText: Sendable {
    /// The language code (`en`, `ko`).
    let language: String

    /// `error`'s message in `language`.
    func message(_ error: LanguageError) -> String {
        guard language == "ko" else { return error.message }
        if let detail = error.detail, let korean = Self.korean(detail) { return korean }
        return "\(Self.koreanLeadIn(error.kind)): \(error.message)"
    }

    /// The word before the message in a diagnostic's header.
    var error: String { language == "ko" ? "오류" : "error" }

    // MARK: Korean

    static func koreanLeadIn(_ kind: LanguageError.Kind) -> String {
        switch kind {
        case .syntax: "문법 오류"
        case .input: "입력 오류"
        case .name: "이름 오류"
        case .type: "타입 오류"
        case .argument: "인자 오류"
        case .value: "값 오류"
        case .shape: "모양 오류"
        case .limit: "한도 초과"
        case .timeLimit: "시간 초과"
        case .cancelled: "중단됨"
        case .unsupported: "지원하지 않음"
        case .io: "파일 오류"
        }
    }

    // Korean particles depend on how the word before them is read, which is unknowable for code
    // (`'padding'`, `[2, 3]`); so code, names and shapes come after a colon or inside parentheses,
    // and particles follow Korean words only.
    static func korean(_ detail: LanguageError.Detail) -> String? {
        switch detail {
        case .unknown(let thing, let name, let suggestion):
            let meant = suggestion.map { " 혹시 '\($0)'의 오타인가요?" } ?? ""
            let what: String
            switch thing {
            case .name: what = "없는 이름입니다: '\(name)'."
            case .member(let namespace): what = "없는 이름입니다: '\(namespace).\(name)'."
            case .tensorAttribute: what = "텐서에 없는 속성입니다: '\(name)'."
            case .attribute(let type): what = "\(type) 레이어에 없는 속성입니다: '\(name)'."
            case .key: what = "없는 키입니다: '\(name)'."
            case .keyword(let function?): what = "\(function)()에 없는 키워드 인자입니다: '\(name)'."
            case .keyword(nil): what = "이 람다에 없는 키워드 인자입니다: '\(name)'."
            }
            return what + meant
        case .expected(let expected, let found, let slip):
            let stem = koreanExpected(expected)
            var text =
                switch found {
                case "the end of the input": "\(stem) 하는데 입력이 끝났습니다."
                case "the end of the statement": "\(stem) 하는데 문장이 끝났습니다."
                case "a string": "\(stem) 하는데 문자열이 나왔습니다."
                default: "\(stem) 합니다(나온 것: \(found))."
                }
            switch slip {
            case .assignment?: text += " '='는 이름을 붙이는 기호입니다. 같은지 비교하려면 '=='를 쓰세요."
            case .unsupportedKeyword(let keyword)?: text += " 답 언어에 없는 키워드입니다: '\(keyword)'."
            case nil: break
            }
            return text
        case .neverClosed(let open): return "여는 괄호 '\(open)'를 닫지 않았습니다."
        case .unmatched(let close): return "닫는 괄호 '\(close)'와 짝이 되는 여는 괄호가 없습니다."
        case .mismatchedClose(let close, let open, let location):
            return "닫는 괄호 '\(close)'가 \(location) 위치의 여는 괄호 '\(open)'와 짝이 맞지 않습니다."
        case .unexpectedCharacter(let shown): return "여기에 쓸 수 없는 문자입니다: '\(shown)'."
        case .unclosedString(let quote): return "문자열이 닫히지 않았습니다. 끝에 따옴표 \(quote)를 붙이세요."
        case .curlyQuote(let curly, let straight):
            return "둥근 따옴표 '\(curly)' 대신 곧은 따옴표 \(straight)를 쓰세요."
        case .tooManyArguments(let function, let takes, let given):
            let who = function.map { "\($0)()" } ?? "이 람다"
            return "\(who): 위치 인자는 \(takes)개까지인데 \(given)개를 주었습니다."
        case .repeatedArgument(let function, let name):
            let who = function.map { "\($0)()" } ?? "이 람다"
            return "\(who): 같은 인자를 두 번 주었습니다: '\(name)'."
        case .missingArgument(let function, let name):
            return "\(function)(): 꼭 필요한 인자가 빠졌습니다: '\(name)'."
        case .argumentType(let function, let name, let expected, let actual):
            return "\(function)(): 인자 '\(name)'에는 \(koreanType(expected)) 와야 하는데 \(actual)입니다."
        case .notAnOption(let function, let name, let options, let given, let suggestion):
            let listed = options.map { "'\($0)'" }.joined(separator: ", ")
            let meant = suggestion.map { " 혹시 '\($0)'의 오타인가요?" } ?? ""
            return "\(function)(): \(name)에는 \(listed) 중 하나가 와야 하는데 '\(given)'입니다.\(meant)"
        case .notCallable(let type): return "\(type) 값은 함수처럼 호출할 수 없습니다."
        case .unsupportedOperands(let op, let left, let right):
            return "연산자 \(op): 이 두 타입에는 쓸 수 없습니다(\(left), \(right))."
        case .engine(let engine): return korean(engine)
        }
    }

    static func korean(_ detail: CNNError.Detail) -> String {
        switch detail {
        case .inLayer(let name, let type, let inner):
            return "레이어 (\(name)) \(type): \(korean(inner))"
        case .broadcast(let a, let b, let sizes, let dimension):
            return "브로드캐스트할 수 없는 모양입니다: \(a), \(b). 마지막 차원부터 맞춰 센 \(dimension)번 차원의 "
                + "크기가 \(sizes[0]), \(sizes[1])인데, 둘이 같거나 한쪽이 1이어야 합니다."
        case .matmul(let a, let b, let inner):
            return "행렬 곱을 할 수 없는 모양입니다: \(a) @ \(b). 첫째의 마지막 크기(\(inner[0]))와 "
                + "둘째의 \(b.count == 1 ? "크기" : "끝에서 둘째 크기")(\(inner[1]))가 같아야 합니다."
        case .convChannels(let function, let input, let weight, let expected, let groups):
            let channels = input.count > 1 ? input[1] : 0
            let why =
                groups == 1
                ? "입력 \(input)의 채널이 \(channels)개이기 때문입니다"
                : "입력 \(input)의 채널 \(channels)개를 그룹 \(groups)개로 나누기 때문입니다"
            return "\(function)의 가중치 모양은 \(expected)이어야 하는데 \(weight)입니다. \(why)."
        case .kernelLargerThanInput(let function, let kernel, let span, let padded):
            let described = span.map { "커널(\(kernel), 팽창을 적용하면 \($0))" } ?? "커널(\(kernel))"
            return "\(function): \(described)이 패딩한 입력(\(padded))보다 큽니다."
        case .tooSmall(let function, let argument, let minimum, let got):
            let rule = minimum == 0 ? "음수일 수 없습니다" : "\(minimum) 이상이어야 합니다"
            return "\(function): \(argument) 값은 \(rule)(받은 값: \(got))."
        case .sameWithStride: return "padding='same'은 stride가 1일 때만 쓸 수 있습니다."
        case .windowLargerThanInput(let function, let kernel, let span, let padded):
            let described = span.map { "커널(\(kernel), 팽창을 적용하면 \($0))" } ?? "커널(\(kernel))"
            return "\(function): \(described)이 패딩한 입력(\(padded))보다 큽니다."
        case .reshape(let shape, let count, let from):
            return "원소가 \(count)개인 텐서(모양 \(from))는 다음 모양으로 바꿀 수 없습니다: \(shape). 원소 수가 같아야 합니다."
        case .dimensionOutOfRange(let dim, let bound):
            return "차원 번호가 범위를 벗어났습니다: \(dim) (\(-bound)부터 \(bound - 1)까지여야 합니다)."
        case .indexOutOfRange(let index, let dimension, let size):
            return "인덱스가 범위를 벗어났습니다: \(index) (\(dimension)번 차원의 크기: \(size))."
        case .linearFeatures(let inFeatures, let weight, let input):
            return "linear: 입력의 마지막 크기가 in_features(\(inFeatures))와 같아야 하는데 입력 모양이 \(input)입니다"
                + "(가중치 \(weight) = [out_features, in_features])."
        case .tooLarge(let shape, let elements, let limit):
            return "모양이 \(shape)인 텐서는 원소가 \(elements)개가 되어 한도(\(limit)개)를 넘습니다."
        case .outOfMemory(let requested, let inUse, let limit):
            return "메모리가 부족합니다. \(inUse)바이트를 쓰는 중에 \(requested)바이트를 더 요청했습니다"
                + "(한도: \(limit)바이트)."
        case .timeLimit(let seconds): return "시간 제한(\(seconds)초)에 걸려 멈췄습니다."
        case .cancelled: return "중단했습니다."
        }
    }

    /// What the parser wanted, as the start of a Korean sentence, from the English phrases
    /// `Parser` uses; an unknown phrase is kept in English.
    static func koreanExpected(_ phrase: String) -> String {
        switch phrase {
        case "',' or ')' in the argument list": "여기에는 인자 사이의 ',' 또는 닫는 괄호 ')'가 와야"
        case "',' or ')'": "여기에는 ',' 또는 닫는 괄호 ')'가 와야"
        case "',' or ']' in the list": "여기에는 리스트 안의 ',' 또는 닫는 괄호 ']'가 와야"
        case "',' or ']' in the subscript": "여기에는 인덱스 안의 ',' 또는 닫는 괄호 ']'가 와야"
        case "':' after the lambda's parameters": "여기에는 람다 매개변수 뒤의 콜론 ':'이 와야"
        case "'else' (a conditional reads: a if condition else b)": "여기에는 조건식(a if 조건 else b)의 else가 와야"
        case "a parameter name or ':'": "여기에는 매개변수 이름이나 콜론 ':'이 와야"
        case "an attribute name after '.'": "여기에는 '.' 뒤의 속성 이름이 와야"
        case "an expression": "여기에는 식이 와야"
        case "the end of the expression": "여기서 식이 끝나야"
        case "the end of the statement": "여기서 문장이 끝나야"
        default: "여기에는 \(phrase)(이)가 와야"
        }
    }

    /// The commonest "must be …" phrases of builtin signatures, with their particle; others are
    /// kept in English.
    static func koreanType(_ phrase: String) -> String {
        switch phrase {
        case "a tensor": "텐서가"
        case "an int": "정수가"
        case "a number": "수가"
        case "a float": "실수가"
        case "a bool": "참/거짓 값이"
        case "a string": "문자열이"
        case "an int or a tuple of ints": "정수나 정수 튜플이"
        case "a list or tuple of tensors": "텐서의 리스트나 튜플이"
        case "a finite number": "유한한 수가"
        case "a tuple of ints": "정수 튜플이"
        case "a list of tensors": "텐서 리스트가"
        case "a layer": "레이어가"
        case "a layer (a model)": "레이어(모델)가"
        case "a function": "함수가"
        default: "\(phrase)(이)가"
        }
    }
}

extension LanguageError {
    /// The message in `language` (`en`, `ko`); English, the default, is `message` itself.
    public func message(in language: String) -> String {
        LanguageErrorText(language: language).message(self)
    }
}
