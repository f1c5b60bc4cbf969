/// Statements and blocks, with Python's grammar: simple statements separated by `;` or newlines,
/// compound statements (`if`, `for`, `while`, `def`, `class`, `with`) whose block is either the
/// rest of the line or an indented block.
///
/// Blocks nest through `nested(_:)` like brackets do, so a thousand nested `if`s is a "nested too
/// deeply" error, not a stack overflow. `return` outside a function and `break`/`continue`
/// outside a loop are refused here, before anything runs, as Python refuses them.
extension Parser {
    /// The keywords that start a compound statement.
    static let compoundKeywords: Set<String> = ["if", "for", "while", "def", "class", "with"]

    mutating func parseProgram() throws(LanguageError) -> Program {
        var statements: [Statement] = []
        while true {
            while current.kind == .separator || current.kind == .newline { _ = advance() }
            if current.kind == .end { break }
            if current.kind == .indent { throw unexpectedIndent() }
            statements += try parseStatementLine()
        }
        return Program(statements: statements)
    }

    func unexpectedIndent() -> LanguageError {
        LanguageError(.syntax, .statement(.unexpectedIndent), at: current.range)
    }

    /// A compound statement, or simple statements separated by `;` through the end of the line.
    mutating func parseStatementLine() throws(LanguageError) -> [Statement] {
        if case .name(let keyword) = current.kind, Self.compoundKeywords.contains(keyword) {
            return [try parseCompound(keyword)]
        }
        if current.isSymbol("@") { return [try parseDecorated()] }
        return try parseSimpleLine()
    }

    /// `@decorator` lines and the `def` they decorate; decorators of anything but a `def` (a
    /// class) are refused as before.
    mutating func parseDecorated() throws(LanguageError) -> Statement {
        let first = current
        var decorators: [ExpressionSyntax] = []
        while current.isSymbol("@") {
            _ = advance()
            decorators.append(try parseExpression())
            guard current.kind == .newline else {
                throw unexpected(expected: .endOfStatement, orMissingOperator: false)
            }
            while current.kind == .newline { _ = advance() }
        }
        guard case .name("def") = current.kind else {
            throw LanguageError(.syntax, .said(.decorators, [:]), at: first.range)
        }
        guard case .function(var definition) = try parseCompound("def") else {
            throw LanguageError(.syntax, .said(.decorators, [:]), at: first.range)
        }
        definition.decorators = decorators
        definition.range = first.range.union(definition.range)
        return .function(definition)
    }

    /// Simple statements separated by `;`, through the end of the line.
    mutating func parseSimpleLine() throws(LanguageError) -> [Statement] {
        var statements = [try parseSimpleStatement()]
        while current.kind == .separator {
            _ = advance()
            if current.kind == .newline || current.kind == .end || current.kind == .dedent { break }
            statements.append(try parseSimpleStatement())
        }
        guard current.kind == .newline || current.kind == .end || current.kind == .dedent else {
            if current.kind == .indent { throw unexpectedIndent() }
            let isSymbol = if case .symbol = current.kind { true } else { false }
            throw unexpected(expected: .endOfStatement, orMissingOperator: !isSymbol)
        }
        if current.kind == .newline { _ = advance() }
        return statements
    }

    // MARK: - Blocks

    /// `:` and the block after a compound statement's header: the rest of the line, or the
    /// indented lines below it.
    mutating func parseBlock(after header: String, at headerToken: Token) throws(LanguageError) -> [Statement]
    {
        guard accept(":") != nil else {
            throw unexpected(expected: .headerColon)
        }
        if current.kind != .newline {
            if case .name(let keyword) = current.kind, Self.compoundKeywords.contains(keyword) {
                throw LanguageError(
                    .syntax, .said(.blockAfterColon, ["keyword": .text(keyword)]), at: current.range)
            }
            return try parseSimpleLine()
        }
        _ = advance()
        guard current.kind == .indent else {
            throw LanguageError(
                .syntax,
                .statement(.expectedIndentedBlock(after: header, line: headerToken.range.lowerBound.line)),
                at: current.range)
        }
        _ = advance()
        return try nested { (parser: inout Parser) throws(LanguageError) in
            var body: [Statement] = []
            while parser.current.kind != .dedent && parser.current.kind != .end {
                if parser.current.kind == .newline || parser.current.kind == .separator {
                    _ = parser.advance()
                    continue
                }
                if parser.current.kind == .indent { throw parser.unexpectedIndent() }
                body += try parser.parseStatementLine()
            }
            if parser.current.kind == .dedent { _ = parser.advance() }
            return body
        }
    }

