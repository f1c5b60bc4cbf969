import AnswerLanguage
import CNN

extension PreparedExercise {
    /// Whether an answer typed as `source` is what an element-count mutant (`len(x)` for
    /// `x.numel()`, `x.dim()`, …) computes, not merely its number: the tensor the mutant counts
    /// is given another shape (each size 3 larger) and the two must still
    /// agree. `x.shape[1]` is 3 for a tensor of shape (2, 3, 4), as its number of dimensions is,
    /// but not for one of shape (5, 6, 7). Nil when that cannot be told: the answer does not
    /// read the tensor (a number, `2 * 3 * 4 - 1`, is told by its value), the piece is no tensor
    /// of the setup, or either fails on the other shape.
    func countsElementsAlike(_ source: String, _ mutant: Mutant) -> Bool? {
        guard mutant.changes.count == 1, Self.names(in: source).contains(mutant.changes[0].piece),
            case .tensor(let tensor)? = base[mutant.changes[0].piece],
            let other = try? Tensor.zeros(tensor.shape.map { $0 + 3 }, dtype: tensor.dtype)
        else { return nil }
        func run(_ text: String) -> Value? {
            let session = self.session()
            session.interpreter.bind(mutant.changes[0].piece, .tensor(other))
            return try? session.run(text)
        }
        guard let answer = run(source), let expected = run(mutant.source),
            let a = ValueConversion.numeric(answer)?.scalarOrSelf,
            let m = ValueConversion.numeric(expected)?.scalarOrSelf
        else { return nil }
        return a.shape == m.shape && a.values == m.values
    }
}

extension PreparedExercise {
    /// Whether a named mistake whose `when` tests the answer's value alone (`answer == 3`) fits
    /// the answer typed as `source` only by its number: the element counts taken otherwise that
    /// have this number (`x.dim()`, the sizes added) all count otherwise than the answer when
    /// the tensor has another shape (`countsElementsAlike`): `x.size(1)` is 3 like the number of
    /// dimensions of a (2, 3, 4) tensor, but it is a dimension's size. False when no such count
    /// has the number, or one of them cannot be told apart.
    func countsOtherwise(_ source: String?, value: Value, when: String, comparer: Comparer) -> Bool {
        guard let source, Self.isValueTest(when) else { return false }
        let same = mutants.all.filter {
            $0.mutant.changes.count == 1 && $0.mutant.misconception.isElementCount
                && comparer.matches(value, $0.value)
        }
        return !same.isEmpty && same.allSatisfy { countsElementsAlike(source, $0.mutant) == false }
    }
}
