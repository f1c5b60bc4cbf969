import Testing

@testable import Terminal

@Suite struct WordWrapperTests {
    @Test func breaksAtSpacesAndCollapsesThem() {
        let lines = WordWrapper(width: 10).wrap("the quick   brown fox jumps")
        #expect(lines == ["the quick", "brown fox", "jumps"])
    }

    @Test func cutsAWordLongerThanTheLine() {
        #expect(WordWrapper(width: 4).wrap("abcdefghij xy") == ["abcd", "efgh", "ij", "xy"])
    }

    /// A Korean word longer than the line breaks between syllables; a wide syllable never
    /// straddles the edge (width 5 holds two syllables, not two and a half).
    @Test func longKoreanWordBreaksBetweenSyllables() {
        #expect(WordWrapper(width: 5).wrap("합성곱신경망") == ["합성", "곱신", "경망"])
    }

    /// Chinese and Japanese break between characters, but not before closing punctuation.
    @Test func ideographsBreakAnywhereExceptBeforeClosingPunctuation() {
        #expect(WordWrapper(width: 6).wrap("畳み込み層です。") == ["畳み込", "み層で", "す。"])
    }

    @Test func hardBreaksAreKept() {
        let runs = [StyledRun("one\ntwo three")]
        #expect(WordWrapper(width: 20).wrap(runs) == ["one", "two three"])
    }

    @Test func keepTogetherRunsDoNotBreakAtTheirSpaces() {
        let runs = [StyledRun("call "), StyledRun("f(a, b)", keepTogether: true), StyledRun(" now")]
        #expect(WordWrapper(width: 9).wrap(runs) == ["call", "f(a, b)", "now"])
    }

    @Test func stylesCloseAtEveryLineEnd() {
        let lines = WordWrapper(width: 3, colorLevel: .ansi16).wrap("ab cd", style: TextStyle(bold: true))
        #expect(lines == ["\u{1B}[1mab\u{1B}[0m", "\u{1B}[1mcd\u{1B}[0m"])
    }

    @Test func emptyTextIsOneEmptyLine() {
        #expect(WordWrapper(width: 10).wrap("") == [""])
    }
}

extension WordWrapperTests {
    /// "n − f + 1" at width 5: a break may follow an operator but never precede it.
    @Test func linesNeverStartWithABinaryOperator() {
        let lines = WordWrapper(width: 5).wrap("n − f + 1 = 7")
        #expect(lines == ["n −", "f +", "1 = 7"])
        #expect(lines.allSatisfy { !"−+=".contains($0.first!) })
    }

    @Test func aLoneLeadingOperatorIsKept() {
        #expect(WordWrapper(width: 10).wrap("- x") == ["- x"])
    }
}

extension WordWrapperTests {
    /// The feedback of 01/to-nchw at 80 columns broke the layout "[N, C, H, W]" after "[N,".
    @Test func shortBracketedGroupsMoveWhole() {
        let text =
            "One dimension is missing: (1, 8, 8) has a batch but no channel. conv2d needs [N, C, H, W]."
        let lines = WordWrapper(width: 80).wrap(text)
        #expect(
            lines == [
                "One dimension is missing: (1, 8, 8) has a batch but no channel. conv2d needs",
                "[N, C, H, W].",
            ])
        // 04/projection-shortcut's refusal broke "[16, 32,⏎1, 1]".
        let refusal = WordWrapper(width: 80).wrap(
            "Your network cannot run on an input of shape [1, 16, 8, 8]: conv2d expects weight "
                + "[out_channels, in_channels/groups, kH, kW] = [?, 16, ?, ?], got [16, 32, 1, 1]: "
                + "the input [1, 16, 8, 8] has 16 channels")
        #expect(
            refusal == [
                "Your network cannot run on an input of shape [1, 16, 8, 8]: conv2d expects",
                "weight [out_channels, in_channels/groups, kH, kW] = [?, 16, ?, ?], got",
                "[16, 32, 1, 1]: the input [1, 16, 8, 8] has 16 channels",
            ])
    }

    /// A group wider than a third of the line (here 40 columns wide at 60) still breaks at its spaces,
    /// and brackets that never close change nothing.
    @Test func longOrOpenGroupsBreakAtSpaces() {
        let long = WordWrapper(width: 60).wrap(
            "conv2d expects weight [out_channels, in_channels/groups, kH, kW] here")
        #expect(long == ["conv2d expects weight [out_channels, in_channels/groups, kH,", "kW] here"])
        #expect(WordWrapper(width: 8).wrap("a (b c d e f") == ["a (b c d", "e f"])
        #expect(WordWrapper(width: 8).wrap("smile :) ok then") == ["smile :)", "ok then"])
    }
}
