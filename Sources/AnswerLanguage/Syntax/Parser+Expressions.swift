import Wording

extension Parser {
    /// `lambda`, a conditional, or anything looser than them.
    mutating func parseExpression() throws(LanguageError) -> ExpressionSyntax {
        if current.isName("lambda") {
            return try nested { (parser: inout Parser) throws(LanguageError) in try parser.parseLambda() }
        }
        let value = try parseOr()
        guard acceptKeyword("if") != nil else { return value }
        let condition = try parseOr()
        guard acceptKeyword("else") != nil else {
            throw unexpected(expected: .conditionalElse)
        }
        let otherwise = try nested { (parser: inout Parser) throws(LanguageError) in
            try parser.parseExpression()
        }
        return try node(
            .conditional(condition: condition, then: value, else: otherwise),
            value.range.union(otherwise.range))
    }

    mutating func parseLambda() throws(LanguageError) -> ExpressionSyntax {
        let keyword = advance()
        let parameters = try parseParameters(closing: ":", owner: "this lambda")
        _ = try expect(":", .lambdaColon)
        let outer = context
        context = ParserContext()
        defer { context = outer }
        let body = try parseExpression()
        return try node(.lambda(parameters, body: body), keyword.range.union(body.range))
    }

    mutating func parseOr() throws(LanguageError) -> ExpressionSyntax {
        var left = try parseAnd()
        while let op = acceptKeyword("or") {
            let right = try parseAnd()
            left = try node(.binary(.or, left, right), left.range.union(right.range), reportAt: op.range)
        }
        return left
    }

    mutating func parseAnd() throws(LanguageError) -> ExpressionSyntax {
        var left = try parseNot()
        while let op = acceptKeyword("and") {
            let right = try parseNot()
            left = try node(.binary(.and, left, right), left.range.union(right.range), reportAt: op.range)
        }
        return left
    }

    mutating func parseNot() throws(LanguageError) -> ExpressionSyntax {
        guard current.isName("not") else { return try parseComparison() }
        let op = advance()
        let operand = try nested { (parser: inout Parser) throws(LanguageError) in try parser.parseNot() }
        return try node(.unary(.not, operand), op.range.union(operand.range))
    }

    mutating func parseComparison() throws(LanguageError) -> ExpressionSyntax {
        let first = try parseBitwise(0)
        var links: [ComparisonLink] = []
        while let op = acceptComparisonOperator() {
            links.append(ComparisonLink(op: op, operand: try parseBitwise(0)))
        }
        guard let last = links.last else { return first }
        return try node(.comparison(first, links), first.range.union(last.operand.range))
    }

    mutating func acceptComparisonOperator() -> ComparisonOperator? {
        if case .symbol(let text) = current.kind, let op = ComparisonOperator(rawValue: text) {
            _ = advance()
            return op
        }
        if current.isName("in") {
            _ = advance()
            return .in
        }
        if current.isName("not"), peek(1).isName("in") {
            position += 2
            return .notIn
        }
        if current.isName("is") {
            _ = advance()
            return acceptKeyword("not") != nil ? .isNot : .is
        }
        return nil
    }

    /// `|`, then `^`, then `&`, each looser than `+ -` and tighter than comparisons, as in Python:
    /// `(a > 1) & (a < 3)` needs its brackets there too.
    mutating func parseBitwise(_ level: Int) throws(LanguageError) -> ExpressionSyntax {
        let symbols = ["|", "^", "&"]
        guard level < symbols.count else { return try parseArithmetic() }
        var left = try parseBitwise(level + 1)
        while let op = accept(symbols[level]) {
            let right = try parseBitwise(level + 1)
            left = try node(
                .binary(BinaryOperator(rawValue: symbols[level])!, left, right),
                left.range.union(right.range),
                reportAt: op.range)
        }
        return left
    }

    mutating func parseArithmetic() throws(LanguageError) -> ExpressionSyntax {
        var left = try parseTerm()
        while case .symbol(let text) = current.kind, text == "+" || text == "-" {
            let op = advance()
            let right = try parseTerm()
            left = try node(
                .binary(BinaryOperator(rawValue: text)!, left, right), left.range.union(right.range),
                reportAt: op.range)
        }
        return left
    }

