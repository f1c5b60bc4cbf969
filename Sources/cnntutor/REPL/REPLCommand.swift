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
    }

    /// Every command, in the order `:help` lists them.
    static let all: [Help] = [
        Help(name: "next", summary: "go on to the next step (Enter does the same)"),
        Help(name: "back", summary: "go back one step"),
        Help(name: "hint", summary: "show the exercise's next hint"),
        Help(name: "solution", summary: "show the reference answer (after a pass, or give up)"),
        Help(name: "skip", summary: "move past the exercise without answering (recorded)"),
        Help(name: "goto", argument: "EXERCISE", summary: "jump to an exercise (id, or lesson/id)"),
        Help(name: "lessons", summary: "the lesson menu, with your progress"),
        Help(name: "open", argument: "LESSON", summary: "open a lesson by number or id"),
        Help(name: "run", summary: "run this step's example code"),
        Help(name: "progress", summary: "your progress table, lesson by lesson"),
        Help(name: "reset", argument: "LESSON", summary: "forget your progress in a lesson (asks first)"),
        Help(name: "lang", argument: "LANG", summary: "switch the lesson language (e.g. en, ko)"),
        Help(name: "show", argument: "EXPR", summary: "draw a tensor as a heatmap (or any figure)"),
        Help(name: "step", argument: "EXPR", summary: "walk conv2d(img, k) one window position at a time"),
        Help(name: "submit", argument: "EXPR", summary: "grade EXPR as your answer, even a look (x.shape)"),
        Help(name: "help", summary: "this list"),
        Help(name: "quit", summary: "save and leave (Ctrl-D does the same)"),
    ]

    /// Every command name with its colon, for tab completion.
    static var names: [String] { all.map { ":" + $0.name } }

    /// The `:help` text: one line per command, names aligned.
    static func helpLines() -> [String] {
        let labels = all.map { help in ":" + help.name + (help.argument.map { " " + $0 } ?? "") }
        let width = labels.map(\.count).max() ?? 0
        return zip(labels, all).map { label, help in
            "  " + label.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + help.summary
        } + [
            "  Anything else is answer-language code: an assignment binds, an expression is evaluated.",
            "  At an exercise an expression is your answer, except looks: show(…), print(…), help(…),",
            "  summary(…), type(…), a name you did not assign there, and .shape/.size()/len(…) when the",
            "  answer is not a shape or number. Those are shown, not graded.",
        ]
    }

    /// Why a `:` line is not a command.
    struct ParseError: Error, Equatable {
        var message: String
    }

    /// Parses a line starting with `:`; a unique prefix of a name is accepted (`:h` is ambiguous,
    /// `:hi` is `:hint`).
    static func parse(_ line: String) -> Result<REPLCommand, ParseError> {
        var body = Substring(line.trimmingCharacters(in: .whitespaces))
        guard body.first == ":" else { return .failure(ParseError(message: "commands start with ':'")) }
        body = body.dropFirst()
        let name = String(body.prefix { !$0.isWhitespace }).lowercased()
        let argument = body.dropFirst(name.count).trimmingCharacters(in: .whitespaces)
        let matches =
            all.filter { $0.name == name } + all.filter { $0.name != name && $0.name.hasPrefix(name) }
        guard !name.isEmpty, let help = matches.first, matches.first?.name == name || matches.count == 1
        else {
            if name.isEmpty || matches.isEmpty {
                return .failure(ParseError(message: "unknown command ':\(name)' — type :help for the list"))
            }
            let options = matches.map { ":" + $0.name }.joined(separator: ", ")
            return .failure(ParseError(message: "':\(name)' could be \(options)"))
        }
        let argumentOrNil = argument.isEmpty ? nil : argument
        switch help.name {
        case "goto", "open", "show", "step", "submit":
            guard let argumentOrNil else {
                return .failure(ParseError(message: ":\(help.name) needs \(help.argument ?? "an argument")"))
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
                return .failure(ParseError(message: ":\(help.name) takes no argument"))
            }
            let plain: [String: REPLCommand] = [
                "next": .next, "back": .back, "hint": .hint, "solution": .solution, "skip": .skip,
                "lessons": .lessons, "run": .run, "progress": .progress, "help": .help, "quit": .quit,
            ]
            return .success(plain[help.name]!)
        }
    }
}
