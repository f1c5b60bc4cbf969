import AnswerLanguage

/// The numbers an answer written in numbers alone types, read against where a mutant made its
/// change. `9 / 40` for an IoU of `9 / (area_a + area_b - 9)` has the value of the calculation
/// without `box_a[1]` (5 · 5 + 24 − 9 = 40), and of the enclosing box's area (8 · 5) as well:
/// the 40 stands for the whole denominator, inside which the change was made, and whichever
/// slip the learner made there cannot be read from a number they worked out. `0.25 ** 21` types
/// the very part the change rewrote (the power), and `9 / (20 + 24)` types each part: there
/// the change is in what was typed.
extension PreparedExercise {
    /// Whether the answer typed as `source`, arithmetic on numbers alone, written with the
    /// operations of `mutant` (each number standing for a part of it with that part's value),
    /// types a number for a part that holds the mutant's change inside it, where the change
    /// rewrote a calculation (`box_a[3] - box_a[1]` → `box_a[3]`) rather than a number typed
    /// (`20` → `21`), or for the part two changes rewrote: the mutant's story is then a guess.
    /// An answer written otherwise than the mutant, or a single number, is not judged.
    func hidesSlipInWorkedNumber(_ source: String, _ mutant: Mutant, session: TimedInterpreter) -> Bool {
        guard let typed = TypedAnswer(source), typed.statementCount == 1, TypedAnswer.isNumeric(typed.last),
            case .binary = typed.last.kind, let changed = TypedAnswer(mutant.source),
            changed.statementCount == 1,
            let solution = exercise.solution
        else { return false }
        // The part the change rewrote: the smallest, over the solutions it may come from.
        let parts = ([solution.reference] + solution.alternatives).compactMap {
            original -> (was: ExpressionSyntax, now: ExpressionSyntax)? in
            guard let original = TypedAnswer(original.text), original.statementCount == 1 else { return nil }
            return Self.changedPart(original.last, original, changed.last, changed)
        }
        guard let part = parts.min(by: { Self.length($0.now.range) < Self.length($1.now.range) }),
            Self.literal(part.was) == nil
        else { return false }
        func value(_ node: ExpressionSyntax) -> Double? {
            guard let result = try? session.evaluate(changed.text(node)),
                let number = ValueConversion.numeric(result)?.scalarOrSelf, number.rank == 0
            else { return nil }
            return number.values[0]
        }
        // Nil where the answer is not written as the mutant is.
        func hides(_ answer: ExpressionSyntax, _ node: ExpressionSyntax) -> Bool? {
            if let number = Self.literal(answer) {
                guard let standsFor = value(node), abs(number - standsFor) <= 1e-9 * max(1, abs(standsFor))
                else { return nil }
                // A number for the rewritten part itself shows the change (`14` for a variance
                // where a deviation was, `4` where `10 * (5 - 1)` lost its factor), unless two
                // changes were made inside it. A number for more than the rewritten part hides
                // it, unless it is the value of a part inside (`14`, n, for `n + 2 * 0`).
                let now = part.now.range
                if node.range == now { return mutant.changes.count > 1 }
                guard node.range.lowerBound.offset <= now.lowerBound.offset,
                    now.upperBound.offset <= node.range.upperBound.offset
                else { return false }
                return !Self.descendants(of: node).contains { inner in
                    value(inner).map { abs(number - $0) <= 1e-9 * max(1, abs($0)) } ?? false
                }
            }
            guard case .binary(let op, let left, let right) = answer.kind,
                case .binary(op, let first, let second) = node.kind
            else { return nil }
            let inOrder = [hides(left, first), hides(right, second)]
            if !inOrder.contains(nil) { return inOrder.contains(true) }
            guard op == .add || op == .multiply else { return nil }
            let swapped = [hides(left, second), hides(right, first)]
            return swapped.contains(nil) ? nil : swapped.contains(true)
        }
        return hides(typed.last, changed.last) == true
    }

    /// A number typed (`40`, `-0.5`), as a value.
    private static func literal(_ node: ExpressionSyntax) -> Double? {
        switch node.kind {
        case .integer(let value): return Double(value)
        case .float(let value): return value
        case .unary(.negate, let operand): return literal(operand).map { -$0 }
        default: return nil
        }
    }

    /// The operands of a chain of `+` and `-` (`additive`) or of `*`, with whether each is
    /// subtracted; nil when `node` is not such an operation.
    private static func chain(_ node: ExpressionSyntax, additive: Bool) -> [(
        node: ExpressionSyntax, negated: Bool
    )]? {
        guard case .binary(let op, let left, let right) = node.kind,
            additive ? (op == .add || op == .subtract) : op == .multiply
        else { return nil }
        let head = chain(left, additive: additive) ?? [(left, false)]
        let tail = chain(right, additive: additive) ?? [(right, false)]
        return head + tail.map { ($0.node, op == .subtract ? !$0.negated : $0.negated) }
    }

    /// The parts inside `node`, at every depth.
    private static func descendants(of node: ExpressionSyntax) -> [ExpressionSyntax] {
        node.kind.children.flatMap { [$0] + descendants(of: $0) }
    }

    private static func length(_ range: SourceRange) -> Int {
        range.upperBound.offset - range.lowerBound.offset
    }

    /// The smallest part of `changed` (a mutant of `original`) that differs from `original`, as
    /// it was in `original` and as it is in `changed`: where both are the same operation, the
    /// one operand that differs, and so on down; nil where they are written alike.
    private static func changedPart(
        _ original: ExpressionSyntax, _ originalText: TypedAnswer, _ changed: ExpressionSyntax,
        _ changedText: TypedAnswer
    ) -> (was: ExpressionSyntax, now: ExpressionSyntax)? {
        let written = { (node: ExpressionSyntax, text: TypedAnswer) in
            text.text(node).filter { !$0.isWhitespace }
        }
        guard written(original, originalText) != written(changed, changedText) else { return nil }
        // A chain of sums or of products is one part: a term or factor more or less rewrites it
        // whole (`16 * 3 * 3 * 3` → `3 * 3 * 3`); one operand rewritten is read further down.
        for additive in [true, false] {
            guard let before = chain(original, additive: additive),
                let after = chain(changed, additive: additive)
            else { continue }
            let differing = zip(before, after).filter {
                $0.negated != $1.negated || written($0.node, originalText) != written($1.node, changedText)
            }
            guard before.count == after.count, differing.count == 1, let (inner, outer) = differing.first,
                inner.negated == outer.negated
            else { return (original, changed) }
            return changedPart(inner.node, originalText, outer.node, changedText) ?? (original, changed)
        }
        let sameOperation: Bool
        switch (original.kind, changed.kind) {
        case (.binary(let a, _, _), .binary(let b, _, _)): sameOperation = a == b
        case (.unary(let a, _), .unary(let b, _)): sameOperation = a == b
        case (.call(let a, _), .call(let b, _)):
            sameOperation = written(a, originalText) == written(b, changedText)
        case (.subscript, .subscript), (.tuple, .tuple), (.list, .list): sameOperation = true
        default: sameOperation = false
        }
        let before = original.kind.children
        let after = changed.kind.children
        guard sameOperation, before.count == after.count else { return (original, changed) }
        let differing = zip(before, after).filter { written($0, originalText) != written($1, changedText) }
        guard differing.count == 1, let (inner, outer) = differing.first else { return (original, changed) }
        return changedPart(inner, originalText, outer, changedText) ?? (original, changed)
    }
}
