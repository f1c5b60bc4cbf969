/// Answer and expected matrices next to each other, differing cells marked with `*`: the compact
/// picture a learner needs to see where a small feature map went wrong.
enum SideBySide {
    /// Rendered for results whose planes are at most 8 × 8 and that have one plane; nil otherwise.
    static func render(_ answer: NumericArray, expected: NumericArray, rtol: Double, atol: Double) -> String?
    {
        let (height, width) = answer.spatial
        guard answer.planes == 1, height <= 8, width <= 8, height * width > 1 else { return nil }
        let left = cells(answer) { row, column in
            !NumericArray.isClose(
                answer.at(0, row, column), expected.at(0, row, column), rtol: rtol, atol: atol)
        }
        let right = cells(expected) { _, _ in false }
        let leftWidth = max("yours".count, left.map(\.count).max() ?? 0)
        var lines = ["yours".padding(toLength: leftWidth, withPad: " ", startingAt: 0) + "   expected"]
        for (l, r) in zip(left, right) {
            lines.append(l.padding(toLength: leftWidth, withPad: " ", startingAt: 0) + "   " + r)
        }
        return lines.map { $0.trimmingTrailingSpaces() }.joined(separator: "\n")
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
