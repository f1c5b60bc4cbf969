/// One lexical unit of answer-language source.
struct Token: Hashable, Sendable {
    /// What the token is, with its literal value where it has one.
    enum Kind: Hashable, Sendable {
        case integer(Int)
        case float(Double)
        case string(String)
        /// An identifier or a keyword (`and`, `lambda`, `True`, …); the parser tells them apart.
        case name(String)
        /// An operator or punctuation mark: `+`, `**`, `(`, `...`, `=`, ….
        case symbol(String)
        /// A statement separator: a newline outside brackets, or `;`.
        case separator
        case end
    }

    var kind: Kind
    var range: SourceRange

    /// Whether this is the symbol `text`.
    func isSymbol(_ text: String) -> Bool { kind == .symbol(text) }

    /// Whether this is the name or keyword `text`.
    func isName(_ text: String) -> Bool { kind == .name(text) }

    /// How the token reads in an error message.
    var found: LanguageError.Found {
        switch kind {
        case .integer(let value): .token("'\(value)'")
        case .float(let value): .token("'\(value)'")
        case .string: .string
        case .name(let name): .token("'\(name)'")
        case .symbol(let symbol): .token("'\(symbol)'")
        case .separator: .endOfStatement
        case .end: .endOfInput
        }
    }
}
