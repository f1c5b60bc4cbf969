import Testing
import Wording

@testable import Course
@testable import Grading

/// Reading a typed line as a choice answer: the ids, why it is not a valid one, or code.
@Suite struct ChoiceAnswerTests {
    static let single = TestExercises.make(.choice, reference: "b", choices: ["a", "b", "c"])
    static let multiple = TestExercises.make(
        .choice, reference: "a, c", choices: ["a", "b", "c"], multiple: true)

    @Test(arguments: [
        ("b", ["b"]), (" B ", ["b"]), ("(b)", ["b"]), ("b)", ["b"]), ("'b'", ["b"]), ("[\"b\"]", ["b"]),
        ("b.", ["b"]), ("B.", ["b"]),
    ])
    func idsArePicked(_ typed: String, _ ids: [String]) {
        #expect(ChoiceAnswer.read(typed, for: Self.single, language: .english) == .picked(ids))
    }

    @Test func severalIdsInTheChoicesOrder() {
        #expect(ChoiceAnswer.read("c a", for: Self.multiple, language: .english) == .picked(["a", "c"]))
        #expect(
            ChoiceAnswer.read("['c', 'a']", for: Self.multiple, language: .english) == .picked(["a", "c"]))
    }

    /// Ids joined the way people list them are the ids; a joining word never makes a line an
    /// answer by itself, nor turns code or a sentence into one.
    @Test(arguments: [
        ("a and c", ["a", "c"]), ("A and C", ["a", "c"]), ("a & c", ["a", "c"]), ("a&c", ["a", "c"]),
        ("both a and c", ["a", "c"]), ("a + c", ["a", "c"]), ("{'a', 'c'}", ["a", "c"]),
        ("a, c.", ["a", "c"]),
        ("(a) and (c)", ["a", "c"]), ("a와 c 모두", ["a", "c"]), ("a, c 둘 다", ["a", "c"]),
    ])
    func joinedIdsArePicked(_ typed: String, _ ids: [String]) {
        #expect(ChoiceAnswer.read(typed, for: Self.multiple, language: .english) == .picked(ids))
    }

    @Test func joiningWordsAloneOrAroundOtherWordsAreNoAnswer() {
        #expect(
            ChoiceAnswer.read("a and b", for: Self.single, language: .english)
                == .invalid("Pick one choice only (of a, b, c)."))
        #expect(ChoiceAnswer.read("and", for: Self.single, language: .english) != .picked([]))
        #expect(ChoiceAnswer.read("a or c", for: Self.multiple, language: .english) != .picked(["a", "c"]))
        #expect(ChoiceAnswer.read("x + 1", for: Self.multiple, language: .english) == .other)
        #expect(ChoiceAnswer.read("a and z", for: Self.multiple, language: .english) != .picked(["a"]))
    }

    @Test func idsThatAreNoAnswerSayWhy() {
        #expect(
            ChoiceAnswer.read("a, b", for: Self.single, language: .english)
                == .invalid("Pick one choice only (of a, b, c)."))
        #expect(
            ChoiceAnswer.read("[]", for: Self.single, language: .english)
                == .invalid("No choice given: answer with one of a, b, c."))
    }

    @Test(arguments: ["z", "b, q", "[z]", "x", "the answer is b"])
    func wordsThatAreNotIdsSayWhich(_ typed: String) {
        guard case .unknown(let why) = ChoiceAnswer.read(typed, for: Self.single, language: .english) else {
            Issue.record("\(typed) should read as unknown ids")
            return
        }
        #expect(why.hasSuffix("is not one of the choices: a, b, c."))
    }

    @Test func unknownIdsInKorean() {
        #expect(
            ChoiceAnswer.read("z", for: Self.single, language: Language("ko"))
                == .unknown("'z': 그런 보기는 없습니다. 보기: a, b, c."))
    }

    @Test(arguments: [
        "img.shape", "show(k)", "show (k)", "conv2d(img, k)", "2 * 3", "y = b", "k.flip([2, 3])", "b.shape",
    ])
    func codeIsNotAChoiceAnswer(_ typed: String) {
        #expect(ChoiceAnswer.read(typed, for: Self.single, language: .english) == .other)
    }
}
