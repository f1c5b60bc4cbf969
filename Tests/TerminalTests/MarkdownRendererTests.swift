import Testing
import Wording

@testable import Terminal

/// Rendering snapshots. The expected texts were produced by the renderer and checked by hand
/// against the layout rules (hanging indents, table widths, wrapping), and their widths
/// independently with Python's `unicodedata.east_asian_width`.
@Suite struct MarkdownRendererTests {
    @Test func everyConstructAt40Columns() {
        let lines = MarkdownRenderer(width: 40).render(SampleMarkdown.everything)
        #expect(lines.joined(separator: "\n") == Self.expected40)
    }

    @Test func everyConstructAt80Columns() {
        let lines = MarkdownRenderer(width: 80).render(SampleMarkdown.everything)
        #expect(lines.joined(separator: "\n") == Self.expected80)
    }

    /// Every line fits, except a code line too wide for the screen: code is never broken (a copy
    /// must run), so its block is printed unframed with each line whole.
    @Test(arguments: [20, 30, 40, 57, 80, 120], ColorLevel.allCases)
    func noLineIsWiderThanTheWidth(width: Int, level: ColorLevel) {
        let lines = MarkdownRenderer(width: width, colorLevel: level).render(SampleMarkdown.everything)
        for line in lines where displayWidth(line) > width {
            // Without its escape codes, the line is one of the sample's code lines, whole.
            let text = line.replacing(#/\u{1B}\[[0-9;]*[A-Za-z]/#, with: "")
            #expect(SampleMarkdown.everything.contains("\n" + text + "\n"), "\(line)")
        }
    }

    @Test func aCodeLineTooWideIsPrintedWholeAndUnframed() {
        let code = "x = conv2d(img, k, stride=2, padding=1)"
        let lines = MarkdownRenderer(width: 30).render("```cnn\n" + code + "\ny = 1\n```")
        #expect(lines == ["── cnn ─────────────", code, "y = 1", "────────────────────"])
        let framed = MarkdownRenderer(width: 60).render("```cnn\n" + code + "\n```")
        #expect(framed.count == 3 && framed[1].hasSuffix(code))
    }

    @Test func plainOutputHasNoEscapeCodes() {
        let text = MarkdownRenderer(width: 60, colorLevel: .none).render(SampleMarkdown.everything).joined()
        #expect(!text.contains("\u{1B}"))
    }

    @Test func colourOutputStylesEmphasisAndStrong() {
        let lines = MarkdownRenderer(width: 80, colorLevel: .ansi256).render("*a* **b** `c` ~~d~~")
        #expect(
            lines == [
                "\u{1B}[3ma\u{1B}[0m \u{1B}[1mb\u{1B}[0m \u{1B}[38;5;179mc\u{1B}[0m \u{1B}[9md\u{1B}[0m"
            ])
    }

    @Test func koreanParagraphBreaksBetweenWords() {
        let text = "합성곱 신경망은 작은 필터를 이미지 위로 움직이며 각 위치에서 곱한 값을 모두 더합니다."
        let lines = MarkdownRenderer(width: 20).render(text)
        // Each line is whole words: joining with spaces gives back the paragraph.
        #expect(lines.joined(separator: " ") == text)
        #expect(lines.allSatisfy { displayWidth($0) <= 20 })
        #expect(lines == ["합성곱 신경망은 작은", "필터를 이미지 위로", "움직이며 각 위치에서", "곱한 값을 모두", "더합니다."])
    }

    @Test func looseListsAndOrderedNumbersAlign() {
        let markdown = "8. eight\n9. nine\n10. ten\n\n- a\n\n- b\n"
        let lines = MarkdownRenderer(width: 40).render(markdown)
        #expect(lines == [" 8. eight", " 9. nine", "10. ten", "", "• a", "", "• b"])
    }

    static let expected40 = #"""
        Filters and padding
        ━━━━━━━━━━━━━━━━━━━

