import AnswerLanguage
import Wording

/// What a flip means (`x.flip(d)`, `torch.flip(x, dims)`, `torch.fliplr(x)`, `torch.flipud(x)`):
/// the order of the values along a dimension reversed, every value kept. Its misreadings: the
/// values negated instead (a flip of their signs), and the values rolled round along the same
/// dimension (`roll`: each moves on, the last coming round to the front) instead of reversed.
extension MeaningGenerator {
    /// The longest dimension whose every roll is a mutant: each is one run.
    static let longestRolled = 8

    mutating func flipRules(_ root: ExpressionSyntax) {
        for node in Self.nodes(root) {
            guard let (operand, dimensions) = flipped(node), let shape = shape(operand),
                (1...4).contains(shape.count), let flipped = value(text(node))
            else { continue }
            let rank = shape.count
            let written = text(operand)
            guard let axes = axes(dimensions.sorted(), rank: rank) else { continue }
            // The values negated: told only where that is not the flip itself on this data.
            let negated = "(-\(Self.grouped(written)))"
            if let value = value(negated), value != flipped {
                add(
                    .negatedForFlipped, [(node.range, negated)],
                    told: Phrase(MeaningKey.negatedForFlipped, ["operand": written, "axes": axes]))
            }
            // Rolled round by each other amount along the one dimension flipped.
            guard dimensions.count == 1, let dimension = dimensions.first,
                (3...Self.longestRolled).contains(shape[dimension])
            else { continue }
            for count in 1..<shape[dimension] {
                let rolled = "\(Self.grouped(written)).roll(\(count), dims=\(dimension))"
                guard let value = value(rolled), value != flipped else { continue }
                add(
                    .rolledForFlipped, [(node.range, rolled)],
                    told: Phrase(
                        MeaningKey.rolledForFlipped,
                        [
                            "operand": written, "axis": axisPhrase(dimension, rank: rank),
                            "count": count,
                        ]))
            }
        }
    }

    /// The operand `node` flips and the dimensions it reverses (counted from 0), if it is a flip.
    private mutating func flipped(_ node: ExpressionSyntax) -> (ExpressionSyntax, Set<Int>)? {
        guard case .call(_, let arguments) = node.kind, !arguments.contains(where: \.isSpread),
            let (name, operand, rest) = methodCall(node), ["flip", "fliplr", "flipud"].contains(name)
        else { return nil }
        guard let shape = shape(operand), !shape.isEmpty else { return nil }
        let rank = shape.count
        switch name {
        case "fliplr":
            return rest.isEmpty && rank >= 2 ? (operand, [1]) : nil
        case "flipud":
            return rest.isEmpty ? (operand, [0]) : nil
        default:
            // `flip(1)`, `flip(0, 1)`, `flip([1])`, `flip(dims=(0, 1))`.
            guard !rest.isEmpty, rest.allSatisfy({ $0.name == nil || $0.name == "dims" }) else { return nil }
            var dimensions: Set<Int> = []
            for argument in rest {
                guard let found = Self.dimensions(argument.value, rank: rank) else { return nil }
                dimensions.formUnion(found)
            }
            return dimensions.isEmpty ? nil : (operand, dimensions)
        }
    }
}

extension Mutant {
    /// Whether the answer typed as `source` writes what a flip's misreading says
    /// (`MeaningGenerator+Flips`): a sign changed, or a roll, and no flip.
    func canExplainFlip(_ source: String) -> Bool {
        let called = Self.calledNames(source)
        let flips: Set<String> = ["flip", "fliplr", "flipud"]
        for change in changes {
            switch change.misconception {
            case .negatedForFlipped:
                let typed = source.filter { !$0.isWhitespace }
                guard called.isDisjoint(with: flips),
                    typed.hasPrefix("-") || typed.contains("(-") || typed.contains("*-1")
                        || typed.contains("-1*")
                        || called.contains("neg") || called.contains("negative")
                else { return false }
            case .rolledForFlipped:
                guard called.contains("roll"), called.isDisjoint(with: flips) else { return false }
            default:
                continue
            }
        }
        return true
    }
}
