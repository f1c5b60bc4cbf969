import Testing
import Wording

@testable import AnswerLanguage

/// Python's statements and blocks as the parser reads them.
@Suite struct StatementParserTests {
    /// Source → the statements' S-expressions. The block structure of each row is the one
    /// `ast.dump(ast.parse(source))` shows in Python 3.12.
    @Test(arguments: [
        ("if a:\n    b\nelif c:\n    d\nelse:\n    e", "(if a [b] elif c [d] else [e])"),
        ("if a: b; c\nd", "(if a [b; c]); d"),
        ("for i in range(3):\n    x += i", "(for i in (call range 3) [(+= x i)])"),
        ("for i, (a, b) in xs:\n    pass", "(for (tuple i (tuple a b)) in xs [(pass)])"),
        ("for x in 1, 2:\n    pass", "(for x in (tuple 1 2) [(pass)])"),
        ("while n > 0:\n    n -= 1\nelse:\n    done", "(while (compare n > 0) [(-= n 1)] else [done])"),
        ("def f(a, b=2, *args, c, **kw):\n    return a", "(def f (a b=2 *args kw:c **kw) [(return a)])"),
        ("def f(x: int) -> int:\n    return x", "(def f (x) [(return x)])"),
        (
            "class B(nn.Module):\n    def forward(self, x):\n        return x",
            "(class B ((. nn Module)) [(def forward (self x) [(return x)])])"
        ),
        ("with torch.no_grad():\n    y = x", "(with (call (. torch no_grad)) [(= y x)])"),
        ("with a as b, c:\n    pass", "(with a as b c [(pass)])"),
        ("import torch.nn as nn", "(import torch.nn as nn)"),
        ("from torch import nn, optim as o", "(import from torch nn optim as o)"),
        ("x[:, 0] = 1", "(= (index x :: 0) 1)"),
        ("self.conv = c", "(= (. self conv) c)"),
        ("x **= 2; y //= 3; z @= w", "(**= x 2); (//= y 3); (@= z w)"),
        ("_, predicted = torch.max(out, 1)", "(= (tuple _ predicted) (call (. torch max) out 1))"),
        ("assert x > 0, 'positive'", "(assert (compare x > 0) 'positive')"),
        ("del xs[0], d", "(del (index xs 0) d)"),
        ("[x * 2 for x in xs if x]", "(listcomp (* x 2) for x in xs if x)"),
        (
            "sum(p.numel() for p in m.parameters())",
            "(call sum (genexp (call (. p numel)) for p in (call (. m parameters))))"
        ),
        ("{k: v for k, v in d.items()}", "(dictcomp k: v for (tuple k v) in (call (. d items)))"),
        ("{'a': 1, 'b': 2}", "{'a': 1 'b': 2}"),
        ("f'{x:.3f} and {n:>4} {v!r}'", "(f {x:'.3f'} ' and ' {n:'>4'} ' ' {v!r})"),
        ("f'{{literal}} {x=}'", "(f '{literal} ' {x= x!r})"),
        ("f'{x:{width}}'", "(f {x:{width}})"),
        ("r'\\d' + '''two\nlines'''", "(+ '\\d' 'two\nlines')"),
        ("    x = 1\n    y = 2", "(= x 1); (= y 2)"),
        ("if a:\n    # comment\n\n    b\nc", "(if a [b]); c"),
        ("if a:\n\tb\n\tc", "(if a [b; c])"),
        ("x: int = 3", "(= x 3)"),
        ("f(*args, **kwargs)", "(call f *args *kwargs)"),
        ("def f(*, a):\n    pass", "(def f (kw:a) [(pass)])"),
        ("lambda *xs: xs", "(lambda (xs) xs)"),
    ])
    func parses(source: String, expected: String) throws {
        #expect(try Parser.parse(source).description == expected)
    }

    /// Source → (line, column, start of the message). Lines and columns are where Python 3.12
    /// reports the same mistake, except where our message names the block header.
    @Test(arguments: [
        ("x = 1\n    y = 2", 2, 1, "unexpected indent"),
        ("if a:\nb", 2, 1, "expected an indented block after the 'if' on line 1"),
        ("for i in x:\n", 2, 1, "expected an indented block after the 'for' on line 1"),
        ("if a:\n        b\n    c", 3, 1, "this line's indentation matches no block above it"),
        ("if a\n    b", 1, 5, "expected ':' at the end of the line"),
        ("for i x:\n    pass", 1, 7, "expected 'in'"),
        ("while True:\n    pass\nbreak", 3, 1, "'break' outside a loop"),
        ("def f():\n    pass\nreturn 1", 3, 1, "'return' outside a function"),
        ("else:\n    pass", 1, 1, "'else' without an 'if'"),
        (
            "try:\n    pass", 1, 1,
            "expected a statement, found 'try' (exceptions are not part of the answer language"
        ),
        ("x = f'{'", 1, 8, "f-string: expecting '}'"),
        ("f'{}'", 1, 3, "f-string: an expression is needed"),
        ("f'a } b'", 1, 5, "f-string: a single '}' is not allowed"),
        ("'''never closed", 1, 1, "this string is never closed: add a '''"),
        ("b'bytes'", 1, 1, "bytes literals"),
        ("a, b += 1", 1, 1, "'+=' needs one target"),
        ("def f(a=1, b):\n    pass", 1, 12, "parameter 'b' without a default follows one with a default"),
        ("from numpy import *", 1, 19, "'from … import *' is not supported"),
        ("if a: if b: c", 1, 7, "a 'if' block cannot follow ':' on the same line"),
        ("sum(x for x in xs, 1)", 1, 5, "a generator expression must be in parentheses"),
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

    @Test func deeplyNestedBlocksAreATooDeepErrorNotACrash() {
        var source = ""
        for depth in 0..<500 {
            source += String(repeating: " ", count: depth) + "if x:\n"
        }
        source += String(repeating: " ", count: 500) + "pass\n"
        let error = #expect(throws: LanguageError.self) { try Parser.parse(source) }
        #expect(error?.kind == .limit)
    }

    @Test func thousandsOfNestedFormatSpecsAreAnErrorNotAStackOverflow() {
        let source =
            "f'{x:" + String(repeating: "{x:", count: 3000) + String(repeating: "}", count: 3001) + "'"
        let error = #expect(throws: LanguageError.self) { try Parser.parse(source) }
        #expect(error?.message.hasPrefix("f-string: expressions nested too deeply") == true)
    }

    @Test func blockErrorsAreSaidInKorean() throws {
        let error = #expect(throws: LanguageError.self) { try Parser.parse("if a:\nb") }
        #expect(error?.message(in: Language("ko")).hasPrefix("1번째 줄의 'if' 다음에는 들여 쓴 블록이 와야 합니다") == true)
        let indent = #expect(throws: LanguageError.self) { try Parser.parse("x = 1\n  y = 2") }
        #expect(indent?.message(in: Language("ko")).hasPrefix("예상하지 못한 들여쓰기입니다") == true)
    }

    @Test func boundNamesCoverBlocksDefinitionsAndImports() throws {
        let program = try Parser.parse(
            """
            import torch.nn as nn
            def f(x):
                y = x
            class B(nn.Module):
                pass
            for i, (a, b) in xs:
                if a:
                    z = 1
            """)
        #expect(program.statements.flatMap(\.boundNames) == ["nn", "f", "B", "i", "a", "b", "z"])
    }
}
