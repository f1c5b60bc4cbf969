import CNN
import Foundation
import Testing

@testable import AnswerLanguage

/// Python's statements as the interpreter runs them. Each expected result is what Python 3.12
/// (with PyTorch 2.x for the tensor rows) shows for the same code: the value of the last line,
/// or what `print` wrote when the code ends with a statement.
@Suite struct StatementEvaluationTests {
    @Test(arguments: [
        // Augmented assignment and unpacking.
        ("x = 1\nx += 2\nx *= 3\nx -= 1\nx", "8"),
        ("x = 7\nx //= 2\nx **= 2\nx %= 5\nx", "4"),
        ("x = 1\nx /= 4\nx", "0.25"),
        ("a, b = 1, 2\na, b = b, a\na, b", "(2, 1)"),
        ("(a, b), c = (1, 2), 3\na + b + c", "6"),
        ("first, second = 'ab'\nsecond", "'b'"),
        ("xs = [1, 2, 3]\nxs[0] += 10\nxs[-1] = 0\nxs", "[11, 2, 0]"),
        ("xs = [1, 2, 3, 4]\nxs[1:3] = [9]\nxs", "[1, 9, 4]"),
        ("d = {'a': 1}\nd['b'] = 2\nd['a'] += 5\nd", "{'a': 6, 'b': 2}"),
        // if / elif / else.
        ("x = 5\nif x > 3:\n    y = 'big'\nelif x > 1:\n    y = 'mid'\nelse:\n    y = 'small'\ny", "'big'"),
        ("x = 2\nif x > 3:\n    y = 'big'\nelif x > 1:\n    y = 'mid'\nelse:\n    y = 'small'\ny", "'mid'"),
        ("x = 0\nif x: y = 1\nelse: y = 2\ny", "2"),
        // Loops.
        ("total = 0\nfor i in range(5):\n    total += i\ntotal", "10"),
        ("total = 0\nfor i in range(10, 0, -3):\n    total += i\ntotal", "22"),
        ("out = []\nfor i, c in enumerate('ab'):\n    out.append((i, c))\nout", "[(0, 'a'), (1, 'b')]"),
        ("out = []\nfor a, b in zip([1, 2, 3], 'xy'):\n    out.append(b * a)\nout", "['x', 'yy']"),
        ("n = 0\nwhile True:\n    n += 1\n    if n >= 5:\n        break\nn", "5"),
        (
            "evens = []\nfor i in range(6):\n    if i % 2:\n        continue\n    evens.append(i)\nevens",
            "[0, 2, 4]"
        ),
        ("for i in range(3):\n    pass\nelse:\n    i = 'done'\ni", "'done'"),
        ("for i in range(3):\n    break\nelse:\n    i = 'done'\ni", "0"),
        ("n = 3\nwhile n:\n    n -= 1\nelse:\n    n = 'over'\nn", "'over'"),
        ("for i in range(3):\n    print(i)", "0\n1\n2"),
        ("for k in {'a': 1, 'b': 2}:\n    print(k)", "a\nb"),
        ("s = 0\nfor row in [[1, 2], [3, 4]]:\n    for v in row:\n        s += v\ns", "10"),
        // def: defaults, keywords, *args, **kwargs, closures, recursion, global.
        ("def f(a, b=2):\n    return a * b\nf(3), f(3, b=4), f(b=1, a=5)", "(6, 12, 5)"),
        ("def f(*args, **kw):\n    return len(args), sorted(kw)\nf(1, 2, z=3, y=4)", "(2, ['y', 'z'])"),
        ("def f(x):\n    if x > 0:\n        return 'pos'\n    return 'neg'\nf(1), f(-1)", "('pos', 'neg')"),
        ("def f():\n    pass\nf() is None", "True"),
        ("def fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\nfib(15)", "610"),
        (
            "def outer():\n    x = 1\n    def inner():\n        return x + 1\n    x = 10\n    return inner()\nouter()",
            "11"
        ),
        (
            "def counter():\n    n = 0\n    def step():\n        nonlocal n\n        n += 1\n        return n\n    return step\nc = counter()\nc()\nc()",
            "2"
        ),
        ("total = 0\ndef add(v):\n    global total\n    total += v\nadd(3)\nadd(4)\ntotal", "7"),
        ("x = 'global'\ndef f():\n    x = 'local'\n    return x\nf(), x", "('local', 'global')"),
        ("def f(a, *, key):\n    return a + key\nf(1, key=2)", "3"),
        ("square = lambda v: v * v\nsquare(7)", "49"),
        // Comprehensions and generators.
        ("[i * i for i in range(5) if i % 2 == 0]", "[0, 4, 16]"),
        ("[(i, j) for i in range(2) for j in range(i + 1)]", "[(0, 0), (1, 0), (1, 1)]"),
        ("{w: len(w) for w in ['ab', 'c']}", "{'ab': 2, 'c': 1}"),
        ("int(sum(len(w) for w in ['ab', 'cde']))", "5"),
        ("any(x > 2 for x in [1, 3]), all(x > 2 for x in [1, 3])", "(True, False)"),
        ("i = 'outer'\n[i for i in range(2)]\ni", "'outer'"),
        ("sorted([3, 1, 2], reverse=True), list(reversed([1, 2]))", "([3, 2, 1], [2, 1])"),
        ("sorted(['bb', 'a', 'ccc'], key=len)", "['a', 'bb', 'ccc']"),
        // f-strings and format.
        ("x = 3.14159\nf'{x:.3f}'", "'3.142'"),
        ("f'{42:>6}|{42:<4}|{42:^6}|{42:06}'", "'    42|42  |  42  |000042'"),
        ("f'{1234567:,} {0.256:.1%} {255:x} {255:#b} {3:+d}'", "'1,234,567 25.6% ff 0b11111111 +3'"),
        ("f'{1e-5:g} {123.456:e} {2.5:.3} {3.0:.3}'", "'1e-05 1.234560e+02 2.5 3.0'"),
        ("name = 'conv'\nf'{name!r} {name:>6} {name=}'", "\"'conv'   conv name='conv'\""),
        ("w = 8\nf'[{7:{w}}]'", "'[       7]'"),
        ("f'{{}} {[1, 2]} {None}'", "'{} [1, 2] None'"),
        ("'{} + {:.1f} = {total}'.format(1, 2.25, total=3)", "'1 + 2.2 = 3'"),
        ("', '.join(['a', 'b']).upper()", "'A, B'"),
        // Other statements.
        ("x = [1, 2, 3]\ndel x[0]\nx", "[2, 3]"),
        ("assert 1 < 2, 'fine'\n'ok'", "'ok'"),
        ("pass", "None"),
        (
            "import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\nfrom torch import nn as N\nN is nn and F.relu is torch.nn.functional.relu",
            "True"
        ),
        ("print('a', 1, sep='-', end='!')", "a-1!"),
        // Tensors in loops, item assignment, augmented assignment.
        (
            "x = torch.zeros(2, 3)\nx[:, 0] = 1\nx[1, 1:3] = torch.tensor([5., 6.])\nx",
            "tensor([[1., 0., 0.],\n        [1., 5., 6.]])"
        ),
        (
            "x = torch.ones(2, 2)\nx += 1\nx *= torch.tensor([1., 2.])\nx",
            "tensor([[2., 4.],\n        [2., 4.]])"
        ),
        (
            "k = torch.zeros(3, 3)\nk[1] = 1\nk[..., 2] = 2\nk",
            "tensor([[0., 0., 2.],\n        [1., 1., 2.],\n        [0., 0., 2.]])"
        ),
        (
            "rows = []\nfor row in torch.arange(6.).reshape(3, 2):\n    rows.append(row.sum().item())\nrows",
            "[1.0, 5.0, 9.0]"
        ),
        ("with torch.no_grad():\n    y = torch.ones(2, requires_grad=True) * 2\ny.requires_grad", "False"),
        (
            "x = torch.ones(2, requires_grad=True)\nwith torch.no_grad():\n    inner = torch.is_grad_enabled()\ninner, torch.is_grad_enabled()",
            "(False, True)"
        ),
        ("loss = torch.tensor(0.123456)\nf'loss {loss:.3f}'", "'loss 0.123'"),
    ])
    func runs(source: String, expected: String) throws {
        #expect(try Interpreter().run(source).description == expected)
    }