    mutating func parseTerm() throws(LanguageError) -> ExpressionSyntax {
        var left = try parseFactor()
        while case .symbol(let text) = current.kind, ["*", "/", "//", "%", "@"].contains(text) {
            let op = advance()
            let right = try parseFactor()
            left = try node(
                .binary(BinaryOperator(rawValue: text)!, left, right), left.range.union(right.range),
                reportAt: op.range)
        }
        return left
    }

    /// Unary `-`/`+`, which bind looser than `**`: `-x**2` is `-(x**2)`.
    mutating func parseFactor() throws(LanguageError) -> ExpressionSyntax {
        guard case .symbol(let text) = current.kind, text == "-" || text == "+" || text == "~" else {
            return try parsePower()
        }
        let op = advance()
        let operand = try nested { (parser: inout Parser) throws(LanguageError) in try parser.parseFactor() }
        let unary: UnaryOperator = text == "-" ? .negate : text == "+" ? .plus : .invert
        return try node(.unary(unary, operand), op.range.union(operand.range))
    }

    /// `a ** b`, right-associative; the exponent may carry its own sign (`2 ** -1`).
    mutating func parsePower() throws(LanguageError) -> ExpressionSyntax {
        let base = try parsePostfix()
        guard let op = accept("**") else { return base }
        let exponent = try nested { (parser: inout Parser) throws(LanguageError) in try parser.parseFactor() }
        return try node(.binary(.power, base, exponent), base.range.union(exponent.range), reportAt: op.range)
    }

    /// An atom followed by any calls, subscripts and attributes.
    mutating func parsePostfix() throws(LanguageError) -> ExpressionSyntax {
        var expression = try parseAtom()
        while true {
            if let open = accept("(") {
                let (arguments, close) = try nested { (parser: inout Parser) throws(LanguageError) in
                    try parser.parseArguments()
                }
                expression = try node(
                    .call(expression, arguments), expression.range.union(close.range), reportAt: open.range)
            } else if let open = accept("[") {
                let (items, close) = try nested { (parser: inout Parser) throws(LanguageError) in
                    try parser.parseSubscriptItems()
                }
                expression = try node(
                    .subscript(expression, items), expression.range.union(close.range), reportAt: open.range)
            } else if let dot = accept(".") {
                guard case .name(let name) = current.kind else {
                    throw unexpected(expected: .attributeName)
                }
                let nameToken = advance()
                expression = try node(
                    .attribute(expression, name: name, nameRange: nameToken.range),
                    expression.range.union(nameToken.range), reportAt: dot.range)
            } else {
                return expression
            }
        }
    }

    /// Arguments after `(`, through the closing `)`.
    mutating func parseArguments() throws(LanguageError) -> ([ArgumentSyntax], Token) {
        var arguments: [ArgumentSyntax] = []
        while !current.isSymbol(")") {
            if let stars = accept("**") {
                let value = try parseExpression()
                arguments.append(
                    ArgumentSyntax(
                        name: nil, nameRange: stars.range, isSpread: true, value: value, isKeywordSpread: true
                    ))
            } else if accept("*") != nil {
                let value = try parseExpression()
                arguments.append(ArgumentSyntax(name: nil, nameRange: nil, isSpread: true, value: value))
            } else if case .name(let name) = current.kind, peek(1).isSymbol("="),
                !Self.keywords.contains(name)
            {
                let nameToken = advance()
                _ = advance()
                if arguments.contains(where: { $0.name == name }) {
                    throw LanguageError(
                        .syntax, .said(.repeatedKeyword, ["name": .text(name)]), at: nameToken.range)
                }
                let value = try parseExpression()
                arguments.append(
                    ArgumentSyntax(name: name, nameRange: nameToken.range, isSpread: false, value: value))
            } else {
                let start = current.range
                var value = try parseExpression()
                if current.isName("for") {
                    // `sum(p.numel() for p in ps)`: a generator as the only argument.
                    value = try parseComprehension(.generator, element: value, from: start)
                    guard arguments.isEmpty, current.isSymbol(")") else {
                        throw LanguageError(.syntax, .said(.generatorParentheses, [:]), at: value.range)
                    }
                }
                if arguments.contains(where: { $0.name != nil || $0.isKeywordSpread }) {
                    throw LanguageError(
                        .syntax, .said(.positionalAfterKeyword, [:]), at: start.union(value.range))
                }
                arguments.append(ArgumentSyntax(name: nil, nameRange: nil, isSpread: false, value: value))
            }
            if accept(",") == nil { break }
        }
        let close = try expect(")", .argumentListSeparator)
        return (arguments, close)
    }

