/// Comprehensions, dict and set displays, and strings (including f-strings).
extension Parser {
    /// The `for … in … if …` clauses after `element`; `start` is where the brackets open.
    mutating func parseComprehension(
        _ kind: Comprehension.Kind, element: ExpressionSyntax, from start: SourceRange
    )
        throws(LanguageError) -> ExpressionSyntax
    {
        var clauses: [Comprehension.Clause] = []
        var end = element.range
        while let keyword = acceptKeyword("for") {
            let target = try parseTargetList(before: "in")
            guard acceptKeyword("in") != nil else {
                throw unexpected(expected: .comprehensionIn)
            }
            let iterable = try parseOr()
            clauses.append(.for(target, iterable))
            end = keyword.range.union(iterable.range)
            while acceptKeyword("if") != nil {
                let condition = try parseOr()
                clauses.append(.if(condition))
                end = condition.range
            }
        }
        return try node(
            .comprehension(Comprehension(kind: kind, element: element, clauses: clauses)), start.union(end))
    }

    /// `{…}`: a dict (`{}`, `{'a': 1}`), a set (`{1, 2}`) or a dict or set comprehension.
    mutating func parseBraces() throws(LanguageError) -> ExpressionSyntax {
        let open = advance()
        if let close = accept("}") { return try node(.dict([]), open.range.union(close.range)) }
        if current.isSymbol("**") {
            throw LanguageError.said(.syntax, .dictDisplaySpread, at: current.range)
        }
        let first = try parseExpression()
        if accept(":") != nil {
            let value = try parseExpression()
            if current.isName("for") {
                var comprehension = try parseComprehension(
                    .dict(key: first), element: value, from: open.range)
                comprehension.range = open.range.union(try expect("}", .closingBrace).range)
                return comprehension
            }
            var items = [DictItemSyntax(key: first, value: value)]
            while accept(",") != nil {
                if current.isSymbol("}") { break }
                let key = try parseExpression()
                _ = try expect(":", .dictColon)
                items.append(DictItemSyntax(key: key, value: try parseExpression()))
            }
            let close = try expect("}", .dictSeparator)
            return try node(.dict(items), open.range.union(close.range))
        }
        if current.isName("for") {
            var comprehension = try parseComprehension(.set, element: first, from: open.range)
            comprehension.range = open.range.union(try expect("}", .closingBrace).range)
            return comprehension
        }
        var items = [first]
        while accept(",") != nil {
            if current.isSymbol("}") { break }
            items.append(try parseExpression())
        }
        let close = try expect("}", .setSeparator)
        return try node(.set(items), open.range.union(close.range))
    }

    /// Adjacent string literals, joined as Python joins them (`'a' f'{b}'`).
    mutating func parseStrings() throws(LanguageError) -> ExpressionSyntax {
        var pieces: [FormattedPiece] = []
        var range = current.range
        var isFormatted = false
        while true {
            switch current.kind {
            case .string(let text):
                pieces.append(.literal(text))
            case .formatString(let raw):
                isFormatted = true
                pieces += try formatted(raw)
            default:
                if !isFormatted {
                    let text = pieces.map { piece -> String in
                        if case .literal(let text) = piece { return text }
                        return ""
                    }.joined()
                    return try node(.string(text), range)
                }
                return try node(.formatted(pieces), range)
            }
            range = range.union(advance().range)
        }
    }

    /// An f-string's pieces with each field's tokens parsed as an expression.
    mutating func formatted(_ raw: [FormatPiece]) throws(LanguageError) -> [FormattedPiece] {
        var result: [FormattedPiece] = []
        for piece in raw {
            switch piece {
            case .literal(let text):
                result.append(.literal(text))
            case .field(let tokens, let conversion, let spec, let debugText, _):
                var inner = Parser(tokens: tokens, options: options)
                inner.nesting = nesting + 1
                let expression = try inner.parseTupleOrExpression()
                guard inner.current.kind == .end else {
                    throw inner.unexpected(expected: .formatFieldEnd)
                }
                result.append(
                    .field(
                        expression, conversion: conversion, spec: try formatted(spec), debugText: debugText))
            }
        }
        return result
    }
}
