import AnswerLanguage
import Testing
import Wording

@testable import Grading

/// Edits of a formula's quantities and coefficients (`MutantGenerator+Quantities`): each tells an
/// answer that is that formula at every point, and none tells an answer written otherwise that
/// only lands on the same numbers. Setups are the elsewhere course's and the shipped course's
/// sizes; every expected story is the answer's formula compared with the reference's, worked out
/// by hand in the comment beside it.
@Suite struct FormulaQuantityEditsTests {
    func ids(_ catalogue: FormulaCatalogue?, _ answer: String) -> [String]? {
        guard case .explained(let mutants)? = catalogue?.explain(answer) else { return nil }
        return mutants.map { $0.changes.map(\.misconception.rawValue).sorted().joined(separator: "+") }
    }

    let valid = FormulaCatalogue(sources: ["n - f + 1"], integers: ["n": 9, "f": 3])
    let pool = FormulaCatalogue(sources: ["(H - K) // S + 1"], integers: ["H": 33, "K": 4, "S": 2])
    let stride = FormulaCatalogue(
        sources: ["(n + 2 * p - f) // s + 1"], integers: ["n": 14, "f": 5, "p": 3, "s": 2])
    let same = FormulaCatalogue(sources: ["(f - 1) // 2"], integers: ["f": 7])

    @Test func windowsThatDoNotOverlap() {
        // (n − f) // f + 1 is n // f for every n ≥ f: the kernel moved by its own width.
        #expect(ids(valid, "n // f") == ["stride-as-window"])
        // (n − f) / f + 1 is n / f: the same, and not rounded down.
        #expect(ids(valid, "n / f") == ["floor-forgotten+stride-as-window"])
        // (H − K) // K + 1 is H // K: the stride S taken as the window K.
        #expect(ids(pool, "H // K") == ["stride-as-window"])
    }

    @Test func dilationTakenAsStride() {
        // H − D(K − 1) with D as 1 is H − K + 1 positions; stepping D at a time, (H − K) // D + 1.
        let dilated = FormulaCatalogue(sources: ["H - D * (K - 1)"], integers: ["H": 20, "K": 3, "D": 3])
        #expect(ids(dilated, "(H - K) // D + 1") == ["stride-for-dilation"])
    }

    @Test func nameForNameOnlyAsWritten() {
        #expect(ids(stride, "(n + 2 * p - f) // p + 1") == ["name-for-name"])
        #expect(ids(stride, "(n + 2 * p - s) // s + 1") == ["name-for-name"])
        // The same formula written with p + p for 2 * p is not told as p for s.
        #expect(ids(stride, "(n + p + p - f) // p + 1") != ["name-for-name"])
        // The said change quotes both names: what is written and what belongs there.
        guard case .explained(let mutants)? = stride?.explain("(n + 2 * p - f) // p + 1") else {
            Issue.record("not explained")
            return
        }
        let sentence = Language.english.say(
            GradingText().mutants(
                MutantGroup(mutants: mutants, value: .int(6)), answer: "6", sizes: true))
        #expect(sentence.contains("`p` where `s` belongs"))
    }

    @Test func countOffByOne() {
        let stacked = FormulaCatalogue(sources: ["L * (K - 1) + 1"], integers: ["L": 4, "K": 3])
        #expect(ids(stacked, "(L - 1) * (K - 1) + 1") == ["count-off-by-one"])
        #expect(ids(stacked, "(L + 1) * (K - 1) + 1") == ["count-off-by-one"])
        // Told alone: K · S is K + K(S − 1) with its − 1 dropped, but a product of two sizes is
        // not a count moved and a − 1 dropped.
        let strided = FormulaCatalogue(sources: ["K + (K - 1) * S"], integers: ["K": 5, "S": 3])
        #expect(ids(strided, "K * S")?.contains { $0.contains("count-off-by-one") } != true)
        // Told only as written: C_in · C_out + C_out + C_in is C_in · (C_out + 1) + C_out, but
        // the answer writes no C_out + 1 (it adds a bias per input to one per output).
        let mixing = FormulaCatalogue(sources: ["C_in * C_out + C_out"], integers: ["C_in": 64, "C_out": 32])
        #expect(ids(mixing, "C_in * C_out + C_out + C_in") == nil)
    }

    @Test func roundedUp() {
        #expect(Formula.parse("math.ceil(7 / 2)")?.evaluate([:]) == .int(4))
        #expect(Formula.parse("math.floor(-7 / 2)")?.evaluate([:]) == .int(-4))
        // ceil((n + 2p − f) / s) is (n + 2p − f) // s + 1 wherever s does not divide the
        // numerator, as at every point here; the answer rounds up, it does not add one.
        #expect(ids(stride, "math.ceil((n + 2 * p - f) / s) + 1") == ["ceil-for-floor"])
        #expect(ids(stride, "(n + 2 * p - f) // s") == ["plus-one-dropped"])
    }

    @Test func onesAndCoefficientsOnlyAsWritten() {
        #expect(ids(same, "(f - 1) // 2 + 1") == ["plus-one-added"])
        #expect(ids(same, "(7 - 1) // 2 + 1") == ["plus-one-added"])
        #expect(ids(same, "(f - 1) // 2 * 2") == ["formula-doubled"])
        // (f + 1) // 2 is (f − 1) // 2 + 1 for every f, but it is written with a plus for the minus.
        #expect(ids(same, "(f + 1) // 2") == ["plus-for-minus"])
        // A − 1 moved out of the division is not "left out" and "added".
        #expect(ids(same, "f // 2 - 1") == nil)
        let norm = FormulaCatalogue(sources: ["2 * C"], integers: ["C": 64])
        // 4C is 2 · (2C), but the answer doubles nothing; C is 2C with its factor 2 dropped.
        #expect(ids(norm, "4 * C") != ["formula-doubled"])
        #expect(ids(norm, "C") == ["factor-dropped"])
    }

    @Test func workedOutPartsOfALiteralReference() {
        // 4 is 5 − 1 worked out: ten layers' shrink counted twice, and halved.
        let ten = FormulaCatalogue(sources: ["64 - 10 * (5 - 1)"], integers: [:])
        #expect(ids(ten, "64 - 2 * 10 * 4") == ["term-counted-twice"])
        #expect(ids(ten, "64 - 10 * (5 - 1) / 2") == ["term-halved"])
        // 3 is no part of the reference: nothing to tell.
        #expect(ids(ten, "64 - 10 * 3") == nil)
        // A pool ignored is not a term halved and a − 1 added, whatever the two come to.
        let pooled = FormulaCatalogue(sources: ["3 + (2 - 1) * 1 + (3 - 1) * 2"], integers: [:])
        #expect(ids(pooled, "3 + 3 - 1") == nil)
    }
}
