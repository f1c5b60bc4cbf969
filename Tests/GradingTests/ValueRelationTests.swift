import Course
import Testing
import Wording

@testable import Grading

/// Relations of a wrong number to the expected one told only when they hold with the setup's
/// numbers moved (`PreparedExercise+ValueRelations`), and bits counted where a plain number of
/// bytes is asked (`PreparedExercise+MemoryUnits`). Each is told where it is how the answer is
/// built, and not where it holds at the setup's numbers only.
@Suite struct ValueRelationTests {
    let english = Grader(options: GradingOptions(language: "en"))
    let korean = Grader(options: GradingOptions(language: "ko"))

    /// A perturbation's size: every value moved by `eps` along the sign, over `n` values.
    let norm = TestExercises.make(.value, setup: "eps = 0.03\nn = 3072", reference: "eps * math.sqrt(n)")

    /// A width multiplier applied to both channel counts.
    let width = TestExercises.make(.value, setup: "alpha = 0.6", reference: "alpha ** 2")

    /// A product written out factor by factor.
    let area = TestExercises.make(.value, setup: "a = 1.5\nb = 2.5", reference: "a * a * b * b")

    /// A variance that reads a value equal to 1 in the setup: some relations hold here only.
    let variance = TestExercises.make(
        .value, setup: "n_in = 256\nw_std = 0.05\nx_var = 1.0", reference: "n_in * w_std ** 2 * x_var")

    /// A normalised pixel.
    let pixel = TestExercises.make(.value, setup: "v = 0.2\nm = 0.485\ns = 0.229", reference: "(v - m) / s")

    private func ids(_ answer: String, _ exercise: Exercise, _ grader: Grader? = nil) -> [String] {
        (grader ?? english).grade(answer, for: exercise).findings.map(\.id)
    }

    @Test func theSquareAndTheRootAreTold() {
        let squared = english.grade("eps ** 2 * n", for: norm)
        #expect(squared.findings.map(\.id) == ["value-squared"], "\(squared.message)")
        #expect(squared.message.contains("the square of the expected value"), "\(squared.message)")
        let rooted = english.grade("a * b", for: area)
        #expect(rooted.findings.map(\.id) == ["value-rooted"], "\(rooted.message)")
        #expect(korean.grade("a * b", for: area).message.contains("정답의 제곱근"))
    }

    @Test func aRatioThatIsAPartOfTheCalculationIsSaidByIt() {
        let over = english.grade("eps / math.sqrt(n)", for: norm)
        #expect(over.findings.map(\.id) == ["over-part"], "\(over.message)")
        #expect(over.message.contains("divided by `n`"), "\(over.message)")
        #expect(korean.grade("eps / math.sqrt(n)", for: norm).message.contains("`n`으로 나눈 값"))
    }

    @Test func theSameQuantityOverAnotherDivisorIsTold() {
        let masks = TestExercises.make(
            .value, setup: "p = tensor([1., 0., 1., 0.])\ng = tensor([1., 1., 0., 0.])",
            reference: "(p * g).sum() / (p + g - p * g).sum()")
        let verdict = english.grade("(p * g).sum() / 4", for: masks)
        #expect(verdict.findings.map(\.id) == ["other-divisor"], "\(verdict.message)")
        #expect(
            verdict.message.contains("by `4` where the calculation divides it by 3"), "\(verdict.message)")
        #expect(korean.grade("(p * g).sum() / 4", for: masks).message.contains("맞는 양을 나누지만"))
        // A mean is read as its sum over its count of values.
        let mean = english.grade("(p * g).mean()", for: masks)
        #expect(mean.findings.map(\.id) == ["other-divisor"], "\(mean.message)")
        #expect(
            mean.message.contains("by 4, the number of values your mean averages, where"), "\(mean.message)")
        // One name typed for another is the written difference's: it says the slip itself.
        #expect(ids("(v - m) / v", pixel) == ["written-difference"])
    }

    @Test func relationsThatHoldHereOnlyAreNotTold() {
        // sqrt(n_in) · w_std · x_var is the root of the expected value only while x_var = 1.
        let here = ids("math.sqrt(n_in) * w_std * x_var", variance)
        #expect(!here.contains("value-rooted") && !here.contains("over-part"), "\(here)")
        // A number typed by hand reads no setup name: nothing moves it, nothing is confirmed.
        #expect(!ids("0.36 ** 2", width).contains("value-squared"))
        // The fourth root is neither the square nor the root.
        let fourth = ids("math.sqrt(alpha)", width)
        #expect(!fourth.contains("value-rooted") && !fourth.contains("value-squared"), "\(fourth)")
        // A dividend equal to the calculation's here only is no same quantity.
        let dividend = TestExercises.make(.value, setup: "a = 2.0\nb = 1.0\nd = 4.0", reference: "a / d")
        #expect(!ids("(a * b) / (d + 1)", dividend).contains("other-divisor"))
    }

    @Test func aSetupWithNothingToMoveTellsNoRelation() {
        let counts = TestExercises.make(.value, setup: "c = 3\nk = 5", reference: "math.sqrt(c * k * k)")
        let told = ids("c * k * k", counts)
        #expect(!told.contains("value-squared"), "\(told)")
    }

    @Test func bitsAreToldWhereThePromptAsksForBytes() {
        var bytes = TestExercises.make(.value, setup: "n = 1000", reference: "n * (4 - 1)")
        bytes.prompt = "How many bytes are saved by storing each of the n values in one byte?"
        let verdict = english.grade("n * (32 - 8)", for: bytes)
        #expect(verdict.findings.map(\.id) == ["memory-unit"], "\(verdict.message)")
        #expect(
            verdict.message.contains("multiplies by `(32 - 8)` where the calculation multiplies by `(4 - 1)`")
        )
        // A factor of other numbers than byte widths is no count of bytes.
        var other = TestExercises.make(.value, setup: "n = 1000", reference: "n * 3")
        other.prompt = bytes.prompt
        #expect(!ids("n * 24", other).contains("memory-unit"))
        // Without bytes in the prompt, eight times is no bits.
        let plain = TestExercises.make(.value, setup: "n = 1000", reference: "n * (4 - 1)")
        #expect(!ids("n * (32 - 8)", plain).contains("memory-unit"))
    }

    @Test func rightPhrasingsPass() {
        #expect(english.grade("alpha * alpha", for: width).passed)
        #expect(english.grade("math.sqrt(n) * eps", for: norm).passed)
        #expect(english.grade("(v - m) * (1 / s)", for: pixel).passed)
    }
}
