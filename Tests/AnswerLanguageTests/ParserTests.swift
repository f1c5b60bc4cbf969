import Testing

@testable import AnswerLanguage

@Suite struct ParserTests {
    /// Source → the tree's S-expression. Precedence and associativity follow Python's grammar
    /// (docs.python.org/3/reference/expressions.html#operator-precedence); each row was checked
    /// against `ast.dump(ast.parse(source))` in Python 3.
    @Test(arguments: [
        ("1 + 2 * 3", "(+ 1 (* 2 3))"),
        ("(1 + 2) * 3", "(* (+ 1 2) 3)"),
        ("1 - 2 - 3", "(- (- 1 2) 3)"),
        ("2 ** 3 ** 2", "(** 2 (** 3 2))"),
        ("-2 ** 2", "(neg (** 2 2))"),
        ("2 ** -1", "(** 2 (neg 1))"),
        ("-x.shape[0]", "(neg (index (. x shape) 0))"),
        ("a // b % c", "(% (// a b) c)"),
        ("x @ w + b", "(+ (@ x w) b)"),
        ("a < b <= c", "(compare a < b <= c)"),
        ("not a == b", "(not (compare a == b))"),
        ("a or b and not c", "(or a (and b (not c)))"),
        ("x.shape == (1, 1, 6, 6)", "(compare (. x shape) == (tuple 1 1 6 6))"),
        ("x[0, :, 1:3]", "(index x 0 :: 1:3:)"),
        ("x[..., ::2]", "(index x ... ::2)"),
        ("x[-1, None]", "(index x (neg 1) None)"),
        ("x[::-1]", "(index x ::(neg 1))"),
        ("x.sum(dim=1, keepdim=True)", "(call (. x sum) dim=1 keepdim=True)"),
        ("F.conv2d(x, w, stride=2, padding='same')", "(call (. F conv2d) x w stride=2 padding='same')"),
        ("f(*shape)", "(call f *shape)"),
        ("lambda x: conv2d(x, w).sum()", "(lambda (x) (call (. (call conv2d x w) sum)))"),
        ("lambda a, b=2: a * b", "(lambda (a b=2) (* a b))"),
        ("a if c else b", "(if c a b)"),
        ("[[1, 2], [3, 4]]", "[[1 2] [3 4]]"),
        ("(1,)", "(tuple 1)"),
        ("()", "(tuple)"),
        ("1e-3", "0.001"),
        (".5 + 5.", "(+ 0.5 5.0)"),
        ("1_000", "1000"),
        ("'a' \"b\"", "'ab'"),
        ("True and None", "(and True None)"),
        ("x in [1, 2]", "(compare x in [1 2])"),
        ("a is not None", "(compare a is not None)"),
        ("x = 1; y = x + 1", "(= x 1); (= y (+ x 1))"),
        ("a, b = 1, 2", "(= (tuple a b) (tuple 1 2))"),
        ("a = b = 3", "(= a b 3)"),
        ("f(\n  1,\n  2)\ng", "(call f 1 2); g"),
        ("x = 1 # comment\n\n\ny", "(= x 1); y"),
        ("x = 1 + \\\n 2", "(= x (+ 1 2))"),
        ("층 = 1", "(= 층 1)"),
    ])
    func parses(source: String, expected: String) throws {
        #expect(try Parser.parse(source).description == expected)
    }

