import Testing
import Wording

@testable import Grading

/// Axes, layouts and positions (`MeaningGenerator+Layouts`, `+Moves`, `+Products`,
/// `Diagnoser+Positions`): dimensions named as they are in the tensor's own layout (or by number
/// when it is not known), a parameter lined up with another axis inside a reduction, a reshape
/// where dimensions are moved, an index list in another order, a product the other way round,
/// local pooling for global, and a position's slips read as positions, never as shapes.
@Suite struct LayoutMeaningTests {
    let english = Grader(options: GradingOptions(language: "en"))
    let korean = Grader(options: GradingOptions(language: "ko"))

    // MARK: Layouts

    /// A photo kept `(H, W, C)`, named for nothing: the reference's per-colour mean says its layout.
    let photoMean = TestExercises.make(
        .tensor, setup: "photo = (arange(24.).reshape(2, 4, 3) * 5 % 7) / 7",
        reference: "photo.mean(dim=(0, 1))")

    @Test func channelsLastNamedAsItsOwnLayout() {
        let verdict = english.grade("photo.mean(dim=(1, 2))", for: photoMean)
        #expect(verdict.mutantIDs == ["reduced-over-other-dimensions"], "\(verdict.message)")
        #expect(verdict.message.contains("`dim=(1, 2)` (one per row)"), "\(verdict.message)")
        #expect(verdict.message.contains("`dim=(0, 1)` (one per channel)"), "\(verdict.message)")
        #expect(!verdict.message.contains("column"), "\(verdict.message)")
        let ko = korean.grade("photo.mean(dim=(1, 2))", for: photoMean)
        #expect(ko.mutantIDs == ["reduced-over-other-dimensions"], "\(ko.message)")
    }

    @Test func channelsLastByNameAndByPermutation() {
        // An `nhwc` batch by its name; an image the reference permutes channels-first.
        let named = TestExercises.make(
            .tensor, setup: "x_nhwc = arange(48.).reshape(2, 2, 4, 3) % 5",
            reference: "x_nhwc.mean(dim=(0, 1, 2))")
        let verdict = english.grade("x_nhwc.mean(dim=(0, 3))", for: named)
        #expect(verdict.message.contains("one per row and column"), "\(verdict.message)")
        #expect(verdict.message.contains("(one per channel)"), "\(verdict.message)")
        let permuted = TestExercises.make(
            .tensor, setup: "pic = (arange(24.).reshape(2, 4, 3) * 3 % 5)",
            reference: "pic.permute(2, 0, 1) - pic.mean(dim=(0, 1))[:, None, None]")
        let moved = english.grade("pic.permute(2, 0, 1) - pic.mean(dim=(1, 2))[:, None, None]", for: permuted)
        if moved.mutantIDs == ["reduced-over-other-dimensions"] {
            #expect(moved.message.contains("(one per row)"), "\(moved.message)")
        }
    }

    @Test func layoutNotKnownSaysNumbersOnly() {
        // Named channels-last, reduced keeping its first dimension: the readings disagree.
        let conflicting = TestExercises.make(
            .tensor, setup: "t_hwc = (arange(24.).reshape(3, 4, 2) * 5 % 7)",
            reference: "t_hwc.mean(dim=(1, 2))")
        let verdict = english.grade("t_hwc.mean(dim=(0, 1))", for: conflicting)
        #expect(verdict.mutantIDs == ["reduced-over-other-dimensions"], "\(verdict.message)")
        for noun in ["channel", "row", "column"] {
            #expect(!verdict.message.contains(noun), "\(verdict.message)")
        }
        #expect(verdict.message.contains("`dim=(0, 1)`"), "\(verdict.message)")
    }

    @Test func channelsFirstStaysTheDefault() {
        let image = TestExercises.make(
            .tensor, setup: "img = (arange(60.).reshape(3, 4, 5) * 7 % 11)", reference: "img.mean(dim=(1, 2))"
        )
        let verdict = english.grade("img.mean(dim=(0, 1))", for: image)
        #expect(verdict.message.contains("(one per column)"), "\(verdict.message)")
        #expect(verdict.message.contains("(one per channel)"), "\(verdict.message)")
    }

    // MARK: Parameters lined up inside a reduction

