import AnswerLanguage
import Foundation
import Wording

/// What softmax, its logarithm and the cross-entropy mean: log-probabilities for probabilities
/// and back, the sigmoid of each score for softmax, the exponential of the sum for the sum of the
/// exponentials, the largest score for logsumexp, nll_loss on raw scores (no log_softmax),
/// p(1 − p) for the gradient p − y, and the probability e^(−loss) for a loss.
extension MeaningGenerator {
    /// A call of `softmax`, `log_softmax`, `logsumexp` or `cross_entropy`, as written:
    /// `x.softmax(0)`, `torch.softmax(x, dim=0)`, `F.log_softmax(x, 1)`.
    struct ScoreCall {
        var node: ExpressionSyntax
        var name: String
        var operand: ExpressionSyntax
        /// The dimension as written (nil: none given).
        var dimension: ExpressionSyntax?
        var arguments: [ArgumentSyntax]
    }

    static let scoreCalls: Set<String> = ["softmax", "log_softmax", "logsumexp", "cross_entropy", "nll_loss"]

    func scoreCall(_ node: ExpressionSyntax) -> ScoreCall? {
        guard case .call(let callee, let arguments) = node.kind,
            case .attribute(let base, let name, _) = callee.kind, Self.scoreCalls.contains(name),
            !arguments.contains(where: \.isSpread)
        else { return nil }
        var operand = base
        var rest = arguments
        if ["torch", "F", "nn.functional", "torch.nn.functional"].contains(text(base)) {
            guard let first = rest.first, first.name == nil || first.name == "input" else { return nil }
            operand = first.value
            rest.removeFirst()
        } else if name == "cross_entropy" || name == "nll_loss" {
            return nil
        }
        let dimension =
            name == "cross_entropy" || name == "nll_loss"
            ? nil : (rest.first(where: { $0.name == "dim" }) ?? rest.first(where: { $0.name == nil }))?.value
        return ScoreCall(node: node, name: name, operand: operand, dimension: dimension, arguments: rest)
    }

    /// The calls of `root` that read scores, parents first.
    func scoreCalls(_ root: ExpressionSyntax) -> [ScoreCall] { Self.nodes(root).compactMap(scoreCall) }

    mutating func softmaxRules(_ root: ExpressionSyntax) {
        let all = Self.nodes(root)
        let calls = scoreCalls(root)
        for call in calls {
            let s = "(\(text(call.operand)))"
            let dim = call.dimension.map { text($0) }
            let count = dim.flatMap { written -> Int? in
                guard let shape = shape(call.operand),
                    let dims = Self.dimensions(call.dimension!, rank: shape.count), dims.count == 1
                else { return nil }
                return shape[dims.first!]
            }
            switch call.name {
            case "softmax":
                guard let dim else { continue }
                add(
                    .logForProbability, [(call.node.range, "torch.log_softmax(\(s), dim=\(dim))")],
                    told: Phrase(MeaningKey.logForProbability))
                if let count {
                    add(
                        .sigmoidForSoftmax, [(call.node.range, "torch.sigmoid(\(s))")],
                        told: Phrase(MeaningKey.sigmoidForSoftmax, ["count": count]))
                }
                add(
                    .expOfSum, [(call.node.range, "(\(s).exp() / \(s).sum(dim=\(dim), keepdim=True).exp())")],
                    told: Phrase(MeaningKey.expOfSumSoftmax))
                // p − y, the cross-entropy's gradient, taken as each probability's own slope.
                for parent in all {
                    guard case .binary(.subtract, let left, _) = parent.kind, left.range == call.node.range
                    else {
                        continue
                    }
                    let p = "(\(text(call.node)))"
                    add(
                        .slopeForGradient, [(parent.range, "(\(p) * (1 - \(p)))")],
                        told: Phrase(MeaningKey.slopeForGradient))
                }
            case "log_softmax":
                guard let dim else { continue }
                add(
                    .probabilityForLog, [(call.node.range, "torch.softmax(\(s), dim=\(dim))")],
                    told: Phrase(MeaningKey.probabilityForLog))
                add(.nllOnScores, [(call.node.range, s)], told: Phrase(MeaningKey.nllOnScores))
            case "logsumexp":
                guard let dim else { continue }
                add(
                    .maxForLogsumexp, [(call.node.range, "\(s).amax(dim=\(dim))")],
                    told: Phrase(MeaningKey.maxForLogsumexp))
                add(
                    .expOfSum, [(call.node.range, "\(s).sum(dim=\(dim))")],
                    told: Phrase(MeaningKey.expOfSumLogsumexp))
                for parent in all {
                    guard case .binary(.subtract, let left, let right) = parent.kind,
                        left.range == call.node.range
                    else { continue }
                    add(
                        .nllOnScores, [(parent.range, "(-(\(text(right))))")],
                        told: Phrase(MeaningKey.nllOnScores))
                }
            case "cross_entropy":
                let rest = call.arguments.map { ($0.name.map { "\($0)=" } ?? "") + text($0.value) }
                add(
                    .nllOnScores,
                    [
                        (
                            call.node.range,
                            "F.nll_loss(\(([text(call.operand)] + rest).joined(separator: ", ")))"
                        )
                    ],
                    told: Phrase(MeaningKey.nllOnScores))
                crossEntropyFormulaRules(call)
            default:
                break
            }
        }
        handWrittenSoftmaxRules(all)
        // A loss (a cross-entropy, a negative log-probability) given as the probability it is
        // the negative logarithm of.
        let losses = calls.contains {
            ["cross_entropy", "nll_loss", "logsumexp", "log_softmax"].contains($0.name)
        }
        if losses || Self.logOfSoftmax(root, in: self),
            let loss = scalar(root), loss > 0
        {
            add(
                .probabilityForLoss, [(root.range, "torch.exp(-(\(text(root))))")],
                told: Phrase(
                    MeaningKey.probabilityForLoss, ["probability": Foundation.exp(-loss), "loss": loss]))
        } else if calls.contains(where: { $0.name == "softmax" }), let probability = scalar(root),
            probability > 0, probability < 1
        {
            // A probability given as its loss, −log p.
            add(
                .lossForProbability, [(root.range, "(-torch.log(torch.tensor(\(text(root)))))")],
                told: Phrase(
                    MeaningKey.lossForProbability,
                    ["probability": probability, "loss": -Foundation.log(probability)]
                ))
        }
    }

