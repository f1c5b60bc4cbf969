import CNN
import Foundation
import Testing
import Wording

@testable import AnswerLanguage

/// Integer tensors keep their elements as floating point: after int64 overflows (PyTorch wraps
/// around) they hold 2⁶³ and past it, infinities and NaN, and `Int(value)` traps on each. Every
/// place an element becomes an `Int` must say so or refuse it as out of range instead.
@Suite struct IntegerOverflowInputTests {
    /// Overflowed integer tensors of each kind: past 2⁶³, infinite, negative infinite.
    static let overflowed = [
        "torch.tensor([2**62]) * 4", "torch.tensor([10]) ** 400", "torch.tensor([-10]) ** 401",
        "torch.tensor([2**62, 4]).prod()", "torch.tensor([2**62]).cumsum(0) * 4",
    ]

    /// Each use of an element as an int, a count or an index.
    static let uses = [
        "x.item()", "x & 1", "x | 1", "x ^ 1", "torch.zeros(5)[x]", "torch.zeros(5)[x[0]]", "x.bincount()",
        "torch.zeros(3).index_put_((x,), torch.tensor(1.), accumulate=True)",
        "torch.zeros(3).index_put_((x,), torch.tensor(1.))", "torch.zeros(3).gather(0, x)",
        "torch.repeat_interleave(torch.ones(1), x)", "'%d' % x.item()", "f'{x.item()}'",
        "torch.zeros(3).scatter(0, x, 1.)", "torch.zeros(3).scatter_add(0, x, torch.ones(1))",
        "torch.zeros(3).index_select(0, x)", "torch.zeros(3).index_add_(0, x, torch.ones(1))", "F.one_hot(x)",
        "torch.ones(3)[x.item():]", "torch.full((2,), x.item())", "torch.ones(4).narrow(0, x, 1)", "x",
        "x.tolist()", "int(x)", "torch.zeros(3).take(x)",
    ]

    @Test func everyUseOfAnOverflowedElementEndsWithAValueOrAMessage() throws {
        for made in Self.overflowed {
            for use in Self.uses {
                let source = "x = \(made)\n\(use)"
                let interpreter = Interpreter(options: EvaluationOptions(timeLimit: 5))
                do {
                    _ = try interpreter.run(source)
                } catch {
                    let korean = error.diagnostic(source: source, fileName: "t", language: Language("ko"))
                    #expect(error.range != nil, "\(source): no location")
                    #expect(!korean.isEmpty)
                }
            }
        }
    }

    @Test func itemOfAnOverflowedIntegerSaysSo() throws {
        let error = #expect(throws: LanguageError.self) {
            try Interpreter().run("x = torch.tensor([2**62]) * 4\nx.item()")
        }
        #expect(error?.message.hasPrefix("an int64 tensor holds 1.84e+19, past what int64 holds") == true)
        #expect(error?.range?.lowerBound.line == 2)
        let korean = try #require(error?.message(in: Language("ko")))
        #expect(korean.contains("오버플로"))
    }

    @Test func int64sLargestValueIsItself() throws {
        #expect(try Interpreter().run("torch.tensor([9223372036854775807]).item()") == .int(.max))
        #expect(try Interpreter().run("torch.tensor([-9223372036854775807 - 1]).item()") == .int(.min))
    }

    @Test func theLargestIntAsASequenceIndexIsOutOfRange() {
        for source in [
            "[1][9223372036854775807]", "'ab'[9223372036854775807]", "(1, 2)[9223372036854775807]",
            "torch.ones(2, 3).shape[9223372036854775807]",
        ] {
            let error = #expect(throws: LanguageError.self, "\(source)") { try Interpreter().run(source) }
            #expect(error?.message.contains("index 9223372036854775807 is out of range") == true, "\(source)")
        }
    }

    @Test func anOverflowedIndexIsOutOfBounds() {
        let error = #expect(throws: LanguageError.self) {
            try Interpreter().run("x = torch.tensor([10]) ** 400\ntorch.zeros(3).index_select(0, x)")
        }
        #expect(error?.message == "index 9223372036854775807 is out of bounds for dimension 0 with size 3")
    }

    @Test func bitOperationsHoldToInt64() throws {
        #expect(try Interpreter().run("((torch.tensor([2**62]) * 4) & 1).item()") == .int(1))
    }

    @Test func aHugeInterpolationIsRefusedBeforeItsPositionsAreListed() {
        for source in [
            "F.interpolate(torch.ones(1, 1, 2, 2), scale_factor=1e10)",
            "F.interpolate(torch.ones(1, 1, 2, 2), scale_factor=1e300)",
            "F.interpolate(torch.ones(1, 1, 2, 2), size=[10**12, 1])",
        ] {
            let error = #expect(throws: LanguageError.self, "\(source)") { try Interpreter().run(source) }
            #expect(error?.kind == .limit, "\(source)")
        }
    }

    @Test func aLoaderOfAMillionBatchesStopsAtTheTimeLimit() {
        let error = #expect(throws: LanguageError.self) {
            try Interpreter(options: EvaluationOptions(timeLimit: 0.3)).run(
                "from torch.utils.data import DataLoader, TensorDataset\n"
                    + "d = DataLoader(TensorDataset(torch.ones(10**6, 1)), batch_size=1)\n"
                    // The loader makes its batches when a loop walks it (a new order each epoch).
                    + "for batch in d:\n    pass\n")
        }
        #expect(error?.kind == .timeLimit)
    }

    @Test func anAccumulationTooLargeIsRefusedFirst() {
        let error = #expect(throws: LanguageError.self) {
            try Interpreter().run(
                "x = torch.arange(5.)\n"
                    + "x.index_put_((torch.zeros(10**7, dtype=torch.long),), torch.tensor(1.), accumulate=True)"
            )
        }
        #expect(error?.kind == .limit)
    }
}
