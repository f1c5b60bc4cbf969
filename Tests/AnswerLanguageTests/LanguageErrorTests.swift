import Testing

@testable import AnswerLanguage

@Suite struct LanguageErrorTests {
    @Test func diagnosticShowsTheLineAndACaretUnderTheRange() {
        let source = "x = 1\ny = conv2(x, w)"
        let start = SourceLocation(line: 2, column: 5, offset: 10)
        let end = SourceLocation(line: 2, column: 10, offset: 15)
        let error = LanguageError.unknown(
            .name, "conv2", candidates: ["conv2d", "conv1d", "cos"], at: SourceRange(start, end))
        #expect(
            error.diagnostic(source: source, fileName: "answer") == """
                answer:2:5: error: unknown name 'conv2' — did you mean 'conv2d'?
                y = conv2(x, w)
                    ^~~~~
                """)
        #expect(error.suggestion == "conv2d")
    }

    @Test func diagnosticWithoutAFileNameOrRange() {
        let error = LanguageError(.timeLimit, "stopped: the time limit of 1.0 s was reached")
        #expect(
            error.diagnostic(source: "x", fileName: nil)
                == "error: stopped: the time limit of 1.0 s was reached")
    }

    @Test func caretAlignsUnderWideCharactersAndTabs() throws {
        let source = "층층 = \tq"
        let error = #expect(throws: LanguageError.self) {
            try Parser.parse(source + " $")
        }
        let lines = error?.diagnostic(source: source + " $", fileName: nil).split(separator: "\n") ?? []
        #expect(lines.count == 3)
        // Two Hangul syllables take two terminal columns each; the tab is copied so it lines up.
        #expect(lines.last == "       \t  ^")
    }

    @Test func longLinesAreCutToAWindowAroundTheCaret() {
        let source = String(repeating: "1+", count: 5_000) + "$"
        let error = #expect(throws: LanguageError.self) { try Parser.parse(source, options: ParserOptions()) }
        let rendered = error?.diagnostic(source: source, fileName: nil) ?? ""
        let lines = rendered.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[1].count <= LanguageError.diagnosticWindow + 2)
        #expect(lines[1].hasPrefix("…"))
        // The caret sits under the '$' in the shown window.
        let caretColumn = lines[2].count - 1
        #expect(Array(lines[1])[caretColumn] == "$")
    }

    /// Expected distances are the textbook Damerau (optimal string alignment) values.
    @Test(arguments: [
        ("conv2d", "conv2d", 0), ("conv2", "conv2d", 1), ("covn2d", "conv2d", 1), ("relu", "elu", 1),
        ("kitten", "sitting", 3), ("", "abc", 3),
    ])
    func editDistance(a: String, b: String, expected: Int) {
        #expect(Suggestions.editDistance(Array(a.unicodeScalars), Array(b.unicodeScalars)) == expected)
    }

    @Test func suggestionsOnlyForPlausibleTypos() {
        let names = ["conv2d", "max_pool2d", "relu", "reshape", "requires_grad_", "True"]
        #expect(Suggestions.nearest(to: "maxpool2d", in: names) == "max_pool2d")
        #expect(Suggestions.nearest(to: "Relu", in: names) == "relu")
        #expect(Suggestions.nearest(to: "true", in: names) == "True")
        #expect(Suggestions.nearest(to: "requires_grad", in: names) == "requires_grad_")
        #expect(Suggestions.nearest(to: "banana", in: names) == nil)
        // One letter: only its other case ("q" → "F" was noise at a newcomer's stray "q").
        #expect(Suggestions.nearest(to: "q", in: ["F", "x", "nn"]) == nil)
        #expect(Suggestions.nearest(to: "f", in: ["F", "x", "nn"]) == "F")
    }
}
