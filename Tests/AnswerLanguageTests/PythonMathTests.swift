import Testing

@testable import AnswerLanguage

/// Python's `math` module, `torch.Size` and `torch.numel`: spellings learners type in formula and
/// shape answers that the language used to refuse (the blind corpus's correct phrasings). Expected
/// values are Python 3's and PyTorch's for the same expressions.
@Suite struct PythonMathTests {
    @Test func mathGivesPythonsNumbers() throws {
        let interpreter = Interpreter()
        try interpreter.run("n = 14; f = 5; p = 3; s = 2")
        // Python: math.floor((14 + 6 - 5) / 2) + 1 == 8 (an int); math.ceil(7.5) == 8.
        #expect(try interpreter.run("math.floor((n + 2 * p - f) / s) + 1") == .int(8))
        #expect(try interpreter.run("math.ceil((n + 2 * p - f) / s)") == .int(8))
        #expect(try interpreter.run("math.floor(-0.5)") == .int(-1))
        #expect(try interpreter.run("math.trunc(-2.7)") == .int(-2))
        #expect(try interpreter.run("math.floor(tensor(2.5))") == .int(2))
        // math.prod of ints is an int, of a shape too; a float factor makes it a float.
        #expect(try interpreter.run("math.prod(zeros(2, 3, 4).shape)") == .int(24))
        #expect(try interpreter.run("math.prod([2, 3], start=2)") == .int(12))
        #expect(try interpreter.run("math.prod([2, 0.5])") == .float(1.0))
        #expect(try interpreter.run("math.prod([])") == .int(1))
        #expect(try interpreter.run("math.pow(2, 10)") == .float(1024))
        #expect(try interpreter.run("math.exp(0) / (1 + math.exp(0)) ** 2") == .float(0.25))
        #expect(try interpreter.run("math.sqrt(16)") == .float(4))
        #expect(try interpreter.run("math.log(8, 2)") == .float(3))
        #expect(try interpreter.run("math.log10(1000)") == .float(3))
        #expect(try interpreter.run("math.fabs(-3)") == .float(3))
        #expect(try interpreter.run("math.pi") == .float(Double.pi))
    }

    @Test func importMathBindsTheModule() throws {
        let interpreter = Interpreter()
        try interpreter.run("import math as m")
        #expect(try interpreter.run("m.floor(3.9)") == .int(3))
        try interpreter.run("from math import ceil")
        #expect(try interpreter.run("ceil(3.1)") == .int(4))
    }

    @Test func outOfDomainIsRefusedAsPythonRefusesIt() throws {
        let interpreter = Interpreter()
        // Python: ValueError: math domain error; OverflowError: math range error / cannot convert
        // float infinity to integer.
        for source in [
            "math.sqrt(-1)", "math.log(0)", "math.log(2, 1)", "math.pow(-8, 1 / 3)", "math.pow(0, -1)",
            "math.exp(1000)", "math.floor(math.inf)", "math.ceil(math.nan)", "math.prod([2 ** 40, 2 ** 40])",
            "math.floor('a')", "math.prod(['a'])",
        ] {
            #expect(throws: LanguageError.self, "\(source)") { try interpreter.run(source) }
        }
    }

    @Test func torchSizeAndNumel() throws {
        let interpreter = Interpreter()
        #expect(try interpreter.run("torch.Size([1, 32, 4, 4])") == .shape([1, 32, 4, 4]))
        #expect(try interpreter.run("torch.Size([8, 3, 5]) == (8, 3, 5)") == .bool(true))
        #expect(try interpreter.run("zeros(2, 3).shape == torch.Size((2, 3))") == .bool(true))
        #expect(try interpreter.run("torch.numel(zeros(2, 3, 4))") == .int(24))
        #expect(try interpreter.run("zeros(2, 3, 4).numel()") == .int(24))
    }
}
