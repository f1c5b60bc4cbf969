import Testing
import Wording

@testable import Course
@testable import Grading

/// Numeric slips told from the answer's formula or typing: a quantity squared where it is doubled
/// or where it belongs once, a difference or a name halved (`FormulaCatalogue`); a rounding down,
/// a percentage, a power of ten typed for the expected value, one step too many (`** 2`), a count
/// put in an exponent (`PreparedExercise.repairStory`). Each story is tried on an answer it fits
/// and on one with the same value (or the same look) that it does not fit. Setups are the
/// shipped course's and the elsewhere course's numbers; every expected story is worked out by
/// hand in the comment beside it.
@Suite struct NumericSlipTests: StorySuite {
    func ids(_ catalogue: FormulaCatalogue?, _ answer: String) -> [String]? {
        guard case .explained(let mutants)? = catalogue?.explain(answer) else { return nil }
        return mutants.map { $0.changes.map(\.misconception.rawValue).sorted().joined(separator: "+") }
    }

    let padded = FormulaCatalogue(sources: ["n + 2 * p - f + 1"], integers: ["n": 28, "p": 3, "f": 5])
    let stride = FormulaCatalogue(
        sources: ["(n + 2 * p - f) // s + 1"], integers: ["n": 14, "f": 5, "p": 3, "s": 2])
    let valid = FormulaCatalogue(sources: ["n - f + 1"], integers: ["n": 9, "f": 3])
    let norm = FormulaCatalogue(sources: ["2 * C"], integers: ["C": 64])
    let growth = FormulaCatalogue(sources: ["K - 1"], integers: ["K": 7])
    let stacked = FormulaCatalogue(sources: ["L * (K - 1) + 1"], integers: ["L": 4, "K": 3])

    @Test func squaredWhereDoubled() {
        // n + p² − f + 1: the padding p · p where 2p belongs.
        #expect(ids(padded, "n + p * p - f + 1") == ["squared-for-doubled"])
        #expect(ids(padded, "n + p ** 2 - f + 1") == ["squared-for-doubled"])
        #expect(ids(stride, "(n + p * p - f) // s + 1") == ["squared-for-doubled"])
        #expect(ids(norm, "C ** 2") == ["squared-for-doubled"])
        #expect(ids(norm, "C * C") == ["squared-for-doubled"])
        // The same value at the setup's numbers (p² = 9 = 3p) written as three paddings is not
        // a square, even where the literal 3 may be read as p.
        #expect(ids(padded, "n + 3 * p - f + 1") != ["squared-for-doubled"])
        // A square that is not the doubled quantity's: n · n is no p · p.
        #expect(ids(padded, "n * n + 2 * p - f + 1")?.contains("squared-for-doubled") != true)
    }

    @Test func squaredWhereOnce() {
        // K² − 1: the kernel's area where its width K belongs.
        #expect(ids(growth, "K * K - 1") == ["name-squared"])
        #expect(ids(growth, "K ** 2 - 1") == ["name-squared"])
        #expect(ids(valid, "n - f * f + 1") == ["name-squared"])
        // Told alone: a term dropped on top of a square is too far from the answer's writing.
        let strided = FormulaCatalogue(sources: ["K + (K - 1) * S"], integers: ["K": 5, "S": 3])
        #expect(ids(strided, "K * K")?.contains { $0.contains("name-squared") } != true)
        // A factor of a product squared is that factor counted twice, not a square for a width.
        let depthwise = FormulaCatalogue(sources: ["C * K * K + C"], integers: ["C": 32, "K": 3])
        #expect(ids(depthwise, "C * C * K ** 2 + C")?.contains("name-squared") != true)
        // 48 written as a number is no square.
        #expect(ids(growth, "48") == nil)
    }

    @Test func differenceOrNameHalved() {
        // (n − f) / 2 + 1: the difference halved before its + 1.
        #expect(ids(valid, "(n - f) / 2 + 1") == ["term-halved"])
        // n − f / 2 + 1: half the kernel taken off.
        #expect(ids(valid, "n - f / 2 + 1") == ["term-halved"])
        #expect(ids(padded, "(n + 2 * p - f) / 2 + 1") == ["term-halved"])
        // Divided by 3 is not halved.
        #expect(ids(valid, "(n - f) / 3 + 1")?.contains("term-halved") != true)
    }

