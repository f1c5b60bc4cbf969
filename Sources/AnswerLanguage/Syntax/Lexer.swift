/// Splits source text into tokens, checks that brackets pair up, and turns indentation into
/// `indent`/`dedent` tokens as Python's tokenizer does.
///
/// Newlines inside brackets and after a backslash continue the statement, as in Python; `#`
/// starts a comment; blank and comment-only lines do not count for indentation. Bracket pairing
/// is checked here, before parsing, so that "'(' was never closed" points at the bracket the
/// learner forgot rather than at the end of the input.
///
/// One deliberate difference from Python: the first line's indentation is the base level, so a
/// block pasted with a common indentation (copied from inside a function) still runs.
struct Lexer {
    private let scalars: [Unicode.Scalar]
    private var index: Int
    private let endIndex: Int
    private var line: Int
    private var lineStart: Int
    private var openBrackets: [(scalar: Unicode.Scalar, range: SourceRange)] = []
    private var tokens: [Token] = []
    /// Indentation widths of the open blocks, the base level first (empty before the first line).
    private var indents: [Int] = []
    private var atLineStart = true
    /// False inside an f-string's field: one expression, no lines or indentation.
    private let tracksLines: Bool

    /// Symbols of three, two and one characters, longest first so `**` wins over `*`.
    private static let symbols3: Set<String> = ["...", "//=", "**=", ">>=", "<<="]
    private static let symbols2: Set<String> = [
        "**", "//", "==", "!=", "<=", ">=", "->", "+=", "-=", "*=", "/=", "%=", "@=", "&=", "|=", "^=",
    ]
    private static let symbols1: Set<Unicode.Scalar> = [
        "+", "-", "*", "/", "%", "@", "<", ">", "=", "(", ")", "[", "]", "{", "}", ",", ":", ".", ";",
        "&", "|", "^", "~",
    ]
    private static let closing: [Unicode.Scalar: Unicode.Scalar] = [")": "(", "]": "[", "}": "{"]
    /// Letters that may prefix a string literal (any case, in either order).
    private static let stringPrefixes: Set<String> = ["r", "u", "f", "b", "rb", "br", "fr", "rf"]

    private init(
        _ scalars: [Unicode.Scalar], from start: Int, to end: Int, line: Int, lineStart: Int,
        tracksLines: Bool
    ) {
        self.scalars = scalars
        self.index = start
        self.endIndex = end
        self.line = line
        self.lineStart = lineStart
        self.tracksLines = tracksLines
    }

    /// The tokens of `source`, ending with `.end`.
    /// - Throws: `LanguageError` of kind `.syntax` for an unexpected character, an unterminated
    ///   string, a bad number, unpaired brackets or an indentation that matches no open block.
    static func tokenize(_ source: String) throws(LanguageError) -> [Token] {
        let scalars = Array(source.unicodeScalars)
        var lexer = Lexer(scalars, from: 0, to: scalars.count, line: 1, lineStart: 0, tracksLines: true)
        try lexer.run()
        return lexer.tokens
    }

    private var location: SourceLocation {
        SourceLocation(line: line, column: index - lineStart + 1, offset: index)
    }

