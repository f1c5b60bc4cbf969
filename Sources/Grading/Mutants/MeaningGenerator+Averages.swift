import AnswerLanguage
import Wording

/// A running (weighted) average's slips, and an upsampling's index lists.
extension MeaningGenerator {
    // MARK: Weighted averages

    /// `(1 - m) * old + m * new` (factors and terms in any order) or `old + m * (new - old)`: the
    /// weights swapped, a plain average, the old value replaced, either weight left out.
    mutating func averageRules(_ root: ExpressionSyntax) {
        for node in Self.nodes(root) {
            guard case .binary(.add, let left, let right) = node.kind,
                let (old, new, weight) = blend(left, right) ?? blend(right, left) ?? step(left, right)
            else { continue }
            let (o, n, m) = (text(old), text(new), text(weight))
            let told = ["old": o, "new": n, "weight": m]
            // "The old value" and "the new value" are true of a running update only; a weighted
            // sum of two quantities (two losses, two images) names its two parts instead.
            let running = Self.isRunning(old: old, weight: weight)
            let edits: [(Misconception, MeaningKey, String)] = [
                (
                    .weightsSwapped, running ? .weightsSwapped : .mixWeightsSwapped,
                    "(\(m) * \(o) + (1 - \(m)) * \(n))"
                ),
                (.unweightedAverage, running ? .unweightedAverage : .mixUnweighted, "((\(o) + \(n)) / 2)"),
                (.oldValueReplaced, running ? .oldValueReplaced : .mixOneTermOnly, "(\(n))"),
                (
                    .oldWeightDropped, running ? .oldWeightDropped : .mixOldWeightDropped,
                    "(\(o) + \(m) * \(n))"
                ),
                (
                    .newWeightDropped, running ? .newWeightDropped : .mixNewWeightDropped,
                    "((1 - \(m)) * \(o) + \(n))"
                ),
            ]
            for (misconception, key, replacement) in edits {
                add(misconception, [(node.range, replacement)], told: Phrase(key, told))
            }
        }
    }

    /// Words of a name that say it holds a running value (`run_mu`, `running`, `ema`, `prev`)
    /// or a running update's rate (`momentum`, `mom`, `decay`).
    static let runningWords: Set<String> = [
        "run", "running", "ema", "avg", "average", "moving", "old", "prev", "previous", "smoothed",
        "momentum", "mom", "decay",
    ]

    /// Whether the mix updates a running value: the course names the old part or the weight as
    /// one (`(1 - mom) * run_mu + mom * m_b`). A weighted sum of two losses or two images
    /// (`alpha * kd + (1 - alpha) * ce`) has no old and no new value.
    static func isRunning(old: ExpressionSyntax, weight: ExpressionSyntax) -> Bool {
        let names = SharedCalls.names(in: old).union(SharedCalls.names(in: weight))
        return names.contains { name in
            name.lowercased().split(whereSeparator: { $0 == "_" || $0.isNumber }).contains {
                runningWords.contains(String($0))
            }
        }
    }

    /// `(1 - m) * old` and `m * new`: the old value, the new one and the weight `m`.
    private func blend(_ first: ExpressionSyntax, _ second: ExpressionSyntax) -> (
        ExpressionSyntax, ExpressionSyntax, ExpressionSyntax
    )? {
        guard case .binary(.multiply, let a, let b) = first.kind,
            case .binary(.multiply, let c, let d) = second.kind
        else { return nil }
        for (weighted, old) in [(a, b), (b, a)] {
            guard let weight = oneMinus(weighted) else { continue }
            for (factor, new) in [(c, d), (d, c)] where text(factor) == text(weight) {
                return (old, new, weight)
            }
        }
        return nil
    }

    /// `old + m * (new - old)`.
    private func step(_ first: ExpressionSyntax, _ second: ExpressionSyntax) -> (
        ExpressionSyntax, ExpressionSyntax, ExpressionSyntax
    )? {
        for (old, moved) in [(first, second), (second, first)] {
            guard case .binary(.multiply, let a, let b) = moved.kind else { continue }
            for (weight, difference) in [(a, b), (b, a)] {
                if case .binary(.subtract, let new, let back) = difference.kind, text(back) == text(old) {
                    return (old, new, weight)
                }
            }
        }
        return nil
    }

    /// The `m` of `1 - m`.
    private func oneMinus(_ node: ExpressionSyntax) -> ExpressionSyntax? {
        guard case .binary(.subtract, let one, let weight) = node.kind else { return nil }
        switch one.kind {
        case .integer(1): return weight
        case .float(let value) where value == 1: return weight
        default: return nil
        }
    }

