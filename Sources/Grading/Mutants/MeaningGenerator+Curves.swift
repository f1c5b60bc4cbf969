import AnswerLanguage
import Wording

/// What a position on a curve means — a 1-d tensor of values, one per step (a validation loss per
/// epoch) — and what a count of the positions where a condition holds means. Read from the
/// reference's own calls, so they hold in any course: the position of the smallest (`argmin`) or
/// largest (`argmax`) value taken as the last position, as the second best's (index 1 of the
/// sorted order); a count `(cond).sum()` taken as every value, or as those where the condition
/// fails. Each is told only of an answer whose writing supports it (`Mutant.canExplainCurve`).
extension MeaningGenerator {
    /// An `argmin` or `argmax` over a whole 1-d tensor, with the calls around it that only read
    /// its number out (`int(…)`, `.item()`).
    struct CurveExtremum {
        /// The outermost node of the reading: the call and the calls around it.
        var node: ExpressionSyntax
        var operand: ExpressionSyntax
        var smallest: Bool
        /// The number of values of the operand.
        var count: Int
    }

    /// The shortest curve whose positions are read so: two values have no "last" apart from "other".
    static let shortestCurve = 3

    /// The extremum `node` takes, if it is an `argmin`/`argmax` of a whole 1-d tensor.
    mutating func curveExtremum(_ node: ExpressionSyntax) -> CurveExtremum? {
        guard let (name, operand, rest) = methodCall(node), name == "argmin" || name == "argmax" else {
            return nil
        }
        // Over the one dimension there is (or none named): a position along the curve.
        for argument in rest {
            guard argument.name == nil || argument.name == "dim",
                Self.dimensions(argument.value, rank: 1) == [0]
            else { return nil }
        }
        guard let shape = shape(operand), shape.count == 1, shape[0] >= Self.shortestCurve else { return nil }
        return CurveExtremum(node: node, operand: operand, smallest: name == "argmin", count: shape[0])
    }

    /// `node` with the calls that read its one number out around it (`int(node)`, `node.item()`),
    /// outermost last, found among `all`.
    static func readOut(_ node: ExpressionSyntax, in all: [ExpressionSyntax]) -> ExpressionSyntax {
        var inner = node
        while let outer = all.first(where: { candidate in
            guard case .call(let callee, let arguments) = candidate.kind else { return false }
            switch callee.kind {
            case .name(let name) where name == "int" || name == "float":
                return arguments.count == 1 && arguments[0].name == nil
                    && arguments[0].value.range == inner.range
            case .attribute(let base, "item", _):
                return arguments.isEmpty && base.range == inner.range
            default:
                return false
            }
        }) {
            inner = outer
        }
        return inner
    }

    mutating func curveRules(_ root: ExpressionSyntax) {
        let all = Self.nodes(root)
        for node in all {
            guard var found = curveExtremum(node) else { continue }
            found.node = Self.readOut(node, in: all)
            positionRules(found, root: root)
        }
        for node in all { countRules(node) }
    }

    /// The edits that put `replacement` in place of `node`, bracketed unless it is the whole.
    private func replacing(_ node: ExpressionSyntax, root: ExpressionSyntax, by replacement: String)
        -> [(SourceRange, String)]
    {
        [(node.range, node.range == root.range ? replacement : "(\(replacement))")]
    }

    private mutating func positionRules(_ found: CurveExtremum, root: ExpressionSyntax) {
        let operand = text(found.operand)
        let grouped = Self.grouped(operand)
        let end = Phrase(found.smallest ? MeaningKey.curveSmallest : MeaningKey.curveLargest)
        // The last position, where the best one's is asked (the last epoch's weights); not where
        // the best is last, which the setup cannot tell apart.
        if scalar(found.node) != Double(found.count - 1) {
            add(
                .lastPosition, replacing(found.node, root: root, by: "len(\(operand)) - 1"),
                told: Phrase(
                    MeaningKey.lastPosition, ["operand": operand, "last": found.count - 1, "end": end]))
        }
        // Index 1 of the sorted order: the second best, where index 0 is the best.
        let order = found.smallest ? "\(grouped).sort()" : "\(grouped).sort(descending=True)"
        add(
            .secondRanked, replacing(found.node, root: root, by: "int(\(order).indices[1])"),
            told: Phrase(MeaningKey.secondRanked, ["operand": operand, "end": end]))
    }

