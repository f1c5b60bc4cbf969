import Testing
import Wording

@testable import Grading

/// A formula no misconception explains is told where it is written otherwise than the reference
/// (the factors or terms that differ, the rest the same), and a generic change is told only of an
/// answer written as the change is.
@Suite struct FormulaDifferenceTests {
    /// A strided convolution's multiply-adds: (32 + 4 − 5) // 2 + 1 = 16 positions a side.
    let strided = FormulaCatalogue(
        sources: ["((H + 2 * P - K) // S + 1) ** 2 * C_out * C_in * K * K"],
        integers: ["H": 32, "K": 5, "S": 2, "P": 2, "C_in": 16, "C_out": 32])
    /// A depthwise-separable block's share of a plain convolution's multiply-adds.
    let separable = FormulaCatalogue(
        sources: ["(C * K * K + C * C_out) / (C * C_out * K * K)"], integers: ["C": 32, "C_out": 64, "K": 3])

    @Test func aFactorWrittenOtherwise() throws {
        let found = try #require(strided?.difference("((H + 2 * P) // S) ** 2 * C_out * C_in * K * K"))
        #expect(found.answer?.source == "((H + 2 * P) // S) ** 2")
        #expect(found.reference?.source == "((H + 2 * P - K) // S + 1) ** 2")
        #expect(found.place == .whole)
        let said = try #require(GradingText().difference(found, values: strided?.quantities ?? [:]))
        #expect(Language("en").say(said).contains("(= 324)"))
        #expect(Language("en").say(said).contains("(= 256)"))
        #expect(!Language("ko").say(said).contains("calculation"))
    }

    @Test func aTermAddedAndAFactorLeftOutOfTheDivisor() throws {
        let depthwise = FormulaCatalogue(
            sources: ["H * H * C * K * K"], integers: ["H": 14, "C": 32, "K": 3])
        let bias = try #require(depthwise?.difference("H * H * C * K * K + H * H * C"))
        #expect(bias.answer?.source == "H * H * C")
        #expect(bias.reference == nil)
        #expect(bias.isTerm)
        let divisor = try #require(separable?.difference("(C * K * K + C * C_out) / (C_out * K * K)"))
        #expect(divisor.answer == nil)
        #expect(divisor.reference?.source == "C")
        #expect(divisor.place == .divisor)
        #expect(!divisor.isTerm)
    }

    @Test func nothingIsToldWithoutSharedParts() {
        // Nothing in common: "the rest is the same" would say nothing.
        #expect(separable?.difference("C + K") == nil)
        // A term subtracted would need its sign said.
        #expect(strided?.difference("((H + 2 * P - K) // S + 1) ** 2 * C_out * C_in * K * K - C_in") == nil)
        // The reference itself, reordered, differs nowhere.
        #expect(strided?.difference("C_in * C_out * K * K * ((H + 2 * P - K) // S + 1) ** 2") == nil)
    }

    @Test func aGenericChangeIsToldOnlyAsWritten() {
        // `(a + b) / (C * C_out)` is the mutant `(a + b) / (C * C_out * K / K)` (a division for a
        // product) at every point, but it leaves K² out of the divisor: not that change.
        guard case .explained(let mutants)? = separable?.explain("(C * K * K + C * C_out) / (C * C_out)")
        else {
            return
        }
        #expect(!mutants.contains { $0.changes.contains { $0.misconception == .divideForMultiply } })
    }
}
