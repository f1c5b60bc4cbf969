import CNN
import Testing

@testable import Grading

/// A story is told only when its premise holds of the answer, not only of its value or shape:
/// otherwise the learner hears a less specific message rather than a wrong one.
@Suite struct TrueStoryTests {
    let plain = Diagnoser(context: DiagnosisContext(), rtol: 1e-4, atol: 1e-5)

    /// A [1, 2, 4, 2] array and, for each position of its [1, 4, 2, 2] permutation (dimensions
    /// 1 and 2 swapped), the value there.
    func permuted(_ values: [Double]) -> NumericArray {
        var result: [Double] = []
        for h in 0..<4 {
            for c in 0..<2 {
                for w in 0..<2 { result.append(values[c * 8 + h * 2 + w]) }
            }
        }
        return NumericArray(shape: [1, 4, 2, 2], values: result)
    }

    @Test func layoutStoryNeedsPermutedValues() {
        let values = (0..<16).map { Double($0 * $0 % 7) - 2 }
        let answer = NumericArray(shape: [1, 2, 4, 2], values: values)
        // The same values laid out otherwise: the permutation is the learner's mistake.
        #expect(plain.diagnose(answer, expected: permuted(values)).finding == .dimensionsPermuted)
        // Other values in a permuted shape (zeros padded on the wrong axis): only the shape is said.
        let other = NumericArray(shape: [1, 4, 2, 2], values: (0..<16).map { Double($0) })
        #expect(answer.hasPermutation(matching: other, rtol: 1e-4, atol: 1e-5) == false)
        #expect(plain.diagnose(answer, expected: other).finding == .wrongShape)
    }

    @Test func shrinkStoryNeedsTheReferencesPadding() {
        // A reference without padding shrinks too: 2 smaller is not "the size should stay".
        let unpadded = Diagnoser(
            context: DiagnosisContext(kernelSizes: [3], unpadded: true), rtol: 1e-4, atol: 1e-5)
        #expect(unpadded.shapeDiagnosis([1, 1, 1, 1], expected: [1, 1, 3, 3])?.finding != .shrankByKernel)
    }

    @Test func reductionsTellExpressionsApart() {
        #expect(PreparedExercise.reductionCalls("torch.max(p * k) + (p * k).sum(dim=1)") == ["max", "sum"])
        #expect(PreparedExercise.reductionCalls("p.summary(k)").isEmpty)
        // A max where the mutant sums is not the mutant, whatever the two values are.
        #expect(PreparedExercise.reducesOtherwise("(p * k).max()", "(p * k.flip([0, 1])).sum()"))
        // The same reduction written otherwise is the same expression's kind.
        #expect(!PreparedExercise.reducesOtherwise("torch.mul(p, k.T).sum()", "(p * k.T).sum()"))
        // A mutant that changes the reduction is told for an answer with that reduction.
        #expect(!PreparedExercise.reducesOtherwise("torch.mean(p * k)", "(p * k).mean()"))
    }

    @Test func layerMovedIsNotExtra() throws {
        var generator = SystemRandomNumberGenerator()
        let conv = { () throws -> Conv2d in try Conv2d(12, 24, kernelSize: 3, stride: 2, using: &generator) }
        let reference = Sequential([try conv(), ReLU()])
        #expect(
            Comparer.structuralDifference(Sequential([ReLU(), try conv()]), reference)
                == .moved(type: "ReLU", before: "Conv2d"))
        // A layer the reference does not have at all stays an extra layer.
        #expect(
            Comparer.structuralDifference(Sequential([ReLU(), try conv(), ReLU()]), reference)
                == .extra(type: "ReLU", after: nil))
        // A layer moved later: the answer's ReLU comes before the Sigmoid the reference has it after.
        #expect(
            Comparer.structuralDifference(
                Sequential([try conv(), ReLU(), Sigmoid()]), Sequential([try conv(), Sigmoid(), ReLU()]))
                == .moved(type: "ReLU", before: "Sigmoid"))
    }
}
