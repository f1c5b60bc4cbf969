import CNN
import Foundation
import Testing
import Wording

@testable import AnswerLanguage

/// Hostile answers at the evaluator with the limits a learner's session has (not the fuzz
/// tests' tiny ones): huge and negative shapes, `**` towers, deep nesting, recursion through
/// lambdas and comprehensions, long strings and literals, unicode, NaN and infinities, empty
/// tensors and mismatched shapes to every operation. Each must end with a value or a precise
/// `LanguageError` whose message renders in English and Korean, never a crash, a hang or
/// unbounded memory; the session must go on afterwards (`1 + 1` still works, the memory it held
/// is given back), and an error that is not a time limit must be the same error every time.
///
/// A fixed list runs in the suite; `HOSTILE_COUNT=n` adds n seeded random combinations
/// (`Fuzz/hostile.sh` runs a long one under a hard timeout).
@Suite struct HostileInputTests {
    /// A learner session's limits, with a shorter time limit (a time-limited case costs it) and
    /// a memory limit that leaves room for the other test processes on the machine.
    static let options = EvaluationOptions(maxBytes: 1 << 30, timeLimit: 0.5, seed: 1)

    static let fixed: [String] = [
        // Huge shapes, and copies and reductions of huge views.
        "torch.ones(10**9)", "torch.zeros(100000, 100000)", "torch.randn(2**31, 2**31)",
        "torch.ones(2**62, 4)", "torch.ones(2**32, 2**32, 2**32)", "torch.arange(10**12)",
        "torch.ones(10**4, 10**4).T.contiguous().sum()", "torch.ones(1).expand(10**9).sum()",
        "torch.ones(1, 1).expand(10**6, 10**6).sum()", "torch.ones(1, 1).expand(10**5, 10**5).contiguous()",
        "torch.ones(3).repeat(10**9)", "torch.ones(10**4, 10**4) @ torch.ones(10**4, 10**4)",
        "F.conv2d(torch.ones(1, 1, 5000, 5000), torch.ones(64, 1, 9, 9), padding=4)",
        "torch.ones(10**4, 10**4).cumsum(1)", "torch.ones(2**20).reshape(2**10, 2**10).sort()",
        "torch.cat([torch.ones(10**7)] * 100)", "torch.stack([torch.ones(10**6)] * 1000)",
        "torch.zeros(10**8)[torch.arange(10**8)]", "F.max_pool2d(torch.ones(1, 1, 10**4, 10**4), 1)",
        "torch.linspace(0, 1, 10**10)", "torch.eye(10**6)", "torch.ones(10**4, 10**4).unfold(0, 3, 1)",
        // Towers and big numbers.
        "2**2**2**2**2", "10**10**10", "9**9**9", "2.0**10000", "(10**18) * (10**18)", "-(2**63)",
        "2**-1074", "10**-400", "int('9' * 5000)", "1" + String(repeating: "0", count: 400),
        "1e999999", "float('1e400')", "torch.ones(2) ** 10**10", "torch.tensor(2.) ** torch.tensor(1e30)",
        "[1] * 10**10", "'a' * 10**10", "'a' * -5", "(1,) * 10**9", "sum(range(10**12))",
        "list(range(10**10))", "range(10**18)[10**17]",
        // Deep nesting.
        String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000),
        String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000),
        String(repeating: "-", count: 100_000) + "1", String(repeating: "not ", count: 50_000) + "True",
        Array(repeating: "1", count: 100_000).joined(separator: "+"),
        String(repeating: "abs(", count: 3000) + "1" + String(repeating: ")", count: 3000),
        "x = torch.ones(2)" + String(repeating: ".sum()", count: 20_000),
        String(repeating: "lambda: ", count: 3000) + "1",
        // Recursion through lambdas and comprehensions.
        "f = lambda n: f(n)\nf(1)", "f = lambda n: n if n == 0 else f(n - 1)\nf(10**6)",
        "f = lambda: [f() for _ in range(2)]\nf()", "g = lambda f: f(f)\ng(g)",
        "[x for x in range(10**9)]", "[[0] * 10**5 for _ in range(10**5)]",
        "[[[i for i in range(1000)] for j in range(1000)] for k in range(1000)]",
        "sum(x * x for x in range(10**10))", "{i: i for i in range(10**9)}",
        "a = []\nfor i in range(10**9):\n    a.append(i)", "while True:\n    pass",
        "x = [1]\nfor _ in range(100):\n    x = x + x",
        // Long strings, literals, unicode.
        "'" + String(repeating: "a", count: 1_000_000) + "'",
        "\"\"\"" + String(repeating: "b\n", count: 100_000) + "\"\"\"",
        "층 = torch.ones(3)\n층.sum()", "x = '🙂' * 1000\nlen(x)", "a\u{200B}b = 1", "\u{202E}x = 1",
        "'e\u{301}' == 'é'", "print('\u{0}')", "변수", "x\u{00A0}= 1", "ｘ = 1",
        String(repeating: "#", count: 100_000), "x = 1 # " + String(repeating: "é", count: 10_000),
        // NaN and infinities.
        "float('nan') == float('nan')", "int(float('inf'))", "int(float('nan'))", "round(float('inf'))",
        "torch.zeros(int(float('nan')))", "range(float('inf'))", "torch.ones(3) / 0",
        "torch.tensor([float('inf')]).int()", "torch.tensor(float('nan')).argmax()", "10 // 0", "1 % 0",
        "1.0 / 0", "torch.tensor(1) // 0", "torch.arange(0, float('inf'))",
        "torch.ones(2, 2) ** float('nan')",
        "torch.full((2, 2), float('inf')).softmax(0)", "math.factorial(10**6)", "math.sqrt(-1)",
        // Negative and zero sizes, empty tensors.
        "torch.ones(-1)", "torch.zeros(0, 3).sum(0)", "torch.ones(0).max()", "torch.ones(0).argmax()",
        "torch.ones(0).mean()", "torch.ones(3)[5]", "torch.ones(3)[-4]", "torch.ones(6).reshape(-1, -1)",
        "torch.ones(6).view(0)", "torch.tensor([])", "torch.cat([])", "torch.stack([])",
        "F.conv2d(torch.ones(1, 1, 0, 0), torch.ones(1, 1, 3, 3))", "F.max_pool2d(torch.ones(1, 1, 2, 2), 0)",
        "nn.Conv2d(0, 0, 0)", "nn.Conv2d(3, 16, -1)",
        "F.conv2d(torch.ones(1, 1, 4, 4), torch.ones(1, 1, 2, 2), stride=0)",
        "torch.arange(0, 10, 0)", "torch.linspace(0, 1, -5)",
        "torch.ones(2, 0, 3).transpose(0, 2).contiguous()",
        "F.avg_pool2d(torch.ones(1, 1, 1, 1), 3)", "F.pad(torch.ones(1, 1, 2, 2), (-5, -5, -5, -5))",
        "nn.Linear(-1, 3)", "torch.ones(3).unfold(0, 0, 1)", "torch.ones(3).unfold(0, 2, 0)",
        "F.pad(torch.ones(1, 1, 2, 2), (10**9, 10**9))", "torch.ones(2, 3).flatten(5)",
        // Mismatched shapes to every kind of operation.
        "torch.ones(2, 3) @ torch.ones(2, 3)", "torch.ones(2) + torch.ones(3)",
        "F.conv2d(torch.ones(1, 3, 5, 5), torch.ones(1, 2, 3, 3))",
        "torch.cat([torch.ones(2, 3), torch.ones(3, 2)])",
        "torch.where(torch.ones(2) > 0, torch.ones(3), torch.ones(4))", "torch.ones(2, 3).T @ torch.ones(2)",
        "nn.Linear(3, 4)(torch.ones(2, 5))", "F.cross_entropy(torch.ones(2, 3), torch.tensor([5, 0]))",
        "F.mse_loss(torch.ones(2), torch.ones(3))", "torch.ones(4).reshape(3)",
        "torch.ones(2, 2)[torch.ones(3) > 0]",
        "nn.BatchNorm2d(3)(torch.ones(1, 4, 2, 2))", "F.max_pool2d(torch.ones(3), 2)",
        "torch.ones(2, 2).expand(3, 3)", "torch.ones(2).dot(torch.ones(3))",
        "torch.einsum('ij,jk->ik', torch.ones(2, 3), torch.ones(2, 3))",
    ]

    /// Fragments the random cases are built from.
    static let sizes = [
        "0", "-1", "1", "3", "10**9", "2**31", "10**4", "float('nan')", "float('inf')", "-10**9",
    ]
    static let makers = ["torch.ones", "torch.zeros", "torch.randn", "torch.empty", "torch.rand"]
    static let unaries = [
        ".sum()", ".T.contiguous()", ".exp()", ".max()", ".argmax()", ".cumsum(0)", ".flip(0)", ".abs()",
        ".softmax(0)", ".mean(0)", ".reshape(-1)", ".sort()", ".unsqueeze(0)", ".clamp(0, 1)", ".relu()",
        ".pow(10**9)", ".norm()", ".var()", ".std()", ".t()", "[::-1]", "[0]", "[..., None]", "[-1:]",
    ]
    static let binaries = [" + ", " * ", " @ ", " / ", " // ", " ** ", " > ", " - "]

    /// One random hostile case: a made tensor of odd sizes, with odd operations and nesting.
    static func randomCase(_ generator: inout SeededGenerator) -> String {
        func pick(_ list: [String]) -> String { list.randomElement(using: &generator)! }
        func tensor() -> String {
            let rank = Int.random(in: 0...3, using: &generator)
            let dims = (0..<rank).map { _ in pick(sizes) }.joined(separator: ", ")
            var text = "\(pick(makers))(\(dims))"
            for _ in 0..<Int.random(in: 0...3, using: &generator) { text += pick(unaries) }
            return text
        }
        var text = tensor()
        for _ in 0..<Int.random(in: 0...2, using: &generator) {
            text = "(\(text)\(pick(binaries))\(tensor()))"
        }
        switch Int.random(in: 0..<6, using: &generator) {
        case 0: text = "F.conv2d(\(text), \(tensor()), padding=\(pick(sizes)))"
        case 1: text = "torch.cat([\(text), \(tensor())], \(pick(sizes)))"
        case 2: text = "[\(text) for _ in range(\(pick(sizes)))]"
        case 3: text = "(lambda t: t\(pick(unaries)))(\(text))"
        case 4: text = String(repeating: "(", count: 200) + text + String(repeating: ")", count: 200)
        default: break
        }
        return text
    }

    /// How one case ended: a value's kind or the error's full English message.
    static func outcome(_ source: String, in interpreter: Interpreter) -> (text: String, timeLimited: Bool) {
        do {
            let value = try interpreter.run(source)
            return ("value \(value.typeName)", false)
        } catch {
            let english = error.diagnostic(source: source, fileName: "hostile")
            let korean = error.diagnostic(source: source, fileName: "hostile", language: Language("ko"))
            #expect(!english.isEmpty && !korean.isEmpty, "\(source.prefix(80))")
            #expect(!english.contains("{") || source.contains("{"), "a raw template: \(english.prefix(200))")
            let timed = error.kind == .timeLimit || error.kind == .cancelled
            return (english, timed)
        }
    }

    /// Runs `cases` in one session, checking after each that the session goes on and that the
    /// memory the case held is given back.
    static func expectSurvives(_ cases: [String]) throws {
        let interpreter = Interpreter(options: options)
        let baseline = interpreter.memory.bytesInUse
        for source in cases {
            let first = outcome(source, in: interpreter)
            // The session goes on: a plain sum still works after whatever came before, and with
            // the case's names gone its memory is free again.
            for name in interpreter.boundNames { interpreter.unbind(name) }
            #expect(try interpreter.run("1 + 1") == .int(2), "after \(source.prefix(80))")
            #expect(interpreter.memory.bytesInUse == baseline, "memory held after \(source.prefix(80))")
            // The same answer, the same message (a time limit may fall on either side of the line).
            if !first.timeLimited {
                let again = outcome(source, in: Interpreter(options: options))
                if !again.timeLimited { #expect(again.text == first.text, "\(source.prefix(80))") }
            }
        }
    }

    @Test func fixedHostileAnswersEndCleanly() throws {
        try Self.expectSurvives(Self.fixed)
    }

    @Test func seededRandomHostileAnswersEndCleanly() throws {
        let count = ProcessInfo.processInfo.environment["HOSTILE_COUNT"].flatMap(Int.init) ?? 40
        let seed = ProcessInfo.processInfo.environment["HOSTILE_SEED"].flatMap(UInt64.init) ?? 1207
        var generator = SeededGenerator(seed: seed)
        try Self.expectSurvives((0..<count).map { _ in Self.randomCase(&generator) })
    }
}
