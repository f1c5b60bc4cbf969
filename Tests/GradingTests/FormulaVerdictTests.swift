import Testing

@testable import Course
@testable import Grading

/// The grader's verdict itself: right phrasings pass (a product multiplied out in another
/// grouping, numbers worked out with no name typed, rounding toward zero where nothing rounded is
/// negative), and answers right only at the setup's parities, right only because a halving is exact
/// here, or a shape where a number is asked fail.
@Suite struct FormulaVerdictTests {
    let grader = Grader()

    /// The non-zeros of a 2-d convolution's matrix: 18 rows of 6 kernel entries.
    let nonzeros = FormulaCatalogue(
        sources: ["(H - kh + 1) * (W - kw + 1) * kh * kw"], integers: ["H": 5, "W": 7, "kh": 3, "kw": 2])
    /// A strided size whose floor takes 15 // 2: odd only by the setup's numbers.
    let stride = FormulaCatalogue(
        sources: ["(n + 2 * p - f) // s + 1"], integers: ["n": 14, "f": 5, "p": 3, "s": 2])

    @Test func aProductMultipliedOutInAnotherGroupingIsRight() {
        #expect(nonzeros?.coincidence("18 * 6") == nil)
        #expect(nonzeros?.coincidence("6 * 18") == nil)
        #expect(nonzeros?.coincidence("kh * kw * 18") == nil)
        // 6 is W − kw + 1 and kh · kw: one reading of the two is the reference.
        #expect(nonzeros?.coincidence("(H - kh + 1) * 6 * 6") == nil)
        #expect(nonzeros?.coincidence("3 * 6 * 3 * 2") == nil)
        // Must not: a formula in the names that is 6 only here is still a coincidence.
        #expect(nonzeros?.coincidence("(H - kh + 1) * (W - kw + 1) * (kh + kw + 1)") != nil)
    }

    @Test func anAnswerWithNoNameIsAFormulaOnlyWhenItTypesASetupNumber() {
        // 18 and 6 are numbers worked out (no name is 18 or 6): like 108, no formula to move.
        #expect(nonzeros?.coincidence("18 * 6 + 0") == nil)
        // Must not: 14, 5 and 2 are the setup's n, f and s — a formula typed in numbers.
        #expect(stride?.coincidence("(14 + 2 * 3 - 5 + 1) / 2") != nil)
        #expect(stride?.coincidence("(15 - 1) // 2 + 1") != nil)
    }

    @Test func aFloorOfASumOddOnlyHereIsTriedAtTheOtherParity() throws {
        let found = try #require(stride?.coincidence("(n + 2 * p - f - 1) // s + 1"))
        // One name moved by an odd step makes 15 even, where the extra − 1 shows.
        #expect(found.moves.count == 1)
        #expect(found.answer != found.expected)
        let alexnet = FormulaCatalogue(
            sources: ["(side + 2 * pad - ksz) // st + 1"],
            integers: ["side": 224, "ksz": 11, "st": 4, "pad": 2])
        #expect(alexnet?.coincidence("(side + 2 * pad - ksz - 1) // st + 1") != nil)
        #expect(alexnet?.coincidence("(side + 2 * pad - ksz + 1) // st + 1") != nil)
        // Must not: right formulas agree at every parity.
        #expect(stride?.coincidence("(n + 2 * p - f - s) // s + 2") == nil)
        #expect(stride?.coincidence("(n + 2 * p - f + s) // s") == nil)
        #expect(stride?.coincidence("int((n + 2 * p - f) / s) + 1") == nil)
        #expect(alexnet?.coincidence("1 + (side + pad + pad - ksz) // st") == nil)
        // Must not: a floor of one name keeps that name's parity (an odd kernel is the course's).
        let centre = FormulaCatalogue(sources: ["f // 2"], integers: ["f": 7])
        #expect(centre?.coincidence("(f - 1) // 2") == nil)
    }