    /// Source → (line, column, start of the message) of the error. Columns are where Python 3.12
    /// reports the same mistake, except where our message names the bracket that is open.
    @Test(arguments: [
        ("1 +", 1, 4, "expected an expression, found the end of the input"),
        ("x[", 1, 2, "'[' was never closed"),
        ("f(a=1, a=2)", 1, 8, "keyword argument 'a' is repeated"),
        ("(1 + 2", 1, 1, "'(' was never closed"),
        ("1 + 2)", 1, 6, "unmatched ')'"),
        ("[1, 2)", 1, 6, "closing ')' does not match opening '['"),
        ("f(x=1, 2)", 1, 8, "a positional argument cannot follow keyword arguments"),
        ("x y", 1, 3, "expected the end of the statement, found 'y'"),
        ("x[]", 1, 3, "an index is needed"),
        ("a $ b", 1, 3, "unexpected character '$'"),
        ("‘a’", 1, 1, "curly quote"),
        ("'abc", 1, 1, "this string is never closed"),
        ("x = \n1", 1, 5, "expected an expression, found the end of the statement"),
        ("break", 1, 1, "'break' outside a loop"),
        ("return 1", 1, 1, "'return' outside a function"),
        ("f(x) = 1", 1, 1, "cannot assign to a function call"),
        ("f(x) += 1", 1, 1, "cannot assign to a function call"),
        ("f(x == 1 = 2)", 1, 10, "expected ',' or ')' in the argument list, found '='"),
        ("1 if x", 1, 7, "expected 'else'"),
        ("lambda x x", 1, 10, "expected ':' after the lambda's parameters"),
        ("lambda x, x: 1", 1, 11, "parameter 'x' appears twice"),
        ("{1: 2", 1, 1, "'{' was never closed"),
        ("12abc", 1, 3, "invalid number"),
        ("99999999999999999999", 1, 1, "integer '99999999999999999999' is too large"),
        ("x.", 1, 3, "expected an attribute name after '.'"),
        ("a\nb c", 2, 3, "expected the end of the statement"),
    ])
    func rejects(source: String, line: Int, column: Int, message: String) {
        #expect {
            try Parser.parse(source)
        } throws: { error in
            guard let error = error as? LanguageError, let range = error.range else { return false }
            return range.lowerBound.line == line && range.lowerBound.column == column
                && error.message.hasPrefix(message)
        }
    }

    @Test func hundredThousandNestedParenthesesAreATooDeepErrorNotACrash() {
        let source = String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000)
        let error = #expect(throws: LanguageError.self) { try Parser.parse(source) }
        #expect(error?.kind == .limit)
        // The limit is 100 levels: the 101st parenthesis is the one that goes too deep.
        #expect(error?.range?.lowerBound.column == 101)
        #expect(error?.message == "expression is nested too deeply (more than 100 levels)")
    }

    @Test func unbalancedHundredThousandParenthesesNameTheOpenOne() {
        let source = String(repeating: "(", count: 100_000)
        let error = #expect(throws: LanguageError.self) { try Parser.parse(source) }
        #expect(error?.message == "'(' was never closed")
        #expect(error?.range?.lowerBound.column == 100_000)
    }

    @Test func longFlatChainsAreBoundedByTheNestingLimit() {
        // 1+1+…: left-nested without recursion, so only the node-height check stops it.
        let source = Array(repeating: "1", count: 50_000).joined(separator: "+")
        let error = #expect(throws: LanguageError.self) { try Parser.parse(source) }
        #expect(error?.kind == .limit)
        // The 101st '+' makes the tree 102 nodes tall: "1" then 101 × "+1" puts it at column 202.
        #expect(error?.range?.lowerBound.column == 202)
        let unaries = String(repeating: "-", count: 100_000) + "1"
        #expect(throws: LanguageError.self) { try Parser.parse(unaries) }
        let calls = "f" + String(repeating: "()", count: 100_000)
        #expect(throws: LanguageError.self) { try Parser.parse(calls) }
    }

    @Test func nestingUpToTheLimitParses() throws {
        let source = String(repeating: "(", count: 100) + "1" + String(repeating: ")", count: 100)
        #expect(try Parser.parse(source).description == "1")
        let list = String(repeating: "[", count: 99) + "1" + String(repeating: "]", count: 99)
        #expect(try Parser.parse(list).statements.count == 1)
    }

    @Test func aOneMegabyteLineIsRefusedByLengthWithItsColumn() {
        let source = String(repeating: "1,", count: 524_288)
        let error = #expect(throws: LanguageError.self) { try Parser.parse(source) }
        #expect(error?.kind == .input)
        #expect(error?.range?.lowerBound.column == ParserOptions().maxInputLength + 1)
    }

    @Test func aOneMegabyteLineParsesWhenTheLimitAllowsIt() throws {
        let text = String(repeating: "a", count: 1 << 20)
        let options = ParserOptions(maxInputLength: 2 << 20)
        let program = try Parser.parse("s = '\(text)'", options: options)
        guard case .assignment(_, let value) = program.statements.first, case .string(let parsed) = value.kind
        else {
            Issue.record("expected one string assignment, got \(program.statements.count) statements")
            return
        }
        #expect(parsed.utf8.count == 1 << 20)
    }

    @Test func invalidUTF8IsRefusedWithItsPosition() throws {
        let bytes: [UInt8] = Array("x = 1\ny = ".utf8) + [0xFF] + Array(" + 2".utf8)
        let error = #expect(throws: LanguageError.self) { try SourceText.decode(bytes) }
        #expect(error?.kind == .input)
        #expect(error?.range?.lowerBound.line == 2)
        #expect(error?.range?.lowerBound.column == 5)
        #expect(error?.message.contains("0xFF") == true)
        // A truncated multi-byte sequence (the first two bytes of '층', U+CE35) at the end.
        #expect(throws: LanguageError.self) { try SourceText.decode([0x78, 0xEC, 0xB8]) }
        #expect(try SourceText.decode(Array("층 = 1".utf8)) == "층 = 1")
    }

    @Test func expressionParserRefusesStatements() {
        #expect(throws: LanguageError.self) { try Parser.parseExpression("x = 1") }
        #expect(throws: LanguageError.self) { try Parser.parseExpression("x; y") }
        #expect(
            (try? Parser.parseExpression("answer.shape == (1, 2)"))?.description
                == "(compare (. answer shape) == (tuple 1 2))")
    }

    @Test func rangesCoverTheWholeExpression() throws {
        let expression = try Parser.parseExpression("  conv2d(x, w)  ")
        #expect(expression.range.lowerBound.column == 3)
        #expect(expression.range.upperBound.column == 15)
    }
}