    mutating func parseCompound(_ keyword: String) throws(LanguageError) -> Statement {
        let headerToken = advance()
        switch keyword {
        case "if": return try parseIf(headerToken)
        case "for": return try parseFor(headerToken)
        case "while": return try parseWhile(headerToken)
        case "def": return try parseFunction(headerToken)
        case "class": return try parseClass(headerToken)
        default: return try parseWith(headerToken)
        }
    }

    /// The range from a header's keyword to the end of the last statement of `body`.
    func range(from header: Token, through body: [Statement]) -> SourceRange {
        header.range.union(body.last?.range ?? header.range)
    }

    mutating func parseIf(_ header: Token) throws(LanguageError) -> Statement {
        var branches: [(condition: ExpressionSyntax, body: [Statement])] = []
        let condition = try parseExpression()
        branches.append((condition, try parseBlock(after: "if", at: header)))
        var orElse: [Statement]?
        while let elif = acceptKeyword("elif") {
            let condition = try parseExpression()
            branches.append((condition, try parseBlock(after: "elif", at: elif)))
        }
        if let otherwise = acceptKeyword("else") {
            orElse = try parseBlock(after: "else", at: otherwise)
        }
        let last = orElse ?? branches[branches.count - 1].body
        return .if(IfStatement(branches: branches, orElse: orElse, range: range(from: header, through: last)))
    }

    /// `else:` after a loop, if it is there.
    mutating func parseLoopElse() throws(LanguageError) -> [Statement]? {
        guard let otherwise = acceptKeyword("else") else { return nil }
        return try parseBlock(after: "else", at: otherwise)
    }

    mutating func parseFor(_ header: Token) throws(LanguageError) -> Statement {
        let target = try parseTargetList(before: "in")
        guard acceptKeyword("in") != nil else {
            throw unexpected(expected: .loopIn)
        }
        let iterable = try parseTupleOrExpression()
        let body = try inLoop { (parser: inout Parser) throws(LanguageError) in
            try parser.parseBlock(after: "for", at: header)
        }
        let orElse = try parseLoopElse()
        return .for(
            ForStatement(
                target: target, iterable: iterable, body: body, orElse: orElse,
                range: range(from: header, through: orElse ?? body)))
    }

    mutating func parseWhile(_ header: Token) throws(LanguageError) -> Statement {
        let condition = try parseExpression()
        let body = try inLoop { (parser: inout Parser) throws(LanguageError) in
            try parser.parseBlock(after: "while", at: header)
        }
        let orElse = try parseLoopElse()
        return .while(
            WhileStatement(
                condition: condition, body: body, orElse: orElse,
                range: range(from: header, through: orElse ?? body)))
    }

    /// Runs `body` with `break`/`continue` allowed.
    mutating func inLoop<T>(_ body: (inout Parser) throws(LanguageError) -> T) throws(LanguageError) -> T {
        let outer = context
        context.inLoop = true
        defer { context = outer }
        return try body(&self)
    }

    /// Targets before `in` (`i`, `i, x`, `(a, b), c`), parsed tighter than comparisons so that
    /// `in` is not read as the `in` operator.
    mutating func parseTargetList(before keyword: String) throws(LanguageError) -> AssignmentTarget {
        let first = try parseArithmetic()
        guard current.isSymbol(",") else { return try Self.target(first) }
        var items = [first]
        while accept(",") != nil {
            if current.isName(keyword) { break }
            items.append(try parseArithmetic())
        }
        return try Self.target(try node(.tuple(items), first.range.union(items[items.count - 1].range)))
    }