    /// Source → (line, column, start of the message) of the runtime error: multi-line code
    /// reports the line and column inside the block.
    @Test(arguments: [
        ("def f(x):\n    return x + undefined\nf(1)", 2, 16, "unknown name 'undefined'"),
        ("for i in range(3):\n    y = i / 0", 2, 9, "division by zero"),
        // An integer tensor divided by zero raises, as in PyTorch, instead of holding ±inf or NaN
        // that an index then cannot convert (this trapped the process).
        ("y = zeros(3)\ny[arange(2) // 0]", 2, 3, "integer division or modulo by zero"),
        ("arange(3) % 0", 1, 1, "integer division or modulo by zero"),
        ("def f(a, b):\n    return a\nf(1, 2, 3)", 3, 9, "f() takes 2 positional arguments but 3 were given"),
        ("def f(a):\n    return a\nf()", 3, 1, "f() is missing the required argument 'a'"),
        ("def f(a):\n    return a\nf(b=1)", 3, 3, "f() got an unknown keyword argument 'b'"),
        ("def f():\n    x += 1\nf()", 2, 5, "local name 'x' is read before this function assigns it"),
        ("a, b = [1, 2, 3]", 1, 1, "too many values to unpack (expected 2, got 3)"),
        ("a, b, c = 1, 2", 1, 1, "not enough values to unpack (expected 3, got 2)"),
        ("x = 5\nassert x < 3, 'x is too big'", 2, 1, "assertion failed: x is too big"),
        ("import numpy as np", 1, 8, "no NumPy here: use tensor(...)"),
        ("import torchvision", 1, 8, "no torchvision here"),
        ("from torch import nothing", 1, 19, "'torch.nothing' is not available here"),
        ("x = np.zeros(3)", 1, 5, "no NumPy here"),
        ("quit", 1, 1, "to leave, type :quit"),
        ("next", 1, 1, "to go on to the next part of the lesson, type :next"),
        ("help", 1, 1, "the tutor's commands are listed by :help"),
        ("for v in 5:\n    pass", 1, 10, "'int' object is not iterable"),
        (
            "w = torch.ones(2, requires_grad=True)\nw -= 1", 2, 1,
            "a leaf tensor that requires grad cannot be changed in place"
        ),
        (
            "x = torch.ones(2)\nx += torch.ones(2, 2)", 2, 1,
            "output with shape [2] doesn't match the broadcast shape [2, 2]"
        ),
        (
            "x = torch.zeros(2, 3)\nx[:, 0] = torch.ones(3)", 2, 1,
            "shape mismatch: value tensor of shape [3] cannot be broadcast"
        ),
        ("f'{[1]:>3}'", 1, 4, "cannot format with '>3'"),
        ("with open('f'):\n    pass", 1, 6, "unknown name 'open'"),
        ("with 3:\n    pass", 1, 6, "'int' object cannot be used in 'with'"),
        ("class A:\n    pass", 1, 7, "classes here are layers: write class A(nn.Module):"),
        ("{1: 2}", 1, 2, "dict keys are strings here"),
        ("{1, 2}", 1, 1, "sets are not part of the answer language"),
    ])
    func fails(source: String, line: Int, column: Int, message: String) {
        #expect {
            try Interpreter().run(source)
        } throws: { error in
            guard let error = error as? LanguageError, let range = error.range else { return false }
            return range.lowerBound.line == line && range.lowerBound.column == column
                && error.message.hasPrefix(message)
        }
    }

    @Test func printedTextComesBeforeAValue() throws {
        let interpreter = Interpreter()
        #expect(try interpreter.run("print('step'); 1 + 1") == .int(2))
        #expect(interpreter.printed == "step\n")
        #expect(try interpreter.run("x = 3") == .none)
        #expect(interpreter.printed == "")
    }

    @Test func loopsAndComprehensionsBindInTheSession() throws {
        let interpreter = Interpreter()
        try interpreter.run("for i in range(3):\n    last = i * 10")
        #expect(interpreter["i"] == .int(2))
        #expect(interpreter["last"] == .int(20))
        try interpreter.run("squares = [j * j for j in range(3)]")
        #expect(interpreter["j"] == nil)
    }

    @Test func theClassicHandWrittenTrainingLoopUpdatesTheWeights() throws {
        // The loop PyTorch tutorials write before optimisers: w -= lr * w.grad under no_grad
        // keeps w a leaf with its gradient, and p -= … over model.parameters() changes the model.
        let interpreter = Interpreter()
        let loss = try interpreter.run(
            """
            w = torch.tensor([0.0, 0.0], requires_grad=True)
            x = torch.tensor([[1.0, 0.0], [0.0, 2.0]])
            target = torch.tensor([1.0, 2.0])
            for step in range(50):
                loss = ((x @ w - target) ** 2).mean()
                loss.backward()
                with torch.no_grad():
                    w -= 0.1 * w.grad
                w.grad = None
            loss.item()
            """)
        // The minimum is w = (1, 1); gradient descent with these steps gets within 1e-4 of it.
        #expect((loss.number ?? 1) < 1e-4)
        #expect(try interpreter.run("(w - 1).abs().max().item() < 1e-2") == .bool(true))
        #expect(try interpreter.run("w.requires_grad and w.is_leaf") == .bool(true))
        try interpreter.run(
            """
            model = nn.Conv2d(1, 1, 1)
            before = model.weight.clone()
            model(torch.ones(1, 1, 2, 2)).sum().backward()
            with torch.no_grad():
                for p in model.parameters():
                    p -= 0.5 * p.grad
            """)
        // d(sum of w·x + b)/dw over four pixels of ones is 4, so one step of 0.5 lowers w by 2.
        let change = try interpreter.run("(before - model.weight).item()").number ?? 0
        #expect(abs(change - 2) < 1e-6)
    }

    @Test func itemAssignmentIsDifferentiable() throws {
        // PyTorch: y = x * 1; y[0] = v  →  dy/dx is 0 at index 0, dy/dv is 1 there.
        let interpreter = Interpreter()
        try interpreter.run(
            """
            x = torch.ones(3, requires_grad=True)
            v = torch.tensor(5.0, requires_grad=True)
            y = x * 2
            y[0] = v * 3
            y.sum().backward()
            """)
        #expect(try interpreter.run("x.grad.tolist()") == .list([.float(0), .float(2), .float(2)]))
        #expect(try interpreter.run("v.grad.item()") == .float(3))
    }
}