    // MARK: Index lists

    /// An index list that repeats each index in place (`[0, 0, 1, 1]`, `arange(4) // 2`).
    struct Repeat {
        var subscriptNode: ExpressionSyntax
        var base: ExpressionSyntax
        var item: ExpressionSyntax
        /// The dimension it indexes, and the rank of what it indexes.
        var dimension: Int
        var rank: Int
        /// The list tiled instead (`[0, 1, 0, 1]`, `arange(4) % 2`).
        var tiled: String
        /// Whether every other item of the subscript is a whole slice.
        var alone: Bool
    }

    /// Each index list repeated whole (tiled) where it repeats each index in place; each of two
    /// such lists left out, so that only the other axis is repeated.
    mutating func indexRules(_ root: ExpressionSyntax) {
        var repeats: [Repeat] = []
        for node in Self.nodes(root) {
            guard case .subscript(let base, let items) = node.kind, let rank = shape(base)?.count else {
                continue
            }
            var dimension = 0
            for (index, item) in items.enumerated() {
                guard case .index(let value) = item else {
                    dimension += 1
                    continue
                }
                if case .none = value.kind { continue }
                if let tiled = tiled(value) {
                    let alone = items.enumerated().allSatisfy { other in
                        if other.offset == index { return true }
                        if case .slice(nil, nil, nil, _) = other.element { return true }
                        return false
                    }
                    repeats.append(
                        Repeat(
                            subscriptNode: node, base: base, item: value, dimension: dimension, rank: rank,
                            tiled: tiled, alone: alone))
                }
                dimension += 1
            }
        }
        for found in repeats {
            let axis = axisPhrase(found.dimension, rank: found.rank)
            add(
                .indicesTiled, [(found.item.range, found.tiled)],
                told: Phrase(
                    MeaningKey.indicesTiled, ["axis": axis, "yours": found.tiled, "theirs": text(found.item)])
            )
        }
        guard repeats.count == 2, repeats.allSatisfy(\.alone), repeats[0].dimension != repeats[1].dimension,
            repeats[0].rank == repeats[1].rank
        else { return }
        // Both lists tiled: the whole map repeated (`repeat`), where each value fills a block.
        add(
            .indicesTiled, repeats.map { ($0.item.range, $0.tiled) },
            told: Phrase(
                MeaningKey.indicesTiledBoth, ["yours": repeats[0].tiled, "theirs": text(repeats[0].item)]))
        for (dropped, kept) in [(repeats[0], repeats[1]), (repeats[1], repeats[0])] {
            add(
                .oneAxisRepeated, [(dropped.subscriptNode.range, "(\(text(dropped.base)))")],
                told: Phrase(
                    MeaningKey.oneAxisRepeated,
                    [
                        "yours": axisPhrase(kept.dimension, rank: kept.rank),
                        "other": axisPhrase(dropped.dimension, rank: dropped.rank),
                    ]))
        }
    }

    /// `[0, 0, 1, 1, 2, 2]` → `[0, 1, 2, 0, 1, 2]`; `arange(6) // 2` → `arange(6) % 3`; nil for
    /// an index that does not repeat each of 0, 1, … in place.
    private func tiled(_ node: ExpressionSyntax) -> String? {
        switch node.kind {
        case .list(let items):
            let values = items.compactMap { item -> Int? in
                if case .integer(let value) = item.kind { return value }
                return nil
            }
            guard values.count == items.count, let last = values.last, last >= 1 else { return nil }
            let distinct = last + 1
            guard values.count % distinct == 0 else { return nil }
            let times = values.count / distinct
            guard times >= 2, values == (0..<distinct).flatMap({ Array(repeating: $0, count: times) }) else {
                return nil
            }
            let tiled = (0..<times).flatMap { _ in 0..<distinct }
            return "[" + tiled.map(String.init).joined(separator: ", ") + "]"
        case .binary(.floorDivide, let range, let step):
            guard case .call(let callee, let arguments) = range.kind,
                MutantGenerator.calleeName(callee) == "arange",
                arguments.count == 1, case .integer(let count) = arguments[0].value.kind,
                case .integer(let times) = step.kind, times >= 2, count % times == 0, count / times >= 2
            else { return nil }
            return "\(text(range)) % \(count / times)"
        default:
            return nil
        }
    }
}