    let grey = TestExercises.make(
        .tensor, setup: "rgb = (arange(18.).reshape(3, 2, 3) % 7) / 7\nw = tensor([0.3, 0.6, 0.1])",
        reference: "(rgb * w[:, None, None]).sum(dim=0)")

    @Test func weightsLinedUpWithTheColumnsBeforeASum() {
        let verdict = english.grade("(rgb * w).sum(dim=0)", for: grey)
        #expect(verdict.mutantIDs == ["parameter-on-other-axis"], "\(verdict.message)")
        #expect(verdict.message.contains("the columns (dimension 2)"), "\(verdict.message)")
        #expect(verdict.message.contains("the channels (dimension 0)"), "\(verdict.message)")
    }

    @Test func equalWeightsCannotBeLinedUpWrongly() {
        // The same weight everywhere: lined up with any axis, the sum is the same.
        let equal = TestExercises.make(
            .tensor, setup: "rgb = (arange(18.).reshape(3, 2, 3) % 7) / 7\nw = tensor([0.5, 0.5, 0.5])",
            reference: "(rgb * w[:, None, None]).sum(dim=0)")
        let verdict = english.grade("(rgb * w).sum(dim=0)", for: equal)
        #expect(!verdict.mutantIDs.contains("parameter-on-other-axis"), "\(verdict.message)")
    }

    // MARK: Reshape for a move, index orders

    let toChannelsFirst = TestExercises.make(
        .tensor, setup: "hw3 = (arange(24.).reshape(2, 4, 3) * 7 % 11) / 10",
        reference: "hw3.permute(2, 0, 1)",
        alternatives: ["hw3.movedim(-1, 0)"])

    @Test func reshapeWhereDimensionsAreMoved() {
        for answer in ["hw3.reshape(3, 2, 4)", "hw3.view(3, 2, 4)"] {
            let verdict = english.grade(answer, for: toChannelsFirst)
            #expect(verdict.mutantIDs == ["reshape-for-move"], "\(answer): \(verdict.message)")
            #expect(verdict.message.contains("reshape(3, 2, 4)"), "\(verdict.message)")
        }
        #expect(korean.grade("hw3.reshape(3, 2, 4)", for: toChannelsFirst).mutantIDs == ["reshape-for-move"])
    }

    @Test func reshapeThatMovesNothingPasses() {
        // A size-1 dimension moved: the reshape is the same tensor.
        let single = TestExercises.make(
            .tensor, setup: "row = arange(12.).reshape(1, 3, 4)", reference: "row.permute(1, 0, 2)")
        #expect(english.grade("row.reshape(3, 1, 4)", for: single).status == .pass)
    }

    @Test func channelsInAnotherOrder() {
        let bgr = TestExercises.make(
            .tensor, setup: "img = (arange(18.).reshape(3, 2, 3) % 7) / 7", reference: "img.flip(0)",
            alternatives: ["img[[2, 1, 0]]"])
        let verdict = english.grade("img[[2, 0, 1]]", for: bgr)
        #expect(verdict.mutantIDs == ["index-order-changed"], "\(verdict.message)")
        #expect(verdict.message.contains("`[2, 0, 1]`"), "\(verdict.message)")
        #expect(verdict.message.contains("the channels (dimension 0)"), "\(verdict.message)")
    }

    // MARK: Products and pooling

    @Test func productTakenTheOtherWayRound() {
        let logits = TestExercises.make(
            .tensor, setup: "feat = tensor([[0.5, 1.0, -1.0]])\nW = tensor([[1., 0., 2.], [0.5, -1., 1.]])",
            reference: "feat @ W.T")
        let verdict = english.grade("W @ feat.T", for: logits)
        #expect(verdict.mutantIDs == ["product-reversed"], "\(verdict.message)")
    }

    @Test func squareWeightsTransposeLeftOut() {
        let head = TestExercises.make(
            .tensor,
            setup:
                "feat = tensor([[0.5, 1.0]])\nW1 = tensor([[1., 2.], [0.5, -1.]])\nW2 = tensor([[0., 1.], [2., 1.]])",
            reference: "(feat @ W1.T) @ W2.T")
        let both = english.grade("(feat @ W1) @ W2", for: head)
        #expect(both.mutantIDs == ["transpose-dropped"], "\(both.message)")
        #expect(both.message.contains("`W1`, `W2`"), "\(both.message)")
        let one = english.grade("(feat @ W1.T) @ W2", for: head)
        #expect(one.mutantIDs == ["transpose-dropped"], "\(one.message)")
        #expect(one.message.contains("`W2.T`"), "\(one.message)")
        // A symmetric weight is its own transpose: no transpose is missing from the value here
        // (the answer is right only on this data, which the grader says otherwise).
        let symmetric = TestExercises.make(
            .tensor, setup: "feat = tensor([[0.5, 1.0]])\nS = tensor([[1., 2.], [2., -1.]])",
            reference: "feat @ S.T")
        #expect(!english.grade("feat @ S", for: symmetric).mutantIDs.contains("transpose-dropped"))
    }

