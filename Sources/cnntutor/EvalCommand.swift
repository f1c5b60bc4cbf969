import AnswerLanguage
import ArgumentParser
import CNN
import Foundation
import Terminal
import Wording

/// `cnntutor eval`: runs answer-language code once, outside a lesson — the engine as a
/// calculator, with tensors in and out as NumPy `.npy` files.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Run answer-language code once; tensors in and out as NumPy .npy files.",
        discussion: """
            CODE is one or more statements separated by ';' or newlines, or '-' to read them from \
            standard input. The value of the last expression is printed (nothing for an assignment).
            Exit status: 0 on success, 2 with a caret diagnostic on standard error for any error in \
            the code or its inputs.

            Examples:
              cnntutor eval 'conv2d(torch.ones(1, 1, 5, 5), torch.ones(1, 1, 3, 3))'
              cnntutor eval --json 'torch.arange(6).reshape(2, 3).sum(dim=1)'
              cnntutor eval --let x=x.npy --let w=w.npy --let g=g.npy --out y=y.npy --out dx=dx.npy \\
                'x.requires_grad_(); y = F.conv2d(x, w, stride=2, padding=1); y.backward(g); dx = x.grad'
            """)

    @Option(
        name: .customLong("let"),
        help: ArgumentHelp("Bind NAME to the tensor in a .npy file.", valueName: "NAME=FILE.npy"))
    var bindings: [String] = []

    @Option(
        name: .customLong("out"),
        help: ArgumentHelp(
            "Write the result (FILE.npy) or variable NAME (NAME=FILE.npy) as .npy.",
            valueName: "[NAME=]FILE.npy"))
    var outputs: [String] = []

    @Flag(help: "Print the result as JSON.")
    var json = false

    @Option(help: "Seed of all randomness (default 0).")
    var seed: UInt64 = 0

    @Option(
        name: .customLong("time-limit"), help: ArgumentHelp("Stop after this many seconds.", valueName: "S"))
    var timeLimit: Double?

    @Option(
        name: .customLong("max-elements"),
        help: ArgumentHelp("Largest number of elements of one tensor.", valueName: "N"))
    var maxElements: Int?

    @Option(
        name: .customLong("lang"),
        help: ArgumentHelp("Language of error messages (en, ko; default en).", valueName: "lang"))
    var language = Language.english

    @Argument(help: ArgumentHelp("The code, or '-' to read it from standard input.", valueName: "CODE"))
    var code: String

    mutating func run() throws {
        var options = EvaluationOptions(timeLimit: timeLimit, seed: seed, dataDirectory: Self.dataDirectory())
        if let maxElements { options.maxElements = maxElements }
        if let timeLimit, !(timeLimit > 0) {
            fail("--time-limit must be a positive number of seconds, got \(timeLimit)")
        }
        let interpreter = Interpreter(options: options)

        for binding in bindings {
            let (name, path) = split(binding, option: "--let")
            guard let name else { fail("--let \(binding): expected NAME=FILE.npy") }
            do {
                interpreter.bind(
                    name,
                    .tensor(
                        try NPY.read(contentsOf: URL(fileURLWithPath: path), maxElements: options.maxElements)
                    ))
            } catch {
                fail("--let \(name): \(error)")
            }
        }

        let source: String
        let fileName: String?
        if code == "-" {
            let bytes = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
            fileName = "<stdin>"
            do {
                source = try SourceText.decode(bytes)
            } catch {
                fail("<stdin>: \(error)")
            }
        } else {
            source = code
            fileName = nil
        }

        let result: Value
        do {
            result = try interpreter.run(source)
        } catch {
            // What the code printed before failing comes first, as Python's would.
            if !json, !interpreter.printed.isEmpty { print(interpreter.printed, terminator: "") }
            fail(error.diagnostic(source: source, fileName: fileName, language: language))
        }
        // `print` output when the code also has a value (a final expression after prints); with
        // --json only the value is written, so the output stays one line of JSON.
        if !json, !interpreter.printed.isEmpty { print(interpreter.printed, terminator: "") }

        for output in outputs {
            let (name, path) = split(output, option: "--out")
            let value: Value
            if let name {
                guard let bound = interpreter[name] else {
                    fail("--out \(output): the code did not bind '\(name)'")
                }
                value = bound
            } else {
                value = result
            }
            guard let tensor = Self.tensor(value) else {
                fail(
                    "--out \(output): \(name.map { "'\($0)'" } ?? "the result") is a \(value.typeName), not a tensor"
                )
            }
            do {
                try NPY.write(tensor, to: URL(fileURLWithPath: path))
            } catch {
                fail("--out \(name ?? path): \(error)")
            }
        }

        if json {
            print(result.json)
        } else if case .figure(let figure) = result {
            let terminal = SystemTerminalCapabilities(environment: ProcessInfo.processInfo.environment)
            for line in FigureText.lines(
                figure, colorLevel: terminal.colorLevel, width: terminal.size.columns)
            {
                print(line)
            }
        } else if case .none = result {
            // Like Python's REPL, an assignment or a None result prints nothing.
        } else {
            print(result.description)
        }
    }

    /// `NAME=FILE` → (NAME, FILE); a plain `FILE` → (nil, FILE). Exits on an invalid name.
    private func split(_ argument: String, option: String) -> (String?, String) {
        guard let equals = argument.firstIndex(of: "=") else { return (nil, argument) }
        let name = String(argument[..<equals])
        let path = String(argument[argument.index(after: equals)...])
        let valid =
            !name.isEmpty && (name.first == "_" || name.first!.isLetter)
            && name.allSatisfy { $0 == "_" || $0.isLetter || $0.isNumber }
        if !valid { fail("\(option) \(argument): '\(name)' is not a valid name") }
        if path.isEmpty { fail("\(option) \(argument): no file name after '='") }
        return (name, path)
    }

    /// A value as a tensor for `--out`: tensors, numbers and (nested) lists of numbers.
    static func tensor(_ value: Value) -> Tensor? {
        switch value {
        case .tensor(let tensor): return tensor.detach()
        case .int(let number): return Tensor(number)
        case .float(let number): return Tensor(number)
        case .bool(let flag): return Tensor(flag ? 1 : 0)
        default:
            guard let sizes = value.integers else { return nil }
            return try? Tensor(sizes, shape: [sizes.count])
        }
    }

    /// `Lessons/data` of the working directory or of the checkout the executable was built in.
    static func dataDirectory() -> URL? {
        let fileManager = FileManager.default
        var candidates = [URL(fileURLWithPath: fileManager.currentDirectoryPath)]
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(directory)
            directory = directory.deletingLastPathComponent()
        }
        for candidate in candidates {
            let data = candidate.appendingPathComponent("Lessons/data")
            if fileManager.fileExists(atPath: data.appendingPathComponent("digits-8x8/digits.csv").path) {
                return data
            }
        }
        return nil
    }

    /// Prints `message` to standard error and exits with status 2.
    private func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        Foundation.exit(2)
    }
}
