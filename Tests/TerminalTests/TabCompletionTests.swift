import Testing

@testable import Terminal

@Suite struct TabCompletionTests {
    @Test(arguments: [
        ("conv2d(x, w", 11, "w"), (":hi", 3, ":hi"), ("y = nn.Con", 10, "nn.Con"), ("f(a)", 3, "a"),
        ("f(a)", 2, ""),
        ("x.sha", 5, "x.sha"), ("", 0, ""), ("합성 곱", 4, "곱"), (":open 03-pad", 12, "03-pad"),
    ])
    func wordAtCursor(line: String, cursor: Int, word: String) {
        #expect(TabCompletion.word(in: line, cursor: cursor) == Substring(word))
    }

    @Test func singleCandidateIsCompleted() {
        let outcome = TabCompletion.resolve(word: ":hi", candidates: [":hint", ":help", ":next"])
        #expect(outcome == .init(insertion: "nt", choices: []))
    }

    @Test func commonPrefixIsInsertedFirst() {
        let outcome = TabCompletion.resolve(word: "co", candidates: ["conv2d", "conv1d", "cat"])
        #expect(outcome == .init(insertion: "nv", choices: []))
    }

    @Test func ambiguousWordListsTheChoices() {
        let outcome = TabCompletion.resolve(word: "conv", candidates: ["conv2d", "conv1d", "conv2d"])
        #expect(outcome == .init(insertion: "", choices: ["conv1d", "conv2d"]))
    }

    @Test func noMatchDoesNothing() {
        #expect(
            TabCompletion.resolve(word: "zz", candidates: ["conv2d"]) == .init(insertion: "", choices: []))
    }

    @Test func choicesAreLaidOutInColumns() {
        let lines = TabCompletion.columns([":back", ":help", ":hint", ":next", ":quit"], width: 20)
        #expect(lines == [":back  :hint  :quit", ":help  :next"])
    }
}
