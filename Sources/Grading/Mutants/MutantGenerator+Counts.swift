import AnswerLanguage
import Foundation

/// What a count of elements (`x.numel()`, `torch.numel(x)`, `x.nelement()`) is mistaken for: the
/// size of the first dimension (`len(x)`), the number of dimensions, the sizes added instead of
/// multiplied, the last index instead of the count. Only where the count is the whole answer:
/// inside a calculation (`window.sum() / window.numel()`) a divisor of 2 or 3 has too many other
/// readings.
extension MutantGenerator {
    mutating func elementCountRules(
        _ node: ExpressionSyntax, _ callee: ExpressionSyntax, _ arguments: [ArgumentSyntax], isMethod: Bool
    ) {
        var whole = String.UnicodeScalarView()
        whole.append(contentsOf: scalars)
        guard String(whole).trimmingCharacters(in: .whitespacesAndNewlines) == text(node) else { return }
        let tensor: ExpressionSyntax
        if isMethod, arguments.isEmpty, case .attribute(let base, _, _) = callee.kind {
            tensor = base
        } else if !isMethod, arguments.count == 1, arguments[0].name == nil, !arguments[0].isSpread {
            tensor = arguments[0].value
        } else {
            return
        }
        let t = text(tensor)
        replace(node, by: "len(\(t))", as: .elementsFirstDimension, piece: t)
        replace(node, by: "(\(t)).dim()", as: .elementsDimensions, piece: t)
        replace(node, by: "sum((\(t)).shape)", as: .elementsSizesAdded, piece: t)
        replace(node, by: "\(text(node)) - 1", as: .elementsLastIndex, piece: t)
    }
}
