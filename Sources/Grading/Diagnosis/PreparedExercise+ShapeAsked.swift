import AnswerLanguage

/// Whether a tuple of whole numbers the exercise expects is a shape: a tensor's `.shape`, or a
/// tuple typed in sizes (names, numbers, their arithmetic, `x.shape[i]`, `len(x)`). A tuple the
/// reference computes with other calls (`(int(fm.argmax()) // 5, int(fm.argmax()) % 5)`, a
/// position) is no shape: "Your result has shape [1, 2]" would be false of it, and its numbers
/// are compared as numbers.
extension PreparedExercise {
    static func tupleIsShape(_ reference: String) -> Bool {
        guard let typed = TypedAnswer(reference), case .tuple(let items) = typed.last.kind else {
            return true
        }
        return items.allSatisfy(isSize)
    }

    /// A size as a shape is typed: a name, a whole number, their arithmetic, a size read off a
    /// tensor (`x.shape[1]`, `x.size(1)`, `len(x)`).
    private static func isSize(_ node: ExpressionSyntax) -> Bool {
        switch node.kind {
        case .integer, .name: return true
        case .binary(_, let left, let right): return isSize(left) && isSize(right)
        case .unary(_, let operand): return isSize(operand)
        case .subscript(let base, _):
            if case .attribute(_, "shape", _) = base.kind { return true }
            return false
        case .call(let callee, _):
            let name = MutantGenerator.calleeName(callee)
            return name == "len" || name == "size" || name == "numel"
        default: return false
        }
    }
}
