extension LanguageError {
    /// The longest stretch of a source line shown under a diagnostic; longer lines are cut to a
    /// window around the caret so a 1 MB line does not flood the terminal.
    static let diagnosticWindow = 100

    /// A compiler-style report: position and message, the source line, and a caret under the
    /// column (with `~` under the rest of the range on that line).
    ///
    ///     answer:1:5: error: unknown name 'conv2' — did you mean 'conv2d'?
    ///     y = conv2(x, w)
    ///         ^~~~~
    ///
    /// - Parameters:
    ///   - source: the text that was run (the range refers into it).
    ///   - fileName: shown before the position, e.g. a file path or "answer"; nil for none.
    ///   - language: the language of the message (`en`, the default, or `ko`); the source line
    ///     and the caret are the same in every language.
    /// - Returns: the report, lines joined by "\n", without a trailing newline.
    public func diagnostic(source: String, fileName: String? = nil, language: String = "en") -> String {
        let words = LanguageErrorText(language: language)
        let message = words.message(self)
        let prefix = fileName.map { "\($0):" } ?? ""
        guard let range else {
            return prefix.isEmpty ? "\(words.error): \(message)" : "\(prefix) \(words.error): \(message)"
        }
        let start = range.lowerBound
        let header = "\(prefix)\(start.line):\(start.column): \(words.error): \(message)"
        guard let line = Self.line(start.line, of: source) else { return header }

        let caretIndex = min(start.column - 1, line.count)
        let sameLine = range.upperBound.line == start.line
        let endIndex =
            sameLine ? min(max(range.upperBound.column - 1, caretIndex + 1), line.count + 1) : caretIndex + 1

        // Cut long lines to a window that keeps the caret visible.
        var windowStart = 0
        var windowEnd = line.count
        if line.count > Self.diagnosticWindow {
            windowStart = max(0, caretIndex - Self.diagnosticWindow / 2)
            windowEnd = min(line.count, windowStart + Self.diagnosticWindow)
        }
        var shown = String(String.UnicodeScalarView(line[windowStart..<windowEnd]))
        var pad = ""
        if windowStart > 0 {
            shown = "…" + shown
            pad = " "
        }
        if windowEnd < line.count { shown += "…" }

        for scalar in line[windowStart..<min(caretIndex, windowEnd)] {
            pad += scalar == "\t" ? "\t" : String(repeating: " ", count: Self.displayWidth(scalar))
        }
        let underlined = line[min(caretIndex, windowEnd)..<min(endIndex, windowEnd)].dropFirst()
        let tildes = underlined.reduce(0) { $0 + Self.displayWidth($1) }
        let marker = pad + "^" + String(repeating: "~", count: tildes)
        return [header, shown, marker].joined(separator: "\n")
    }

    /// The scalars of 1-based line `number` of `source`, without its line break.
    static func line(_ number: Int, of source: String) -> [Unicode.Scalar]? {
        var current = 1
        var result: [Unicode.Scalar] = []
        for scalar in source.unicodeScalars {
            if scalar == "\n" {
                if current == number { return result }
                current += 1
                continue
            }
            if current == number, scalar != "\r" { result.append(scalar) }
        }
        return current == number ? result : nil
    }

    /// Terminal columns a scalar takes: 2 for Hangul, CJK and emoji, 0 for combining marks.
    /// (Modules below the terminal layer, like Grading's side-by-side view, measure with this one.)
    package static func displayWidth(_ scalar: Unicode.Scalar) -> Int {
        switch scalar.value {
        case 0x0300...0x036F, 0x200B...0x200F: return 0
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
            0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1FAFF, 0x20000...0x3FFFD:
            return 2
        default: return 1
        }
    }
}
