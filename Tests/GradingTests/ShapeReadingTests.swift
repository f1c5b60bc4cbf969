import AnswerLanguage
import Testing

@testable import Grading

/// Per-dimension readings of a wrong shape and the few-cell stories of a wrong tensor: each is
/// told when the sizes or cells are exactly what it says, and not for a look-alike mistake.
@Suite struct ShapeReadingTests {
    func diagnoser(_ inputs: ShapeInputs = ShapeInputs(), padding: Int? = nil) -> Diagnoser {
        var context = DiagnosisContext()
        context.shapeInputs = inputs
        context.padding = padding
        return Diagnoser(context: context, rtol: 1e-4, atol: 1e-5)
    }

    /// `u`: four 20 × 20 images of 12 channels (a stride-2 stage halves them to 10 × 10).
    let stage = ShapeInputs(input: ShapeInputs.Named(name: "u", shape: [4, 12, 20, 20]))

    @Test func spatialSizesAreReadAgainstTheInput() {
        let d = diagnoser(stage)
        #expect(d.shapeDiagnosis([4, 24, 5, 5], expected: [4, 24, 10, 10])?.finding == .halvedTwice)
        #expect(
            d.shapeDiagnosis([4, 24, 40, 40], expected: [4, 24, 10, 10])?.finding == .doubledWhereHalved)
        #expect(d.shapeDiagnosis([4, 24, 20, 20], expected: [4, 24, 10, 10])?.finding == .halvingMissing)
        // A size the calculation keeps (a 1 × 1 convolution): halved or doubled there.
        let kept = diagnoser(ShapeInputs(input: ShapeInputs.Named(name: "fm", shape: [1, 256, 14, 14])))
        #expect(kept.shapeDiagnosis([1, 64, 7, 7], expected: [1, 64, 14, 14])?.finding == .halvedWhereKept)
        #expect(
            kept.shapeDiagnosis([1, 64, 28, 28], expected: [1, 64, 14, 14])?.finding == .doubledWhereKept)
        // An odd size halves either way, as a stride rounds.
        let odd = diagnoser(ShapeInputs(input: ShapeInputs.Named(name: "x", shape: [1, 3, 7, 7])))
        #expect(odd.shapeDiagnosis([1, 8, 2, 2], expected: [1, 8, 4, 4])?.finding == .halvedTwice)
    }

    /// Every size of the input halved, the batch and channels too: told where the calculation
    /// keeps one of them, and only for exactly those sizes.
    @Test func everySizeHalvedIsReadAgainstTheInput() {
        let d = diagnoser(stage)
        #expect(d.shapeDiagnosis([2, 6, 10, 10], expected: [4, 24, 10, 10])?.finding == .everySizeHalved)
        #expect(d.shapeDiagnosis([2, 12, 10, 10], expected: [4, 24, 10, 10])?.finding != .everySizeHalved)
        #expect(d.shapeDiagnosis([2, 6, 5, 5], expected: [4, 24, 10, 10])?.finding != .everySizeHalved)
        // A calculation that changes the batch and the channels: halving them all is not told.
        let both = diagnoser(ShapeInputs(input: ShapeInputs.Named(name: "u", shape: [4, 12, 20, 20])))
        #expect(both.shapeDiagnosis([2, 6, 10, 10], expected: [8, 24, 10, 10])?.finding != .everySizeHalved)
    }

    @Test func spatialReadingsNeedTheirExactSizes() {
        let d = diagnoser(stage)
        // 20 → 10 expected, 6 given: no halving or doubling says that.
        #expect(d.shapeDiagnosis([4, 24, 6, 6], expected: [4, 24, 10, 10]) == nil)
        // Only one of height and width halved: no story of the size.
        #expect(d.shapeDiagnosis([4, 24, 5, 10], expected: [4, 24, 10, 10]) == nil)
        // Channels wrong as well: two mistakes, none told.
        #expect(d.shapeDiagnosis([4, 12, 5, 5], expected: [4, 24, 10, 10]) == nil)
        // With no input, twice the expected could be a halving left out or a doubling.
        #expect(diagnoser().shapeDiagnosis([1, 32, 8, 8], expected: [1, 32, 4, 4]) == nil)
        #expect(
            diagnoser().shapeDiagnosis([1, 32, 2, 2], expected: [1, 32, 4, 4])?.finding == .halvedOnceMore)
        // Too small a size to read a halving into: 1 for 2 is also a kernel's or a padding's doing.
        #expect(diagnoser().shapeDiagnosis([1, 32, 1, 1], expected: [1, 32, 2, 2]) == nil)
    }

    @Test func networkOutputsAreNotRead() {
        var context = DiagnosisContext()
        context.shapeInputs = stage
        context.readsShapes = false
        let d = Diagnoser(context: context, rtol: 1e-4, atol: 1e-5)
        #expect(d.shapeDiagnosis([4, 24, 5, 5], expected: [4, 24, 10, 10]) == nil)
    }

    @Test func batchAloneDiffers() {
        let phrase = diagnoser(stage).shapeDiagnosis([1, 24, 10, 10], expected: [4, 24, 10, 10])
        #expect(phrase?.finding == .batchChanged)
        #expect(phrase?.message.contains("`u` holds 4 images") == true)
        #expect(
            diagnoser().shapeDiagnosis([2, 32, 4, 4], expected: [1, 32, 4, 4])?.finding == .batchChanged)
        // Batch and channels both wrong: no story.
        #expect(diagnoser().shapeDiagnosis([2, 16, 4, 4], expected: [1, 32, 4, 4]) == nil)
    }

    /// `zeros(8, 1, 5) + zeros(3, 1)`: shape (8, 3, 5).
    let broadcast = ShapeInputs(operands: [
        ShapeInputs.Named(name: "zeros(8, 1, 5)", shape: [8, 1, 5]),
        ShapeInputs.Named(name: "zeros(3, 1)", shape: [3, 1]),
    ])

    @Test func sizeOneKeptInBroadcasting() {
        let d = diagnoser(broadcast)
        let kept = d.shapeDiagnosis([8, 3, 1], expected: [8, 3, 5])
        #expect(kept?.finding == .sizeOneKept)
        #expect(kept?.message.contains("`zeros(3, 1)`") == true)
        // A dimension the shorter operand lacks counts as 1: kept, it is the same mistake.
        #expect(d.shapeDiagnosis([1, 3, 5], expected: [8, 3, 5])?.finding == .sizeOneKept)
        // A size that is no operand's 1 (3 is neither operand's 1 in dimension 2): no story.
        #expect(d.shapeDiagnosis([8, 3, 3], expected: [8, 3, 5])?.finding != .sizeOneKept)
        // Without the operands, a 1 where 5 is expected is not read as broadcasting.
        #expect(diagnoser().shapeDiagnosis([8, 3, 1], expected: [8, 3, 5]) == nil)
    }

    static let corner: [[Double]] = [
        [4, 6, 6, 6, 4], [6, 9, 9, 9, 6], [6, 9, 9, 9, 6], [6, 9, 9, 9, 6], [4, 6, 6, 6, 4],
    ]

    static func array(_ rows: [[Double]]) -> NumericArray {
        NumericArray(shape: [rows.count, rows.first?.count ?? 0], values: rows.flatMap { $0 })
    }

    @Test func oneCellAlone() {
        var rows = Self.corner
        rows[2][2] = 8
        let d = diagnoser().diagnose(Self.array(rows), expected: Self.array(Self.corner))
        #expect(d.finding == .oneCellDiffers)
        #expect(d.message.contains("at [2, 2] yours is 8, where 9 is expected; the other 24 are right"))
        // Two cells wrong: the cell list says which.
        rows[0][0] = 5
        #expect(
            diagnoser().diagnose(Self.array(rows), expected: Self.array(Self.corner)).finding == .valuesDiffer
        )
        // A tensor of three values with one wrong: the list says as much.
        let small = NumericArray(shape: [3], values: [1, 2, 3])
        let other = NumericArray(shape: [3], values: [1, 2, 4])
        #expect(diagnoser().diagnose(other, expected: small).finding != .oneCellDiffers)
    }

    @Test func rowsAndColumnsMissingOrExtra() {
        let expected = Self.array(Self.corner)
        let missing = Self.array(Array(Self.corner.prefix(4)))  // the last row left out
        let d = diagnoser()
        let row = d.diagnose(missing, expected: expected)
        #expect(row.finding == .rowMissing)
        #expect(row.message.contains("without its row 4"))
        // Rows 1–3 are equal: any of them may be the one left out.
        let middle = Self.array([Self.corner[0], Self.corner[1], Self.corner[2], Self.corner[4]])
        #expect(d.diagnose(middle, expected: expected).message.contains("one of its equal rows 1–3"))
        let wide = Self.array(Self.corner.map { $0 + [$0[4]] })
        #expect(d.diagnose(wide, expected: expected).finding == .columnExtra)
        // One row fewer but other values too: no story.
        var changed = Array(Self.corner.prefix(4))
        changed[0][0] = 7
        #expect(d.diagnose(Self.array(changed), expected: expected).finding == .wrongShape)
    }

    @Test func outputPaddedNeedsAPaddedReference() {
        var padded = Self.corner.map { $0.map { _ in 0.0 } }
        for r in 1...3 { for c in 1...3 { padded[r][c] = 9 } }
        let answer = Self.array(padded)
        let expected = Self.array(Self.corner)
        #expect(diagnoser(padding: 1).diagnose(answer, expected: expected).finding == .outputPadded)
        // The reference pads nothing: the zero ring is no padding put in the wrong place.
        #expect(diagnoser().diagnose(answer, expected: expected).finding != .outputPadded)
        // The inside differs too: not the padded result.
        padded[2][2] = 1
        #expect(
            diagnoser(padding: 1).diagnose(Self.array(padded), expected: expected).finding != .outputPadded)
    }

    @Test func expectedBlockInsideALargerAnswer() {
        let image = NumericArray(shape: [4, 4], values: (0..<16).map(Double.init))
        let patch = NumericArray(shape: [2, 2], values: [5, 6, 9, 10])
        let d = diagnoser().diagnose(image, expected: patch)
        #expect(d.finding == .expectedInside)
        #expect(d.message.contains("rows 1–2, columns 1–2"))
        // A constant block lies everywhere: no place to name.
        let ones = NumericArray(shape: [3, 3], values: Array(repeating: 1, count: 9))
        let block = NumericArray(shape: [2, 2], values: [1, 1, 1, 1])
        #expect(diagnoser().diagnose(ones, expected: block).finding != .expectedInside)
        // Not there at all.
        let other = NumericArray(shape: [2, 2], values: [5, 6, 9, 11])
        #expect(diagnoser().diagnose(image, expected: other).finding != .expectedInside)
    }

    @Test func expectedNumberInsideATensor() {
        let map = NumericArray(shape: [3, 3], values: [85, 70, 12, -3, 4, 5, 6, 7, 8])
        let d = diagnoser()
        #expect(d.diagnose(map, expected: NumericArray(shape: [], values: [85])).finding == .expectedInside)
        // A value that a tensor holds by chance as often as not.
        #expect(d.diagnose(map, expected: NumericArray(shape: [], values: [1])).finding != .expectedInside)
        // Twice in the tensor: which position is asked cannot be told.
        let twice = NumericArray(shape: [2, 2], values: [85, 85, 3, 4])
        #expect(d.diagnose(twice, expected: NumericArray(shape: [], values: [85])).finding != .expectedInside)
        // Not there at all.
        #expect(d.diagnose(map, expected: NumericArray(shape: [], values: [86])).finding != .expectedInside)
    }
}

