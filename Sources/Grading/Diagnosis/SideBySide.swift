import AnswerLanguage
import Wording

/// Answer and expected matrices next to each other, differing cells marked with `*`: the compact
/// picture a learner needs to see where a small feature map went wrong.
enum SideBySide {
    /// Rendered for results whose planes are at most 8 × 8 and that have one plane; nil otherwise.
    /// The column headings are in `text`'s language.
    static func render(
        _ answer: NumericArray, expected: NumericArray, rtol: Double, atol: Double, text: GradingText
    ) -> String? {
        let (height, width) = answer.spatial
        guard answer.planes == 1, height <= 8, width <= 8, height * width > 1 else { return nil }
        let left = cells(answer) { row, column in
            !NumericArray.isClose(
                answer.at(0, row, column), expected.at(0, row, column), rtol: rtol, atol: atol)
        }
        let right = cells(expected) { _, _ in false }
        let leftWidth = max(columns(text.yours), left.map(\.count).max() ?? 0)
        func padded(_ line: String) -> String {
            line + String(repeating: " ", count: max(0, leftWidth - columns(line)))
        }
        var lines = [padded(text.yours) + "   " + text.expected]
        for (l, r) in zip(left, right) {
            lines.append(padded(l) + "   " + r)
        }
        return lines.map { $0.trimmingTrailingSpaces() }.joined(separator: "\n")
    }

    /// Terminal columns a heading takes: Hangul and other East Asian wide characters take two, so
    /// a Korean heading lines up with the numbers below it.
    private static func columns(_ line: String) -> Int {
        displayWidth(line)
    }

    private static func cells(_ array: NumericArray, marked: (Int, Int) -> Bool) -> [String] {
        let (height, width) = array.spatial
        let texts = (0..<height).map { row in (0..<width).map { NumberFormat.short(array.at(0, row, $0)) } }
        let cellWidth = texts.flatMap { $0 }.map(\.count).max() ?? 1
        return (0..<height).map { row in
            (0..<width).map { column in
                let text = texts[row][column]
                return String(repeating: " ", count: cellWidth - text.count) + text
                    + (marked(row, column) ? "*" : " ")
            }.joined(separator: " ")
        }
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