    @Test func localPoolingForGlobal() {
        let gap = TestExercises.make(
            .tensor, setup: "maps = (arange(40.).reshape(1, 2, 4, 5) * 3 % 7)",
            reference: "maps.mean(dim=(2, 3))",
            alternatives: ["F.adaptive_avg_pool2d(maps, 1).flatten(1)"])
        let verdict = english.grade("F.avg_pool2d(maps, 2).flatten(1)", for: gap)
        #expect(verdict.mutantIDs == ["local-for-global-pooling"], "\(verdict.message)")
        // On a 2 × 2 map a 2 × 2 window is the whole map: right.
        let small = TestExercises.make(
            .tensor, setup: "maps = arange(8.).reshape(1, 2, 2, 2)", reference: "maps.mean(dim=(2, 3))",
            alternatives: ["F.adaptive_avg_pool2d(maps, 1).flatten(1)"])
        #expect(english.grade("F.avg_pool2d(maps, 2).flatten(1)", for: small).status == .pass)
    }

    // MARK: Positions

    /// The largest value of a 3 × 4 map sits at (row 2, column 1).
    let peak = TestExercises.make(
        .value, setup: "heat = tensor([[0.1, 0.5, 0.2, 0.0], [0.3, 0.9, 1.2, 0.4], [0.6, 2.0, 0.7, 0.8]])",
        reference: "(int(heat.argmax()) // heat.shape[1], int(heat.argmax()) % heat.shape[1])")

    @Test func positionSlipsReadAsPositions() {
        let cases: [(String, String)] = [
            ("(1, 2)", "two coordinates exchanged"),
            ("(int(heat.argmax()) % 4, int(heat.argmax()) // 4)", "two coordinates exchanged"),
            ("(3, 2)", "counted from 1"),
            ("(int(heat.argmax()) // 3, int(heat.argmax()) % 3)", "split by 3, the number of rows"),
            ("heat.max()", "the largest value of `heat` itself"),
            ("(heat.argmax(dim=0), heat.argmax(dim=1))", "one index for each column"),
            ("(int(heat.argmin()) // 4, int(heat.argmin()) % 4)", "the smallest value"),
        ]
        for (answer, said) in cases {
            let verdict = english.grade(answer, for: peak)
            #expect(verdict.findings.last?.id == "position-misread", "\(answer): \(verdict.message)")
            #expect(verdict.message.contains(said), "\(answer): \(verdict.message)")
            #expect(!verdict.message.contains("shape"), "\(answer): \(verdict.message)")
            let ko = korean.grade(answer, for: peak)
            #expect(ko.findings.last?.id == "position-misread", "\(answer): \(ko.message)")
        }
    }

    @Test func positionReadingsHoldOnlyWhereTheyAreTrue() {
        // A square map whose peak is on the diagonal: the coordinates exchanged are the same place.
        let diagonal = TestExercises.make(
            .value, setup: "sq = tensor([[0.1, 0.5, 0.2], [0.3, 0.9, 0.4], [0.6, 0.2, 0.7]])",
            reference: "(int(sq.argmax()) // sq.shape[1], int(sq.argmax()) % sq.shape[1])")
        #expect(english.grade("(1, 1)", for: diagonal).status == .pass)
        // Another wrong place is not told as a slip it is not.
        let other = english.grade("(1, 3)", for: peak)
        #expect(other.findings.last?.id != "position-misread", "\(other.message)")
        // A shape asked stays a shape: its sizes in another order are told as sizes.
        let shape = TestExercises.make(.value, setup: "heat = zeros(3, 4)", reference: "heat.shape")
        #expect(english.grade("(4, 3)", for: shape).findings.last?.id != "position-misread")
    }
}