/// Where a shape reading's input comes from when the setup has none, and the layout mutants.
@Suite struct ShapeInputsAndLayoutMutantsTests {
    @Test func theInputAPromptQuotes() {
        let prompt = "A block's body turns `x` of shape `(1, 16, 8, 8)` into F(x) of shape `(1, 32, 4, 4)`."
        #expect(PreparedExercise.quotedInput(in: prompt, expected: [1, 32, 4, 4]) == [1, 16, 8, 8])
        // Two other shapes: which is the input cannot be told.
        let two = prompt + " The weight has shape `(1, 16, 3, 3)`."
        #expect(PreparedExercise.quotedInput(in: two, expected: [1, 32, 4, 4]) == nil)
        // Another batch size (a weight's out_channels in front), or a rank-2 example: no input.
        #expect(PreparedExercise.quotedInput(in: "w is `(32, 16, 3, 3)`", expected: [1, 32, 4, 4]) == nil)
        #expect(PreparedExercise.quotedInput(in: "Answer like `(2, 3)`.", expected: [4, 5]) == nil)
    }

    @Test func theInputTheReferenceStartsFrom() throws {
        func input(_ reference: String) throws -> String? {
            let program = try Parser.parse(reference)
            guard case .expression(let root) = program.statements[0] else { return nil }
            return PreparedExercise.inputName(root)
        }
        #expect(try input("nn.Sequential(nn.Conv2d(12, 24, 3, stride=2), nn.ReLU())(u).shape") == "u")
        #expect(try input("F.max_pool2d(v, 2, stride=1)") == "v")
        #expect(try input("conv2d(x, w, padding=1)") == "x")
        let broadcast = try Parser.parse("torch.broadcast_shapes((8, 1, 5), (3, 1))")
        if case .expression(let root) = broadcast.statements[0] {
            #expect(PreparedExercise.broadcastOperands(root) != nil)
        }
        // An index or a method changes the size in ways a reading does not follow.
        #expect(try input("conv2d(x, w)[0, 0]") == nil)
        #expect(try input("x.mean(dim=1)") == nil)
    }

