import AnswerLanguage
import Wording

/// Where a slice cuts: the slices of a subscript moved to the dimensions in front (a crop of
/// `[C, H, W]` slicing channels and rows), the second slice of a crop taken on the first one's
/// result (`x[:, a:b][:, c:d]` cuts the rows twice), a crop started at the corner instead of where
/// it is asked, the first index of a dimension dropped where the last is (`1:` for `:-1`) and the
/// other way round, and a shift the other way.
extension MeaningGenerator {
    /// The text of one subscript item, as written.
    func itemText(_ item: SubscriptItem) -> String {
        switch item {
        case .index(let index): text(index)
        case .slice(_, _, _, let range): source(range)
        }
    }

    /// Whether `item` is `:`, a whole dimension.
    static func isWhole(_ item: SubscriptItem) -> Bool {
        if case .slice(nil, nil, nil, _) = item { return true }
        return false
    }

    /// Whether `item` is a slice that cuts something (not `:`).
    static func cuts(_ item: SubscriptItem) -> Bool {
        if case .slice = item { return !isWhole(item) }
        return false
    }

    /// Whether `item` takes one index (a number or a name), not a new axis or `...`.
    static func isIndex(_ item: SubscriptItem) -> Bool {
        guard case .index(let index) = item else { return false }
        switch index.kind {
        case .ellipsis, .none: return false
        default: return true
        }
    }

    /// Several dimensions said together: "the rows (dimension 1)", "… and …".
    func axes(_ dimensions: [Int], rank: Int) -> Phrase? {
        let phrases = dimensions.map { axisPhrase($0, rank: rank) }
        switch phrases.count {
        case 1: return phrases[0]
        case 2: return Phrase(MeaningKey.listTwo, ["a": phrases[0], "b": phrases[1]])
        case 3: return Phrase(MeaningKey.listThree, ["a": phrases[0], "b": phrases[1], "c": phrases[2]])
        default: return nil
        }
    }

    mutating func sliceRules(_ root: ExpressionSyntax) {
        for node in Self.nodes(root) {
            guard case .subscript(let base, let items) = node.kind,
                items.allSatisfy({ Self.isIndex($0) || $0.isSlice }), items.contains(where: Self.cuts),
                let shape = shape(base), (2...4).contains(shape.count), items.count <= shape.count
            else { continue }
            let rank = shape.count
            let written = items.map(itemText)
            let cutting = items.indices.filter { Self.cuts(items[$0]) }
            let slices = cutting.map { written[$0] }.joined(separator: ", ")
            // Slices moved one dimension to the front: the leading `:` left out.
            if items.count >= 2, Self.isWhole(items[0]), let theirs = axes(cutting, rank: rank),
                let yours = axes(cutting.map { $0 - 1 }, rank: rank)
            {
                add(
                    .slicedOtherDimensions,
                    [(node.range, "\(text(base))[\(written.dropFirst().joined(separator: ", "))]")],
                    told: Phrase(
                        MeaningKey.slicedOtherDimensions,
                        ["slices": slices, "yours": yours, "theirs": theirs]))
            }
            chainedRule(node, base: base, items: items, rank: rank)
            originRules(node, base: base, items: items, rank: rank)
            endRules(node, base: base, items: items, rank: rank)
        }
    }

    /// `x[:, a:b, c:d]` → `x[:, a:b][:, c:d]`: the last cut taken on the result of the ones before,
    /// where the brackets count dimensions from the start again.
    private mutating func chainedRule(
        _ node: ExpressionSyntax, base: ExpressionSyntax, items: [SubscriptItem], rank: Int
    ) {
        let cutting = items.indices.filter { Self.cuts(items[$0]) }
        guard cutting.count >= 2, let last = cutting.last else { return }
        let previous = cutting[cutting.count - 2]
        // The dimension of the first subscript's result that the previous cut is on.
        let place = items[..<previous].filter(\.isSlice).count
        let first = items[...previous].map(itemText).joined(separator: ", ")
        let second = (Array(repeating: ":", count: place) + [itemText(items[last])]).joined(separator: ", ")
        add(
            .chainedSlice, [(node.range, "\(text(base))[\(first)][\(second)]")],
            told: Phrase(
                MeaningKey.chainedSlice,
                [
                    "slice": itemText(items[last]), "yours": axisPhrase(previous, rank: rank),
                    "theirs": axisPhrase(last, rank: rank),
                ]))
    }

