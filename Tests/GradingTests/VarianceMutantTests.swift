import Testing
import Wording

@testable import Grading

/// What a variance or a fan means (`MeaningGenerator+Variance`), on exercises of no course with
/// names of their own: the variance for the standard deviation and back, the root of a part, the
/// fan-out or every weight for the fan-in, fans added, multiplied or one alone where they are
/// averaged, a uniform bound's square for the variance, LeCun's 1 for He's 2, variances added —
/// each told when the answer is that formula, and not told when the answer is another mistake
/// with the same value. And an answer that leaves out a name whose value is 1 does not pass
/// (`PreparedExercise+FactorOfOne`).
@Suite struct VarianceMutantTests {
    let english = Grader(options: GradingOptions(language: "en"))
    let korean = Grader(options: GradingOptions(language: "ko"))

    /// A He standard deviation for a layer whose output channels are twice its input channels:
    /// √(1 / fan-in) and √(2 / fan-out) are the same number here.
    let deviation = TestExercises.make(
        .value, setup: "in_features = 50\nout_features = 100\nk = 2",
        reference: "math.sqrt(2 / (in_features * k * k))")

    /// The same standard deviation scaling a tensor: no formula in whole numbers.
    let scaled = TestExercises.make(
        .tensor, setup: "in_features = 50\nout_features = 100\nk = 2\nv = tensor([1., -2., 0.5, 3.])",
        reference: "v * math.sqrt(2 / (in_features * k * k))")

    /// A Glorot variance: two fans averaged.
    let glorot = TestExercises.make(
        .value, setup: "fan_in = 120\nfan_out = 40", reference: "2 / (fan_in + fan_out)")

    /// A sum of products' variances in reals, with an input variance of 1.
    let output = TestExercises.make(
        .value, setup: "d_in = 64\nd_out = 32\ns = 0.1\nv = 1.0", reference: "d_in * s ** 2 * v")

    /// A fan-in as a product.
    let fanIn = TestExercises.make(.value, setup: "Cin = 6\nCout = 10\nr = 3", reference: "Cin * r * r")

    /// LeCun's and He's standard deviations written as a constant over a root.
    let lecun = TestExercises.make(.value, setup: "n_in = 200\nn_out = 50", reference: "1 / math.sqrt(n_in)")
    let he = TestExercises.make(
        .value, setup: "fan_in = 72\nfan_out = 18", reference: "math.sqrt(2) / math.sqrt(fan_in)")

    /// A variance through a layer given the weights' variance: a product with a real in it, no
    /// fan-in.
    let through = TestExercises.make(
        .value, setup: "n_in = 100\nn_out = 10\nw_var = 0.02", reference: "n_in * w_var")

