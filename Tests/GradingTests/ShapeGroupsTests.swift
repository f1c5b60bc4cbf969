import Testing
import Wording

@testable import Course
@testable import Grading

/// A shape asked as a value whose sizes are the expected ones with neighbouring dimensions
/// multiplied into one, or one dimension given apart as several (`Diagnoser.keptOrFlattened`):
/// told with the groups, and only where every size of the shorter shape is the product of the
/// next sizes of the longer one.
@Suite struct ShapeGroupsTests {
    let english = Grader(options: GradingOptions(language: "en"))
    let korean = Grader(options: GradingOptions(language: "ko"))

    /// A batch of 4 maps of 3 channels, 5 × 5: [4, 3, 5, 5].
    let batch = TestExercises.make(.value, setup: "x = zeros(4, 3, 5, 5)", reference: "x.shape")

    /// An unfolded input's shape: [n, c · k · k, l] = [2, 12, 16].
    let columns = TestExercises.make(
        .value, setup: "n = 2\nc = 3\nk = 2\nl = 16", reference: "(n, c * k * k, l)")

    func finding(_ answer: String, _ exercise: Exercise, in grader: Grader? = nil) -> (String?, String) {
        let verdict = (grader ?? english).grade(answer, for: exercise)
        #expect(verdict.status == .fail, "\(answer): \(verdict.message)")
        return (verdict.diagnosis?.finding.rawValue, verdict.message)
    }

    @Test func neighbouringDimensionsMultipliedIntoOne() {
        // 3 · 5 · 5 = 75: each map flattened with its channels.
        let (one, message) = finding("(4, 75)", batch)
        #expect(one == "dimensions-merged", "\(message)")
        #expect(message.contains("3×5×5 = 75"), "\(message)")
        // 4 · 3 = 12 and 5 · 5 = 25: two groups, both said.
        let (two, both) = finding("(12, 25)", batch)
        #expect(two == "dimensions-merged", "\(both)")
        #expect(both.contains("4×3 = 12") && both.contains("5×5 = 25"), "\(both)")
    }

    @Test func aBatchOfOneStaysItsOwnGroup() {
        // [1, 32, 4, 4]: the 4 × 4 map as 16 positions, the batch of one kept.
        let single = TestExercises.make(.value, setup: "y = zeros(1, 32, 4, 4)", reference: "y.shape")
        let (merged, message) = finding("(1, 32, 16)", single)
        #expect(merged == "dimensions-merged", "\(message)")
        #expect(message.contains("4×4 = 16") && !message.contains("1×"), "\(message)")
        // The map left out is no merge: 1 and 32 are the first sizes, and nothing holds 4 × 4.
        #expect(finding("(1, 32)", single).0 != "dimensions-merged")
        // A size 1 inside a group could join either neighbour: not told.
        #expect(Diagnoser.groups(of: [32, 1, 4], into: [32, 4]) == nil)
    }

    @Test func oneDimensionGivenApart() {
        // The column of c · k · k = 12 values written as its three sizes.
        let (split, message) = finding("(n, c, k, k, l)", columns)
        #expect(split == "dimensions-split", "\(message)")
        #expect(message.contains("3×2×2 = 12"), "\(message)")
    }

    @Test func mustNotTellOtherSizes() {
        // 15 is 3 · 5, but 6 is no 5: the sizes are not the expected ones grouped.
        #expect(finding("(4, 15, 6)", batch).0 != "dimensions-merged")
        // The right product in another order (5 first) is not a merge of neighbours.
        #expect(finding("(5, 60)", batch).0 != "dimensions-merged")
        // One flat dimension keeps its own story.
        #expect(finding("(300,)", batch).0 == "flattened")
        // As many dimensions, other sizes: no group to tell.
        #expect(finding("(n, c, k * k * l)", columns).0 != "dimensions-split")
    }

    @Test func koreanSaysTheGroups() {
        let (merged, message) = finding("(4, 75)", batch, in: korean)
        #expect(merged == "dimensions-merged")
        #expect(message.contains("한 차원으로 합쳐") && message.contains("3×5×5 = 75"), "\(message)")
    }
}