    mutating func parseFunction(_ header: Token) throws(LanguageError) -> Statement {
        guard case .name(let name) = current.kind, !Self.keywords.contains(name) else {
            throw unexpected(expected: .functionName)
        }
        let nameToken = advance()
        _ = try expect("(", .parameterListOpen)
        let parameters = try parseParameters(closing: ")", owner: "function '\(name)'")
        _ = try expect(")", .parameterListSeparator)
        if accept("->") != nil { _ = try parseExpression() }
        let outer = context
        context = ParserContext(inFunction: true, inLoop: false)
        defer { context = outer }
        let body = try parseBlock(after: "def", at: header)
        let declaredGlobal = Set(Self.declarations(in: body, nonlocal: false))
        let declaredNonlocal = Set(Self.declarations(in: body, nonlocal: true))
        let assigned = Set(parameters.map(\.name) + body.flatMap(\.boundNames))
        return .function(
            FunctionDefinition(
                name: name, nameRange: nameToken.range, parameters: parameters, body: body,
                range: range(from: header, through: body),
                locals: assigned.subtracting(declaredGlobal).subtracting(declaredNonlocal),
                globals: declaredGlobal))
    }

    /// Names declared `global` (or `nonlocal`) in a function body, outside nested functions.
    static func declarations(in body: [Statement], nonlocal: Bool) -> [String] {
        body.flatMap { statement -> [String] in
            switch statement {
            case .global(let names, let isNonlocal, _): return isNonlocal == nonlocal ? names : []
            case .if(let statement):
                return statement.branches.flatMap { declarations(in: $0.body, nonlocal: nonlocal) }
                    + declarations(in: statement.orElse ?? [], nonlocal: nonlocal)
            case .for(let statement):
                return declarations(in: statement.body + (statement.orElse ?? []), nonlocal: nonlocal)
            case .while(let statement):
                return declarations(in: statement.body + (statement.orElse ?? []), nonlocal: nonlocal)
            case .with(let statement): return declarations(in: statement.body, nonlocal: nonlocal)
            default: return []
            }
        }
    }

    /// Parameters of a `def` (`a, b=1, *args, c, **kwargs`, annotations ignored) or a lambda,
    /// up to `closing`.
    mutating func parseParameters(closing: String, owner: String) throws(LanguageError) -> [ParameterSyntax] {
        var parameters: [ParameterSyntax] = []
        var keywordOnly = false
        while !current.isSymbol(closing) {
            if accept("/") != nil {
                if accept(",") == nil { break }
                continue
            }
            var kind = keywordOnly ? ParameterSyntax.Kind.keywordOnly : .normal
            if accept("**") != nil {
                kind = .keywordVariadic
            } else if accept("*") != nil {
                keywordOnly = true
                if current.isSymbol(",") {
                    _ = advance()
                    continue
                }
                kind = .variadic
            }
            guard case .name(let name) = current.kind, !Self.keywords.contains(name) else {
                throw unexpected(expected: .parameterName)
            }
            let nameToken = advance()
            if parameters.contains(where: { $0.name == name }) {
                throw LanguageError.said(
                    .syntax, .parameterTwice, ["name": name, "owner": owner], at: nameToken.range)
            }
            if closing == ")", accept(":") != nil { _ = try parseExpression() }
            var defaultValue: ExpressionSyntax?
            if accept("=") != nil { defaultValue = try parseExpression() }
            if defaultValue == nil, kind == .normal,
                parameters.contains(where: { $0.defaultValue != nil && $0.kind == .normal })
            {
                throw LanguageError(.syntax, .said(.defaultOrder, ["name": .text(name)]), at: nameToken.range)
            }
            parameters.append(
                ParameterSyntax(name: name, range: nameToken.range, defaultValue: defaultValue, kind: kind))
            if kind == .keywordVariadic, !current.isSymbol(closing),
                !(current.isSymbol(",") && peek(1).isSymbol(closing))
            {
                throw LanguageError.said(.syntax, .doubleStarLast, ["name": name], at: nameToken.range)
            }
            if accept(",") == nil { break }
        }
        return parameters
    }