    /// A cross-entropy of one example written as a call (`F.cross_entropy(x[None], tensor([t]))`)
    /// means logsumexp of its scores minus the target's: the largest score for logsumexp, the sum
    /// of the scores (the log of the exponential of the sum), the target's score alone through a
    /// sigmoid (a binary cross-entropy).
    private mutating func crossEntropyFormulaRules(_ call: ScoreCall) {
        guard call.arguments.count == 1, call.arguments[0].name == nil || call.arguments[0].name == "target",
            let target = Self.tensorOfName(call.arguments[0].value, listed: true),
            let shape = shape(call.operand), shape.count == 2, shape[0] == 1, shape[1] >= 2
        else { return }
        let scores = "(\(text(call.operand)))[0]"
        let picked = "\(scores)[\(target)]"
        add(
            .maxForLogsumexp, [(call.node.range, "(\(scores).amax(dim=0) - \(picked))")],
            told: Phrase(MeaningKey.maxForLogsumexp))
        add(
            .expOfSum, [(call.node.range, "(\(scores).sum(dim=0) - \(picked))")],
            told: Phrase(MeaningKey.expOfSumLogsumexp))
        add(
            .sigmoidForSoftmax, [(call.node.range, "(-torch.log(torch.sigmoid(\(picked))))")],
            told: Phrase(MeaningKey.sigmoidForSoftmax, ["count": shape[1]]))
    }

    /// A softmax written by hand, `exp(x) / exp(x).sum()`: the exponential of the sum,
    /// `exp(x.sum())`, where the sum of the exponentials belongs.
    private mutating func handWrittenSoftmaxRules(_ all: [ExpressionSyntax]) {
        for node in all {
            guard case .call(let callee, let arguments) = node.kind,
                case .attribute(let summed, "sum", _) = callee.kind,
                let inside = Self.exponentiated(summed, in: self)
            else { continue }
            let rest = arguments.map { ($0.name.map { "\($0)=" } ?? "") + text($0.value) }
            add(
                .expOfSum,
                [(node.range, "torch.exp((\(text(inside))).sum(\(rest.joined(separator: ", "))))")],
                told: Phrase(MeaningKey.expOfSumSoftmax))
        }
    }

    /// `torch.exp(y)` or `y.exp()`: the `y`.
    static func exponentiated(_ node: ExpressionSyntax, in generator: MeaningGenerator) -> ExpressionSyntax? {
        guard case .call(let callee, let arguments) = node.kind,
            case .attribute(let base, "exp", _) = callee.kind
        else { return nil }
        if generator.text(base) == "torch" { return arguments.count == 1 ? arguments[0].value : nil }
        return arguments.isEmpty ? base : nil
    }

    /// Whether `root` takes the logarithm of a softmax (`-torch.log(x.softmax(0)[t])`).
    static func logOfSoftmax(_ root: ExpressionSyntax, in generator: MeaningGenerator) -> Bool {
        nodes(root).contains { node in
            guard case .call(let callee, let arguments) = node.kind,
                MutantGenerator.calleeName(callee) == "log"
            else { return false }
            let inside = arguments.first.map { nodes($0.value) } ?? []
            if case .attribute(let base, _, _) = callee.kind,
                !["torch", "math"].contains(generator.text(base))
            {
                return nodes(base).contains { generator.scoreCall($0)?.name == "softmax" }
            }
            return inside.contains { generator.scoreCall($0)?.name == "softmax" }
        }
    }
}
