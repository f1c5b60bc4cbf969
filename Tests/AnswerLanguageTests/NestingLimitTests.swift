import CNN
import Testing
import Wording

@testable import AnswerLanguage

/// Containers nested deeper than `Value.maxNesting`, built a level at a time in a loop by every
/// way a list, tuple or dict can be put inside another: each is refused where the level too many
/// is added, with the limit's message (English and Korean, at the line that adds it), and the
/// session goes on. Without the limit a value 100,000 deep overflowed the stack when printed,
/// compared, copied or released.
@Suite struct NestingLimitTests {
    /// A loop that would nest `t` 5,000 deep by `step` (a statement, or several, using `t`).
    static func deepLoop(_ step: String) -> String {
        "t = 1\nfor i in range(5000):\n    " + step.replacingOccurrences(of: "\n", with: "\n    ") + "\n0"
    }

    static let steps: [String] = [
        "t = (t,)", "t = [t]", "t = {'a': t}", "t = [t, 0]", "t = (0, [], t)", "t = [x for x in [t]]",
        "t = {k: t for k in ['a']}", "t = list(zip([t]))", "t = list(enumerate([t]))",
        "t = list(map(lambda x: t, [0]))", "t = dict([('a', t)])",
        "t = list({'a': t}.items())", "u = []\nu.append(t)\nt = u", "u = [0]\nu[0] = t\nt = u",
        "u = [0]\nu.insert(0, t)\nt = u", "u = []\nu.extend([t])\nt = u", "u = {}\nu['a'] = t\nt = u",
        "u = {}\nu.update(a=t)\nt = u", "u = {}\nu.update({'a': t})\nt = u", "u = [[0]]\nu[0][0] = t\nt = u",
        "t = (lambda *a: a)(t)", "t = (lambda **k: k)(a=t)",
    ]

    @Test(arguments: steps)
    func everyWayOfNestingStopsAtTheLimit(step: String) throws {
        let interpreter = Interpreter()
        let source = Self.deepLoop(step)
        let error = #expect(throws: LanguageError.self) { try interpreter.run(source) }
        #expect(error?.kind == .limit, "\(step): \(error?.message ?? "")")
        #expect(error?.message.contains("nested more than \(Value.maxNesting) levels") == true, "\(step)")
        #expect(error?.range != nil, "\(step): the refusal has a place")
        let korean = error?.message(in: Language("ko")) ?? ""
        #expect(korean.contains("\(Value.maxNesting)단계보다 깊게"), "\(step): \(korean)")
        // The value built up to the limit is still bound and every walk over it works.
        #expect(try interpreter.run("len(str(t)) > 0") == .bool(true))
        #expect(try interpreter.run("t == t") == .bool(true))
        #expect(try interpreter.run("1 + 1") == .int(2))
    }

    /// `[t] * 2` doubles what the session counts at each level (a repetition is counted as its
    /// copies, where Python shares them), so the memory limit refuses it long before the nesting
    /// limit: a refusal of the limit kind all the same, and the session goes on.
    @Test func repeatedListsStopAtALimit() throws {
        let interpreter = Interpreter()
        let error = #expect(throws: LanguageError.self) { try interpreter.run(Self.deepLoop("t = [t] * 2")) }
        #expect(error?.kind == .limit, "\(error?.message ?? "")")
        #expect(error?.range != nil)
        #expect(try interpreter.run("1 + 1") == .int(2))
    }

    @Test func aValueAtTheLimitIsAcceptedAndPrinted() throws {
        let interpreter = Interpreter()
        try interpreter.run("t = 0\nfor i in range(\(Value.maxNesting)):\n    t = [t]")
        let text = try interpreter.run("str(t)")
        #expect(
            text
                == .string(
                    String(repeating: "[", count: Value.maxNesting) + "0"
                        + String(repeating: "]", count: Value.maxNesting)))
        #expect(throws: LanguageError.self) { try interpreter.run("[t]") }
    }

    @Test func wideAndSharedContainersAreNotDeep() throws {
        // A grid made of one row shared a thousand times, wrapped again and again: measured once
        // per storage, so this stays quick; and it nests three levels, far below the limit.
        let interpreter = Interpreter()
        let value = try interpreter.run(
            "g = [[0] * 1000] * 1000\nfor i in range(200):\n    h = [g]\nlen(h[0])")
        #expect(value == .int(1000))
        #expect(Value.list([.list([.int(1)]), .list([])]).nestingDepth() == 2)
        #expect(Value.int(3).nestingDepth() == 0)
        #expect(Value.dict([.init("a", .tuple([.list([])]))]).nestingDepth() == 3)
    }

    @Test func recursionThatNestsStopsAtACheckedLevel() {
        let interpreter = Interpreter()
        let error = #expect(throws: LanguageError.self) {
            try interpreter.run(
                "def f(t, n):\n    return f([t], n - 1) if n else t\nt = 0\nfor i in range(100):\n    t = f(t, 50)"
            )
        }
        #expect(error?.kind == .limit)
    }

    @Test func theDepthIsMeasuredWithoutRecursion() {
        // A chain far past the limit, made directly (as no answer can): measuring stops at the
        // limit and does not walk the rest.
        var value = Value.int(0)
        for _ in 0..<50_000 { value = .tuple([value]) }
        #expect(value.nestingDepth(upTo: 10) == 11)
        // Released a level at a time, so the test itself does not overflow the stack on the way out.
        while case .tuple(let items) = value, let inner = items.first { value = inner }
    }
}
