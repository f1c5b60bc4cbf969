import Testing
import Wording

@testable import Grading

/// Slips in formulas over real-valued names and calls (`MeaningGenerator+Reals`): operations in
/// the wrong order around a division, a divisor squared or one off, the shares of a mix swapped,
/// a softmax without its exponential, a temperature applied after the call, rounding before
/// scaling — told where the answer writes the change and keeps agreeing with it on the setup's
/// numbers changed, and not of a right regrouping or a value that agrees on this data only.
@Suite struct RealSlipTests {
    let english = Grader(options: GradingOptions(language: "en"))
    let korean = Grader(options: GradingOptions(language: "ko"))

    /// A reading standardised by a mean and a standard deviation of its own names.
    let standardised = TestExercises.make(
        .value, setup: "x = 0.7\nmu = 0.3\nsd = 0.5", reference: "(x - mu) / sd")

    @Test func theDivisionBeforeTheTerm() {
        let verdict = english.grade("x / sd - mu", for: standardised)
        #expect(verdict.mutantIDs == ["division-reordered"], "\(verdict.message)")
        #expect(verdict.message.contains("`mu` subtracted afterwards"), "\(verdict.message)")
        let ko = korean.grade("x / sd - mu", for: standardised)
        #expect(ko.mutantIDs == ["division-reordered"], "\(ko.message)")
    }

    @Test func theTermBeforeTheDivision() {
        let rescaled = TestExercises.make(
            .tensor, setup: "px = tensor([0., 51., 204., 255.])", reference: "px / 127.5 - 1")
        let verdict = english.grade("(px - 1) / 127.5", for: rescaled)
        #expect(verdict.mutantIDs == ["division-reordered"], "\(verdict.message)")
    }

    @Test func aRightRegroupingPasses() {
        #expect(english.grade("x / sd - mu / sd", for: standardised).status == .pass)
        #expect(english.grade("(x - mu) * (1 / sd)", for: standardised).status == .pass)
    }

    @Test func theDivisorSquared() {
        let verdict = english.grade("(x - mu) / sd ** 2", for: standardised)
        #expect(verdict.mutantIDs == ["divisor-squared"], "\(verdict.message)")
    }

    @Test func aCoincidenceOnThisDataIsNotTold() {
        // (0.7 − 0.3)² · 10 = 1.6 = 0.4 / 0.5²: the divisor squared by value, and the answer
        // writes a square, but with other numbers the two part.
        let verdict = english.grade("(x - mu) ** 2 * 10", for: standardised)
        #expect(!verdict.mutantIDs.contains("divisor-squared"), "\(verdict.message)")
    }

    /// A one-hot target smoothed over k classes.
    let smoothed = TestExercises.make(
        .tensor, setup: "eps = 0.2\nk = 4\nhot = tensor([0., 1., 0., 0.])",
        reference: "(1 - eps) * hot + eps / k")

    @Test func theSharesSwapped() {
        let verdict = english.grade("eps * hot + (1 - eps) / k", for: smoothed)
        #expect(verdict.mutantIDs == ["shares-swapped"], "\(verdict.message)")
        let ko = korean.grade("eps * hot + (1 - eps) / k", for: smoothed)
        #expect(ko.mutantIDs == ["shares-swapped"], "\(ko.message)")
    }

    @Test func theDivisorOneOff() {
        let verdict = english.grade("(1 - eps) * hot + eps / (k - 1)", for: smoothed)
        #expect(verdict.mutantIDs == ["divisor-one-off"], "\(verdict.message)")
        #expect(verdict.message.contains("`k - 1`"), "\(verdict.message)")
    }

    /// Scores turned into probabilities at a temperature.
    let tempered = TestExercises.make(
        .tensor, setup: "s = tensor([1.0, 2.0, 0.5])\ntau = 3.0", reference: "F.softmax(s / tau, dim=0)")

    @Test func theExponentialLeftOut() {
        let verdict = english.grade("(s / tau) / (s / tau).sum()", for: tempered)
        #expect(verdict.mutantIDs == ["exponential-left-out"], "\(verdict.message)")
    }

    @Test func theTemperatureAfterTheCall() {
        let verdict = english.grade("F.softmax(s, dim=0) / tau", for: tempered)
        #expect(verdict.mutantIDs == ["scale-after-call"], "\(verdict.message)")
        let power = english.grade("F.softmax(s, dim=0) ** (1 / tau)", for: tempered)
        #expect(power.mutantIDs == ["power-for-temperature"], "\(power.message)")
    }

    /// Fractions written as whole percentages.
    let percent = TestExercises.make(
        .tensor, setup: "q = tensor([0.127, 0.468, 0.893])", reference: "(q * 100).round()")

    @Test func roundedBeforeScalingOrTruncated() {
        let early = english.grade("torch.round(q) * 100", for: percent)
        #expect(early.mutantIDs == ["rounded-before-scaling"], "\(early.message)")
        let cut = english.grade("(q * 100).long()", for: percent)
        #expect(cut.mutantIDs == ["truncated-for-rounded"], "\(cut.message)")
    }

    @Test func notToldOfAnotherWriting() {
        // The same value as the divisor squared, typed as a number: nothing of a square written.
        let typed = english.grade("1.6", for: standardised)
        #expect(!typed.mutantIDs.contains("divisor-squared"), "\(typed.message)")
        // Truncation told only of an answer that cuts; one that rounds elsewhere is another slip.
        let rounded = english.grade("(q * 100).round() - 1", for: percent)
        #expect(!rounded.mutantIDs.contains("truncated-for-rounded"), "\(rounded.message)")
    }
}
