extension String {
    /// Whether the first bracket of the text closes at its last character: `(a + b)` is one
    /// bracketed whole, `(a) + (b)` is not. Used to take redundant outer brackets off a part.
    var bracketsEncloseWhole: Bool {
        var depth = 0
        for (index, character) in enumerated() {
            if character == "(" { depth += 1 }
            if character == ")" { depth -= 1 }
            if depth == 0 { return index == count - 1 }
        }
        return false
    }
}
