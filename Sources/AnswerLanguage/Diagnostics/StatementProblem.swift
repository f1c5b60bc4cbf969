import Wording

/// Mistakes with Python's statements, blocks and habits, said from the catalog
/// `statement-errors` in every language.
public enum StatementProblem: Hashable, Sendable {
    /// A line indented more than the one before, which does not open a block.
    case unexpectedIndent
    /// A line whose indentation matches no open block.
    case unindentMismatch
    /// A header ending with ':' (on `line`) and no indented block below it.
    case expectedIndentedBlock(after: String, line: Int)
    /// `break` or `continue` outside a loop.
    case outsideLoop(String)
    /// `return` outside a function.
    case returnOutsideFunction
    /// `else`/`elif` with no `if` above it.
    case dangling(String)
    /// `import module` of a module that is not here.
    case moduleNotAvailable(String)
    /// `from torch import name` / `import torch.name` of a part of torch that is not here.
    case torchPartNotAvailable(String)
    /// An `assert` whose condition was false, with the learner's message if any.
    case assertionFailed(String?)
    /// A local name read before the function assigned it.
    case unboundLocal(String)
    /// A name a Python or NumPy habit reaches for (`np`, `quit`, `self` outside a class).
    case habit(String)
    /// `^` (Python's exclusive or) where a power was meant: `0.25^20`.
    case caretForPower
    /// A Python keyword the answer language leaves out (`try`, `raise`, `yield`, `async`).
    case unsupportedKeyword(String)

    /// The keywords the answer language leaves out, each with the sentence saying why.
    static let unsupportedKeywords: [String: StatementErrorKey] = [
        "try": .keywordExceptions, "except": .keywordExceptions, "finally": .keywordExceptions,
        "raise": .keywordRaise, "yield": .keywordYield, "async": .keywordAsync, "await": .keywordAsync,
    ]

    /// Why `keyword` is left out, in `language`.
    static func reason(forKeyword keyword: String, in language: Language) -> String {
        language.say(unsupportedKeywords[keyword] ?? .keywordAsync, ["keyword": keyword])
    }

    /// The names habits reach for, each with what to do instead.
    static let habits: [String: StatementErrorKey] = [
        "np": .habitNumpy, "numpy": .habitNumpy, "plt": .habitPlot, "matplotlib": .habitPlot,
        "quit": .habitQuit, "exit": .habitQuit, "next": .habitNext, "help": .habitHelp, "self": .habitSelf,
    ]

    /// The sentence in `language`.
    func sentence(in language: Language) -> String {
        let key = StatementErrorKey.self
        switch self {
        case .unexpectedIndent: return language.say(key.unexpectedIndent)
        case .unindentMismatch: return language.say(key.unindentMismatch)
        case .expectedIndentedBlock(let header, let line):
            return language.say(key.expectedIndentedBlock, ["header": header, "line": line])
        case .outsideLoop(let keyword): return language.say(key.outsideLoop, ["keyword": keyword])
        case .returnOutsideFunction: return language.say(key.returnOutsideFunction)
        case .dangling(let keyword): return language.say(key.dangling, ["keyword": keyword])
        case .moduleNotAvailable(let module):
            let specific: [String: StatementErrorKey] = [
                "numpy": .importNumpy, "matplotlib": .importPlotting, "seaborn": .importPlotting,
                "torchvision": .importTorchvision, "random": .importRandom,
            ]
            return language.say(specific[module] ?? key.importOther, ["module": module])
        case .torchPartNotAvailable(let path): return language.say(key.torchPartMissing, ["path": path])
        case .assertionFailed(let message?):
            return language.say(key.assertionFailedWith, ["message": message])
        case .assertionFailed(nil): return language.say(key.assertionFailed)
        case .unboundLocal(let name): return language.say(key.unboundLocal, ["name": name])
        case .habit(let name): return language.say(Self.habits[name] ?? key.habitNumpy)
        case .caretForPower: return language.say(key.caretForPower)
        case .unsupportedKeyword(let keyword):
            return language.say(
                key.unsupportedKeyword,
                ["keyword": keyword, "reason": Self.reason(forKeyword: keyword, in: language)])
        }
    }
}

/// The sentences of `StatementProblem` (catalog `statement-errors`).
package enum StatementErrorKey: String, MessageKey {
    package static let catalog = "statement-errors"

    case unexpectedIndent, unindentMismatch, expectedIndentedBlock, outsideLoop, returnOutsideFunction
    case dangling, importNumpy, importPlotting, importTorchvision, importRandom, importOther
    case torchPartMissing, assertionFailed, assertionFailedWith, unboundLocal
    case habitNumpy, habitPlot, habitQuit, habitNext, habitSelf, caretForPower, habitHelp
    case unsupportedKeyword, keywordExceptions, keywordRaise, keywordYield, keywordAsync
}
