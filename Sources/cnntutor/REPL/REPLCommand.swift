import Foundation
import Wording

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
    case play
    case answer
    case help
    case quit

    /// A command's name and its argument's name, in `:help` order; its line of help is the
    /// catalog `repl-commands` entry named after it.
    struct Help {
        var key: CommandHelpKey
        var argument: String?

        init(_ key: CommandHelpKey, argument: String? = nil) {
            self.key = key
            self.argument = argument
        }

        /// The name as typed after the colon.
        var name: String { key.rawValue }
    }

    /// Every command, in the order `:help` lists them.
    static let all: [Help] = [
        Help(.next),
        Help(.back),
        Help(.hint),
        Help(.solution),
        Help(.skip),
        Help(.goto, argument: "EXERCISE"),
        Help(.lessons),
        Help(.open, argument: "LESSON"),
        Help(.run),
        Help(.progress),
        Help(.reset, argument: "LESSON"),
        Help(.lang, argument: "LANG"),
        Help(.show, argument: "EXPR"),
        Help(.step, argument: "EXPR"),
        Help(.submit, argument: "EXPR"),
        Help(.play),
        Help(.answer),
        Help(.help),
        Help(.quit),
    ]

    /// Every command name with its colon, for tab completion.
    static var names: [String] { all.map { ":" + $0.name } }

    /// The `:help` text in `language`: one line per command, names aligned, then how code reads.
    static func helpLines(in language: Language = .english) -> [String] {
        let labels = all.map { help in ":" + help.name + (help.argument.map { " " + $0 } ?? "") }
        let width = labels.map(\.count).max() ?? 0
        let commands = zip(labels, all).map { label, help in
            "  " + label.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                + language.say(help.key)
        }
        return commands + language.say(CommandHelpKey.codeNote).split(separator: "\n").map { "  " + $0 }
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
                "play": .play, "answer": .answer,
            ]
            // Every name that reaches here is one of `plain`'s keys (the table of commands
            // above lists no other argument-less command); anything else reads as unknown.
            guard let command = plain[help.name] else {
                return .failure(ParseError(reason: .unknown(help.name)))
            }
            return .success(command)
        }
    }
}

/// The `:help` line of each command (catalog `repl-commands`), named as the command is typed.
enum CommandHelpKey: String, MessageKey {
    static let catalog = "repl-commands"

    case next
    case back
    case hint
    case solution
    case skip
    case goto
    case lessons
    case open
    case run
    case progress
    case reset
    case lang
    case show
    case step
    case submit
    case play
    case answer
    case help
    case quit
    /// The note under the commands on how other lines read.
    case codeNote
}
