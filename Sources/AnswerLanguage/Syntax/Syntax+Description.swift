extension ExpressionSyntax: CustomStringConvertible {
    /// A Lisp-like rendering that shows the tree's shape exactly: `1 + 2 * 3` is
    /// `(+ 1 (* 2 3))`. Parser tests compare against it.
    public var description: String { kind.sExpression }
}

extension ExpressionSyntax.Kind {
    var sExpression: String {
        switch self {
        case .integer(let value): "\(value)"
        case .float(let value): "\(value)"
        case .string(let text): "'\(text)'"
        case .bool(let value): value ? "True" : "False"
        case .none: "None"
        case .ellipsis: "..."
        case .name(let name): name
        case .list(let items): "[" + items.map(\.description).joined(separator: " ") + "]"
        case .tuple(let items): "(tuple" + items.map { " \($0)" }.joined() + ")"
        case .unary(let op, let operand): "(\(op == .negate ? "neg" : op.rawValue) \(operand))"
        case .binary(let op, let left, let right): "(\(op.rawValue) \(left) \(right))"
        case .comparison(let first, let links):
            "(compare \(first)" + links.map { " \($0.op.rawValue) \($0.operand)" }.joined() + ")"
        case .conditional(let condition, let then, let otherwise): "(if \(condition) \(then) \(otherwise))"
        case .call(let callee, let arguments):
            "(call \(callee)"
                + arguments.map { argument in
                    " " + (argument.isSpread ? "*" : "") + (argument.name.map { "\($0)=" } ?? "")
                        + argument.value.description
                }.joined() + ")"
        case .attribute(let base, let name, _): "(. \(base) \(name))"
        case .subscript(let base, let items):
            "(index \(base)" + items.map { " \($0.sExpression)" }.joined() + ")"
        case .lambda(let parameters, let body):
            "(lambda ("
                + parameters.map { parameter in
                    parameter.name + (parameter.defaultValue.map { "=\($0)" } ?? "")
                }.joined(separator: " ") + ") \(body))"
        }
    }
}

extension SubscriptItem {
    var sExpression: String {
        switch self {
        case .index(let expression): expression.description
        case .slice(let start, let stop, let step, _):
            "\(start?.description ?? ""):\(stop?.description ?? ""):\(step?.description ?? "")"
        }
    }
}

extension Statement: CustomStringConvertible {
    /// `(= x (+ 1 2))` for an assignment, the expression's rendering otherwise.
    public var description: String {
        switch self {
        case .assignment(let targets, let value):
            "(= " + targets.map(\.description).joined(separator: " ") + " \(value))"
        case .expression(let expression): expression.description
        }
    }
}

extension AssignmentTarget: CustomStringConvertible {
    /// The name, or `(tuple a b)`.
    public var description: String {
        switch self {
        case .name(let name, _): name
        case .tuple(let targets, _): "(tuple" + targets.map { " \($0)" }.joined() + ")"
        }
    }
}

extension Program: CustomStringConvertible {
    /// The statements' renderings separated by "; ".
    public var description: String { statements.map(\.description).joined(separator: "; ") }
}
