import Testing
import Wording

@testable import Grading

/// Answers with the expected value that are formulas agreeing with the reference only at the
/// setup's numbers fail, with a point where they differ; correct formulas written otherwise —
/// and numbers worked out from the setup's — still pass.
@Suite struct FormulaCoincidenceTests {
    /// A pooling size: 33 × 33, window 4, stride 2 — (33 − 4) // 2 + 1 = 15.
    let pool = FormulaCatalogue(sources: ["(H - K) // S + 1"], integers: ["H": 33, "K": 4, "S": 2])
    /// A transposed convolution's size where K − S − 2P = −1: (10 − 1) · 2 − 4 + 5 = 19 = 10 · 2 − 1.
    let transposed = FormulaCatalogue(
        sources: ["(H_in - 1) * S - 2 * P + K"], integers: ["H_in": 10, "K": 5, "S": 2, "P": 2])
    /// A padded size: 9 + 2 · 5 − 3 + 1 = 17, which n + p + f also is.
    let padded = FormulaCatalogue(sources: ["n + 2 * p - f + 1"], integers: ["n": 9, "p": 5, "f": 3])

    @Test func aFormulaInTheNamesEqualOnlyHereFails() throws {
        let found = try #require(pool?.coincidence("H // S - 1"))
        // H // S − 1 is (H − K) // S + 1 only where K = 2S: moving K shows it.
        #expect(found.reading == nil)
        #expect(found.moves == [.init(name: "K", value: 4, other: 6)])
        #expect(found.answer == .int(15))
        #expect(found.expected == .int(14))
        #expect(transposed?.coincidence("H_in * S - 1") != nil)
        #expect(padded?.coincidence("n + p + f") != nil)
        // Two names of one value move apart: K and D swapped is right only while K = D.
        let dilated = FormulaCatalogue(sources: ["H - D * (K - 1)"], integers: ["H": 20, "K": 3, "D": 3])
        #expect(dilated?.coincidence("H - K * (D - 1)") != nil)
        #expect(dilated?.coincidence("H - D * K + D") == nil)
    }

    @Test func aFormulaTypedInNumbersIsReadAsTheNames() throws {
        let found = try #require(padded?.coincidence("9 + 5 + 3"))
        #expect(found.reading == "n + p + f")
        #expect(!found.moves.isEmpty)
        // The + 1 inside the division, typed in numbers: right only because 15 is odd.
        let stride = FormulaCatalogue(
            sources: ["(n + 2 * p - f) // s + 1"], integers: ["n": 14, "f": 5, "p": 3, "s": 2])
        #expect(stride?.coincidence("(14 + 2 * 3 - 5 + 1) / 2") != nil)
        #expect(stride?.coincidence("(14 + 2 * 3 - 5) // 2 + 1") == nil)
        // A number worked out another way (16 is no name nor part of the reference) is not read.
        #expect(stride?.coincidence("16 // 2") == nil)
    }

    @Test func correctFormulasWrittenOtherwisePass() {
        #expect(pool?.coincidence("(H - K + S) // S") == nil)
        #expect(pool?.coincidence("math.floor((H - K) / S) + 1") == nil)
        #expect(pool?.coincidence("int((H - K) / S + 1)") == nil)
        #expect(transposed?.coincidence("S * (H_in - 1) + K - 2 * P") == nil)
        // A number worked out from the setup's: 4 is 2 * P, 2 is f − 1.
        #expect(transposed?.coincidence("(H_in - 1) * S + K - 4") == nil)
        #expect(padded?.coincidence("n + 2 * p - 2") == nil)
        // `/` where the reference floors an exact division: right here, as before.
        let doubling = FormulaCatalogue(sources: ["(K - S) // 2"], integers: ["K": 4, "S": 2])
        #expect(doubling?.coincidence("(K - S) / 2") == nil)
        #expect(doubling?.coincidence("K // 2 - S // 2") == nil)
        #expect(doubling?.coincidence("S // 2") != nil)
        // Kernels stay odd where the reference halves K − 1.
        let same = FormulaCatalogue(sources: ["(f - 1) // 2"], integers: ["f": 7])
        #expect(same?.coincidence("f // 2") == nil)
        // A division exact at the setup stays exact: G divides C_in at every point.
        let grouped = FormulaCatalogue(
            sources: ["C_out * (C_in // G) * K * K"], integers: ["C_in": 32, "C_out": 64, "K": 3, "G": 4])
        #expect(grouped?.coincidence("C_in * C_out // G * K * K") == nil)
        #expect(grouped?.coincidence("C_in // G * C_out // G * K * K * G") == nil)
    }

    @Test func theStoryIsSaidInEveryLanguage() throws {
        let found = try #require(padded?.coincidence("9 + 5 + 3"))
        let phrase = GradingText().coincidence(found)
        let english = Language("en").say(phrase)
        #expect(english.contains("`n + p + f`"))
        #expect(english.contains("`p` = 7 instead of 5"))
        let korean = Language("ko").say(phrase)
        #expect(korean.contains("`n + p + f`"))
        #expect(korean.contains("`p`가 5 대신 7"))
        #expect(!korean.contains("instead"))
    }
}
