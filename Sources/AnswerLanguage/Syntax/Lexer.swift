/// Splits source text into tokens, and checks that brackets pair up.
///
/// Newlines inside brackets and after a backslash continue the statement, as in Python; `#`
/// starts a comment. Bracket pairing is checked here, before parsing, so that "'(' was never
/// closed" points at the bracket the learner forgot rather than at the end of the input.
struct Lexer {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var lineStart = 0
    private var openBrackets: [(scalar: Unicode.Scalar, range: SourceRange)] = []
    private var tokens: [Token] = []

    /// Symbols of three, two and one characters, longest first so `**` wins over `*`.
    private static let symbols3: Set<String> = ["..."]
    private static let symbols2: Set<String> = ["**", "//", "==", "!=", "<=", ">=", "->"]
    private static let symbols1: Set<Unicode.Scalar> = [
        "+", "-", "*", "/", "%", "@", "<", ">", "=", "(", ")", "[", "]", "{", "}", ",", ":", ".", ";",
    ]
    private static let closing: [Unicode.Scalar: Unicode.Scalar] = [")": "(", "]": "[", "}": "{"]

    private init(_ source: String) {
        scalars = Array(source.unicodeScalars)
    }

    /// The tokens of `source`, ending with `.end`.
    /// - Throws: `LanguageError` of kind `.syntax` for an unexpected character, an unterminated
    ///   string, a bad number or unpaired brackets.
    static func tokenize(_ source: String) throws(LanguageError) -> [Token] {
        var lexer = Lexer(source)
        try lexer.run()
        return lexer.tokens
    }

    private var location: SourceLocation {
        SourceLocation(line: line, column: index - lineStart + 1, offset: index)
    }

    private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        index + ahead < scalars.count ? scalars[index + ahead] : nil
    }

    private mutating func run() throws(LanguageError) {
        while let scalar = peek() {
            let start = location
            switch scalar {
            case " ", "\t", "\r", "\u{0C}":
                index += 1
            case "\n":
                index += 1
                if openBrackets.isEmpty { append(.separator, from: start) }
                line += 1
                lineStart = index
            case "#":
                while let next = peek(), next != "\n" { index += 1 }
            case "\\" where peek(1) == "\n" || (peek(1) == "\r" && peek(2) == "\n"):
                index += peek(1) == "\r" ? 3 : 2
                line += 1
                lineStart = index
            case "'", "\"":
                try lexString(quote: scalar)
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
                append(.name(String(name)), from: start)
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
        append(.end, from: location)
    }

    private mutating func append(_ kind: Token.Kind, from start: SourceLocation) {
        tokens.append(Token(kind: kind, range: SourceRange(start, location)))
    }

    private mutating func lexSymbol(start: SourceLocation) throws(LanguageError) {
        for length in [3, 2] where index + length <= scalars.count {
            let text = String(String.UnicodeScalarView(scalars[index..<index + length]))
            if (length == 3 ? Self.symbols3 : Self.symbols2).contains(text) {
                index += length
                append(text == ";" ? .separator : .symbol(text), from: start)
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

    private mutating func lexString(quote: Unicode.Scalar) throws(LanguageError) {
        let start = location
        index += 1
        var text = String.UnicodeScalarView()
        while true {
            guard let scalar = peek(), scalar != "\n" else {
                throw LanguageError(
                    .syntax, .unclosedString(quote: String(quote)), at: SourceRange(start, location))
            }
            index += 1
            if scalar == quote { break }
            guard scalar == "\\", let escaped = peek() else {
                text.append(scalar)
                continue
            }
            index += 1
            switch escaped {
            case "n": text.append("\n")
            case "t": text.append("\t")
            case "\\", "'", "\"": text.append(escaped)
            case "\n":
                line += 1
                lineStart = index
            default:
                text.append("\\")
                text.append(escaped)
            }
        }
        append(.string(String(text)), from: start)
    }

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
            throw .syntax(
                "invalid number: '\(next)' cannot follow a number",
                at: SourceRange(
                    letter, SourceLocation(line: line, column: letter.column + 1, offset: index + 1)))
        }
        if isFloat {
            guard let value = Double(text.hasPrefix(".") ? "0" + text : text) else {
                throw .syntax("invalid number '\(text)'", at: SourceRange(start, location))
            }
            append(.float(value), from: start)
        } else {
            guard let value = Int(text) else {
                throw .syntax(
                    "integer '\(text)' is too large (the largest is \(Int.max))",
                    at: SourceRange(start, location))
            }
            append(.integer(value), from: start)
        }
    }
}
