import Course
import Testing
import Wording

@testable import Grading

/// A part taken for the whole or the whole for a part (`MutantGenerator+Parts`): one product, one
/// row's or one column's products where the window's products are added up, the whole map added
/// up where one position is asked; and a reflected border taken for the image turned around.
/// Each is told only of an answer that writes exactly the mutant's operations.
@Suite struct PartTakenTests {
    let grader = Grader(options: GradingOptions(language: "en"))

    /// A window whose products, rows and columns all sum differently.
    static let window = TestExercises.make(
        .value,
        setup:
            "a = tensor([[3., 1., 4.], [1., 5., 9.], [2., 6., 5.]])\nb = tensor([[2., -1., 0.], [1., 3., -2.], [0., 1., 2.]])",
        reference: "(a * b).sum()")
    /// One position of a map, asked as a number, with its index written as an alternative.
    static let position = TestExercises.make(
        .value,
        setup:
            "m = tensor([[1., 2., 0., 3.], [4., -1., 2., 1.], [0., 3., 1., 2.], [2., 1., 4., 0.]])[None, None]\ng = tensor([[1., 0.], [2., -1.]])[None, None]",
        reference: "(m[0, 0, 1:3, 2:4] * g[0, 0]).sum()", alternatives: ["conv2d(m, g)[0, 0, 1, 2]"])
    static let reflect = TestExercises.make(
        setup: "y = arange(12.).reshape(1, 1, 3, 4)", reference: "F.pad(y, (1, 1, 1, 1), mode='reflect')")

    func story(_ answer: String, _ exercise: Exercise) -> String? {
        grader.grade(answer, for: exercise).findings.first { $0.source == .mutant }?.id
    }

    @Test(arguments: [
        ("a[0, 0] * b[0, 0]", "one-product"), ("(a * b)[0, 0]", "one-product"),
        ("(a[0] * b[0]).sum()", "one-row-summed"), ("(a * b)[0].sum()", "one-row-summed"),
        ("(a[:, 0] * b[:, 0]).sum()", "one-column-summed"),
        ("torch.sum(a[:, 0] * b[:, 0])", "one-column-summed"),
    ])
    func aPartOfTheWindowIsTold(_ answer: String, _ id: String) {
        #expect(story(answer, Self.window) == id)
    }

    /// The same numbers reached otherwise: another operation written, or typed in.
    @Test(arguments: ["(a * b).sum() - 16", "6", "(a[0] * b[0]).sum() * 1 + 0 * a.sum()"])
    func otherAnswersAreToldNoPart(_ answer: String) {
        let verdict = grader.grade(answer, for: Self.window)
        #expect(verdict.status == .fail)
        #expect(!["one-product", "one-row-summed", "one-column-summed"].contains(story(answer, Self.window)))
    }

    /// A transposed kernel whose response on this patch is the first column's: another
    /// calculation, which other data tells apart.
    @Test func aPartsValueByCoincidenceIsNoPart() {
        let patch = TestExercises.make(
            .value, setup: "c = tensor([[3., 1.], [0., 0.]])\nd = tensor([[1., 2.], [0., -3.]])",
            reference: "(c * d).sum()")
        #expect(story("(c[:, 0] * d[:, 0]).sum()", patch) == "one-column-summed")
        #expect(story("(c * d.T).sum()", patch) != "one-column-summed")
    }

    @Test func theWholeMapSummedIsTold() {
        #expect(story("conv2d(m, g).sum()", Self.position) == "whole-map-summed")
        let message = grader.grade("F.conv2d(m, g).sum()", for: Self.position).message
        #expect(message.contains("its value at one position is asked"))
        // Another position is no whole map.
        #expect(story("conv2d(m, g)[0, 0, 0, 0]", Self.position) != "whole-map-summed")
    }

    /// `[0, 0]` of a map may pick a whole map, not a position: summing it is not told so.
    @Test func aMapAskedWholeIsNoPosition() {
        let map = TestExercises.make(
            setup:
                "m = tensor([[1., 2., 0.], [4., -1., 2.], [0., 3., 1.]])[None, None]\ng = tensor([[1., 0.], [2., -1.]])[None, None]",
            reference: "conv2d(m, g)[0, 0]")
        #expect(story("conv2d(m, g).sum()", map) != "whole-map-summed")
    }

    @Test(arguments: ["y.flip(-1)", "y.flip(3)", "torch.flip(y, [2, 3])", "y.flip(dims=(2, 3))", "y.flip(2)"])
    func aFlipForAReflectedBorderIsTold(_ answer: String) {
        #expect(story(answer, Self.reflect) == "pad-swapped")
        let message = grader.grade(answer, for: Self.reflect).message
        #expect(message.contains("with `flip` where `F.pad(…, mode='reflect')` belongs"))
    }

    @Test func aFlipOfAPaddedImageIsNoSwap() {
        // The border is there; only the turn is extra.
        #expect(story("F.pad(y, (1, 1, 1, 1), mode='reflect').flip(-1)", Self.reflect) != "pad-swapped")
    }
}