    @Test func aTrueDivisionExactOnlyHereIsNoSizeOrCount() throws {
        var lenet = try #require(
            FormulaCatalogue(sources: ["(side - ksz + 1) // 2 - ksz + 1"], integers: ["side": 36, "ksz": 5]))
        // Where the number asked is not known to be whole, `/` exact here is read as the floor.
        #expect(lenet.coincidence("(side - ksz + 1) / 2 - ksz + 1") == nil)
        lenet.wholeSizes = true
        let found = try #require(lenet.coincidence("(side - ksz + 1) / 2 - ksz + 1"))
        #expect(found.answer.map { $0.double != $0.double.rounded() } == true)
        #expect(lenet.coincidence("(side - ksz) // 2 - ksz + 2") != nil)
        // Must not: a floor written otherwise, or worked out, is right.
        #expect(lenet.coincidence("int((side - ksz + 1) / 2) - ksz + 1") == nil)
        #expect(lenet.coincidence("math.floor((side - ksz + 1) / 2) - (ksz - 1)") == nil)
        #expect(lenet.coincidence("32 // 2 - 4") == nil)
        // Must not: a division exact by the course's rule (groups divide channels) stays exact.
        var grouped = try #require(
            FormulaCatalogue(
                sources: ["C_out * (C_in // G) * K * K"], integers: ["C_in": 32, "C_out": 64, "K": 3, "G": 4])
        )
        grouped.wholeSizes = true
        #expect(grouped.coincidence("C_in * C_out / G * K * K") == nil)
        // Must not: a padding halves K − S exactly by its nature.
        let doubling = FormulaCatalogue(sources: ["(K - S) // 2"], integers: ["K": 4, "S": 2])
        #expect(doubling?.coincidence("(K - S) / 2") == nil)
    }

    @Test func truncationsAreWrittenAsFloors() {
        #expect(PerturbedSetup.flooringTruncations("int(a / b) + 1") == "int((a / b) // 1) + 1")
        #expect(
            PerturbedSetup.flooringTruncations("(x * y).long().float()") == "((x * y)).floor().long().float()"
        )
        #expect(PerturbedSetup.flooringTruncations("math.trunc(int(x))") == "math.floor(int((x) // 1))")
        #expect(PerturbedSetup.flooringTruncations("x.to(torch.int64)") == "(x).floor().to(torch.int64)")
        // Must not: a call to another dtype, or a floor, is left as written.
        #expect(PerturbedSetup.flooringTruncations("x.to(torch.float32)") == "x.to(torch.float32)")
        #expect(PerturbedSetup.flooringTruncations("x.floor()") == "x.floor()")
    }

    /// Widths rounded down by a multiplier: every width is positive, so `int`'s truncation is the floor.
    static let widths = TestExercises.make(
        .tensor, setup: "base = tensor([32., 64., 128., 256.])\nalpha = 0.6",
        reference: "(alpha * base).floor()")

    @Test func roundingTowardZeroIsRoundingDownWhereNothingIsNegative() {
        for answer in [
            "(base * alpha).long().float()", "(alpha * base).int().float()", "(alpha * base).trunc()",
            "torch.trunc(base * alpha)", "(alpha * base).to(torch.int64).float()",
        ] {
            let verdict = grader.grade(answer, for: Self.widths)
            #expect(verdict.status == .pass, "\(answer): \(verdict.message)")
        }
        // Must not: what agrees here only still fails, truncated or not (the absolute value of a
        // width is the width only while the widths are positive).
        let absolute = grader.grade("(alpha * base).abs().long().float()", for: Self.widths)
        #expect(absolute.status == .fail)
    }

    static let count = TestExercises.make(.value, setup: "x = zeros(2, 3, 4)", reference: "x.numel()")

    @Test func aShapeIsNoCountThoughItHoldsOneSize() {
        let verdict = grader.grade("x.flatten().shape", for: Self.count)
        #expect(verdict.status == .fail)
        #expect(verdict.findings.contains { $0.id == "shape-for-number" })
        #expect(verdict.findings.contains { $0.isSpecific })
        #expect(grader.grade("x.view(24).size()", for: Self.count).status == .fail)
        // Must not: the size taken out of the shape is the number.
        #expect(grader.grade("x.flatten().shape[0]", for: Self.count).status == .pass)
        #expect(grader.grade("x.shape.numel()", for: Self.count).status == .pass)
        // Must not: a shape where a shape is asked.
        let shape = TestExercises.make(.value, setup: "x = zeros(2, 3, 4)", reference: "x.shape")
        #expect(grader.grade("x.flatten().reshape(2, 3, 4).shape", for: shape).status == .pass)
    }
}
