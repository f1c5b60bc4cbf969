/// One lexical unit of answer-language source.
struct Token: Hashable, Sendable {
    /// What the token is, with its literal value where it has one.
    enum Kind: Hashable, Sendable {
        case integer(Int)
        case float(Double)
        case string(String)
        /// `f'…'`: literal text and `{expression!r:spec}` fields, each field already split into
        /// tokens that carry their place in the whole source.
        case formatString([FormatPiece])
        /// An identifier or a keyword (`and`, `lambda`, `True`, …); the parser tells them apart.
        case name(String)
        /// An operator or punctuation mark: `+`, `**`, `(`, `...`, `=`, `+=`, ….
        case symbol(String)
        /// `;` between statements on one line.
        case separator
        /// The end of a logical line (a newline outside brackets), as Python's NEWLINE.
        case newline
        /// The start of a more indented block (Python's INDENT).
        case indent
        /// The end of an indented block (Python's DEDENT).
        case dedent
        case end
    }

    var kind: Kind
    var range: SourceRange

    /// Whether this is the symbol `text`.
    func isSymbol(_ text: String) -> Bool { kind == .symbol(text) }

    /// Whether this is the name or keyword `text`.
    func isName(_ text: String) -> Bool { kind == .name(text) }

    /// Whether a simple statement ends here: `;`, the end of the line, of a block or of the input.
    var endsStatement: Bool {
        switch kind {
        case .separator, .newline, .dedent, .end: true
        default: false
        }
    }

    /// How the token reads in an error message.
    var found: LanguageError.Found {
        switch kind {
        case .integer(let value): .token("'\(value)'")
        case .float(let value): .token("'\(value)'")
        case .string, .formatString: .string
        case .name(let name): .token("'\(name)'")
        case .symbol(let symbol): .token("'\(symbol)'")
        case .separator, .newline: .endOfStatement
        case .indent: .indentedLine
        case .dedent: .endOfBlock
        case .end: .endOfInput
        }
    }
}

/// A piece of an f-string: text as written, or a replacement field.
indirect enum FormatPiece: Hashable, Sendable {
    case literal(String)
    /// `{expression!conversion:spec}`; `debugText` is the `expression=` text of `{x=}`.
    case field(
        tokens: [Token], conversion: String?, spec: [FormatPiece], debugText: String?, range: SourceRange)
}
