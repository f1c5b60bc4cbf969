import AnswerLanguage
import Wording

/// Answer and expected matrices next to each other, differing cells marked with `*`: the compact
/// picture a learner needs to see where a small feature map went wrong.
public enum SideBySide {
    /// The two planes a picture shows, kept as numbers so that the picture is drawn in the
    /// reader's language (its column headings) where it is shown.
    public struct Planes: Hashable, Sendable, Codable {
        /// The answer's values, row by row.
        public var answer: [[Double]]
        /// The expected values, row by row.
        public var expected: [[Double]]
        /// Which of the answer's cells differ, row by row.
        public var marked: [[Bool]]

        /// The picture with its column headings in `language`.
        public func text(in language: Language) -> String {
            let text = GradingText()
            let yours = language.say(text.yours)
            let left = SideBySide.cells(answer, marked: marked)
            let right = SideBySide.cells(expected, marked: nil)
            let leftWidth = max(displayWidth(yours), left.map(displayWidth).max() ?? 0)
            func padded(_ line: String) -> String {
                line + String(repeating: " ", count: max(0, leftWidth - displayWidth(line)))
            }
            var lines = [padded(yours) + "   " + language.say(text.expected)]
            for (l, r) in zip(left, right) {
                lines.append(padded(l) + "   " + r)
            }
            return lines.map { $0.trimmingTrailingSpaces() }.joined(separator: "\n")
        }
    }

    /// The planes of results that have one plane of at most 8 × 8; nil otherwise.
    static func planes(_ answer: NumericArray, expected: NumericArray, rtol: Double, atol: Double) -> Planes?
    {
        let (height, width) = answer.spatial
        guard answer.planes == 1, height <= 8, width <= 8, height * width > 1 else { return nil }
        func rows(_ array: NumericArray) -> [[Double]] {
            (0..<height).map { row in (0..<width).map { array.at(0, row, $0) } }
        }
        let marked = (0..<height).map { row in
            (0..<width).map { column in
                !NumericArray.isClose(
                    answer.at(0, row, column), expected.at(0, row, column), rtol: rtol, atol: atol)
            }
        }
        return Planes(answer: rows(answer), expected: rows(expected), marked: marked)
    }

    private static func cells(_ rows: [[Double]], marked: [[Bool]]?) -> [String] {
        let texts = rows.map { $0.map(NumberFormat.short) }
        let cellWidth = texts.flatMap { $0 }.map(\.count).max() ?? 1
        return texts.indices.map { row in
            texts[row].indices.map { column in
                let text = texts[row][column]
                let mark = marked.map { $0[row][column] } ?? false
                return String(repeating: " ", count: cellWidth - text.count) + text + (mark ? "*" : " ")
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
