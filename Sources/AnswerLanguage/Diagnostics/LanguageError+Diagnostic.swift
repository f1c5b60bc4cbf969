import Wording

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
    ///   - language: the language of the message; the source line and the caret are the same in
    ///     every language.
    /// - Returns: the report, lines joined by "\n", without a trailing newline.
    public func diagnostic(source: String, fileName: String? = nil, language: Language = .english) -> String {
        let message = message(in: language)
        let error = language.say(LanguageErrorKey.errorHeader)
        let prefix = fileName.map { "\($0):" } ?? ""
        guard let range else {
            return prefix.isEmpty ? "\(error): \(message)" : "\(prefix) \(error): \(message)"
        }
        let start = range.lowerBound
        let header = "\(prefix)\(start.line):\(start.column): \(error): \(message)"
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
            pad += scalar == "\t" ? "\t" : String(repeating: " ", count: displayWidth(scalar))
        }
        let underlined = line[min(caretIndex, windowEnd)..<min(endIndex, windowEnd)].dropFirst()
        let tildes = underlined.reduce(0) { $0 + displayWidth($1) }
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
}