    /// `(cond).sum()` or `torch.sum(cond)` over a comparison of 1-d tensors: every value counted,
    /// or those where the condition fails.
    private mutating func countRules(_ node: ExpressionSyntax) {
        guard let (name, condition, rest) = methodCall(node), name == "sum", rest.isEmpty else { return }
        let compared = Self.unconvertedNode(condition)
        guard case .comparison(_, let links) = compared.kind, links.count == 1,
            let shape = shape(compared), shape.count == 1, shape[0] >= Self.shortestCurve
        else { return }
        let written = text(compared)
        // Where the condition holds everywhere, or for half the values, the setup cannot tell
        // these from the count: they are not made.
        guard let count = scalar(node), count != Double(shape[0]) else { return }
        add(
            .everyValueCounted, [(node.range, "(\(written)).numel()")],
            told: Phrase(MeaningKey.everyValueCounted, ["count": shape[0], "condition": written]))
        guard 2 * count != Double(shape[0]) else { return }
        add(
            .complementCounted, [(node.range, "(~(\(written))).sum()")],
            told: Phrase(MeaningKey.complementCounted, ["condition": written]))
    }

    /// The node without a `.float()` around it (a count of true values converted to reals).
    static func unconvertedNode(_ node: ExpressionSyntax) -> ExpressionSyntax {
        if case .call(let callee, let arguments) = node.kind,
            case .attribute(let base, "float", _) = callee.kind,
            arguments.isEmpty
        {
            return unconvertedNode(base)
        }
        return node
    }
}

extension Mutant {
    /// Whether the answer typed as `source` writes what a curve's change says (`MeaningGenerator+
    /// Curves`): a number typed out, or the calculation's own extremum kept, is another slip.
    func canExplainCurve(_ source: String) -> Bool {
        let called = Mutant.calledNames(source)
        let typed = source.filter { !$0.isWhitespace }
        let positions: Set<String> = ["argmin", "argmax"]
        let ranks: Set<String> = ["sort", "argsort", "topk", "kthvalue"]
        let reads = !PreparedExercise.names(in: source).isEmpty
        for change in changes {
            switch change.misconception {
            case .lastPosition:
                // The last position read from the curve or a name, no extremum looked for.
                guard reads,
                    called.isDisjoint(with: positions.union(ranks).union(["min", "max", "amin", "amax"]))
                else { return false }
            case .secondRanked:
                guard !called.isDisjoint(with: ranks) else { return false }
            case .everyValueCounted:
                // Every value counted: no condition written, or one whose entries are all counted.
                guard reads,
                    !Self.compares(source)
                        || !called.isDisjoint(with: ["numel", "nelement", "len"]) || typed.contains(".shape")
                else { return false }
            case .complementCounted:
                // The condition written the other way: another comparison or a negation.
                guard Self.compares(source) || typed.contains("~") || called.contains("logicalnot"),
                    !Self.comparisons(in: self.source).isSubset(of: Self.comparisons(in: source))
                        || typed.contains("~") || called.contains("logicalnot")
                else { return false }
            case .patienceExceeded, .patienceShort, .badCountNotReset, .stopOneLate, .patienceFromOverallBest,
                .keptForStop, .neverStopped, .stopForKept, .bestForKept:
                // The curve (and the patience) read: a number typed may be any slip.
                let words = Set(source.split { !($0.isLetter || $0.isNumber || $0 == "_") }.map(String.init))
                guard change.terms.allSatisfy(words.contains) else { return false }
            default:
                continue
            }
        }
        return true
    }

    /// Whether `source` compares anything (`==`, `<`, `eq(…)`…).
    static func compares(_ source: String) -> Bool {
        !comparisons(in: source).isEmpty
            || !Mutant.calledNames(source).isDisjoint(with: ["eq", "ne", "lt", "gt", "le", "ge"])
    }

    /// The comparison operators `source` writes.
    static func comparisons(in source: String) -> Set<ComparisonOperator> {
        guard let program = try? Parser.parse(source) else { return [] }
        var found: Set<ComparisonOperator> = []
        func visit(_ node: ExpressionSyntax) {
            if case .comparison(_, let links) = node.kind { found.formUnion(links.map(\.op)) }
            node.kind.children.forEach(visit)
        }
        program.valueExpressions.forEach(visit)
        return found
    }
}
