import AnswerLanguage
import Wording

/// What a probability means in a calculation: a complement `1 - p` of a number between 0 and 1
/// (dropout's keep probability) exchanged with `p` and back, applied twice, written as a
/// percentage, divided by where it multiplies (and back); the whole answer given as a percentage
/// or as odds; a 0/1 mask read the other way round; a dropout layer in evaluation mode (the
/// identity) given the training-time scale, the original paper's test-time scaling or the drop
/// probability as a factor.
extension MeaningGenerator {
    /// `1 - p` (or `1. - p`) with `p` a number strictly between 0 and 1 in the setup: `p`.
    mutating func complemented(_ node: ExpressionSyntax) -> (p: ExpressionSyntax, value: Double)? {
        guard case .binary(.subtract, let one, let p) = node.kind, Self.isOne(one), Self.isPlain(p),
            let value = scalar(p), value > 0, value < 1,
            // At one half a probability is its own complement: no story tells them apart.
            abs(value - 0.5) > 1e-9
        else { return nil }
        return (p, value)
    }

    /// `text` in brackets unless it is one name or number.
    static func grouped(_ text: String) -> String {
        let inner = MutantGenerator.unbracketed(text)
        return inner.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }
            ? inner : "(\(inner))"
    }

    static func isOne(_ node: ExpressionSyntax) -> Bool {
        switch node.kind {
        case .integer(1): true
        case .float(let value): value == 1
        default: false
        }
    }

    mutating func probabilityRules(_ root: ExpressionSyntax) {
        let all = Self.nodes(root)
        // Every `1 - p` of the same text changes alike: a learner who holds the misconception
        // writes it everywhere.
        var complements: [(written: String, nodes: [ExpressionSyntax], p: String, value: Double)] = []
        for node in all {
            guard let (p, value) = complemented(node) else { continue }
            if let index = complements.firstIndex(where: { $0.written == text(node) }) {
                complements[index].nodes.append(node)
            } else {
                complements.append((text(node), [node], MutantGenerator.unbracketed(text(p)), value))
            }
        }
        let whole = text(root)
        for complement in complements {
            let q = 1 - complement.value
            let written = MutantGenerator.unbracketed(complement.written)
            let each = { (replacement: String) in complement.nodes.map { ($0.range, replacement) } }
            add(
                .probabilityComplement, each("(\(complement.p))"),
                told: Phrase(
                    MeaningKey.complementFor,
                    [
                        "yours": complement.p, "yourValue": complement.value, "theirs": written,
                        "theirValue": q,
                    ]))
            add(
                .probabilityTwice, each("((\(complement.written)) * (\(complement.written)))"),
                told: Phrase(
                    MeaningKey.probabilityTwice, ["piece": written, "value": q, "twice": q * q]))
            add(
                .probabilityAsPercentage, each("((\(complement.written)) * 100)"),
                told: Phrase(
                    MeaningKey.probabilityAsPercentage,
                    ["piece": written, "value": q, "percent": q * 100]))
            // The whole answer a percentage or odds, where the calculation is more than that.
            if root.range != complement.nodes[0].range || complement.nodes.count > 1 {
                for (piece, value) in [(written, q), (complement.p, complement.value)] {
                    add(
                        .probabilityPercentage, [(root.range, "(100 * \(Self.grouped(piece)))")],
                        told: Phrase(
                            MeaningKey.percentageWhole,
                            ["piece": piece, "value": value, "percent": value * 100]))
                }
            }
            for (top, bottom, ratio) in [
                (written, complement.p, q / complement.value), (complement.p, written, complement.value / q),
            ] {
                let odds = "\(Self.grouped(top)) / \(Self.grouped(bottom))"
                guard whole.filter({ !$0.isWhitespace }) != odds.filter({ !$0.isWhitespace }) else {
                    continue
                }
                add(
                    .probabilityOdds, [(root.range, "(\(odds))")],
                    told: Phrase(MeaningKey.oddsWhole, ["written": odds, "odds": ratio]))
            }
        }
        let ranges = Set(complements.flatMap { $0.nodes.map(\.range) })
        for node in all {
            guard case .binary(let op, let left, let right) = node.kind, op == .multiply || op == .divide
            else {
                continue
            }
            // Divided by the complement where the calculation multiplies by it, and back.
            if ranges.contains(right.range), let q = complemented(right).map({ 1 - $0.value }) {
                let flipped = op == .multiply ? "/" : "*"
                add(
                    .probabilityDivided, [(node.range, "((\(text(left))) \(flipped) (\(text(right))))")],
                    told: Phrase(
                        op == .multiply ? MeaningKey.dividedByFactor : MeaningKey.multipliedByFactor,
                        ["piece": MutantGenerator.unbracketed(text(right)), "value": q]))
            } else if op == .multiply, ranges.contains(left.range),
                let q = complemented(left).map({ 1 - $0.value })
            {
                add(
                    .probabilityDivided, [(node.range, "((\(text(right))) / (\(text(left))))")],
                    told: Phrase(
                        MeaningKey.dividedByFactor,
                        ["piece": MutantGenerator.unbracketed(text(left)), "value": q]))
            }
            guard op == .multiply else { continue }
            for (factor, other) in [(left, right), (right, left)] {
                // A bare probability factor `p` taken for its complement `1 - p`.
                if case .name = factor.kind, let p = scalar(factor), p > 0, p < 1, abs(p - 0.5) > 1e-9 {
                    add(
                        .probabilityComplement, [(factor.range, "(1 - \(text(factor)))")],
                        told: Phrase(
                            MeaningKey.complementOf,
                            [
                                "yours": "1 - \(text(factor))", "yourValue": 1 - p, "theirs": text(factor),
                                "theirValue": p,
                            ]))
                }
                // A 0/1 mask multiplied in, read the other way round.
                if case .name(let mask) = factor.kind, isMask(factor), let shape = shape(other),
                    shape.count >= 1
                {
                    add(
                        .keepMaskInverted, [(factor.range, "(1 - \(mask))")],
                        told: Phrase(MeaningKey.maskInverted, ["mask": mask]))
                }
            }
        }
        tensorComplementRules(all)
        evaluationDropoutRules(all)
    }

    /// `1 - p` where `p` is a tensor of probabilities (every value strictly between 0 and 1, a
    /// sigmoid's output): `p` for its complement, and the complement applied twice.
    private mutating func tensorComplementRules(_ all: [ExpressionSyntax]) {
        var seen: Set<String> = []
        for node in all {
            guard case .binary(.subtract, let one, let p) = node.kind, Self.isOne(one), Self.isPlain(p),
                let values = value(text(p))?.values, values.count >= 2,
                values.allSatisfy({ $0 > 0 && $0 < 1 }), values.contains(where: { abs($0 - 0.5) > 1e-9 }),
                seen.insert(text(node)).inserted
            else { continue }
            let nodes = all.filter { text($0) == text(node) && complementedTensor($0) }
            let written = MutantGenerator.unbracketed(text(node))
            let probability = MutantGenerator.unbracketed(text(p))
            add(
                .probabilityComplement, nodes.map { ($0.range, "(\(probability))") },
                told: Phrase(MeaningKey.complementForTensor, ["yours": probability, "theirs": written]))
            add(
                .probabilityTwice, nodes.map { ($0.range, "((\(written)) * (\(written)))") },
                told: Phrase(MeaningKey.probabilityTwiceTensor, ["piece": written]))
        }
    }

    /// Whether `node` is `1 - p`, written as such.
    private func complementedTensor(_ node: ExpressionSyntax) -> Bool {
        guard case .binary(.subtract, let one, _) = node.kind else { return false }
        return Self.isOne(one)
    }

    /// Whether `node` is a tensor of 0s and 1s with both in it.
    private mutating func isMask(_ node: ExpressionSyntax) -> Bool {
        guard let found = value(text(node)), found.values.count >= 2,
            found.values.allSatisfy({ $0 == 0 || $0 == 1 })
        else { return false }
        return found.values.contains(0) && found.values.contains(1)
    }

    /// A dropout layer called in evaluation mode (it gives its input back): the training-time
    /// scale `1 / (1 - p)` applied all the same, or the input multiplied by `1 - p` (the original
    /// paper's test-time rule).
    private mutating func evaluationDropoutRules(_ all: [ExpressionSyntax]) {
        for node in all {
            guard case .call(let callee, let arguments) = node.kind, arguments.count == 1,
                arguments[0].name == nil, !arguments[0].isSpread, case .name(let layer) = callee.kind,
                let input = value(text(arguments[0].value)), input.values.count >= 2,
                let p = value("\(layer).p")?.values.first, p > 0, p < 1,
                value(text(node)) == input
            else { continue }
            let x = text(arguments[0].value)
            add(
                .trainScaleAtEvaluation, [(node.range, "((\(x)) / (1 - \(layer).p))")],
                told: Phrase(MeaningKey.trainScaleAtEvaluation, ["p": p, "scale": 1 / (1 - p)]))
            add(
                .trainScaleAtEvaluation, [(node.range, "((\(x)) * (1 - \(layer).p))")],
                told: Phrase(MeaningKey.paperScaleAtEvaluation, ["p": p, "keep": 1 - p]))
            add(
                .trainScaleAtEvaluation, [(node.range, "((\(x)) * \(layer).p)")],
                told: Phrase(MeaningKey.dropScaleAtEvaluation, ["p": p]))
        }
    }
}
