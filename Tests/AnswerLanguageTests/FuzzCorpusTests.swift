import CNN
import Foundation
import TestSupport
import Testing
import Wording

@testable import AnswerLanguage

/// The fixed-seed part of `make fuzz`, inside the test suite: every input of the committed corpus
/// (`Fuzz/corpus/answer`, seeded from the docs, the lessons and Solutions/) and every minimised
/// reproduction of a past crash or hang (`Fuzz/regressions/answer`), each also mutated the same
/// seeded ways, runs to a value or an error under tight limits — so a crash found once stays found.
@Suite struct FuzzCorpusTests {
    /// `make fuzz`'s limits for the answer target, with a shorter time limit: the corpus has the
    /// lessons' training runs, which only need to start.
    static let options = EvaluationOptions(maxElements: 100_000, maxBytes: 20_000_000, timeLimit: 0.05)

    static func survive(_ bytes: [UInt8]) {
        let interpreter = Interpreter(options: options)
        interpreter.bind("x", .tensor(Tensor(1.5)))
        do {
            _ = try interpreter.run(bytes: bytes).description
        } catch {
            let source = String(decoding: bytes, as: UTF8.self)
            _ = error.diagnostic(source: source, fileName: "fuzz", language: Language("en"))
            _ = error.diagnostic(source: source, fileName: "fuzz", language: Language("ko"))
        }
    }

    /// libFuzzer's simplest mutations, seeded: erase, insert a byte or a token, flip a bit,
    /// duplicate a slice, splice in another input.
    static func mutate(_ input: [UInt8], others: [[UInt8]], using generator: inout SeededGenerator) -> [UInt8]
    {
        let tokens = ["(", ")", "[", "]", ",", "**", "2**62", "-1", "0", "1e308", ".sum(1)", "*", "@"]
        var bytes = input
        for _ in 0..<Int.random(in: 1...3, using: &generator) {
            let position = Int.random(in: 0...bytes.count, using: &generator)
            switch Int.random(in: 0..<5, using: &generator) {
            case 0 where position < bytes.count:
                bytes.removeSubrange(
                    position..<min(bytes.count, position + Int.random(in: 1...8, using: &generator)))
            case 1:
                let token = tokens.randomElement(using: &generator) ?? "("
                bytes.insert(contentsOf: Array(token.utf8), at: position)
            case 2 where position < bytes.count:
                bytes[position] ^= 1 << UInt8.random(in: 0..<8, using: &generator)
            case 3 where position < bytes.count:
                let end = min(bytes.count, position + Int.random(in: 1...16, using: &generator))
                bytes.insert(contentsOf: bytes[position..<end], at: end)
            default:
                let other = others.randomElement(using: &generator) ?? []
                let cut = Int.random(in: 0...other.count, using: &generator)
                bytes = Array(bytes[..<position]) + Array(other[cut...])
            }
        }
        return bytes
    }

    @Test func theCorpusIsThere() {
        #expect(FuzzCorpus.inputs("corpus/answer").count >= 100)
        #expect(FuzzCorpus.inputs("regressions/answer").count >= 10)
    }

    @Test func everyRegressionEndsWithAnErrorOrAValue() {
        for input in FuzzCorpus.inputs("regressions/answer") { Self.survive(input) }
    }

    @Test func theCorpusAndTwoMutationsOfEachSurvive() {
        let corpus = FuzzCorpus.inputs("corpus/answer") + FuzzCorpus.inputs("regressions/answer")
        var generator = SeededGenerator(seed: 12)
        for input in corpus {
            Self.survive(input)
            for _ in 0..<2 { Self.survive(Self.mutate(input, others: corpus, using: &generator)) }
        }
    }
}
