import Testing
import Wording

@testable import Grading

/// Mutants of what a probability means (`MeaningGenerator+Probabilities`, `+Softmax`,
/// `+Classes`), on exercises of no course with names no course uses: a complement `1 - p`
/// exchanged, applied twice, as a percentage or divided by; odds or a percentage for the whole;
/// a 0/1 mask read the other way; a dropout layer in evaluation mode scaled; log-probabilities,
/// sigmoid, the exponential of a sum, another class, nll_loss on raw scores, max for logsumexp,
/// p(1 − p) and one class's entry — each told when the answer, typed any way, has the mutant's
/// value, and not told when the typing shows another slip or a number typed in lands on it.
@Suite struct ProbabilityMeaningTests {
    let english = Grader(options: GradingOptions(language: "en"))
    let korean = Grader(options: GradingOptions(language: "ko"))

    /// Units kept by a dropout of rate 0.3 (140 of 200).
    let kept = TestExercises.make(.value, setup: "units = 200\nrate = 0.3", reference: "units * (1 - rate)")
    /// The factor a kept unit is scaled by (1 / 0.7).
    let scale = TestExercises.make(.value, setup: "rate = 0.3", reference: "1 / (1 - rate)")
    /// Inverted dropout applied with a given mask.
    let masked = TestExercises.make(
        .tensor,
        setup: "acts = tensor([[2., -1., 4.], [3., 5., -2.]])\nmask = tensor([[0., 1., 1.], [1., 0., 1.]])\n"
            + "rate = 0.4",
        reference: "acts * mask / (1 - rate)")
    /// A dropout layer in evaluation mode.
    let evaluation = TestExercises.make(
        .tensor, setup: "layer = nn.Dropout(0.4)\nlayer.eval()\nv = tensor([1., -2., 3.])",
        reference: "layer(v)")
    /// The softmax probability of class `label` among three scores (class 2 has the largest).
    let probability = TestExercises.make(
        .value, setup: "scores = tensor([0.5, -1., 1.5])\nlabel = 0", reference: "scores.softmax(-1)[label]")
    /// The cross-entropy of the same scores, as logsumexp minus the label's score.
    let loss = TestExercises.make(
        .value, setup: "scores = tensor([0.5, -1., 1.5])\nlabel = 0",
        reference: "torch.logsumexp(scores, 0) - scores[label]",
        alternatives: ["F.cross_entropy(scores[None], tensor([label]))"])
    /// Its gradient with respect to the scores.
    let gradient = TestExercises.make(
        .tensor, setup: "scores = tensor([0.5, -1., 1.5])\nlabel = 0",
        reference: "F.softmax(scores, dim=0) - F.one_hot(tensor(label), 3)")

    /// A cross-entropy written as a call only, and a softmax written by hand (class 1 has the
    /// largest score).
    let called = TestExercises.make(
        .value, setup: "z = tensor([1., 3., -2., 0.5])\ny = 0",
        reference: "F.cross_entropy(z.unsqueeze(0), torch.tensor([y]))")
    let byHand = TestExercises.make(
        .value, setup: "z = tensor([1., 3., -2., 0.5])\ny = 0",
        reference: "torch.exp(z[y]) / torch.exp(z).sum()")

    /// A binary cross-entropy of sigmoid probabilities, and an index that picks no class.
    let binary = TestExercises.make(
        .value, setup: "z = tensor([0.8, -1.2, 2.])\ny = tensor([1., 0., 1.])",
        reference: "-(y * torch.log(torch.sigmoid(z)) + (1 - y) * torch.log(1 - torch.sigmoid(z))).mean()")
    let indexed = TestExercises.make(.value, setup: "v = tensor([4., 7., 1.])\ni = 1", reference: "v[i] * 2")

    @Test func theComplementOfAProbabilityIsTold() {
        let exchanged = english.grade("rate * units", for: kept)
        #expect(exchanged.mutantIDs == ["probability-complement"], "\(exchanged.message)")
        #expect(exchanged.message.contains("`rate` = 0.3 where it uses its complement `1 - rate` = 0.7"))
        let twice = english.grade("units * (1 - rate) ** 2", for: kept)
        #expect(twice.mutantIDs == ["probability-twice"], "\(twice.message)")
        let divided = english.grade("units / (1 - rate)", for: kept)
        #expect(divided.mutantIDs == ["probability-divided"], "\(divided.message)")
        #expect(divided.message.contains("dividing by `1 - rate` = 0.7 where it multiplies by it"))
        let ko = korean.grade("rate * units", for: kept)
        #expect(ko.message.contains("여사건 `1 - rate` = 0.7"), "\(ko.message)")
        #expect(!ko.message.contains("complement"))
    }