    @Test func powerWrittenAsItsFactors() {
        // C · K² + 1 is C · K · K + 1: one bias for all channels, the square written as a power.
        let depthwise = FormulaCatalogue(sources: ["C * K * K + C"], integers: ["C": 32, "K": 3])
        #expect(ids(depthwise, "C * K ** 2 + 1") == ids(depthwise, "C * K * K + 1"))
        #expect(ids(depthwise, "C * K ** 2 + 1") != nil)
        let effective = FormulaCatalogue(
            sources: ["D * (K - 1) + 1", "K + (K - 1) * (D - 1)"], integers: ["D": 3, "K": 5])
        // (D − 1) · K + 1: the roles of D and K swapped, written as the swap is.
        #expect(ids(effective, "(D - 1) * K + 1") == ["names-swapped"])
        // D + (K − 1)(D − 1) has the same value everywhere but is the alternative with one K
        // written as D, not the swap as written: not told as a swap.
        #expect(ids(effective, "D + (K - 1) * (D - 1)") != ["names-swapped"])
    }

    @Test func truncatedFormula() {
        // int((n − f) / s) + 1 is (n + 2 · 0 − f) // s + 1 for every size: the padding forgotten.
        #expect(ids(stride, "int((n - f) / s) + 1") == ["padding-forgotten"])
        // math.floor written out is told the same.
        #expect(ids(stride, "math.floor((n - f) / s) + 1") == ["padding-forgotten"])
    }

    @Test func countInAnExponent() {
        // K ** L grows by a factor K per layer; L(K − 1) + 1 by K − 1 per layer.
        #expect(stacked?.exponentCount(in: "K ** L") == "L")
        #expect(stacked?.exponentCount(in: "K ** (L - 1)") == "L")
        // Ten layers that each take 5 − 1 off, read as halving ten times.
        let ten = FormulaCatalogue(sources: ["64 - 10 * (5 - 1)"], integers: [:])
        #expect(ten?.exponentCount(in: "64 / 2 ** 10") == "10")
        // A power of the kernel alone (K ** 2): K is no count the reference grows evenly with.
        #expect(stacked?.exponentCount(in: "K ** 2 + L") == nil)
        // A reference that is itself a power: nothing grows evenly.
        let power = FormulaCatalogue(sources: ["K ** L"], integers: ["L": 4, "K": 3])
        #expect(power?.exponentCount(in: "L ** K") == nil)
    }

    // MARK: Stories from the typing

    let grader = Grader()

    func message(_ answer: String, _ exercise: Exercise, _ language: Language = .english) -> String {
        var options = GradingOptions()
        options.language = language
        return Grader(options: options).grade(answer, for: exercise).message
    }

    let window = TestExercises.make(
        .value, setup: "window = tensor([[2., 4.], [6., 9.]])", reference: "window.mean()")
    let slope = TestExercises.make(.value, reference: "0.5 * (1 - 0.5)")

    @Test func roundedDown() {
        #expect(finding("(2 + 4 + 6 + 9) // 4", window) == "floor-division")
        #expect(finding("window.sum() // 4", window) == "floor-division")
        #expect(finding("1 // 4", slope) == "floor-division")
        #expect(finding("int(window.mean())", window) == "truncated")
        #expect(message("int(window.mean())", window).contains("`int(…)`"))
        // The same value (5) from a sum divided by another count: undoing its `//` gives 7, not
        // the mean.
        #expect(finding("(2 + 4 + 6 + 9) // 3 - 2", window) != "floor-division")
        #expect(finding("5", window) != "floor-division")
    }

    @Test func percentage() {
        let ratio = TestExercises.make(.value, setup: "a = 3.0\nb = 4.0", reference: "a / b")
        #expect(finding("100 * a / b", ratio) == "percentage")
        // Told as the last step one too many, which is as true.
        #expect(["percentage", "extra-operation"].contains(finding("a / b * 100", ratio)))
        // 75 typed: the value alone, no factor of 100 written.
        #expect(finding("75", ratio) != "percentage")
        // A factor of 100 that divides is no percentage of this ratio.
        #expect(finding("a / (100 * b)", ratio) != "percentage")
        #expect(message("100 * a / b", ratio, Language("ko")).contains("100"))
    }

    @Test func orderOfMagnitude() {
        let power = TestExercises.make(.value, reference: "0.25 ** 20", tolerance: .init(rtol: 1e-4, atol: 0))
        #expect(finding("1e-12", power) == "order-of-magnitude")
        // 1e-13 is not the nearest power of ten to 9.09e-13.
        #expect(finding("1e-13", power) != "order-of-magnitude")
        // Computed, not typed: no rounding of a typed number.
        #expect(finding("10 ** -12", power) != "order-of-magnitude")
    }

    @Test func squaredAsALastStep() {
        let size = TestExercises.make(.value, setup: "n = 9\nf = 3", reference: "n - f + 1")
        #expect(finding("(n - f + 1) ** 2", size) == "extra-operation")
        // 49 typed: no part is the expected value.
        #expect(finding("49", size) != "extra-operation")
    }