    @Test func theVarianceForTheDeviationAndTheRootOfOnePart() {
        let variance = english.grade("2 / (k * k * in_features)", for: deviation)
        #expect(variance.mutantIDs == ["variance-for-std"], "\(variance.message)")
        #expect(
            variance.message.contains("standard deviation asked is its square root, 0.1"),
            "\(variance.message)")
        let lower = english.grade("2 / math.sqrt(in_features * k * k)", for: deviation)
        #expect(lower.mutantIDs == ["root-of-denominator-only"], "\(lower.message)")
        let squared = english.grade("(2 / (in_features * k * k)) ** 2", for: deviation)
        #expect(squared.mutantIDs == ["squared-for-root"], "\(squared.message)")
        let korean = self.korean.grade("2 / (k * k * in_features)", for: deviation)
        #expect(korean.message.contains("표준편차"), "\(korean.message)")
    }

    @Test func fanOutAndLeCunWithOneValueAreToldByWhatIsTyped() {
        // √(2 / 400) = √(1 / 200): the fan-out and LeCun's variance give one number here.
        let fanOut = english.grade("math.sqrt(2 / (out_features * k * k))", for: deviation)
        #expect(fanOut.mutantIDs == ["fan-out-for-fan-in"], "\(fanOut.message)")
        #expect(fanOut.message.contains("fan-out `out_features * k * k` = 400"), "\(fanOut.message)")
        let lecun = english.grade("(1 / (in_features * k * k)) ** 0.5", for: deviation)
        #expect(lecun.mutantIDs == ["relu-gain-dropped"], "\(lecun.message)")
        #expect(!lecun.message.contains("fan-out"), "\(lecun.message)")
        // On a tensor, where no whole-number formula is read, the typing decides too.
        let scaledOut = english.grade("math.sqrt(2 / (k * k * out_features)) * v", for: scaled)
        #expect(scaledOut.mutantIDs == ["fan-out-for-fan-in"], "\(scaledOut.message)")
        let scaledLeCun = english.grade("v / math.sqrt(in_features * k * k)", for: scaled)
        #expect(scaledLeCun.mutantIDs == ["relu-gain-dropped"], "\(scaledLeCun.message)")
        #expect(!scaledLeCun.message.contains("fan-out"), "\(scaledLeCun.message)")
    }

    @Test func everyWeightAndBothFansForTheFanIn() {
        let all = english.grade("math.sqrt(2 / (in_features * k * k * out_features))", for: deviation)
        #expect(all.mutantIDs == ["all-weights-for-fan"], "\(all.message)")
        let added = english.grade(
            "v * math.sqrt(2 / (in_features * k * k + out_features * k * k))", for: scaled)
        #expect(added.mutantIDs == ["fans-added"], "\(added.message)")
        let product = english.grade("Cin * r * r * Cout", for: fanIn)
        #expect(product.mutantIDs == ["all-weights-for-fan"], "\(product.message)")
    }

    @Test func averagedFansTakenOtherwise() {
        let multiplied = english.grade("2 / fan_in / fan_out", for: glorot)
        #expect(multiplied.mutantIDs == ["fans-multiplied"], "\(multiplied.message)")
        #expect(multiplied.message.contains("(fan_in + fan_out) / 2 = 80"), "\(multiplied.message)")
        let sum = english.grade("1 / (fan_out + fan_in)", for: glorot)
        #expect(sum.mutantIDs == ["sum-for-average"], "\(sum.message)")
        let one = english.grade("1 / fan_in", for: glorot)
        #expect(one.mutantIDs == ["one-fan-only"], "\(one.message)")
        let uniform = english.grade("6 / (fan_in + fan_out)", for: glorot)
        #expect(uniform.mutantIDs == ["uniform-bound-for-variance"], "\(uniform.message)")
        let bound = english.grade("math.sqrt(6 / (fan_in + fan_out))", for: glorot)
        #expect(bound.mutantIDs == ["uniform-bound-for-variance"], "\(bound.message)")
        #expect(bound.message.contains("the bound a of a uniform initialisation"), "\(bound.message)")
        let rooted = english.grade("(2 / (fan_in + fan_out)) ** 0.5", for: glorot)
        #expect(rooted.mutantIDs == ["std-for-variance"], "\(rooted.message)")
    }

    @Test func aSumOfProductsVariances() {
        let rooted = english.grade("math.sqrt(d_in * s ** 2 * v)", for: output)
        #expect(rooted.mutantIDs == ["std-for-variance"], "\(rooted.message)")
        let out = english.grade("v * s ** 2 * d_out", for: output)
        #expect(out.mutantIDs == ["fan-out-for-fan-in"], "\(out.message)")
        let added = english.grade("d_in * (s * s + v)", for: output)
        #expect(added.mutantIDs == ["variances-added"], "\(added.message)")
        // √d_in · s · v is the standard deviation only because v = 1: not that story.
        let other = english.grade("math.sqrt(d_in) * s * v", for: output)
        #expect(!other.mutantIDs.contains("std-for-variance"), "\(other.message)")
    }

    @Test func anotherSlipWithTheSameValueIsNotToldAsOne() {
        // Halved as typed: 0.32 is the fan-out's value too, but the answer reads no `d_out`.
        let halved = english.grade("d_in * s ** 2 * v / 2", for: output)
        #expect(!halved.mutantIDs.contains("fan-out-for-fan-in"), "\(halved.message)")
        #expect(!halved.message.contains("fan-out"), "\(halved.message)")
        // The Glorot variance divided by 30 is 2 / (fan_in · fan_out) here only.
        let divided = english.grade("2 / (fan_in + fan_out) / 30", for: glorot)
        #expect(!divided.mutantIDs.contains("fans-multiplied"), "\(divided.message)")
        // A tensor scaled by half the deviation has LeCun's and the fan-out's values (√(1/200) is
        // 0.0707 and so is half of √(2/100)), but is neither as typed.
        let half = english.grade("v * math.sqrt(2 / (in_features * k)) / 2", for: scaled)
        #expect(
            half.mutantIDs.allSatisfy { !["relu-gain-dropped", "fan-out-for-fan-in"].contains($0) },
            "\(half.message)")
    }

    @Test func aDeviationWrittenAsAConstantOverARoot() {
        let variance = english.grade("1 / n_in", for: lecun)
        #expect(variance.mutantIDs == ["variance-for-std"], "\(variance.message)")
        let fanOut = english.grade("1 / math.sqrt(n_out)", for: lecun)
        #expect(fanOut.mutantIDs == ["fan-out-for-fan-in"], "\(fanOut.message)")
        let uniform = english.grade("math.sqrt(3 / n_in)", for: lecun)
        #expect(uniform.mutantIDs == ["uniform-bound-for-variance"], "\(uniform.message)")
        let gain = english.grade("1 / math.sqrt(fan_in)", for: he)
        #expect(gain.mutantIDs == ["relu-gain-dropped"], "\(gain.message)")
        let korean = self.korean.grade("1 / math.sqrt(fan_in)", for: he)
        #expect(korean.message.contains("LeCun"), "\(korean.message)")
    }

    @Test func aProductWithARealIsNoFanIn() {
        let verdict = english.grade("n_out * w_var", for: through)
        #expect(!verdict.message.contains("fan-in"), "\(verdict.message)")
        #expect(!verdict.mutantIDs.contains("fan-out-for-fan-in"), "\(verdict.message)")
    }

    @Test func aNameOfValueOneLeftOutDoesNotPass() {
        let verdict = english.grade("s ** 2 * d_in", for: output)
        #expect(!verdict.passed)
        #expect(verdict.findings.map(\.id) == ["coincidental-formula"])
        #expect(
            verdict.message.contains(
                "leaves `v` out: it gives the expected value only because `v` is 1 here"),
            "\(verdict.message)")
        #expect(verdict.message.contains("With `v` = 2 it gives 0.64 where the calculation gives 1.28"))
        let korean = self.korean.grade("s ** 2 * d_in", for: output)
        #expect(korean.message.contains("빠져 있습니다"), "\(korean.message)")
        // Right phrasings still pass: the name typed as its value, the factors in another order.
        for right in ["v * d_in * s * s", "d_in * s ** 2 * 1.0", "64 * 0.1 ** 2 * 1"] {
            #expect(english.grade(right, for: output).passed, "\(right)")
        }
    }
}
