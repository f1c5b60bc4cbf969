import AnswerLanguage

/// Operations written as two others: min pooling as max pooling of the negated input, negated
/// back (`-F.max_pool2d(-x, 2)`); sum pooling as the average times the window's size
/// (`F.avg_pool2d(x, 2) * 4`); a soft cap as a sigmoid scaled (`6 * torch.sigmoid(x)`); and a
/// bound as an element-wise minimum or maximum (`torch.minimum(x, torch.tensor(6.))` caps at 6).
/// A profile counts such a pair as the one operation it is, not as its parts: a learner who
/// writes min pooling does not write max pooling.
extension OperationProfile {
    /// The operation `node` writes as a pair of others, with the parts it applies to (visited as
    /// usual); nil when it is none.
    static func composite(_ node: ExpressionSyntax) -> (Operation, [ExpressionSyntax])? {
        switch node.kind {
        case .unary(.negate, let inner):
            // `-max_pool2d(-x, …)`, `-nn.MaxPool2d(…)(-x)`.
            guard let (pool, input, rest) = pooling(inner), pool == .maxPool,
                case .unary(.negate, let x) = input.kind
            else { return nil }
            return (.minPool, [x] + rest)
        case .binary(.multiply, _, _):
            // `avg_pool2d(x, k) * 4`, `4 * sigmoid(x)`, `sigmoid(x) * 2 * 3`: one call, numbers
            // for every other factor.
            let factors = multiplied(node)
            let others = factors.filter { !MutantGenerator.isNumber($0) }
            guard others.count == 1, factors.count > 1, let only = others.first else { return nil }
            if let (pool, input, rest) = pooling(only), pool == .avgPool { return (.sumPool, [input] + rest) }
            if case .call(let callee, let arguments) = only.kind,
                let name = MutantGenerator.calleeName(callee), Operation.called(name) == .sigmoid,
                name.first?.isLowercase == true
            {
                return (.softCap, arguments.map(\.value) + receiver(callee))
            }
            return nil
        default:
            return nil
        }
    }

    /// The bound `torch.minimum(x, c)` (an upper bound) or `torch.maximum(x, c)` (a lower one)
    /// writes, also as `torch.min(x, c)` / `x.max(c)` with a tensor or real `c` (a whole number
    /// there is a dimension: a reduction); nil for other calls. `bound` is `c`.
    static func elementwiseBound(_ callee: ExpressionSyntax, _ arguments: [ArgumentSyntax]) -> (
        upper: Bool, bound: ExpressionSyntax
    )? {
        guard let name = MutantGenerator.calleeName(callee), case .attribute(let owner, _, _) = callee.kind
        else {
            return nil
        }
        let positional = arguments.filter { $0.name == nil && !$0.isSpread }
        let function = ["torch"].contains(lastName(owner))
        guard arguments.count == positional.count, positional.count == (function ? 2 : 1) else { return nil }
        let bound = positional[positional.count - 1].value
        switch name {
        case "minimum", "fmin": return (true, bound)
        case "maximum", "fmax": return (false, bound)
        case "min", "max":
            if case .integer = bound.kind { return nil }
            if case .unary(.negate, let operand) = bound.kind, case .integer = operand.kind { return nil }
            return (name == "min", bound)
        default: return nil
        }
    }

    /// A pooling call (`F.max_pool2d(x, 2)`, `nn.AvgPool2d(2)(x)`), its input and its other
    /// arguments.
    private static func pooling(_ node: ExpressionSyntax) -> (
        Operation, ExpressionSyntax, [ExpressionSyntax]
    )? {
        guard case .call(let callee, let arguments) = node.kind else { return nil }
        if case .call(let maker, let settings) = callee.kind, let name = MutantGenerator.calleeName(maker),
            let pool = Operation.called(name), pool == .maxPool || pool == .avgPool, arguments.count == 1,
            arguments[0].name == nil
        {
            return (pool, arguments[0].value, settings.map(\.value))
        }
        guard let name = MutantGenerator.calleeName(callee), let pool = Operation.called(name),
            pool == .maxPool || pool == .avgPool, name.first?.isLowercase == true
        else { return nil }
        let input =
            arguments.first { $0.name == "input" } ?? arguments.first { $0.name == nil && !$0.isSpread }
        guard let input else { return nil }
        return (pool, input.value, arguments.filter { $0 != input }.map(\.value))
    }

    /// The factors of a product written with `*` (brackets make no node: `(a * 2) * 2` is three).
    private static func multiplied(_ node: ExpressionSyntax) -> [ExpressionSyntax] {
        if case .binary(.multiply, let left, let right) = node.kind {
            return multiplied(left) + multiplied(right)
        }
        return [node]
    }

    /// A method call's receiver (`x` of `x.sigmoid()`), as a part to visit; none for a function.
    private static func receiver(_ callee: ExpressionSyntax) -> [ExpressionSyntax] {
        guard case .attribute(let owner, _, _) = callee.kind,
            !["torch", "F", "functional", "nn"].contains(lastName(owner))
        else { return [] }
        return [owner]
    }

    private static func lastName(_ node: ExpressionSyntax) -> String {
        switch node.kind {
        case .name(let name): name
        case .attribute(_, let name, _): name
        default: ""
        }
    }
}