    mutating func parseClass(_ header: Token) throws(LanguageError) -> Statement {
        guard case .name(let name) = current.kind, !Self.keywords.contains(name) else {
            throw unexpected(expected: .className)
        }
        let nameToken = advance()
        var bases: [ExpressionSyntax] = []
        if accept("(") != nil {
            while !current.isSymbol(")") {
                if case .name = current.kind, peek(1).isSymbol("=") {
                    throw LanguageError.said(.syntax, .classKeywords, at: current.range)
                }
                bases.append(try parseExpression())
                if accept(",") == nil { break }
            }
            _ = try expect(")", .baseListSeparator)
        }
        let outer = context
        context = ParserContext(inFunction: false, inLoop: false)
        defer { context = outer }
        let body = try parseBlock(after: "class", at: header)
        return .class(
            ClassDefinition(
                name: name, nameRange: nameToken.range, bases: bases, body: body,
                range: range(from: header, through: body)))
    }

    mutating func parseWith(_ header: Token) throws(LanguageError) -> Statement {
        var items: [WithStatement.Item] = []
        repeat {
            let context = try parseExpression()
            var target: AssignmentTarget?
            if acceptKeyword("as") != nil { target = try Self.target(try parseArithmetic()) }
            items.append(WithStatement.Item(context: context, target: target))
        } while accept(",") != nil
        let body = try parseBlock(after: "with", at: header)
        return .with(WithStatement(items: items, body: body, range: range(from: header, through: body)))
    }

    // MARK: - Simple statements

    mutating func parseSimpleStatement() throws(LanguageError) -> Statement {
        let token = current
        if case .name(let name) = token.kind {
            if Self.unsupportedKeywords[name] != nil {
                throw LanguageError(
                    .syntax, .expected(.statement, found: token.found, slip: .unsupportedKeyword(name)),
                    at: token.range)
            }
            switch name {
            case "pass":
                return .pass(advance().range)
            case "break", "continue":
                _ = advance()
                guard context.inLoop else {
                    throw LanguageError(.syntax, .statement(.outsideLoop(name)), at: token.range)
                }
                return name == "break" ? .break(token.range) : .continue(token.range)
            case "return":
                _ = advance()
                guard context.inFunction else {
                    throw LanguageError(.syntax, .statement(.returnOutsideFunction), at: token.range)
                }
                if current.endsStatement { return .return(nil, token.range) }
                let value = try parseTupleOrExpression()
                return .return(value, token.range.union(value.range))
            case "import", "from":
                return try parseImport()
            case "assert":
                _ = advance()
                let condition = try parseExpression()
                var message: ExpressionSyntax?
                if accept(",") != nil { message = try parseExpression() }
                return .assert(condition, message: message, token.range.union((message ?? condition).range))
            case "del":
                _ = advance()
                var targets: [AssignmentTarget] = []
                repeat {
                    if current.endsStatement { break }
                    targets.append(try Self.target(try parseExpression()))
                } while accept(",") != nil
                guard let last = targets.last else {
                    throw unexpected(expected: .deleteTarget)
                }
                return .delete(targets, token.range.union(last.range))
            case "global", "nonlocal":
                _ = advance()
                var names: [String] = []
                var end = token.range
                repeat {
                    guard case .name(let declared) = current.kind, !Self.keywords.contains(declared) else {
                        throw unexpected(expected: .declaredName)
                    }
                    names.append(declared)
                    end = advance().range
                } while accept(",") != nil
                guard context.inFunction || name == "global" else {
                    throw LanguageError.said(.syntax, .nonlocalOutsideFunction, at: token.range)
                }
                return .global(names, isNonlocal: name == "nonlocal", token.range.union(end))
            case "else", "elif":
                throw LanguageError(.syntax, .statement(.dangling(name)), at: token.range)
            default:
                break
            }
        }
        var expressions = [try parseTupleOrExpression()]
        // `x: int = 3`: an annotated assignment; the annotation is read and ignored.
        if accept(":") != nil {
            guard case .name = expressions[0].kind else {
                throw LanguageError.said(.syntax, .annotationTarget, at: expressions[0].range)
            }
            _ = try parseExpression()
            guard accept("=") != nil else { return .pass(expressions[0].range) }
            let value = try parseTupleOrExpression()
            return .assignment([try Self.target(expressions[0])], value)
        }
        if case .symbol(let text) = current.kind, text.count >= 2, text.hasSuffix("="),
            let op = BinaryOperator(rawValue: String(text.dropLast()))
        {
            let opToken = advance()
            let target = try Self.target(expressions[0])
            if case .tuple = target {
                throw LanguageError(
                    .syntax, .said(.augmentedTuple, ["op": .text(text)]), at: expressions[0].range)
            }
            let value = try parseTupleOrExpression()
            return .augmentedAssignment(target, op, value, operatorRange: opToken.range)
        }
        while accept("=") != nil {
            expressions.append(try parseTupleOrExpression())
        }
        let value = expressions.removeLast()
        guard !expressions.isEmpty else { return .expression(value) }
        var targets: [AssignmentTarget] = []
        for expression in expressions { targets.append(try Self.target(expression)) }
        return .assignment(targets, value)
    }