    @Test func exponentToldInBothLanguages() {
        let field = TestExercises.make(.value, setup: "L = 4\nK = 3", reference: "L * (K - 1) + 1")
        #expect(finding("K ** L", field) == "exponent-for-count")
        #expect(message("K ** L", field).contains("`L`"))
        #expect(message("K ** L", field, Language("ko")).contains("`L`"))
        // A power of the kernel with L added is L's own term, not a count in an exponent.
        #expect(finding("K ** 2 + L", field) != "exponent-for-count")
    }
}

/// Stories for an answer that is a step of the calculation, the stride alone, or numbers where a
/// measurement is asked.
@Suite struct NumericStepTests: StorySuite {
    func ids(_ catalogue: FormulaCatalogue?, _ answer: String) -> [String]? {
        guard case .explained(let mutants)? = catalogue?.explain(answer) else { return nil }
        return mutants.map { $0.changes.map(\.misconception.rawValue).sorted().joined(separator: "+") }
    }

    let stride = FormulaCatalogue(
        sources: ["(n + 2 * p - f) // s + 1"], integers: ["n": 14, "f": 5, "p": 3, "s": 2])
    let pool = FormulaCatalogue(sources: ["(H - K) // S + 1"], integers: ["H": 33, "K": 4, "S": 2])

    @Test func strideAlone() {
        // n // s: the size divided by the stride, no kernel, padding or + 1.
        #expect(ids(stride, "n // s") == ["stride-only"])
        #expect(ids(pool, "H // S") == ["stride-only"])
        // (n + 2p) // s keeps the padding: not the stride alone.
        #expect(ids(stride, "(n + 2 * p) // s")?.contains("stride-only") != true)
        // n // 2 where s = 2 may halve the size as well: not told.
        #expect(ids(stride, "n // 2") == nil)
        // 7 typed is no formula.
        #expect(ids(stride, "7") == nil)
    }

    @Test func stepOfTheCalculation() {
        let stacked = FormulaCatalogue(sources: ["L * (K - 1) + 1"], integers: ["L": 4, "K": 3])
        #expect(stacked?.step(in: "K - 1") == "K - 1")
        #expect(stacked?.step(in: "L * (K - 1)") == "L * (K - 1)")
        // The whole is no step of itself, and K + 1 is no part.
        #expect(stacked?.step(in: "L * (K - 1) + 1") == nil)
        #expect(stacked?.step(in: "K + 1") == nil)
        // 54 is the 56 − 2 of 3 · (56 − 2) // 6, worked out.
        let blocks = FormulaCatalogue(sources: ["3 * (56 - 2) // 6"], integers: [:])
        #expect(blocks?.step(in: "54") == "56 - 2")
        #expect(blocks?.step(in: "56 - 2") == "56 - 2")
        // 55 is no part.
        #expect(blocks?.step(in: "55") == nil)
    }

    @Test func nameWhereItsPlusOneBelongs() {
        let stacked = FormulaCatalogue(sources: ["L * (K - 1) + 1"], integers: ["L": 4, "K": 3])
        // L(K − 1) + K: the first kernel counted whole on top of every layer's K − 1.
        #expect(ids(stacked, "L * (K - 1) + K") == ["name-for-one"])
        // The literal 3 (K = 3) writes no K: not told.
        #expect(ids(stacked, "L * (K - 1) + 3") == nil)
    }

    let grader = Grader()

    @Test func meanOfSomeValues() {
        let window = TestExercises.make(
            .value, setup: "window = tensor([[2., 4.], [6., 9.]])", reference: "window.mean()")
        // The smallest and the largest value; three of the four values.
        #expect(finding("(2 + 9) / 2", window) == "mean-of-some")
        #expect(finding("(4 + 6 + 9) / 3", window) == "mean-of-some")
        // 5 is no value of the window.
        #expect(finding("(2 + 5) / 2", window) != "mean-of-some")
        // Four terms divided by 2 is another count (mean-count), not a mean of some.
        #expect(finding("(2 + 4 + 6 + 9) / 2", window) != "mean-of-some")
    }

    @Test func numbersWhereAMeasurementIsAsked() {
        let measured = TestExercises.make(
            .value, setup: "net = nn.Linear(3, 2)\nx = tensor([[1., 2., 3.]])",
            reference: "net(x).abs().sum() / 3")
        #expect(finding("0.25 ** 20", measured) == "numbers-for-measurement")
        // An answer that reads the network measures: no such story.
        #expect(finding("net(x).abs().sum() / 2", measured) != "numbers-for-measurement")
        // A reference computed from numbers alone measures nothing.
        let slope = TestExercises.make(.value, reference: "0.5 * (1 - 0.5)")
        #expect(finding("0.3", slope) != "numbers-for-measurement")
    }
}
