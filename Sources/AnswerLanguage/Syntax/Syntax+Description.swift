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
        case .formatted(let pieces): "(f" + pieces.map { " " + $0.sExpression }.joined() + ")"
        case .comprehension(let comprehension):
            "(" + comprehension.kindName + " \(comprehension.element)"
                + comprehension.clauses.map { clause in
                    switch clause {
                    case .for(let target, let iterable): " for \(target) in \(iterable)"
                    case .if(let condition): " if \(condition)"
                    }
                }.joined() + ")"
        case .dict(let items): "{" + items.map { "\($0.key): \($0.value)" }.joined(separator: " ") + "}"
        case .set(let items): "(set" + items.map { " \($0)" }.joined() + ")"
        }
    }
}

extension Comprehension {
    var kindName: String {
        switch kind {
        case .list: "listcomp"
        case .set: "setcomp"
        case .generator: "genexp"
        case .dict(let key): "dictcomp \(key):"
        }
    }
}

extension FormattedPiece {
    var sExpression: String {
        switch self {
        case .literal(let text): "'\(text)'"
        case .field(let expression, let conversion, let spec, let debugText):
            "{" + (debugText.map { "\($0) " } ?? "") + expression.description
                + (conversion.map { "!\($0)" } ?? "")
                + (spec.isEmpty ? "" : ":" + spec.map(\.sExpression).joined()) + "}"
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
    /// `(= x (+ 1 2))` for an assignment, the expression's rendering otherwise; blocks are
    /// written `(if c [a; b] else [d])`.
    public var description: String {
        func block(_ statements: [Statement]) -> String {
            "[" + statements.map(\.description).joined(separator: "; ") + "]"
        }
        switch self {
        case .assignment(let targets, let value):
            return "(= " + targets.map(\.description).joined(separator: " ") + " \(value))"
        case .expression(let expression): return expression.description
        case .augmentedAssignment(let target, let op, let value, _):
            return "(\(op.rawValue)= \(target) \(value))"
        case .if(let statement):
            return "(if"
                + statement.branches.map { " \($0.condition) \(block($0.body))" }.joined(separator: " elif")
                + (statement.orElse.map { " else \(block($0))" } ?? "") + ")"
        case .for(let statement):
            return "(for \(statement.target) in \(statement.iterable) \(block(statement.body))"
                + (statement.orElse.map { " else \(block($0))" } ?? "") + ")"
        case .while(let statement):
            return "(while \(statement.condition) \(block(statement.body))"
                + (statement.orElse.map { " else \(block($0))" } ?? "") + ")"
        case .function(let definition):
            let parameters = definition.parameters.map { parameter in
                let prefix =
                    switch parameter.kind {
                    case .variadic: "*"
                    case .keywordVariadic: "**"
                    case .keywordOnly: "kw:"
                    case .normal: ""
                    }
                return prefix + parameter.name + (parameter.defaultValue.map { "=\($0)" } ?? "")
            }
            return "(def \(definition.name) (" + parameters.joined(separator: " ")
                + ") \(block(definition.body)))"
        case .class(let definition):
            return "(class \(definition.name) (" + definition.bases.map(\.description).joined(separator: " ")
                + ") "
                + block(definition.body) + ")"
        case .with(let statement):
            return "(with"
                + statement.items.map { " \($0.context)" + ($0.target.map { " as \($0)" } ?? "") }.joined()
                + " \(block(statement.body)))"
        case .return(let value, _): return "(return" + (value.map { " \($0)" } ?? "") + ")"
        case .break: return "(break)"
        case .continue: return "(continue)"
        case .pass: return "(pass)"
        case .import(let statement):
            return "(import" + (statement.module.map { " from " + $0.joined(separator: ".") } ?? "")
                + statement.items.map {
                    " " + $0.path.joined(separator: ".") + ($0.alias.map { " as \($0)" } ?? "")
                }
                .joined() + ")"
        case .assert(let condition, let message, _):
            return "(assert \(condition)" + (message.map { " \($0)" } ?? "") + ")"
        case .delete(let targets, _): return "(del" + targets.map { " \($0)" }.joined() + ")"
        case .global(let names, let isNonlocal, _):
            return "(" + (isNonlocal ? "nonlocal" : "global") + names.map { " " + $0 }.joined() + ")"
        }
    }
}

extension AssignmentTarget: CustomStringConvertible {
    /// The name, or `(tuple a b)`.
    public var description: String {
        switch self {
        case .name(let name, _): name
        case .tuple(let targets, _): "(tuple" + targets.map { " \($0)" }.joined() + ")"
        case .attribute(let base, let name, _): "(. \(base) \(name))"
        case .subscript(let base, let items, _):
            "(index \(base)" + items.map { " \($0.sExpression)" }.joined() + ")"
        }
    }
}

extension Program: CustomStringConvertible {
    /// The statements' renderings separated by "; ".
    public var description: String { statements.map(\.description).joined(separator: "; ") }
}