    func mutants(_ source: String) -> [Mutant] {
        MutantGenerator.mutants(of: source, isInteger: { _ in false })
    }

    @Test func padPairMovedAndAmountsChanged() {
        let option = mutants("F.pad(x[:, :, ::2, ::2], (0, 0, 0, 0, 1, 1))")
        let moved = option.filter { $0.misconception == .padDimensionMoved }.map(\.source)
        #expect(moved.contains("F.pad(x[:, :, ::2, ::2], (1, 1))"))
        #expect(moved.contains("F.pad(x[:, :, ::2, ::2], (0, 0, 1, 1))"))
        #expect(moved.contains("F.pad(x[:, :, ::2, ::2], (0, 0, 0, 0, 0, 0, 1, 1))"))
        #expect(
            option.contains {
                $0.misconception == .padAmountChanged
                    && $0.source == "F.pad(x[:, :, ::2, ::2], (0, 0, 0, 0, 2, 2))"
            })
        // Every side padded: no single pair to move; two rings is another amount.
        let reflect = mutants("F.pad(x, (1, 1, 1, 1), mode='reflect')")
        #expect(!reflect.contains { $0.misconception == .padDimensionMoved })
        #expect(reflect.contains { $0.source == "F.pad(x, (2, 2, 2, 2), mode='reflect')" })
    }

    @Test func boundedSliceTakenWhole() {
        let patch = mutants("img[0:3, 0:3]").filter { $0.misconception == .sliceWhole }.map(\.source)
        #expect(patch.sorted() == ["img[0:3, :]", "img[:, 0:3]"])
        // `:` already whole and a step alone are not bounded slices.
        #expect(!mutants("x[:, :, ::2, ::2]").contains { $0.misconception == .sliceWhole })
        // One item alone: the whole tensor, no dimension to name.
        #expect(!mutants("img[0:3]").contains { $0.misconception == .sliceWhole })
    }
}
