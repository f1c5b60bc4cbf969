/// The form of an answer's text under which two answers are graded once: what a learner typed,
/// without what cannot change its value.
///
/// Removed, outside string literals: comments (`# …`), spaces and tabs at the end of a line or
/// next to a bracket or comma (`f( x , y )` → `f(x,y)`), and blank lines at the end. Kept: the
/// indentation at the start of a line (a block's), every other space (`not x`, `1 if a else b`,
/// `a < = b` stays an error), line breaks (they separate statements), and string literals as
/// written (quotes, triple quotes, prefixes and backslash escapes are followed; an unterminated
/// string keeps the rest of the text as it is).
///
/// Brackets and commas never combine with their neighbours into another token, so the removed
/// spaces cannot change what the answer means; only an error's caret diagnostic, which quotes
/// the line, sees them. `BatchGrader` therefore grades an answer that came back `error` again
/// under its exact text whenever that text differs from the one graded.
enum AnswerText {
    /// `text` normalised as described on the type.
    static func normalised(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var index = 0
        var atLineStart = true
        /// Spaces seen but not yet written: dropped before a line end, a comment, a bracket or a comma.
        var pendingSpaces = String.UnicodeScalarView()

        func flushSpaces(before next: Unicode.Scalar?) {
            defer { pendingSpaces = String.UnicodeScalarView() }
            guard let last = out.last, let next else { return }
            if isTight(last) || isTight(next) { return }
            out.append(contentsOf: pendingSpaces)
        }

        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case " ", "\t":
                if atLineStart { out.append(scalar) } else { pendingSpaces.append(scalar) }
                index += 1
            case "\n":
                pendingSpaces = String.UnicodeScalarView()
                // Indentation of a line that turned out blank is trailing space too.
                while let last = out.last, last == " " || last == "\t" { out.removeLast() }
                out.append(scalar)
                atLineStart = true
                index += 1
            case "#":
                pendingSpaces = String.UnicodeScalarView()
                while index < scalars.count, scalars[index] != "\n" { index += 1 }
            case "'", "\"":
                flushSpaces(before: scalar)
                atLineStart = false
                guard let end = stringEnd(scalars, from: index) else {
                    out.append(contentsOf: scalars[index...])
                    return finish(out)
                }
                out.append(contentsOf: scalars[index..<end])
                index = end
            default:
                flushSpaces(before: scalar)
                atLineStart = false
                out.append(scalar)
                index += 1
            }
        }
        return finish(out)
    }

    /// Characters that are tokens on their own whatever surrounds them.
    private static func isTight(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "(", ")", "[", "]", "{", "}", ",": true
        default: false
        }
    }

    /// The text without trailing spaces and blank lines.
    private static func finish(_ scalars: String.UnicodeScalarView) -> String {
        var result = scalars
        while let last = result.last, last == " " || last == "\t" || last == "\n" || last == "\r" {
            result.removeLast()
        }
        return String(result)
    }

    /// The index just past the string literal whose opening quote is at `start`, or nil when it is
    /// not closed. A prefix (`f`, `r`, `b`) is an ordinary letter before it and needs nothing here;
    /// a backslash escapes the next character in every kind (a raw string cannot end in an odd
    /// number of backslashes either).
    private static func stringEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        let quote = scalars[start]
        let triple =
            start + 2 < scalars.count && scalars[start + 1] == quote && scalars[start + 2] == quote
        var index = start + (triple ? 3 : 1)
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\\" {
                index += 2
                continue
            }
            if !triple, scalar == "\n" { return nil }
            if scalar == quote {
                if !triple { return index + 1 }
                if index + 2 < scalars.count, scalars[index + 1] == quote, scalars[index + 2] == quote {
                    return index + 3
                }
            }
            index += 1
        }
        return nil
    }
}
