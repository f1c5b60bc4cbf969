extension PerturbedSetup {
    /// The character ranges of the setup's list displays whose numbers are all 0 and 1, written as
    /// reals (`tensor([[0., 1.], [1., 1.]])`): masks and one-hot rows.
    ///
    /// Their values mean "in" or "out", and right answers use that: the union of two masks is
    /// `(pm + gm).clamp(max=1)`, a mask's area its sum. Moved to arbitrary reals they would no
    /// longer be masks, and a right answer would "agree on this data only". So `perturbed` moves
    /// them to another mask instead (`maskEntry`).
    static func maskSpans(_ characters: [Character]) -> [Range<Int>] {
        var spans: [Range<Int>] = []
        var depth = 0
        var start = 0
        for (index, character) in characters.enumerated() {
            if character == "[" {
                if depth == 0 { start = index }
                depth += 1
            } else if character == "]", depth > 0 {
                depth -= 1
                if depth == 0, isMask(characters[start...index]) { spans.append(start..<(index + 1)) }
            }
        }
        return spans
    }

    /// Whether a list display holds at least four numbers, all 0 or 1 with none negated, one at
    /// least written as a real.
    private static func isMask(_ display: ArraySlice<Character>) -> Bool {
        let characters = Array(display)
        var count = 0
        var sawReal = false
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let previous = index > 0 ? characters[index - 1] : " "
            let startsNumber =
                character.isASCII && character.isNumber
                && !(previous.isLetter || previous.isNumber || previous == "_" || previous == ".")
            guard startsNumber else {
                if character.isLetter || character == "'" || character == "\"" { return false }
                index += 1
                continue
            }
            var end = index
            while end < characters.count,
                characters[end].isASCII && characters[end].isNumber || characters[end] == "."
            {
                end += 1
            }
            let literal = String(characters[index..<end])
            guard let value = Double(literal), value == 0 || value == 1 else { return false }
            let before = characters[..<index].last { $0 != " " }
            if before == "-" { return false }
            if literal.contains(".") { sawReal = true }
            count += 1
            index = end
        }
        return count >= 4 && sawReal
    }

    /// The mask entry that replaces `value`, the `position`-th real of its mask: every third one
    /// turned (0 ↔ 1), so the moved mask is still a mask and seldom empty or full.
    static func maskEntry(_ value: Double, position: Int) -> Double {
        position % 3 == 1 ? 1 - value : value
    }
}