    private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        index + ahead < endIndex ? scalars[index + ahead] : nil
    }

    private mutating func run() throws(LanguageError) {
        while let scalar = peek() {
            if atLineStart, tracksLines, openBrackets.isEmpty {
                try indentation()
                continue
            }
            let start = location
            switch scalar {
            case " ", "\t", "\r", "\u{0C}":
                index += 1
            case "\n":
                index += 1
                if openBrackets.isEmpty, tracksLines {
                    appendNewline(from: start)
                    atLineStart = true
                }
                line += 1
                lineStart = index
            case "#":
                while let next = peek(), next != "\n" { index += 1 }
            case "\\" where peek(1) == "\n" || (peek(1) == "\r" && peek(2) == "\n"):
                index += peek(1) == "\r" ? 3 : 2
                line += 1
                lineStart = index
            case "'", "\"":
                try lexString(prefix: "", start: start)
            case "0"..."9":
                try lexNumber()
            case "." where peek(1).map { ("0"..."9").contains($0) } ?? false:
                try lexNumber()
            case _ where scalar == "_" || scalar.properties.isXIDStart:
                var name = String.UnicodeScalarView()
                while let next = peek(), next == "_" || next.properties.isXIDContinue {
                    name.append(next)
                    index += 1
                }
                let text = String(name)
                if let quote = peek(), quote == "'" || quote == "\"",
                    Self.stringPrefixes.contains(text.lowercased())
                {
                    try lexString(prefix: text.lowercased(), start: start)
                } else {
                    append(.name(text), from: start)
                }
            case "‘", "’", "“", "”":
                let straight = scalar == "‘" || scalar == "’" ? "'" : "\""
                throw LanguageError(
                    .syntax, .curlyQuote(String(scalar), straight: straight),
                    at: SourceRange(
                        start, SourceLocation(line: line, column: start.column + 1, offset: index + 1)))
            default:
                try lexSymbol(start: start)
            }
        }
        if let open = openBrackets.last {
            throw LanguageError(.syntax, .neverClosed(String(open.scalar)), at: open.range)
        }
        if tracksLines {
            // The end of the input ends the last line; only open blocks need closing.
            for _ in indents.dropFirst() { append(.dedent, from: location) }
        }
        append(.end, from: location)
    }

    private mutating func append(_ kind: Token.Kind, from start: SourceLocation) {
        tokens.append(Token(kind: kind, range: SourceRange(start, location)))
    }

    /// Ends a logical line, unless it had no tokens (a blank line, a comment, a block's end).
    private mutating func appendNewline(from start: SourceLocation) {
        guard let last = tokens.last else { return }
        switch last.kind {
        case .newline, .indent, .dedent: return
        default: tokens.append(Token(kind: .newline, range: SourceRange(at: start)))
        }
    }

    /// Measures a line's indentation and emits `indent`/`dedent`; blank and comment-only lines
    /// are skipped without changing the level.
    private mutating func indentation() throws(LanguageError) {
        let start = location
        var width = 0
        while let scalar = peek(), scalar == " " || scalar == "\t" || scalar == "\u{0C}" {
            // A tab advances to the next multiple of 8, as in Python's tokenizer.
            width = scalar == "\t" ? (width / 8 + 1) * 8 : (scalar == " " ? width + 1 : 0)
            index += 1
        }
        let next = peek()
        if next == nil || next == "\n" || next == "#" || (next == "\r" && peek(1) == "\n") {
            // Blank: the newline (handled by the caller's loop) starts the next line again.
            atLineStart = false
            if next == nil { atLineStart = false }
            skipBlankLine()
            return
        }
        atLineStart = false
        let range = SourceRange(start, location)
        guard let current = indents.last else {
            indents.append(width)
            return
        }
        if width > current {
            indents.append(width)
            tokens.append(Token(kind: .indent, range: range))
            return
        }
        while let top = indents.last, top > width, indents.count > 1 {
            indents.removeLast()
            tokens.append(Token(kind: .dedent, range: SourceRange(at: location)))
        }
        guard indents.last == width else {
            throw LanguageError(.syntax, .statement(.unindentMismatch), at: range)
        }
    }

    /// Skips the rest of a blank or comment-only line, including its newline.
    private mutating func skipBlankLine() {
        while let scalar = peek(), scalar != "\n" { index += 1 }
        if peek() == "\n" {
            index += 1
            line += 1
            lineStart = index
        }
        atLineStart = true
        if peek() == nil { atLineStart = false }
    }

    private mutating func lexSymbol(start: SourceLocation) throws(LanguageError) {
        for length in [3, 2] where index + length <= endIndex {
            let text = String(String.UnicodeScalarView(scalars[index..<index + length]))
            if (length == 3 ? Self.symbols3 : Self.symbols2).contains(text) {
                index += length
                append(.symbol(text), from: start)
                return
            }
        }
        let scalar = scalars[index]
        guard Self.symbols1.contains(scalar) else {
            index += 1
            let shown =
                scalar.properties.isWhitespace || scalar.value < 0x20
                ? "U+\(String(scalar.value, radix: 16, uppercase: true))" : String(scalar)
            throw LanguageError(.syntax, .unexpectedCharacter(shown), at: SourceRange(start, location))
        }
        index += 1
        let range = SourceRange(start, location)
        switch scalar {
        case "(", "[", "{":
            openBrackets.append((scalar, range))
        case ")", "]", "}":
            guard let open = openBrackets.popLast() else {
                throw LanguageError(.syntax, .unmatched(String(scalar)), at: range)
            }
            guard open.scalar == Self.closing[scalar] else {
                throw LanguageError(
                    .syntax,
                    .mismatchedClose(
                        String(scalar), open: String(open.scalar), location: open.range.lowerBound),
                    at: range)
            }
        default: break
        }
        append(scalar == ";" ? .separator : .symbol(String(scalar)), from: start)
    }

    // MARK: - Strings

    /// A string literal starting at the quote under `index`, after `prefix` (`r`, `f`, `rb`, …).
    private mutating func lexString(prefix: String, start: SourceLocation) throws(LanguageError) {
        if prefix.contains("b") {
            throw LanguageError.said(.syntax, .bytesLiteral, at: SourceRange(start, location))
        }
        let quote = scalars[index]
        let triple = peek(1) == quote && peek(2) == quote
        index += triple ? 3 : 1
        if prefix.contains("f") {
            let pieces = try formatPieces(
                quote: quote, triple: triple, raw: prefix.contains("r"), start: start)
            append(.formatString(pieces), from: start)
            return
        }
        let text = try stringBody(quote: quote, triple: triple, raw: prefix.contains("r"), start: start)
        append(.string(text), from: start)
    }

    /// Whether the closing quote(s) are under `index`.
    private func atClosingQuote(_ quote: Unicode.Scalar, triple: Bool) -> Bool {
        peek() == quote && (!triple || (peek(1) == quote && peek(2) == quote))
    }

    private mutating func unclosed(_ quote: Unicode.Scalar, triple: Bool, start: SourceLocation)
        -> LanguageError
    {
        let closing = triple ? String(repeating: String(quote), count: 3) : String(quote)
        return LanguageError(.syntax, .unclosedString(quote: closing), at: SourceRange(start, location))
    }

    /// One character of a string body (an escape sequence decoded unless `raw`), or nil at a
    /// line continuation; newlines are only allowed in triple-quoted strings.
    private mutating func stringCharacter(
        quote: Unicode.Scalar, triple: Bool, raw: Bool, start: SourceLocation
    ) throws(LanguageError) -> String? {
        guard let scalar = peek(), scalar != "\n" || triple else {
            throw unclosed(quote, triple: triple, start: start)
        }
        index += 1
        if scalar == "\n" {
            line += 1
            lineStart = index
            return "\n"
        }
        guard scalar == "\\", let escaped = peek() else { return String(scalar) }
        index += 1
        if escaped == "\n" {
            line += 1
            lineStart = index
            return raw ? "\\\n" : nil
        }
        if raw { return "\\" + String(escaped) }
        switch escaped {
        case "n": return "\n"
        case "t": return "\t"
        case "r": return "\r"
        case "0": return "\0"
        case "\\", "'", "\"": return String(escaped)
        default: return "\\" + String(escaped)
        }
    }

    private mutating func stringBody(quote: Unicode.Scalar, triple: Bool, raw: Bool, start: SourceLocation)
        throws(LanguageError) -> String
    {
        var text = ""
        while !atClosingQuote(quote, triple: triple) {
            if let piece = try stringCharacter(quote: quote, triple: triple, raw: raw, start: start) {
                text += piece
            }
        }
        index += triple ? 3 : 1
        return text
    }

    /// The pieces of an f-string up to its closing quote (or, inside a format spec, up to the
    /// field's closing `}`, when `inSpec`).
    private mutating func formatPieces(
        quote: Unicode.Scalar, triple: Bool, raw: Bool, start: SourceLocation, inSpec: Bool = false,
        depth: Int = 0
    ) throws(LanguageError) -> [FormatPiece] {
        // Python allows a field inside a format spec, and no deeper: `f'{x:{width}}'`.
        guard depth <= 1 else {
            throw LanguageError.said(.syntax, .fStringNested, at: SourceRange(at: location))
        }
        var pieces: [FormatPiece] = []
        var text = ""
        func flush() {
            if !text.isEmpty { pieces.append(.literal(text)) }
            text = ""
        }
        while true {
            if atClosingQuote(quote, triple: triple) {
                if inSpec { throw unclosedField(at: location) }
                index += triple ? 3 : 1
                break
            }
            if peek() == "{", peek(1) == "{", !inSpec {
                index += 2
                text += "{"
            } else if peek() == "}", peek(1) == "}", !inSpec {
                index += 2
                text += "}"
            } else if peek() == "{" {
                flush()
                pieces.append(
                    try formatField(quote: quote, triple: triple, raw: raw, start: start, depth: depth))
            } else if peek() == "}" {
                if inSpec { break }
                let at = location
                index += 1
                throw LanguageError.said(.syntax, .fStringSingleBrace, at: SourceRange(at, location))
            } else if let piece = try stringCharacter(quote: quote, triple: triple, raw: raw, start: start) {
                text += piece
            }
        }
        flush()
        return pieces
    }

    private func unclosedField(at place: SourceLocation) -> LanguageError {
        .said(.syntax, .fStringUnclosedField, at: SourceRange(at: place))
    }

    /// `{expression=!r:spec}` at `index` (on its `{`).
    private mutating func formatField(
        quote: Unicode.Scalar, triple: Bool, raw: Bool, start: SourceLocation, depth: Int
    ) throws(LanguageError) -> FormatPiece {
        let open = location
        index += 1
        let expressionStart = index
        let expressionLine = line
        let expressionLineStart = lineStart
        var brackets = 0
        var inner: Unicode.Scalar?
        // Find where the expression ends: '!', ':', '=' or '}' outside brackets and strings.
        scan: while let scalar = peek() {
            if let innerQuote = inner {
                if scalar == innerQuote { inner = nil }
                if scalar == quote { throw unclosedField(at: location) }
                index += 1
                continue
            }
            switch scalar {
            case "'", "\"":
                if scalar == quote { throw unclosedField(at: location) }
                inner = scalar
            case "(", "[", "{": brackets += 1
            case ")", "]": brackets -= 1
            case "}":
                if brackets == 0 { break scan }
                brackets -= 1
            case "!" where brackets == 0 && peek(1) != "=": break scan
            case ":" where brackets == 0: break scan
            case "\n":
                guard triple else { throw unclosedField(at: location) }
                line += 1
                lineStart = index + 1
            default: break
            }
            index += 1
        }
        guard peek() != nil else { throw unclosedField(at: location) }
        var expressionEnd = index
        var debugText: String?
        // `{x=}`: a trailing '=' (not '==', '!=', '<=', '>=') asks for "x=" and the repr.
        var back = expressionEnd - 1
        while back > expressionStart, scalars[back] == " " { back -= 1 }
        if back > expressionStart, scalars[back] == "=", !["=", "!", "<", ">"].contains(scalars[back - 1]) {
            debugText = String(String.UnicodeScalarView(scalars[expressionStart..<expressionEnd]))
            expressionEnd = back
        }
        var sub = Lexer(
            scalars, from: expressionStart, to: expressionEnd, line: expressionLine,
            lineStart: expressionLineStart, tracksLines: false)
        try sub.run()
        if sub.tokens.count == 1 {
            throw LanguageError.said(.syntax, .fStringEmpty, at: SourceRange(open, location))
        }
        var conversion: String?
        if peek() == "!" {
            index += 1
            guard let letter = peek(), ["r", "s", "a"].contains(letter) else {
                throw LanguageError.said(.syntax, .fStringConversion, at: SourceRange(at: location))
            }
            conversion = String(letter)
            index += 1
        }
        var spec: [FormatPiece] = []
        if peek() == ":" {
            index += 1
            spec = try formatPieces(
                quote: quote, triple: triple, raw: raw, start: start, inSpec: true, depth: depth + 1)
        }
        guard peek() == "}" else { throw unclosedField(at: location) }
        index += 1
        if debugText != nil, conversion == nil, spec.isEmpty { conversion = "r" }
        return .field(
            tokens: sub.tokens, conversion: conversion, spec: spec, debugText: debugText,
            range: SourceRange(open, location))
    }

    // MARK: - Numbers

    private mutating func lexNumber() throws(LanguageError) {
        let start = location
        var text = ""
        var isFloat = false
        func digits(_ lexer: inout Lexer, into text: inout String) {
            while let next = lexer.peek(), ("0"..."9").contains(next) || next == "_" {
                if next != "_" { text.unicodeScalars.append(next) }
                lexer.index += 1
            }
        }
        digits(&self, into: &text)
        if peek() == ".",
            !(peek(1).map { $0 == "." || $0 == "_" || ($0.properties.isXIDStart && $0 != "e" && $0 != "E") }
                ?? false)
        {
            isFloat = true
            text += "."
            index += 1
            digits(&self, into: &text)
        }
        if let e = peek(), e == "e" || e == "E" {
            let signed = peek(1) == "+" || peek(1) == "-"
            if let digit = peek(signed ? 2 : 1), ("0"..."9").contains(digit) {
                isFloat = true
                text += "e"
                index += 1
                if signed {
                    text.unicodeScalars.append(scalars[index])
                    index += 1
                }
                digits(&self, into: &text)
            }
        }
        if let next = peek(), next.properties.isXIDContinue {
            let letter = location
            throw LanguageError(
                .syntax, .said(.letterAfterNumber, ["letter": .text(String(next))]),
                at: SourceRange(
                    letter, SourceLocation(line: line, column: letter.column + 1, offset: index + 1)))
        }
        if isFloat {
            guard let value = Double(text.hasPrefix(".") ? "0" + text : text) else {
                throw LanguageError(
                    .syntax, .said(.invalidNumber, ["text": .text(text)]), at: SourceRange(start, location))
            }
            append(.float(value), from: start)
        } else {
            guard let value = Int(text) else {
                throw LanguageError(
                    .syntax,
                    .said(.integerTooLarge, ["text": .text(text), "largest": .text(String(Int.max))]),
                    at: SourceRange(start, location))
            }
            append(.integer(value), from: start)
        }
    }
}