    /// A dotted module path: `torch.nn.functional`.
    mutating func parseDottedName() throws(LanguageError) -> ([String], SourceRange) {
        guard case .name(let first) = current.kind else { throw unexpected(expected: .moduleName) }
        var range = advance().range
        var path = [first]
        while accept(".") != nil {
            guard case .name(let part) = current.kind else {
                throw unexpected(expected: .moduleName)
            }
            path.append(part)
            range = range.union(advance().range)
        }
        return (path, range)
    }

    /// `as name`, if it is there.
    mutating func parseAlias() throws(LanguageError) -> (String, SourceRange)? {
        guard acceptKeyword("as") != nil else { return nil }
        guard case .name(let alias) = current.kind, !Self.keywords.contains(alias) else {
            throw unexpected(expected: .aliasName)
        }
        return (alias, advance().range)
    }

    mutating func parseImport() throws(LanguageError) -> Statement {
        let keyword = advance()
        var items: [ImportStatement.Item] = []
        var module: [String]?
        var end = keyword.range
        if keyword.isName("from") {
            let (path, _) = try parseDottedName()
            module = path
            guard acceptKeyword("import") != nil else {
                throw unexpected(expected: .importKeyword)
            }
            if let star = accept("*") {
                throw LanguageError(.syntax, .said(.importStar, [:]), at: star.range)
            }
            let parenthesized = accept("(") != nil
            repeat {
                if parenthesized, current.isSymbol(")") { break }
                guard case .name(let name) = current.kind else {
                    throw unexpected(expected: .importedName)
                }
                var range = advance().range
                let alias = try parseAlias()
                if let alias { range = range.union(alias.1) }
                items.append(ImportStatement.Item(path: [name], alias: alias?.0, range: range))
                end = range
            } while accept(",") != nil
            if parenthesized { end = try expect(")", .importListSeparator).range }
        } else {
            repeat {
                var (path, range) = try parseDottedName()
                let alias = try parseAlias()
                if let alias { range = range.union(alias.1) }
                items.append(ImportStatement.Item(path: path, alias: alias?.0, range: range))
                end = range
            } while accept(",") != nil
        }
        return .import(ImportStatement(module: module, items: items, range: keyword.range.union(end)))
    }
}

/// Where the parser is: inside a function (for `return`), inside a loop (for `break`).
struct ParserContext {
    var inFunction = false
    var inLoop = false
}
