import CNN
import Testing

@testable import AnswerLanguage

/// Large dicts and lists built, wrapped and shared the way hostile (or just big) answers do:
/// each must finish in linear time, so under a generous time limit it gives its value; a
/// quadratic path would reach the limit and throw instead. The limits are far from the work
/// needed, so these assert values and error kinds, never durations.
@Suite struct LargeContainerTests {
    /// A time limit a linear path meets many times over in a debug build on a loaded machine.
    static let options = EvaluationOptions(maxBytes: 1 << 30, timeLimit: 60, seed: 1)

    @Test func aLargeDictDisplayOrComprehensionIsBuiltInLinearTime() throws {
        let interpreter = Interpreter(options: Self.options)
        #expect(try interpreter.run("d = {str(i): i for i in range(100000)}\nlen(d)") == .int(100_000))
        #expect(try interpreter.run("d['99999']") == .int(99_999))
        #expect(try interpreter.run("len(dict((str(i), i) for i in range(100000)))") == .int(100_000))
        #expect(try interpreter.run("e = {}\ne.update(d)\ne.update(d)\nlen(e)") == .int(100_000))
    }

    @Test func aKeyGivenTwiceKeepsItsPlaceAndTakesTheLaterValue() throws {
        // Python's rule for every way of building a dict, `dict(pairs)` included.
        let interpreter = Interpreter(options: Self.options)
        let expected = Value.dict([.init("a", .int(3)), .init("b", .int(2))])
        #expect(try interpreter.run("dict([('a', 1), ('b', 2), ('a', 3)])") == expected)
        #expect(try interpreter.run("{'a': 1, 'b': 2, 'a': 3}") == expected)
        #expect(try interpreter.run("{k: v for k, v in [('a', 1), ('b', 2), ('a', 3)]}") == expected)
        #expect(try interpreter.run("dict({'a': 1, 'b': 2}, {'a': 3})") == expected)
        #expect(try interpreter.run("d = {'a': 1, 'b': 2}\nd.update({'a': 3})\nd") == expected)
    }

    @Test func aBigDistinctListWrappedAgainIsNotMeasuredAgain() throws {
        // A million items in a thousand distinct rows, wrapped a thousand times: measured once.
        let interpreter = Interpreter(options: Self.options)
        let value = try interpreter.run(
            "x = [[0] * 1000 for _ in range(1000)]\nfor _ in range(1000):\n    y = [x]\nlen(y[0])")
        #expect(value == .int(1000))
        #expect(try interpreter.run("z = [x, x, x, x, x, x, x, x]\nlen(z)") == .int(8))
    }

    @Test func aRememberedHeightFollowsTheListNotItsAddress() throws {
        // Heights are remembered by storage; a list given back and another made in its place
        // must be measured afresh, so a deep chain is still refused at the limit.
        let interpreter = Interpreter(options: Self.options)
        _ = try interpreter.run("x = [[0] * 20 for _ in range(20)]\ny = [x]\ndel x, y")
        let error = #expect(throws: LanguageError.self) {
            try interpreter.run("t = [0] * 20\nfor i in range(2000):\n    t = [t] * 20")
        }
        #expect(error?.kind == .limit)
        #expect(try interpreter.run("1 + 1") == .int(2))
    }

    @Test func aSharedListCountsOnceAgainstTheMemoryLimit() throws {
        // Python holds one list and a hundred references to it; so does a session here.
        let interpreter = Interpreter(options: EvaluationOptions(maxBytes: 200_000_000, timeLimit: 60))
        #expect(try interpreter.run("x = [[0] * 10**6] * 100\nlen(x)") == .int(100))
        #expect(try interpreter.run("r = list(range(10**6))\ny = [r] * 20 + [r, r]\nlen(y)") == .int(22))
        // Distinct lists still add up.
        let error = #expect(throws: LanguageError.self) {
            try interpreter.run("z = [list(range(10**6)) for _ in range(30)]")
        }
        #expect(error?.kind == .limit)
    }
}
