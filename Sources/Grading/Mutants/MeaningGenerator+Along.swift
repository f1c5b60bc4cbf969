import AnswerLanguage
import Wording

/// Operations along one dimension (`softmax`, `cumsum`, `argmax`…) taken along another, a
/// statistic's `keepdim=True` left out (its values then line up with the last axis), and an
/// upsampling written as a call (`F.interpolate`, `repeat_interleave`) tiled or along one axis.
extension MeaningGenerator {
    /// Calls that work along the one dimension they are given.
    static let alongCalls: Set<String> = [
        "softmax", "log_softmax", "cumsum", "cumprod", "argmax", "argmin", "logsumexp",
    ]

    mutating func alongRules(_ root: ExpressionSyntax) {
        for node in Self.nodes(root) {
            guard case .call(let callee, let arguments) = node.kind,
                case .attribute(let base, let name, _) = callee.kind,
                Self.alongCalls.contains(name)
            else { continue }
            var operand = base
            var rest = arguments
            if ["torch", "F"].contains(text(base)) {
                guard let first = rest.first, first.name == nil else { continue }
                operand = first.value
                rest.removeFirst()
            }
            guard
                let dimension = rest.first(where: { $0.name == "dim" })
                    ?? rest.first(where: { $0.name == nil }),
                let shape = shape(operand), (2...4).contains(shape.count),
                let written = Self.dimensions(dimension.value, rank: shape.count), written.count == 1,
                let theirs = written.first
            else { continue }
            let rank = shape.count
            for other in 0..<rank where other != theirs && shape[other] > 1 {
                add(
                    .takenAlongOtherDimension, [(dimension.value.range, "\(other)")],
                    told: Phrase(
                        MeaningKey.alongOther,
                        [
                            "op": name, "yours": axisPhrase(other, rank: rank),
                            "theirs": axisPhrase(theirs, rank: rank),
                        ]))
            }
        }
    }

    /// A group of statistics written with `keepdim=True` that leave one dimension: the same without
    /// it, whose values then line up with the last axis.
    mutating func keepdimRules(_ group: [Reduction]) {
        let first = group[0]
        let rank = first.shape.count
        let kept = (0..<rank).filter { !first.dimensions.contains($0) }
        guard group.allSatisfy(\.keepdim), kept.count == 1, let axis = kept.first, axis != rank - 1,
            first.shape[axis] > 1
        else { return }
        let names = Array(Set(group.map(\.name))).sorted()
        let what =
            names.count == 1
            ? Phrase(MeaningKey.operation, ["op": names[0]])
            : Phrase(MeaningKey.statistics, ["ops": names.joined(separator: ", ")])
        add(
            .keepdimDropped,
            group.map { reduction in
                var dropped = reduction
                dropped.rest = reduction.rest.filter { !$0.hasPrefix("keepdim=") }
                return (reduction.node.range, rewritten(dropped, over: dropped.dimensions))
            },
            told: Phrase(
                MeaningKey.keepdimDropped,
                [
                    "what": what, "yours": axisPhrase(rank - 1, rank: rank),
                    "theirs": axisPhrase(axis, rank: rank),
                ]))
    }

    /// `F.interpolate(x, scale_factor=s)` (nearest): the map tiled, or one axis only;
    /// `t.repeat_interleave(s, dim=d)`: tiled along d, or left out where another axis repeats too.
    mutating func upsamplingRules(_ root: ExpressionSyntax) {
        var interleaves: [(node: ExpressionSyntax, base: ExpressionSyntax, dimension: Int, rank: Int)] = []
        for node in Self.nodes(root) {
            guard case .call(let callee, let arguments) = node.kind,
                let name = MutantGenerator.calleeName(callee)
            else { continue }
            if name == "interpolate" || name == "upsample" {
                interpolateRules(node, arguments)
            }
            guard name == "repeat_interleave", case .attribute(let base, _, _) = callee.kind,
                !["torch"].contains(text(base)), let shape = shape(base),
                let times = arguments.first(where: { $0.name == "repeats" || $0.name == nil }),
                case .integer(let count) = times.value.kind, count >= 2,
                let dim = arguments.first(where: { $0.name == "dim" })
                    ?? arguments.dropFirst().first(where: { $0.name == nil }),
                let dimensions = Self.dimensions(dim.value, rank: shape.count),
                let dimension = dimensions.first
            else { continue }
            var sizes = Array(repeating: 1, count: shape.count)
            sizes[dimension] = count
            let tiled = "(\(text(base))).repeat(\(sizes.map(String.init).joined(separator: ", ")))"
            add(
                .indicesTiled, [(node.range, tiled)],
                told: Phrase(
                    MeaningKey.tiledAlong,
                    [
                        "axis": axisPhrase(dimension, rank: shape.count), "yours": "repeat",
                        "theirs": "repeat_interleave",
                    ]))
            interleaves.append((node, base, dimension, shape.count))
        }
        guard interleaves.count == 2, interleaves[0].dimension != interleaves[1].dimension,
            interleaves[0].rank == interleaves[1].rank
        else { return }
        for (dropped, kept) in [(interleaves[0], interleaves[1]), (interleaves[1], interleaves[0])] {
            add(
                .oneAxisRepeated, [(dropped.node.range, "(\(text(dropped.base)))")],
                told: Phrase(
                    MeaningKey.oneAxisRepeated,
                    [
                        "yours": axisPhrase(kept.dimension, rank: kept.rank),
                        "other": axisPhrase(dropped.dimension, rank: dropped.rank),
                    ]))
        }
    }

    /// `F.interpolate(x, scale_factor=s)` on a 4-d map in nearest mode.
    private mutating func interpolateRules(_ node: ExpressionSyntax, _ arguments: [ArgumentSyntax]) {
        guard let input = arguments.first(where: { $0.name == "input" || $0.name == nil }),
            let shape = shape(input.value), shape.count == 4,
            let scale = arguments.first(where: { $0.name == "scale_factor" }),
            case .integer(let factor) = scale.value.kind, factor >= 2,
            arguments.allSatisfy({ $0.name != "mode" || text($0.value).contains("nearest") }),
            !arguments.contains(where: { $0.name == "size" })
        else { return }
        let x = text(input.value)
        add(
            .indicesTiled, [(node.range, "(\(x)).repeat(1, 1, \(factor), \(factor))")],
            told: Phrase(MeaningKey.tiledMap, ["yours": "repeat"]))
        let rows = axisPhrase(2, rank: 4)
        let columns = axisPhrase(3, rank: 4)
        for (dimension, kept, other) in [(2, rows, columns), (3, columns, rows)] {
            add(
                .oneAxisRepeated, [(node.range, "(\(x)).repeat_interleave(\(factor), dim=\(dimension))")],
                told: Phrase(MeaningKey.oneAxisRepeated, ["yours": kept, "other": other]))
        }
    }
}
