import CNN
import Testing

@testable import AnswerLanguage

/// Seeded random and mutated inputs through the parser, the evaluator and the diagnostic
/// renderer: each must end with a value or a `LanguageError` — never a crash or a hang (small
/// limits and a time limit bound every run, so the whole test stays bounded too).
@Suite struct FuzzTests {
    static let vocabulary = [
        "x", "y", "w", "f", "model", "conv2d", "F.conv2d", "torch.zeros", "nn.Conv2d", "nn.Sequential",
        "nn.ReLU()",
        "randn", "tensor", "lambda", "a", ":", "if", "else", "and", "or", "not", "in", "is", "None", "True",
        "False",
        "0", "1", "2", "-1", "3.5", "1e-3", "'same'", "'valid'", "\"s\"", "(", ")", "[", "]", ",", ".", "=",
        "==",
        "+", "-", "*", "/", "//", "%", "**", "@", "<", ">=", "...", ";", "\n", " ", "shape", "sum",
        "backward", "grad",
        "requires_grad_", "item", "reshape", "T", "stride=", "padding=", "dim=", "keepdim=", "*", "{", "#",
        "\\",
        "max", "len", "range", "show", "gradcheck", "ê", "층", "\t",
    ]

    static let corpus = [
        "x = torch.ones(1, 1, 6, 6); w = torch.ones(1, 1, 3, 3); y = F.conv2d(x, w, padding=1); y.shape",
        "x = randn(2, 3, requires_grad=True); y = (x * x).sum(); y.backward(); x.grad",
        "model = nn.Sequential(nn.Conv2d(1, 2, 3), nn.ReLU(), nn.Flatten()); model(torch.zeros(1, 1, 5, 5)).shape",
        "f = lambda a, b=2: a ** b - a // 3 % 2; [f(1), f(2, b=3), f(-4)]",
        "x = arange(12).reshape(3, 4); x[1:, ::2].sum(dim=0, keepdim=True).T",
        "t = tensor([[1.0, -2.0], [3.0, 4.0]]); (t @ t.T).max(dim=1)[0] > 0 if len(t) == 2 else None",
        "gradcheck(lambda v: (v * v).sum(), randn(3, dtype=torch.float64))",
        "show(randn(4, 4), title='x'); 'a' * 3 + \"b\"; (1, 2)[::-1]; {1: 2}",
    ]

    static let options = EvaluationOptions(maxElements: 10_000, maxBytes: 10_000_000, timeLimit: 0.1)

    /// Runs `source`; any outcome but a crash is acceptable.
    static func survive(_ source: String) {
        let interpreter = Interpreter(options: options)
        interpreter.bind("x", .tensor(Tensor(1.5)))
        do {
            _ = try interpreter.run(source)
        } catch {
            _ = error.diagnostic(source: source, fileName: "fuzz")
            _ = error.description
        }
    }

    @Test func randomTokenSequences() {
        var generator = SeededGenerator(seed: 2024)
        for _ in 0..<1_500 {
            let count = Int.random(in: 1...25, using: &generator)
            let source = (0..<count).map { _ in Self.vocabulary.randomElement(using: &generator)! }
                .joined(separator: Bool.random(using: &generator) ? " " : "")
            Self.survive(source)
        }
    }

    @Test func mutatedPrograms() {
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<1_500 {
            var scalars = Array(Self.corpus.randomElement(using: &generator)!.unicodeScalars)
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let position = Int.random(in: 0...scalars.count, using: &generator)
                switch Int.random(in: 0..<4, using: &generator) {
                case 0 where position < scalars.count:
                    scalars.remove(at: position)
                case 1:
                    let token = Self.vocabulary.randomElement(using: &generator)!
                    scalars.insert(contentsOf: token.unicodeScalars, at: position)
                case 2 where position < scalars.count:
                    scalars[position] = scalars[Int.random(in: 0..<scalars.count, using: &generator)]
                default:
                    let cut = Int.random(in: 0...scalars.count, using: &generator)
                    scalars = Array(scalars[..<min(cut, scalars.count)])
                }
            }
            Self.survive(String(String.UnicodeScalarView(scalars)))
        }
    }

    @Test func randomBytesThroughTheUTF8Decoder() {
        var generator = SeededGenerator(seed: 99)
        for _ in 0..<500 {
            let bytes = (0..<Int.random(in: 0...40, using: &generator)).map { _ in
                UInt8.random(in: 0...255, using: &generator)
            }
            let interpreter = Interpreter(options: Self.options)
            _ = try? interpreter.run(bytes: bytes)
        }
    }

    @Test func everyCorpusProgramRunsOrFailsCleanly() throws {
        // The corpus itself must evaluate, except the deliberately invalid dict literal.
        for source in Self.corpus.dropLast() {
            let interpreter = Interpreter(options: EvaluationOptions(seed: 1))
            interpreter.bind("x", .tensor(Tensor(1.5)))
            _ = try interpreter.run(source)
        }
    }
}
