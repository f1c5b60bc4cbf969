import Foundation

/// One `:` command typed at the lesson prompt.
enum REPLCommand: Equatable {
    case next
    case back
    case hint
    case solution
    case skip
    case goto(String)
    case lessons
    case open(String)
    case run
    case progress
    case reset(String?)
    case lang(String?)
    case show(String)
    case step(String)
    case submit(String)
    case help
    case quit

    /// A command's name, its argument's name, and its one line of help, in `:help` order.
    struct Help {
        var name: String
        var argument: String?
        var summary: String
        /// The same line in Korean.
        var korean: String
    }

    /// Every command, in the order `:help` lists them.
    static let all: [Help] = [
        Help(
            name: "next", summary: "go on to the next step (Enter does the same)",
            korean: "다음 단계로 (Enter와 같습니다)"),
        Help(name: "back", summary: "go back one step", korean: "한 단계 뒤로"),
        Help(name: "hint", summary: "show the exercise's next hint", korean: "문제의 다음 힌트 보기"),
        Help(
            name: "solution", summary: "show the reference answer (after a pass, or give up)",
            korean: "모범 답안 보기 (통과한 뒤, 또는 포기하고)"),
        Help(
            name: "skip", summary: "move past the exercise without answering (recorded)",
            korean: "답하지 않고 문제 넘어가기 (기록됩니다)"),
        Help(
            name: "goto", argument: "EXERCISE", summary: "jump to an exercise (id, or lesson/id)",
            korean: "문제로 가기 (id, 또는 레슨/id)"),
        Help(name: "lessons", summary: "the lesson menu, with your progress", korean: "레슨 목록과 진행 상황"),
        Help(
            name: "open", argument: "LESSON", summary: "open a lesson by number or id",
            korean: "번호나 id로 레슨 열기"),
        Help(name: "run", summary: "run this step's example code", korean: "이 단계의 예제 코드 실행"),
        Help(name: "progress", summary: "your progress table, lesson by lesson", korean: "레슨별 진행 상황 표"),
        Help(
            name: "reset", argument: "LESSON", summary: "forget your progress in a lesson (asks first)",
            korean: "레슨의 진행 상황 지우기 (먼저 묻습니다)"),
        Help(
            name: "lang", argument: "LANG", summary: "switch the lesson language (e.g. en, ko)",
            korean: "레슨 언어 바꾸기 (예: en, ko)"),
        Help(
            name: "show", argument: "EXPR", summary: "draw a tensor as a heatmap (or any figure)",
            korean: "텐서를 히트맵으로 그리기 (그림이면 무엇이든)"),
        Help(
            name: "step", argument: "EXPR", summary: "walk conv2d(img, k) one window position at a time",
            korean: "conv2d(img, k)를 창 위치 하나씩 따라가기"),
        Help(
            name: "submit", argument: "EXPR", summary: "grade EXPR as your answer, even a look (x.shape)",
            korean: "EXPR을 답으로 채점하기, 보기용 식(x.shape)도"),
        Help(name: "help", summary: "this list", korean: "이 목록"),
        Help(
            name: "quit", summary: "save and leave (Ctrl-D does the same)", korean: "저장하고 끝내기 (Ctrl-D와 같습니다)"),
    ]

    /// Every command name with its colon, for tab completion.
    static var names: [String] { all.map { ":" + $0.name } }

    /// The `:help` text: one line per command, names aligned.
    static func helpLines(korean: Bool = false) -> [String] {
        let labels = all.map { help in ":" + help.name + (help.argument.map { " " + $0 } ?? "") }
        let width = labels.map(\.count).max() ?? 0
        let commands = zip(labels, all).map { label, help in
            "  " + label.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                + (korean ? help.korean : help.summary)
        }
        if korean {
            return commands + [
                "  그 밖의 줄은 답 언어 코드입니다. 대입문은 이름을 붙이고, 식은 계산합니다.",
                "  연습 문제에서는 식이 곧 답입니다. 다만 show(…), print(…), help(…), summary(…),",
                "  type(…), 그 문제에서 대입하지 않은 이름, 그리고 답이 모양이나 수가 아닐 때의",
                "  .shape/.size()/len(…)은 보여 주기만 하고 채점하지 않습니다.",
            ]
        }
        return commands + [
            "  Anything else is answer-language code: an assignment binds, an expression is evaluated.",
            "  At an exercise an expression is your answer, except looks: show(…), print(…), help(…),",
            "  summary(…), type(…), a name you did not assign there, and .shape/.size()/len(…) when the",
            "  answer is not a shape or number. Those are shown, not graded.",
        ]
    }

    /// Why a `:` line is not a command.
    struct ParseError: Error, Equatable {
        /// What is wrong with the line.
        enum Reason: Equatable {
            case notACommand
            case unknown(String)
            /// The typed prefix and the commands it could be, listed ":hint, :help".
            case ambiguous(String, String)
            /// The command and the name of the argument it needs.
            case needsArgument(String, String)
            case takesNoArgument(String)
        }

        var reason: Reason

        /// The problem in English; `SessionText.commandProblem` says it in the session's language.
        var message: String {
            switch reason {
            case .notACommand: "commands start with ':'"
            case .unknown(let name): "unknown command ':\(name)' — type :help for the list"
            case .ambiguous(let name, let options): "':\(name)' could be \(options)"
            case .needsArgument(let name, let argument): ":\(name) needs \(argument)"
            case .takesNoArgument(let name): ":\(name) takes no argument"
            }
        }
    }

    /// Parses a line starting with `:`; a unique prefix of a name is accepted (`:h` is ambiguous,
    /// `:hi` is `:hint`).
    static func parse(_ line: String) -> Result<REPLCommand, ParseError> {
        var body = Substring(line.trimmingCharacters(in: .whitespaces))
        guard body.first == ":" else { return .failure(ParseError(reason: .notACommand)) }
        body = body.dropFirst()
        let name = String(body.prefix { !$0.isWhitespace }).lowercased()
        let argument = body.dropFirst(name.count).trimmingCharacters(in: .whitespaces)
        let matches =
            all.filter { $0.name == name } + all.filter { $0.name != name && $0.name.hasPrefix(name) }
        guard !name.isEmpty, let help = matches.first, matches.first?.name == name || matches.count == 1
        else {
            if name.isEmpty || matches.isEmpty {
                return .failure(ParseError(reason: .unknown(name)))
            }
            let options = matches.map { ":" + $0.name }.joined(separator: ", ")
            return .failure(ParseError(reason: .ambiguous(name, options)))
        }
        let argumentOrNil = argument.isEmpty ? nil : argument
        switch help.name {
        case "goto", "open", "show", "step", "submit":
            guard let argumentOrNil else {
                return .failure(ParseError(reason: .needsArgument(help.name, help.argument ?? "an argument")))
            }
            switch help.name {
            case "goto": return .success(.goto(argumentOrNil))
            case "open": return .success(.open(argumentOrNil))
            case "show": return .success(.show(argumentOrNil))
            case "submit": return .success(.submit(argumentOrNil))
            default: return .success(.step(argumentOrNil))
            }
        case "reset": return .success(.reset(argumentOrNil))
        case "lang": return .success(.lang(argumentOrNil))
        default:
            guard argumentOrNil == nil else {
                return .failure(ParseError(reason: .takesNoArgument(help.name)))
            }
            let plain: [String: REPLCommand] = [
                "next": .next, "back": .back, "hint": .hint, "solution": .solution, "skip": .skip,
                "lessons": .lessons, "run": .run, "progress": .progress, "help": .help, "quit": .quit,
            ]
            return .success(plain[help.name]!)
        }
    }
}
