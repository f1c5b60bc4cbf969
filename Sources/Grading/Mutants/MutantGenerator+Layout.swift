import AnswerLanguage

/// Misconception rules on which dimension a call or an index works on and by how much:
/// `F.pad`'s one padded pair moved to another dimension (its pairs run from the last dimension
/// backwards, which is easy to miscount), `F.pad`'s amounts changed (two rings where one is asked),
/// and a bounded slice taken whole (`img[:, 0:3]` where `img[0:3, 0:3]` is asked).
/// `MutantGenerator.walk` calls `layoutRules` on every node.
extension MutantGenerator {
    /// How many dimensions a moved padding pair may reach: an [N, C, H, W] tensor's four.
    private static let padPairLimit = 4

    mutating func layoutRules(_ node: ExpressionSyntax) {
        switch node.kind {
        case .call(let callee, let arguments):
            guard Self.calleeName(callee) == "pad" else { return }
            let amounts =
                arguments.first { $0.name == "pad" }
                ?? arguments.filter { $0.name == nil && !$0.isSpread }.dropFirst().first
            if let amounts { padLayoutRules(amounts.value) }
        case .subscript(_, let items):
            wholeSliceRules(items)
        default:
            break
        }
    }

    /// `F.pad(t, (0, 0, 0, 0, 1, 1))`: the one padded pair on each other dimension
    /// (`(0, 0, 1, 1, 0, 0)` pads the height); every amount one larger or doubled (and one
    /// smaller where all are at least 2).
    private mutating func padLayoutRules(_ node: ExpressionSyntax) {
        let items: [ExpressionSyntax]
        switch node.kind {
        case .tuple(let elements), .list(let elements): items = elements
        default: return
        }
        let values = items.compactMap(Self.integer)
        guard values.count == items.count, values.count >= 2, values.count % 2 == 0,
            values.allSatisfy({ $0 >= 0 })
        else { return }
        func written(_ amounts: [Int]) -> String {
            "(" + amounts.map(String.init).joined(separator: ", ") + ")"
        }
        let pairs = stride(from: 0, to: values.count, by: 2).map { [values[$0], values[$0 + 1]] }
        let padded = pairs.indices.filter { pairs[$0] != [0, 0] }
        if padded.count == 1, let from = padded.first {
            // Written as a learner writes it: no zero pairs after the padded one (`(1, 1)` pads
            // the width; the course's own recorded answers are written so).
            for to in 0..<Self.padPairLimit where to != from {
                var moved = Array(repeating: [0, 0], count: to + 1)
                moved[to] = pairs[from]
                let amounts = written(moved.flatMap { $0 })
                add(.padDimensionMoved, [(node.range, amounts)], piece: amounts)
            }
        }
        let nonzero = values.filter { $0 > 0 }
        guard !nonzero.isEmpty else { return }
        var changes: [(Int) -> Int] = [{ $0 + 1 }, { 2 * $0 }]
        if nonzero.allSatisfy({ $0 >= 2 }) { changes.append { $0 - 1 } }
        var seen: Set<String> = []
        for change in changes {
            let amounts = written(values.map { $0 > 0 ? change($0) : 0 })
            guard seen.insert(amounts).inserted else { continue }
            add(.padAmountChanged, [(node.range, amounts)], piece: amounts)
        }
    }

    /// Each bounded slice (`0:3`, `:3`, `2:`) of an index of two or more items replaced by `:`,
    /// one at a time: that dimension taken whole where a part of it is asked.
    private mutating func wholeSliceRules(_ items: [SubscriptItem]) {
        guard items.count >= 2 else { return }
        for item in items {
            guard case .slice(let start, let stop, nil, let range) = item, start != nil || stop != nil else {
                continue
            }
            add(.sliceWhole, [(range, ":")], piece: text(range))
        }
    }
}
