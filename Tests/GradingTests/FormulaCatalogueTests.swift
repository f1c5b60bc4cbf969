import Testing

@testable import Grading

/// Formulas evaluated with Python's rules, and answers that are formulas explained by the
/// reference's mutants that are the same formula at several points (not merely the same number).
@Suite struct FormulaCatalogueTests {
    /// The stride exercise's setup (`03-padding-stride/stride-size`): 14 × 14, 5 × 5, padding 3,
    /// stride 2; the output is (14 + 6 − 5) // 2 + 1 = 8.
    let stride = FormulaCatalogue(
        sources: ["(n + 2 * p - f) // s + 1"], integers: ["n": 14, "f": 5, "p": 3, "s": 2])

    func ids(_ explanation: FormulaCatalogue.Explanation?) -> [String]? {
        guard case .explained(let mutants)? = explanation else { return nil }
        return mutants.map { $0.changes.map(\.misconception.rawValue).joined(separator: "+") }
    }

    @Test func pythonArithmetic() {
        let values = ["a": -7, "b": 2]
        // Floor division and remainder round towards minus infinity, as in Python.
        #expect(Formula.parse("a // b")?.evaluate(values) == .int(-4))
        #expect(Formula.parse("a % b")?.evaluate(values) == .int(1))
        #expect(Formula.parse("a / b")?.evaluate(values) == .real(-3.5))
        #expect(Formula.parse("int(a / b)")?.evaluate(values) == .int(-3))
        #expect(Formula.parse("b ** -1")?.evaluate(values) == .real(0.5))
        #expect(Formula.parse("a // 0")?.evaluate(values) == nil)
        #expect(Formula.parse("b ** 70")?.evaluate(values) == nil)
        // Not arithmetic: a call other than int/float/abs, a subscript.
        #expect(Formula.parse("len(x)") == nil)
        #expect(Formula.parse("x.shape[0] - 1") == nil)
    }

    @Test func plusOneDroppedTellsFloorsApart() {
        // 7 is also what `(n - f + 1) // s + 1` and a dozen other slips give at these numbers;
        // only the + 1 left out is the same formula at every point.
        #expect(ids(stride?.explain("(n + 2 * p - f) // s")) == ["plus-one-dropped"])
        #expect(ids(stride?.explain("(n + p * 2 - f) // s")) == ["plus-one-dropped"])
    }

    @Test func formulaSlips() {
        #expect(ids(stride?.explain("(n + 2 * p - s) // f + 1")) == ["names-swapped"])
        // Two changes, in either order: the padding left out and the + 1 moved into the division.
        let both = ids(stride?.explain("(n - f + 1) // s"))?.first?.split(separator: "+").map(String.init)
        #expect(both.map(Set.init) == ["padding-forgotten", "plus-one-before-dividing"])
        let padding = FormulaCatalogue(sources: ["(f - 1) // 2"], integers: ["f": 7])
        #expect(ids(padding?.explain("f - 1 // 2")) == ["brackets-dropped"])
    }

    @Test func literalsReadAsTheSetupsNames() {
        // 14, 5 and 3 are n, f and p; the learner's numbers are the formula with the + 1 dropped.
        #expect(ids(stride?.explain("(14 + 2 * 3 - 5) // 2")) == ["plus-one-dropped"])
    }

    @Test func literalReferenceLiftsItsLiterals() {
        // A reference in literals only: 16 and 3 move as quantities; `16 * 3 * 3 * 3 + 1` keeps
        // one bias for all filters.
        let count = FormulaCatalogue(sources: ["(3 * 3 * 3 + 1) * 16"], integers: [:])
        #expect(count?.liftsLiterals == true)
        #expect(ids(count?.explain("3 * 3 * 3 * 16 + 1")) == ["distribution-forgotten"])
    }

    @Test func coincidenceIsUnexplained() {
        // 7 again, but no slip of the reference is this formula.
        guard case .unexplained? = stride?.explain("n // 2") else {
            Issue.record("n // 2 should be unexplained")
            return
        }
        // A number alone moves with nothing: not a formula.
        guard case .notAFormula? = stride?.explain("7") else {
            Issue.record("7 is not a formula")
            return
        }
    }

    @Test func aFormulaRightOnlyAtTheSetupsNumbersFails() {
        // n + 2p − f = 15 is odd, so (15 + 1) / 2 = 8.0 is the expected 8; at other odd sums it
        // is not: the + 1 went into the division, and `/` for `//`.
        #expect(stride?.isCoincidentalPass("(n + 2 * p - f + 1) / s") == true)
        // Right however the numbers move: not failed.
        #expect(stride?.isCoincidentalPass("int((n + 2 * p - f) / s) + 1") == false)
        #expect(stride?.isCoincidentalPass("(n + p + p - f) // s + 1.0") == false)
        // A value inlined (5 for p at padded-size) may be right: only names are judged.
        #expect(stride?.isCoincidentalPass("(n + 6 - f) // s + 1") == false)
        // `f // 2` is `(f - 1) // 2` for every odd f (moved points keep f odd).
        let padding = FormulaCatalogue(sources: ["(f - 1) // 2"], integers: ["f": 7])
        #expect(padding?.isCoincidentalPass("f // 2") == false)
    }

    @Test func aPartKeptAsWrittenIsNotChanged() {
        // `(f + 1) // 2` equals `(f - 1) // 2 + 1` for every f, but the answer has its `f - 1`:
        // the learner did not write a plus for that minus: a `+ 1` was added after it.
        let padding = FormulaCatalogue(sources: ["(f - 1) // 2"], integers: ["f": 7])
        #expect(ids(padding?.explain("(7 - 1) // 2 + 1")) == ["plus-one-added"])
        #expect(ids(padding?.explain("(f + 1) // 2")) == ["plus-for-minus"])
    }

    @Test func aSumIsAlsoReadFactored() {
        // `16 * 3 * 3 * 3 + 16` is also `(3 * 3 * 3 + 1) * 16`: one bias in all is that 16
        // multiplying only the weights. The factored form's own `+ 1` is never quoted.
        let count = FormulaCatalogue(sources: ["16 * 3 * 3 * 3 + 16"], integers: [:])
        #expect(ids(count?.explain("16 * 3 * 3 * 3 + 1")) == ["distribution-forgotten"])
        #expect(ids(count?.explain("16 * 3 * 3 * 3")) != ["plus-one-dropped"])
        #expect(Formula.parse("(27 + 1) * 16")?.source == "(27 + 1) * 16")
        #expect(Formula.parse("2 ** (3 - 1) - (4 - 1)")?.source == "2 ** (3 - 1) - (4 - 1)")
    }
}