    /// A crop's slices started at 0 (`:size`) where they start elsewhere (`top:top + size`): all of
    /// them at once, and each alone.
    private mutating func originRules(
        _ node: ExpressionSyntax, base: ExpressionSyntax, items: [SubscriptItem], rank: Int
    ) {
        var moved: [(dimension: Int, range: SourceRange, length: String, start: Phrase)] = []
        for (dimension, item) in items.enumerated() {
            guard case .slice(let start?, let stop?, nil, let range) = item,
                let from = evaluate(text(start)), from.values.count == 1, from.values[0] != 0,
                from.values[0] == from.values[0].rounded()
            else { continue }
            let length: String
            if case .binary(.add, let left, let right) = stop.kind, text(left) == text(start) {
                length = text(right)
            } else if case .binary(.add, let left, let right) = stop.kind, text(right) == text(start) {
                length = text(left)
            } else if case .integer(let a) = start.kind, case .integer(let b) = stop.kind, b > a {
                length = "\(b - a)"
            } else {
                continue
            }
            let value = Int(from.values[0])
            let said: Phrase =
                if case .integer = start.kind {
                    Phrase(MeaningKey.startNumber, ["value": value])
                } else {
                    Phrase(MeaningKey.startNamed, ["name": text(start), "value": value])
                }
            moved.append((dimension, range, length, said))
        }
        guard !moved.isEmpty else { return }
        var groups = [moved]
        if moved.count > 1 { groups += moved.map { [$0] } }
        for group in groups {
            guard let axes = axes(group.map(\.dimension), rank: rank) else { continue }
            let starts: Phrase
            switch group.count {
            case 1: starts = group[0].start
            case 2: starts = Phrase(MeaningKey.listTwo, ["a": group[0].start, "b": group[1].start])
            default:
                starts = Phrase(
                    MeaningKey.listThree, ["a": group[0].start, "b": group[1].start, "c": group[2].start])
            }
            add(
                .sliceFromOrigin, group.map { ($0.range, ":\($0.length)") },
                told: Phrase(MeaningKey.sliceFromOrigin, ["axes": axes, "starts": starts]))
        }
    }

    /// `:-k` (the last k dropped) for `k:` (the first k dropped), and the other way round.
    private mutating func endRules(
        _ node: ExpressionSyntax, base: ExpressionSyntax, items: [SubscriptItem], rank: Int
    ) {
        for (dimension, item) in items.enumerated() {
            guard case .slice(let start, let stop, nil, let range) = item else { continue }
            let axis = axisPhrase(dimension, rank: rank)
            if start == nil, let stop, case .unary(.negate, let operand) = stop.kind,
                case .integer(let count) = operand.kind, count > 0
            {
                add(
                    .otherEndDropped, [(range, "\(count):")],
                    told: Phrase(
                        MeaningKey.firstDropped,
                        ["count": count, "axis": axis, "yours": "\(count):", "theirs": source(range)]),
                    piece: "\(count):")
            } else if stop == nil, let start, case .integer(let count) = start.kind, count > 0 {
                add(
                    .otherEndDropped, [(range, ":-\(count)")],
                    told: Phrase(
                        MeaningKey.lastDropped,
                        ["count": count, "axis": axis, "yours": ":-\(count)", "theirs": source(range)]),
                    piece: ":-\(count)")
            }
        }
    }