    /// Items after `[`, through the closing `]`.
    mutating func parseSubscriptItems() throws(LanguageError) -> ([SubscriptItem], Token) {
        var items: [SubscriptItem] = []
        repeat {
            if current.isSymbol("]") { break }
            items.append(try parseSubscriptItem())
        } while accept(",") != nil
        let close = try expect("]", .subscriptSeparator)
        if items.isEmpty { throw LanguageError(.syntax, .said(.emptyIndex, [:]), at: close.range) }
        return (items, close)
    }

    mutating func parseSubscriptItem() throws(LanguageError) -> SubscriptItem {
        let startToken = current
        var start: ExpressionSyntax?
        if !current.isSymbol(":") {
            start = try parseExpression()
            guard current.isSymbol(":") else { return .index(start!) }
        }
        var end = advance().range
        var stop: ExpressionSyntax?
        var step: ExpressionSyntax?
        if !isSliceBoundary {
            stop = try parseExpression()
            end = stop!.range
        }
        if let colon = accept(":") {
            end = colon.range
            if !isSliceBoundary {
                step = try parseExpression()
                end = step!.range
            }
        }
        return .slice(start: start, stop: stop, step: step, range: startToken.range.union(end))
    }

    var isSliceBoundary: Bool { current.isSymbol(",") || current.isSymbol("]") || current.isSymbol(":") }

    mutating func parseAtom() throws(LanguageError) -> ExpressionSyntax {
        let token = current
        switch token.kind {
        case .integer(let value):
            _ = advance()
            return try node(.integer(value), token.range)
        case .float(let value):
            _ = advance()
            return try node(.float(value), token.range)
        case .string, .formatString:
            return try parseStrings()
        case .name(let name):
            switch name {
            case "True", "False":
                _ = advance()
                return try node(.bool(name == "True"), token.range)
            case "None":
                _ = advance()
                return try node(.none, token.range)
            case _ where Self.unsupportedKeywords[name] != nil:
                throw LanguageError(.syntax, .statement(.unsupportedKeyword(name)), at: token.range)
            case _ where Self.keywords.contains(name):
                throw unexpected(expected: .expression)
            default:
                _ = advance()
                return try node(.name(name), token.range)
            }
        case .symbol("..."):
            _ = advance()
            return try node(.ellipsis, token.range)
        case .symbol("("):
            return try nested { (parser: inout Parser) throws(LanguageError) in
                try parser.parseParenthesized()
            }
        case .symbol("["):
            return try nested { (parser: inout Parser) throws(LanguageError) in try parser.parseList() }
        case .symbol("{"):
            return try nested { (parser: inout Parser) throws(LanguageError) in try parser.parseBraces() }
        default:
            throw unexpected(expected: .expression)
        }
    }

    /// `( … )`: grouping, or a tuple when there is a comma or nothing inside.
    mutating func parseParenthesized() throws(LanguageError) -> ExpressionSyntax {
        let open = advance()
        if let close = accept(")") { return try node(.tuple([]), open.range.union(close.range)) }
        let first = try parseExpression()
        if current.isName("for") {
            var generator = try parseComprehension(.generator, element: first, from: open.range)
            generator.range = open.range.union(try expect(")", .closingParenthesis).range)
            return generator
        }
        if let close = accept(")") {
            var grouped = first
            grouped.range = open.range.union(close.range)
            return grouped
        }
        var items = [first]
        while accept(",") != nil {
            if current.isSymbol(")") { break }
            items.append(try parseExpression())
        }
        let close = try expect(")", .tupleSeparator)
        return try node(.tuple(items), open.range.union(close.range))
    }

    /// `[a, b, …]`.
    mutating func parseList() throws(LanguageError) -> ExpressionSyntax {
        let open = advance()
        var items: [ExpressionSyntax] = []
        while !current.isSymbol("]") {
            items.append(try parseExpression())
            if items.count == 1, current.isName("for") {
                var comprehension = try parseComprehension(.list, element: items[0], from: open.range)
                comprehension.range = open.range.union(try expect("]", .closingBracket).range)
                return comprehension
            }
            if accept(",") == nil { break }
        }
        let close = try expect("]", .listSeparator)
        return try node(.list(items), open.range.union(close.range))
    }
}
