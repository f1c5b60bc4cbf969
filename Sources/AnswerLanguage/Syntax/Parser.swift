/// Turns answer-language source into a `Program`, with Python's grammar and precedence.
///
/// A recursive-descent parser whose recursion is counted: every construct that nests (brackets,
/// unary operators, `**`, `not`, `lambda`, conditionals) goes through `nested(_:)`, and every
/// node records its height, so 100,000 nested parentheses or a 1 MB chain of `+` is a
/// "nested too deeply" error rather than a stack overflow.
///
/// Precedence, loosest first: `lambda`; `if … else`; `or`; `and`; `not`; comparisons (chained);
/// `+ -`; `* / // % @`; unary `- +`; `**` (right-associative, binding tighter than a unary
/// minus on its left: `-2**2 == -4`); calls, subscripts and attributes.
public struct Parser {
    var tokens: [Token]
    var position = 0
    let options: ParserOptions
    var nesting = 0
    /// Whether `return`, `break` and `continue` are allowed where the parser is.
    var context = ParserContext()

    static let keywords: Set<String> = [
        "and", "or", "not", "lambda", "if", "else", "in", "is", "True", "False", "None", "for", "while",
        "def", "class", "return", "break", "continue", "pass", "import", "from", "as", "with", "assert",
        "del", "global", "nonlocal", "elif", "try", "except", "finally", "raise", "yield", "async", "await",
    ]
    /// Python keywords the language does not have, with why.
    static var unsupportedKeywords: [String: StatementErrorKey] { StatementProblem.unsupportedKeywords }

    init(tokens: [Token], options: ParserOptions) {
        self.tokens = tokens
        self.options = options
    }

    /// Parses statements separated by newlines or `;`, with Python's indented blocks.
    /// - Throws: `LanguageError` of kind `.syntax`, or `.input`/`.limit` for input past the limits.
    public static func parse(_ source: String, options: ParserOptions = ParserOptions()) throws(LanguageError)
        -> Program
    {
        var parser = Parser(tokens: try tokenize(source, options: options), options: options)
        return try parser.parseProgram()
    }

    /// Parses exactly one expression (no assignments, no `;`), as checks and `when:` clauses are.
    public static func parseExpression(_ source: String, options: ParserOptions = ParserOptions())
        throws(LanguageError) -> ExpressionSyntax
    {
        var parser = Parser(tokens: try tokenize(source, options: options), options: options)
        while parser.current.kind == .separator || parser.current.kind == .newline { parser.position += 1 }
        let expression = try parser.parseTupleOrExpression()
        while parser.current.kind == .separator || parser.current.kind == .newline { parser.position += 1 }
        guard parser.current.kind == .end else {
            throw parser.unexpected(expected: .endOfExpression)
        }
        return expression
    }

    static func tokenize(_ source: String, options: ParserOptions) throws(LanguageError) -> [Token] {
        var count = 0
        var line = 1
        var lineStart = 0
        for scalar in source.unicodeScalars {
            if count == options.maxInputLength {
                let at = SourceLocation(line: line, column: count - lineStart + 1, offset: count)
                throw LanguageError.said(
                    .input, .inputTooLong, ["limit": options.maxInputLength], at: SourceRange(at: at))
            }
            if scalar == "\n" {
                line += 1
                lineStart = count + 1
            }
            count += 1
        }
        return try Lexer.tokenize(source)
    }

    // MARK: - Tokens

    var current: Token { tokens[position] }

    func peek(_ ahead: Int) -> Token { tokens[min(position + ahead, tokens.count - 1)] }

    mutating func advance() -> Token {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    /// Consumes the symbol `text` if it is next.
    mutating func accept(_ text: String) -> Token? {
        current.isSymbol(text) ? advance() : nil
    }

    /// Consumes the keyword `text` if it is next.
    mutating func acceptKeyword(_ text: String) -> Token? {
        current.isName(text) ? advance() : nil
    }

    mutating func expect(_ text: String, _ what: SyntaxExpectation) throws(LanguageError) -> Token {
        guard let token = accept(text) else { throw unexpected(expected: what) }
        return token
    }

    /// "expected X, found Y", with a hint when Y is a likely slip; `orMissingOperator` when the
    /// likeliest slip, short of those, is an operator or comma left out.
    func unexpected(expected: SyntaxExpectation, orMissingOperator: Bool = false) -> LanguageError {
        var slip: LanguageError.Slip?
        if current.isSymbol("=") {
            slip = .assignment
        } else if case .name(let name) = current.kind, Self.unsupportedKeywords[name] != nil {
            slip = .unsupportedKeyword(name)
        } else if orMissingOperator {
            slip = .missingOperator
        }
        return LanguageError(
            .syntax, .expected(expected, found: current.found, slip: slip), at: current.range)
    }

    /// Runs `body` one nesting level deeper, refusing to go past the limit.
    mutating func nested<T>(_ body: (inout Parser) throws(LanguageError) -> T) throws(LanguageError) -> T {
        nesting += 1
        defer { nesting -= 1 }
        if nesting > options.maxNesting {
            throw tooDeep(at: current.range)
        }
        return try body(&self)
    }

    func tooDeep(at range: SourceRange) -> LanguageError {
        .said(.limit, .nestedTooDeeply, ["limit": options.maxNesting], at: range)
    }

    /// Builds a node, refusing trees taller than the nesting limit.
    func node(_ kind: ExpressionSyntax.Kind, _ range: SourceRange, reportAt place: SourceRange? = nil)
        throws(LanguageError) -> ExpressionSyntax
    {
        let expression = ExpressionSyntax(kind, range: range)
        if expression.depth > options.maxNesting + 1 {
            throw tooDeep(at: place ?? range)
        }
        return expression
    }

    // MARK: - Statements (see Parser+Statements.swift)

    /// The assignment target an expression denotes, or why it cannot be assigned to.
    static func target(_ expression: ExpressionSyntax) throws(LanguageError) -> AssignmentTarget {
        switch expression.kind {
        case .name(let name):
            return .name(name, expression.range)
        case .tuple(let items), .list(let items):
            var targets: [AssignmentTarget] = []
            for item in items { targets.append(try target(item)) }
            return .tuple(targets, expression.range)
        case .attribute(let base, let name, _):
            return .attribute(base, name: name, expression.range)
        case .subscript(let base, let items):
            return .subscript(base, items, expression.range)
        case .call:
            throw LanguageError(.syntax, .said(.assignToCall, [:]), at: expression.range)
        case .comparison:
            throw LanguageError(.syntax, .said(.assignToComparison, [:]), at: expression.range)
        default:
            throw LanguageError(.syntax, .said(.assignToExpression, [:]), at: expression.range)
        }
    }

    /// `a, b, c` without brackets (a tuple), or a single expression.
    mutating func parseTupleOrExpression() throws(LanguageError) -> ExpressionSyntax {
        let first = try parseExpression()
        guard current.isSymbol(",") else { return first }
        var items = [first]
        while accept(",") != nil {
            if current.endsStatement || current.isSymbol("=") || current.isName("in") { break }
            if case .symbol(let text) = current.kind, text.count >= 2, text.hasSuffix("="),
                !["==", "<=", ">=", "!="].contains(text)
            {
                break
            }
            items.append(try parseExpression())
        }
        return try node(.tuple(items), first.range.union(items.last!.range))
    }
}
