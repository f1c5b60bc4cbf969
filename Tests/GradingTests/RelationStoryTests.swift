import Testing
import Wording

@testable import Course
@testable import Grading

/// How a wrong number relates to the expected one, told from the answer as typed
/// (`PreparedExercise.relationStory`), and the mutant of an answer's value chosen by its operators
/// (`mutantsByOperators`); each story is tried on an answer it fits and on one with a similar
/// value whose typing does not make it true.
@Suite struct RelationStoryTests: StorySuite {
    let grader = Grader()

    /// 0.25 ** 20 (= 9.094947e-13), as a power of a quarter.
    let power = TestExercises.make(.value, reference: "0.25 ** 20", tolerance: .init(rtol: 1e-4, atol: 0))

    @Test func typedNumberWithItsPointMoved() {
        let slope = TestExercises.make(.value, reference: "0.5 * (1 - 0.5)")
        #expect(finding("0.025", slope) == "decimal-shifted")
        #expect(finding("2.5", slope) == "decimal-shifted")
        #expect(finding("9.09e-12", power) == "decimal-shifted")
        // The same value computed rather than typed is no slip of the decimal point.
        #expect(finding("0.25 / 10", slope) != "decimal-shifted")
        // One significant digit fits too many numbers by chance.
        #expect(finding("0.03", TestExercises.make(.value, reference: "0.3")) != "decimal-shifted")
        // A whole number ten times too large is as likely another count.
        let count = TestExercises.make(.value, reference: "2 * 3 * 4")
        #expect(finding("240", count) != "decimal-shifted")
    }

    @Test func typedNumberRoundedTooCoarsely() {
        #expect(finding("9.1e-13", power) == "rounded-literal")
        // Other digits are not the expected value rounded.
        #expect(finding("9.3e-13", power) != "rounded-literal")
    }

    @Test func repeatedFactorUpsideDownOrComplemented() {
        #expect(finding("4 ** 20", power) == "factor-reciprocal")
        #expect(finding("2 ** 40", power) == "factor-reciprocal")
        #expect(finding("0.75 ** 20", power) == "factor-complement")
        // A power whose factor relates otherwise says no such thing.
        #expect(finding("0.3 ** 20", power) == "bare:wrong-scale")
    }

    @Test func lastStepOneTooMany() {
        let count = TestExercises.make(.value, setup: "x = ones(2, 3, 4)", reference: "x.numel()")
        #expect(finding("x.numel() * 4", count) == "extra-operation")
        #expect(finding("8 * x.numel()", count) == "extra-operation")
        // The part before the last step is not the expected value: no such story.
        #expect(finding("x.shape[0] * 4", count) != "extra-operation")
        let capped = TestExercises.make(
            .tensor, setup: "q = tensor([[-3., 0.5, 4.], [6.5, 9., -0.1]])", reference: "q.clamp(0, 6)")
        #expect(finding("q.clamp(0, 6) / 6", capped) == "extra-operation")
    }

    @Test func meanDividedByAnotherCount() {
        let window = TestExercises.make(
            .value, setup: "window = tensor([[2., 4.], [6., 9.]])", reference: "window.mean()")
        #expect(finding("(2 + 4 + 6 + 9) / 3", window) == "mean-count")
        #expect(finding("window.sum() / 2", window) == "divided-by-side")
        #expect(finding("torch.sum(window) / 2", window) == "divided-by-side")
        // Three terms divided by their count is another mistake (a value left out), not the count.
        #expect(finding("(2 + 4 + 6) / 3", window) != "mean-count")
        // A sum over a tensor with no side of that size is not divided by its side.
        let row = TestExercises.make(.value, setup: "r = tensor([1., 2., 3., 6.])", reference: "r.mean()")
        #expect(finding("r.sum() / 2", row) != "divided-by-side")
    }

    @Test func factorsAddedWhereTheyMultiply() {
        let chain = TestExercises.make(
            .value, setup: "s = sigmoid(tensor([0., 0.5, 0.6225]))",
            reference: "(s[0] * (1 - s[0])) * (s[1] * (1 - s[1])) * (s[2] * (1 - s[2]))")
        #expect(
            finding("s[0] * (1 - s[0]) + s[1] * (1 - s[1]) + s[2] * (1 - s[2])", chain) == "factors-added")
        // Typed by hand, the product is only about the expected value.
        #expect(finding("0.25 + 0.235 + 0.227", chain) == "factors-added")
        // Terms whose product is another number are not factors of this one.
        #expect(finding("0.25 + 0.25 + 0.25", chain) != "factors-added")
        // Two whole numbers multiply to too many counts to say they are its factors.
        let count = TestExercises.make(.value, setup: "x = ones(2, 3, 4)", reference: "x.numel()")
        #expect(finding("2 + 12", count) != "factors-added")
    }

    @Test func groupedOtherwise() {
        let slope = TestExercises.make(
            .value, setup: "a = tensor(0.)", reference: "sigmoid(a) * (1 - sigmoid(a))")
        #expect(finding("sigmoid(a) * 1 - sigmoid(a)", slope) == "brackets-regrouped")
        #expect(finding("0.5 * 1 - 0.5", slope) == "brackets-regrouped")
        // The same numbers with another operation are not a grouping.
        #expect(finding("0.5 * 1 + 0.5", slope) != "brackets-regrouped")
    }

    @Test func reciprocalAndComplementOfTheValue() {
        let quarter = TestExercises.make(.value, reference: "0.25")
        #expect(finding("4.0", quarter) == "reciprocal")
        #expect(finding("0.75", quarter) == "complement")
        // Near 1 a number is near its own reciprocal: nothing is said.
        let near = TestExercises.make(.value, reference: "0.9", tolerance: .init(rtol: 1e-3, atol: 0))
        #expect(finding("1 / 0.9", near) != "reciprocal")
        // Near 1/2 a fraction is near its own complement.
        let half = TestExercises.make(.value, reference: "0.52", tolerance: .init(rtol: 1e-3, atol: 0))
        #expect(finding("0.48", half) != "complement")
    }

    @Test func operatorsChooseAmongMutantsOfTheSameValue() {
        // `g[1] / g[0]` with g[0] tiny: leaving out the division and subtracting give about the
        // same number; what the answer writes says which.
        let ratio = TestExercises.make(
            .value, setup: "g = tensor([1.0e-17, 0.5])", reference: "g[1] / g[0]",
            tolerance: .init(rtol: 1e-3, atol: 0))
        let dropped = grader.grade("g[-1]", for: ratio)
        #expect(dropped.findings.last?.id == "divisor-dropped")
        let subtracted = grader.grade("g[-1] - g[0]", for: ratio)
        #expect(subtracted.findings.last?.id == "subtract-for-divide")
        // A number typed out says nothing about which change it came from.
        #expect(grader.grade("0.5", for: ratio).findings.last?.isSpecific == false)
        // Written with an operator neither mutant has, the value stays unexplained.
        let other = grader.grade("g[-1] * 1.0", for: ratio)
        #expect(other.findings.last?.isSpecific == false)
    }

    @Test func everyStoryIsSaidInKorean() {
        let korean = Grader(options: GradingOptions(language: "ko"))
        let verdict = korean.grade("0.75 ** 20", for: power)
        #expect(verdict.findings.last?.id == "factor-complement")
        #expect(verdict.message.contains("인수"))
        #expect(!verdict.message.contains("factor"))
    }
}