    /// The shift of `F.pad(x, …)[…]` along `from` (`count` places; towards the end when
    /// `before`) made along each other dimension of size > 1 instead: its padding pair and its cut
    /// moved there.
    private mutating func movedShift(
        _ node: ExpressionSyntax, base: ExpressionSyntax, padding: ExpressionSyntax, items: [SubscriptItem],
        from: Int, rank: Int, count: Int, before: Bool
    ) {
        guard let shape = shape(base), shape.count == rank,
            items.indices.allSatisfy({ $0 == from || Self.isWhole(items[$0]) })
        else { return }
        for other in 0..<rank where other != from && shape[other] > 1 {
            var amounts = Array(repeating: 0, count: 2 * (rank - other))
            amounts[2 * (rank - 1 - other) + (before ? 0 : 1)] = count
            let tuple = "(" + amounts.map(String.init).joined(separator: ", ") + ")"
            var written = Array(repeating: ":", count: max(items.count, other + 1))
            written[other] = before ? ":-\(count)" : "\(count):"
            // The brackets after the call, written anew.
            let brackets = SourceRange(base.range.upperBound, node.range.upperBound)
            add(
                .shiftMoved, [(padding.range, tuple), (brackets, "[\(written.joined(separator: ", "))]")],
                told: Phrase(
                    MeaningKey.shiftMoved,
                    [
                        "yours": axisPhrase(other, rank: rank),
                        "theirs": axisPhrase(from, rank: rank),
                    ]),
                piece: written[other])
        }
    }

    /// `F.pad(x, (k, 0))[..., :-k]` (a shift towards the end) → `F.pad(x, (0, k))[..., k:]`, the
    /// shift the other way, and back: the padding at the other end of the dimension and the other
    /// end cut.
    mutating func shiftRules(_ root: ExpressionSyntax) {
        for node in Self.nodes(root) {
            guard case .subscript(let base, let items) = node.kind,
                case .call(let callee, let arguments) = base.kind,
                ["F.pad", "nn.functional.pad", "torch.nn.functional.pad"].contains(text(callee)),
                arguments.count >= 2, arguments[1].name == nil,
                let padded = shape(base), items.count <= padded.count,
                items.allSatisfy({ Self.isIndex($0) || $0.isSlice })
            else { continue }
            let amounts: [ExpressionSyntax]
            switch arguments[1].value.kind {
            case .tuple(let list), .list(let list): amounts = list
            default: continue
            }
            let numbers = amounts.compactMap { node -> Int? in
                if case .integer(let value) = node.kind { return value }
                return nil
            }
            guard numbers.count == amounts.count, numbers.count % 2 == 0 else { continue }
            let rank = padded.count
            for (dimension, item) in items.enumerated() {
                guard case .slice(let start, let stop, nil, let range) = item else { continue }
                // The pair of amounts for this dimension: pairs run from the last dimension back.
                let pair = rank - 1 - dimension
                guard pair >= 0, 2 * pair + 1 < numbers.count else { continue }
                let (before, after) = (numbers[2 * pair], numbers[2 * pair + 1])
                var count = 0
                var slice = ""
                if start == nil, let stop, case .unary(.negate, let operand) = stop.kind,
                    case .integer(let k) = operand.kind, k > 0, before == k, after == 0
                {
                    count = k
                    slice = "\(k):"
                } else if stop == nil, let start, case .integer(let k) = start.kind, k > 0, before == 0,
                    after == k
                {
                    count = k
                    slice = ":-\(k)"
                }
                guard count > 0 else { continue }
                movedShift(
                    node, base: base, padding: arguments[1].value, items: items, from: dimension, rank: rank,
                    count: count, before: before > 0)
                var swapped = numbers
                swapped.swapAt(2 * pair, 2 * pair + 1)
                let tuple = "(" + swapped.map(String.init).joined(separator: ", ") + ")"
                add(
                    .shiftReversed, [(arguments[1].value.range, tuple), (range, slice)],
                    told: Phrase(
                        MeaningKey.shiftReversed,
                        [
                            "axis": axisPhrase(dimension, rank: rank), "pad": tuple, "slice": slice,
                            "count": count,
                        ]),
                    piece: slice)
            }
        }
    }
}

extension SubscriptItem {
    /// Whether the item is a slice (`a:b`, `:`), not an index.
    var isSlice: Bool {
        if case .slice = self { return true }
        return false
    }
}
