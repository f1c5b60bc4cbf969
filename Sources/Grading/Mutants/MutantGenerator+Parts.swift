import AnswerLanguage

/// A part of the calculation taken for the whole, or the whole for a part: one product, one row's
/// or one column's products where a window's products are all added up (`(p * k).sum()`), every
/// position of a map added up where its value at one position is asked (`conv2d(x, w)[0, 0, 1, 2]`).
/// Each explains only an answer that writes exactly the mutant's operations
/// (`Misconception.takesAPart`): which part a number is cannot be told from the number.
extension MutantGenerator {
    /// `(a * b).sum()` of a window → its first product, its first row's products summed, its first
    /// column's.
    mutating func partRules(sumOf product: ExpressionSyntax, at node: ExpressionSyntax) {
        guard case .binary(.multiply, _, _) = product.kind else { return }
        let b = text(product)
        // `[..., 0, 0]`: a window's first product; a 1-d product (channels, not positions) has
        // none, so the one-channel story keeps it.
        add(.oneProduct, [(node.range, "((\(b))[..., 0, 0])")], piece: "")
        add(.oneRowSummed, [(node.range, "((\(b))[..., 0, :].sum())")], piece: "")
        add(.oneColumnSummed, [(node.range, "((\(b))[..., :, 0].sum())")], piece: "")
    }

    /// `conv2d(x, w)[0, 0, 1, 2]` (a call's result indexed by whole numbers in two or more
    /// dimensions) → `conv2d(x, w).sum()`. Kept only where the expected value is one number
    /// (`PreparedExercise.swapEntries`): `[0, 0]` may pick a whole map, not a position.
    mutating func wholeMapRule(_ node: ExpressionSyntax, _ base: ExpressionSyntax, _ items: [SubscriptItem]) {
        guard case .call = base.kind, items.count >= 2 else { return }
        let indices = items.allSatisfy { item in
            if case .index(let index) = item, Self.integer(index) != nil { return true }
            return false
        }
        guard indices else { return }
        add(.wholeMapSummed, [(node.range, "((\(text(base))).sum())")], piece: text(base))
    }
}
