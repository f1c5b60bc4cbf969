import AnswerLanguage
import Foundation
import Testing
import Wording

/// A Korean session shows no English sentence of the tool's own: every erroring input below (syntax,
/// names, arguments, operators, engine refusals) is reported in Korean, as `eval --lang ko` and the
/// REPL print it; only code, names, numbers and shapes stay as typed.
@Suite struct KoreanErrorsTests {
    static let erroring = [
        "torch.cat([ones(2, 3), ones(3, 2)], dim=1)",
        "torch.stack([ones(2), ones(3)])",
        "ones(2, 3).permute(0)",
        "ones(2, 3).view(-1, -1)",
        "F.pad(ones(1, 1, 2, 2), (1,))",
        "F.mse_loss(ones(2), ones(3))",
        "F.cross_entropy(ones(2, 3), tensor([0, 5]))",
        "ones(2, requires_grad=True).sum(); (ones(2, requires_grad=True) * 2).backward()",
        "ones(2).item()",
        "[1, 2][5]",
        "len(3)",
        "ones(2).backward()",
        "x = ones(2); y = x * 2; y.backward(ones(3))",
        "ones(2, 3) + ones(4)",
        "ones(2, 3) @ ones(4, 5)",
        "conv2d(ones(1, 3, 5, 5), ones(1, 1, 3, 3))",
        "conv2d(ones(1, 1, 2, 2), ones(1, 1, 3, 3))",
        "conv2d(ones(1, 1, 5, 5), ones(1, 1, 3, 3), stride=0)",
        "conv2d(ones(1, 1, 5, 5), ones(1, 1, 3, 3), stride=2, padding='same')",
        "nn.Conv2d(1, 1, 3, stride=2, padding='same')",
        "ones(2, 3).reshape(4, 2)",
        "ones(2).sum(dim=3)",
        "ones(2)[5]",
        "F.linear(ones(2, 4), ones(2, 3))",
        "nn.Sequential(nn.Conv2d(3, 4, 3))(ones(1, 1, 5, 5))",
        "zeros(100000, 100000)",
        "max_pool2d(ones(1, 1, 2, 2), 3)",
        "conv2d(ones(5, 5), ones(3, 3))",
        "conv2d(ones(1, 1, 5, 5), ones(1, 1, 3, 3), padding='sam')",
        "nn.Linear(3, 2)(ones(2, 4))",
        "nn.BatchNorm2d(3)(ones(1, 2, 4, 4))",
        "ones(2, 3).transpose(0, 5)",
        "ones(2, 3).squeeze(4)",
        "ones(2, 3).unsqueeze(5)",
        "ones(2, 3).expand(4, 4)",
        "ones(2, 3)[0, 0, 0]",
        "ones(2, 3).flatten(3)",
        "softmax(ones(2, 3), dim=2)",
        "ones(2, 3).mean(dim=(0, 0))",
        "1 / 0",
        "'a' + 1",
        "{'a': 1}['b']",
        "ones(-1)",
        "zeros(2, 3).sum(dim=1, keepdim=3)",
        "F.max_pool2d(ones(1, 1, 4, 4), 2, stride=0)",
        "avg_pool2d(ones(1, 1, 4, 4), 5)",
        "nn.Conv2d(0, 1, 3)",
        "F.relu(ones(2), inplace=1)",
        "torch.tensor([[1, 2], [3]])",
        "ones(2, 3).split(0)",
        "digits(split='foo')",
        // Python's own slips on plain values (a typo'd attribute, unpacking, iterating, indexing,
        // calling a layer, @ on numbers, assigning to a call or a comparison).
        "[1, 2].foo",
        "x = 1; x.shape",
        "a, b = 3",
        "for i in 3: pass",
        "5[0]",
        "[1, 2][1, 2]",
        "[1, 2]['a']",
        "nn.ReLU()(3)",
        "nn.ReLU()(ones(1), ones(1))",
        "3 // 0",
        "2 @ 3",
        "f(x) = 3",
        "x == 3 = 4",
        "zeros(3)['a']",
        "zeros(3)[::-1]",
        "x = [1]; x['a'] = 2",
        "x = [1]; x[5] = 2",
        "[1, 2][::0]",
        "[1, 2]['a':]",
        "l = nn.Linear(2, 2); l.weight = zeros(2, 2)",
        "range(1, 2, 0)",
        "for i in range(1, 2, 0): pass",
        "for v in tensor(1.): pass",
        "with 3: pass",
        "{1, 2}",
        "torch.no_grad()()",
        "if zeros(3) > 0: pass",
        "-'a'",
        "[1] < 'a'",
        "f = lambda a: a; f()",
        "zeros(2, dim=1, dim=2)",
        "zeros(3)[]",
        "x = ones(2, requires_grad=True); x.numpy()",
        "torch.optim.SGD(ones(2), lr=0.1)",
        "torch.optim.SGD([], lr=0.1)",
        "nn.Sequential(relu)",
        "len(tensor(1.))",
        "int('x')",
        "float('x')",
        "list(tensor(1.))",
        "max([])",
        "max([1, 'a'])",
        "a, b = [1, 2, 3]",
        "a, b, c = [1, 2]",
        "x = zeros(2); x += zeros(3, 2)",
        "c = nn.Conv2d(1, 1, 3); c.stride = 2",
        "zeros(size=1, 2)",
        "1 + 2 = 3",
        "3x",
        "99999999999999999999",
        "zeros(2, 'a')",
        "@f\ndef g(): pass",
        "if 1: for i in [1]: pass",
        "def f(a=1, b): pass",
        "a, b += 1",
        "from torch import *",
        "sum(x for x in [1], 2)",
        "2 ** 70",
        "9223372036854775807 + 1",
        "1.0 % 0.0",
        "0.0 ** -1",
        "(-2.0) ** 0.5",
        "1 in 'abc'",
        "1 in 3",
        "class A(nn.Module):\n    def __init__(self):\n        return 1\nA()",
        "class B: pass",
        "class C(nn.Module):\n    pass\nC(1)",
        "super(1, 2)",
        "super()",
        "x = [1]; x[0, 1] = 2",
        "{'a': 1}['a', 'b']",
        "t = (1, 2); t[0] = 3",
        "t = (1, 2); del t[0]",
        "nn.ModuleList([relu])",
        "train(nn.Linear(2, 1), (ones(4, 2), ones(4, 1)), epochs=0)",
        "train(nn.Linear(2, 1), (ones(4, 2), ones(4, 1)), batch_size=0)",
        "F.pad(ones(1, 1, 2, 2), (1, 1, 1, 1), mode='mirror')",
        "F.mse_loss(ones(2), ones(2), reduction='avg')",
        "nn.Conv2d(1, 1, 3, padding_mode='mirror')",
        "[].pop()",
        "[1].pop(5)",
        "[1].remove(2)",
        "[1].index(2)",
        "f = lambda **k: k; f(**[1])",
        "f = lambda **k: k; f(a=1, **{'a': 2})",
        "f = lambda *a: a; f(*3)",
        "{x for x in [1]}",
    ]

    /// Three English words in a row, once quoted code and bracketed shapes are set aside.
    static func englishSentence(in line: String) -> String? {
        var text = line
        for pattern in [#"'[^']*'"#, #"\[[^\]]*\]"#, #"`[^`]*`"#] {
            text = text.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
        }
        guard
            let range = text.range(
                of: #"[A-Za-z]{2,} [A-Za-z]{2,} [A-Za-z]{2,}"#, options: .regularExpression)
        else { return nil }
        return String(text[range])
    }

    @Test func thereAreEnoughInputs() { #expect(Self.erroring.count >= 48) }

    @Test(arguments: erroring)
    func saidInKorean(_ source: String) throws {
        let error = try #require(#expect(throws: LanguageError.self) { try Interpreter().run(source) })
        let header = error.diagnostic(source: source, language: "ko").split(separator: "\n")[0]
        #expect(Self.englishSentence(in: String(header)) == nil, "\(header)")
        // The English report says the same from the same catalogs.
        #expect(error.message(in: .english) == error.message)
    }
}