    @Test func aPercentageOrOddsForTheWholeAnswer() {
        let percent = english.grade("100 - 30", for: kept)
        #expect(percent.mutantIDs == ["probability-percentage"], "\(percent.message)")
        #expect(
            percent.message.hasPrefix(
                "Your answer is `1 - rate` = 0.7 written as a percentage (70)"))
        let odds = english.grade("rate / (1 - rate)", for: scale)
        #expect(odds.mutantIDs == ["probability-odds"], "\(odds.message)")
        #expect(odds.message.contains("the odds `rate / (1 - rate)` = 0.4286"), "\(odds.message)")
        let inside = english.grade("1 / (100 - 30)", for: scale)
        #expect(inside.mutantIDs == ["probability-as-percentage"], "\(inside.message)")
    }

    @Test func aMaskReadTheOtherWayAndAScaleAtEvaluation() {
        let inverted = english.grade("acts * (1 - mask) / (1 - rate)", for: masked)
        #expect(inverted.mutantIDs == ["keep-mask-inverted"], "\(inverted.message)")
        let trained = english.grade("v / (1 - layer.p)", for: evaluation)
        #expect(trained.mutantIDs == ["train-scale-at-eval"], "\(trained.message)")
        #expect(trained.message.contains("1 / (1 − 0.4) = 1.6667"), "\(trained.message)")
        let paper = english.grade("v * 0.6", for: evaluation)
        #expect(paper.message.contains("the original paper's test-time rule"), "\(paper.message)")
        let dropped = english.grade("layer.p * v", for: evaluation)
        #expect(dropped.message.contains("multiplied by the drop probability 0.4"), "\(dropped.message)")
    }

    @Test func softmaxReadOtherwise() {
        let log = english.grade("F.log_softmax(scores, dim=0)[label]", for: probability)
        #expect(log.mutantIDs == ["log-for-probability"], "\(log.message)")
        let sigmoid = english.grade("torch.sigmoid(scores[label])", for: probability)
        #expect(sigmoid.mutantIDs == ["sigmoid-for-softmax"], "\(sigmoid.message)")
        #expect(sigmoid.message.contains("all 3 classes"))
        let sum = english.grade("scores.exp()[label] / scores.sum().exp()", for: probability)
        #expect(sum.mutantIDs == ["exp-of-sum"], "\(sum.message)")
        let largest = english.grade("scores.softmax(0).max()", for: probability)
        #expect(largest.mutantIDs == ["other-class"], "\(largest.message)")
        #expect(
            largest.message.contains(
                "class 2, the class with the largest score, where it takes class `label` = 0"))
        let lost = english.grade("F.cross_entropy(scores[None], tensor([label]))", for: probability)
        #expect(lost.mutantIDs == ["loss-for-probability"], "\(lost.message)")
        #expect(
            lost.message.hasPrefix("Your answer is −log p = 1.3715, the loss of the probability p = 0.2537"))
        let ko = korean.grade("F.log_softmax(scores, dim=0)[label]", for: probability)
        #expect(ko.message.contains("로그 확률(`log_softmax`)"), "\(ko.message)")
    }

    @Test func aLossReadOtherwise() {
        let raw = english.grade("F.nll_loss(scores[None], tensor([label]))", for: loss)
        #expect(raw.mutantIDs == ["nll-on-scores"], "\(raw.message)")
        let max = english.grade("scores.max() - scores[label]", for: loss)
        #expect(max.mutantIDs == ["max-for-logsumexp"], "\(max.message)")
        let p = english.grade("torch.softmax(scores, 0)[label]", for: loss)
        #expect(p.mutantIDs == ["probability-for-loss"], "\(p.message)")
        #expect(p.message.hasPrefix("Your answer is the probability 0.2537 itself"), "\(p.message)")
        // The reference's class index with the largest score reduces otherwise than this answer;
        // the alternative's (`cross_entropy` of `argmax`) tells the same story and fits it.
        let largest = english.grade("torch.log(scores.exp().sum()) - scores.max()", for: loss)
        #expect(largest.mutantIDs == ["other-class"], "\(largest.message)")
        #expect(largest.message.contains("class 2, the class with the largest score"), "\(largest.message)")
        let other = english.grade("F.cross_entropy(scores[None], tensor([1]))", for: loss)
        #expect(other.mutantIDs == ["other-class"], "\(other.message)")
        #expect(other.message.contains("with class 1 where it takes class `label` = 0"))
    }

    @Test func aLossWrittenAsACallAndASoftmaxByHand() {
        let max = english.grade("z.max() - z[y]", for: called)
        #expect(max.mutantIDs == ["max-for-logsumexp"], "\(max.message)")
        let sum = english.grade("torch.log(torch.exp(z.sum())) - z[y]", for: called)
        #expect(sum.mutantIDs == ["exp-of-sum"], "\(sum.message)")
        let binary = english.grade("-torch.log(torch.sigmoid(z[y]))", for: called)
        #expect(binary.mutantIDs == ["sigmoid-for-softmax"], "\(binary.message)")
        let largest = english.grade("F.cross_entropy(z[None], z.argmax()[None])", for: called)
        #expect(largest.mutantIDs == ["other-class"], "\(largest.message)")
        let exp = english.grade("z[y].exp() / z.sum().exp()", for: byHand)
        #expect(exp.mutantIDs == ["exp-of-sum"], "\(exp.message)")
    }

    @Test func aTensorOfProbabilitiesForItsComplement() {
        // A weighted sum's weight `y` read as a running average's tells the same value too.
        let verdict = english.grade("-torch.log(torch.sigmoid(z)).mean()", for: binary)
        #expect(verdict.mutantIDs.contains { $0.contains("probability-complement") }, "\(verdict.message)")
        #expect(
            verdict.message.contains(
                "`torch.sigmoid(z)` where it uses its complement `1 - torch.sigmoid(z)`"),
            "\(verdict.message)")
    }

    @Test func theGradientReadOtherwise() {
        let slope = english.grade("q = scores.softmax(0); q * (1 - q)", for: gradient)
        #expect(slope.mutantIDs == ["slope-for-gradient"], "\(slope.message)")
        let entry = english.grade("scores.softmax(0)[label] - 1", for: gradient)
        #expect(entry.mutantIDs == ["target-entry-only"], "\(entry.message)")
        #expect(entry.message.contains("only the entry of class `label` = 0, one of its 3 values"))
        let largest = english.grade("scores.softmax(0) - F.one_hot(scores.argmax(), 3)", for: gradient)
        #expect(largest.mutantIDs == ["other-class"], "\(largest.message)")
        let everywhere = english.grade("scores.softmax(0) - 1", for: gradient)
        #expect(everywhere.mutantIDs == ["one-hot-everywhere"], "\(everywhere.message)")
    }

    /// Another mistake with the same value is not told these stories: a formula that writes the
    /// complement and lands on the same number by another slip, and numbers typed in for the
    /// setup's names of a tensor (they agree with the mutant at these numbers only).
    @Test func anotherSlipWithTheSameValueIsNotTold() {
        // units * (1 - rate) - 80 = 60 = rate * units: the complement is written, 80 taken away.
        let subtracted = english.grade("units * (1 - rate) - 80", for: kept)
        #expect(!subtracted.mutantIDs.contains("probability-complement"), "\(subtracted.message)")
        // 1 / (1 - rate) squared is 2.0408; so is 2 + 0.0408 typed with the rate read once.
        let added = english.grade("2 + rate * 0.136", for: scale)
        #expect(!added.mutantIDs.contains("probability-twice"), "\(added.message)")
        // The mask and its data typed as numbers: right here, another tensor elsewhere.
        let typed = english.grade("acts * tensor([[1., 0., 0.], [0., 1., 0.]]) / 0.6", for: masked)
        #expect(!typed.mutantIDs.contains("keep-mask-inverted"), "\(typed.message)")
        // The sum of exponentials minus the label's score: log left out, not the largest score.
        // An index into a vector that reads no scores is no class.
        let element = english.grade("v[2] * 2", for: indexed)
        #expect(!element.mutantIDs.contains("other-class"), "\(element.message)")
        let unlogged = english.grade("scores.exp().sum() - scores[label]", for: loss)
        #expect(unlogged.mutantIDs.allSatisfy { !$0.contains("logsumexp") }, "\(unlogged.message)")
    }
}