        A filter (or kernel) slides over the
        image; ~~convolution~~ PyTorch computes
        cross-correlation. Call
        `conv2d(x, w, padding=1)` and see the
        docs (https://pytorch.org/docs). Math
        stays text: $y_{ij} = \sum_{m,n}
        x_{i+m,j+n} w_{mn}$.

        Output size
        ───────────

        1. Start with the input size $n$.
        2. Add twice the padding:
           ◦ `padding=1` adds one row and column
             on each side
           ◦ nested items wrap with a hanging
             indent under their own marker
        3. Subtract the kernel size and add one.

        │ A 3×3 filter with padding 1 keeps the
        │ size. Quotes can hold strong text.

        ┌────────┬─────────┬───────────────────┐
        │ kernel │ padding │            output │
        ├────────┼─────────┼───────────────────┤
        │ 3      │    0    │                 6 │
        ├────────┼─────────┼───────────────────┤
        │ 3      │    1    │                 8 │
        ├────────┼─────────┼───────────────────┤
        │ 5      │    2    │   8 (same size as │
        │        │         │  the input, which │
        │        │         │  is what `'same'` │
        │        │         │            means) │
        └────────┴─────────┴───────────────────┘

        ── cnn ─────────────
        x = randn(1, 1, 8, 8)
        conv2d(x, ones(1, 1, 3, 3), padding=1).shape
        ────────────────────

        ────────────────────────────────────────

        합성곱

        합성곱 신경망은 작은 필터를 이미지 위로
        움직이며 각 위치에서 곱한 값을 모두
        더합니다. 패딩을 쓰면 출력의 크기를
        입력과 같게 유지할 수 있습니다.

        [image: a 3×3 kernel] and
        https://example.com/autolink.
        """#

    static let expected80 = #"""
        Filters and padding
        ━━━━━━━━━━━━━━━━━━━

        A filter (or kernel) slides over the image; ~~convolution~~ PyTorch computes
        cross-correlation. Call `conv2d(x, w, padding=1)` and see the docs
        (https://pytorch.org/docs). Math stays text: $y_{ij} = \sum_{m,n} x_{i+m,j+n}
        w_{mn}$.

        Output size
        ───────────

        1. Start with the input size $n$.
        2. Add twice the padding:
           ◦ `padding=1` adds one row and column on each side
           ◦ nested items wrap with a hanging indent under their own marker
        3. Subtract the kernel size and add one.

        │ A 3×3 filter with padding 1 keeps the size. Quotes can hold strong text.

        ┌────────┬─────────┬──────────────────────────────────────────────────────────┐
        │ kernel │ padding │                                                   output │
        ├────────┼─────────┼──────────────────────────────────────────────────────────┤
        │ 3      │    0    │                                                        6 │
        │ 3      │    1    │                                                        8 │
        │ 5      │    2    │ 8 (same size as the input, which is what `'same'` means) │
        └────────┴─────────┴──────────────────────────────────────────────────────────┘

          ┌─ cnn ───────────────────────────────────────
          │ x = randn(1, 1, 8, 8)
          │ conv2d(x, ones(1, 1, 3, 3), padding=1).shape
          └─────────────────────────────────────────────

        ────────────────────────────────────────────────────────────────────────────────

        합성곱

        합성곱 신경망은 작은 필터를 이미지 위로 움직이며 각 위치에서 곱한 값을 모두
        더합니다. 패딩을 쓰면 출력의 크기를 입력과 같게 유지할 수 있습니다.

        [image: a 3×3 kernel] and https://example.com/autolink.
        """#
}

extension MarkdownRendererTests {
    /// Korean cells are measured in columns: "합성곱" is 6 columns wide, so its column is 6 wide
    /// and the header above it is padded to 6. At 24 columns, 24 - 7 (borders) - 6 leaves 11 for
    /// the second column, so its cell wraps between words.
    @Test func koreanTableCellsAlignByDisplayWidth() {
        let markdown = "| 이름 | 설명 |\n|---|---|\n| 합성곱 | 필터를 움직이며 곱하고 더한다 |\n"
        #expect(
            MarkdownRenderer(width: 80).render(markdown) == [
                "┌────────┬───────────────────────────────┐",
                "│ 이름   │ 설명                          │",
                "├────────┼───────────────────────────────┤",
                "│ 합성곱 │ 필터를 움직이며 곱하고 더한다 │",
                "└────────┴───────────────────────────────┘",
            ])
        let narrow = MarkdownRenderer(width: 24).render(markdown)
        #expect(narrow.allSatisfy { displayWidth($0) <= 24 })
        #expect(narrow.contains("│ 합성곱 │ 필터를      │"))
        #expect(narrow.contains("│        │ 움직이며    │"))
    }

    @Test func tooManyColumnsAreCutWithAnEllipsis() {
        let header = "|" + String(repeating: " c |", count: 12)
        let rule = "|" + String(repeating: "---|", count: 12)
        let lines = MarkdownRenderer(width: 20).render(header + "\n" + rule + "\n")
        #expect(lines.allSatisfy { displayWidth($0) <= 20 })
        #expect(lines[0].hasSuffix("…"))
    }
}
