import Testing

@testable import Grading

/// Stories read from an answer as typed: a plus typed for a times keeps precedence as typed, and
/// a change whose replaced part the answer still has is not told by value.
@Suite struct TypedAsWrittenTests {
    @Test func aPlusTypedForATimes() {
        // 2 * 3 * 4 with its first `*` typed `+`: 2 + 3 * 4, not (2 + 3) * 4.
        let count = FormulaCatalogue(sources: ["2 * 3 * 4"], integers: [:])
        guard case .explained(let mutants)? = count?.explain("2 + 3 * 4") else {
            Issue.record("2 + 3 * 4 is not explained")
            return
        }
        #expect(mutants.map(\.misconception) == [.sumForProduct])
    }

    @Test func aPartKeptAsWrittenIsNotChangedByValue() {
        // 3 + (2 - 1) * 2 + (3 - 1) * 2 is 9, as "the `- 1` of 2 - 1 left out" is; but it keeps
        // its 2 - 1.
        let mutant = Mutant(
            misconception: .minusOneDropped, source: "3 + (2) * 1 + (3 - 1) * 2", piece: "- 1",
            original: "2 - 1")
        #expect(mutant.keepsReplacedPart(of: "3 + (2 - 1) * 2 + (3 - 1) * 2"))
        #expect(!mutant.keepsReplacedPart(of: "3 + 2 * 1 + (3 - 1) * 2"))
    }
}
