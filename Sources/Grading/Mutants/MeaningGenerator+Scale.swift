import AnswerLanguage
import Wording

/// The normaliser's scale: divided by the variance where its square root belongs, by the range
/// (max − min) where the standard deviation belongs, the variance with n − 1 where n belongs (and
/// back), the mean as a sum over one value fewer.
extension MeaningGenerator {
    mutating func scaleRules(_ root: ExpressionSyntax) {
        for node in Self.nodes(root) {
            if let found = reduction(node) {
                statisticRules(found, whole: node.range == root.range)
                continue
            }
            guard let inside = squareRooted(node) else { continue }
            var variance: Reduction?
            for part in Self.nodes(inside) where variance == nil { variance = reductionIfVariance(part) }
            guard let variance else { continue }
            add(
                .varianceForDeviation, [(node.range, "(\(text(inside)))")],
                told: Phrase(MeaningKey.varianceForDeviation))
            add(
                .rangeForDeviation, [(node.range, range(variance))],
                told: Phrase(MeaningKey.rangeForDeviation))
        }
    }

    /// `torch.sqrt(e)`, `e.sqrt()`, `e ** 0.5`: the `e`.
    func squareRooted(_ node: ExpressionSyntax) -> ExpressionSyntax? {
        switch node.kind {
        case .call(let callee, let arguments):
            guard case .attribute(let base, "sqrt", _) = callee.kind else {
                if case .name("sqrt") = callee.kind, arguments.count == 1 { return arguments[0].value }
                return nil
            }
            if ["torch", "math"].contains(text(base)) {
                return arguments.count == 1 ? arguments[0].value : nil
            }
            return arguments.isEmpty ? base : nil
        case .binary(.power, let base, let exponent):
            if case .float(let value) = exponent.kind, value == 0.5 { return base }
            return nil
        default:
            return nil
        }
    }

    private mutating func reductionIfVariance(_ node: ExpressionSyntax) -> Reduction? {
        guard let found = reduction(node), found.name == "var" else { return nil }
        return found
    }

    /// `(x.amax(dim=…) - x.amin(dim=…))` over the statistic's dimensions, its `keepdim` kept.
    private func range(_ statistic: Reduction) -> String {
        var reduced = statistic
        reduced.rest = statistic.rest.filter { $0.hasPrefix("keepdim=") }
        return "(\(rewritten(reduced, over: reduced.dimensions, name: "amax")) - "
            + "\(rewritten(reduced, over: reduced.dimensions, name: "amin")))"
    }

    private mutating func statisticRules(_ statistic: Reduction, whole: Bool) {
        let count = statistic.dimensions.map { statistic.shape[$0] }.reduce(1, *)
        guard count >= 2 else { return }
        switch statistic.name {
        case "std":
            add(
                .varianceForDeviation,
                [(statistic.node.range, rewritten(statistic, over: statistic.dimensions, name: "var"))],
                told: Phrase(MeaningKey.varianceForDeviation))
            add(
                .rangeForDeviation, [(statistic.node.range, range(statistic))],
                told: Phrase(MeaningKey.rangeForDeviation))
            correctionRules(statistic, count: count)
        case "var":
            correctionRules(statistic, count: count)
        // A mean that is the whole calculation, typed as a sum over another count, is said by
        // how the answer reads (`PreparedExercise.relationStory`: the terms it adds).
        case "mean" where count >= 3 && !whole:
            var summed = statistic
            summed.name = "sum"
            add(
                .meanOverOneFewer,
                [(statistic.node.range, "(\(rewritten(summed, over: summed.dimensions)) / \(count - 1))")],
                told: Phrase(MeaningKey.meanOverOneFewer, ["fewer": count - 1, "count": count]))
        default:
            break
        }
    }

    /// The variance divided by n − 1 where the calculation divides by n, and the other way round.
    private mutating func correctionRules(_ statistic: Reduction, count: Int) {
        let biased = statistic.rest.contains { $0 == "unbiased=False" || $0 == "correction=0" }
        var changed = statistic
        if biased {
            changed.rest = statistic.rest.filter {
                !$0.hasPrefix("unbiased=") && !$0.hasPrefix("correction=")
            }
            add(
                .varianceCorrection, [(statistic.node.range, rewritten(changed, over: changed.dimensions))],
                told: Phrase(MeaningKey.unbiasedVariance, ["fewer": count - 1, "count": count]))
        } else if !statistic.rest.contains(where: { $0.hasPrefix("unbiased=") || $0.hasPrefix("correction=") }
        ) {
            changed.rest.append("unbiased=False")
            add(
                .varianceCorrection, [(statistic.node.range, rewritten(changed, over: changed.dimensions))],
                told: Phrase(MeaningKey.biasedVariance, ["fewer": count - 1, "count": count]))
        }
    }
}
