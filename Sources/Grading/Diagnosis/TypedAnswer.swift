import AnswerLanguage

/// An answer as the learner typed it, read for how its value may relate to the expected one: its
/// last expression's outermost operation and operands (as typed), whether it is a single number
/// literal and how many significant digits that literal has, and how many terms a written-out
/// sum has. Everything is read from the syntax tree; nothing runs here.
struct TypedAnswer {
    /// The answer's last expression statement (the one whose value is graded).
    let last: ExpressionSyntax
    /// How many statements the answer has.
    let statementCount: Int
    private let scalars: [Unicode.Scalar]

    /// Nil when the source does not parse or does not end with an expression.
    init?(_ source: String) {
        guard let program = try? Parser.parse(source), let statement = program.statements.last,
            case .expression(let expression) = statement
        else { return nil }
        last = expression
        statementCount = program.statements.count
        scalars = Array(source.unicodeScalars)
    }

    /// A node's text as typed.
    func text(_ node: ExpressionSyntax) -> String { SourceText(scalars: scalars)(node) }

    /// A range's text as typed.
    func text(_ range: SourceRange) -> String { SourceText(scalars: scalars)(range) }

    /// The answer when it is one number written out (`0.025`, `-9.09e-12`, `25`): its text
    /// without the sign, and its significant digits (leading zeros never count; trailing zeros
    /// of a number without a point do not either, so `20` has one).
    var literal: (text: String, digits: Int)? {
        var node = last
        if case .unary(.negate, let operand) = node.kind { node = operand }
        switch node.kind {
        case .integer, .float: break
        default: return nil
        }
        let written = text(node).lowercased()
        let mantissa = written.split(separator: "e", maxSplits: 1).first.map(String.init) ?? written
        var digits = mantissa.filter(\.isNumber).drop { $0 == "0" }
        if !mantissa.contains(".") {
            while digits.last == "0" { digits = digits.dropLast() }
        }
        return (written, digits.count)
    }

    /// The outermost operation of the answer, when it is a binary one: `a * b` → (`*`, a, b).
    var outermost: (op: BinaryOperator, left: ExpressionSyntax, right: ExpressionSyntax)? {
        if case .binary(let op, let left, let right) = last.kind { return (op, left, right) }
        return nil
    }

    /// How many terms a sum written out has (`2 + 4 + 6 + 9` has 4); nil for anything else.
    static func terms(_ node: ExpressionSyntax) -> Int? {
        addends(node).map(\.count)
    }

    /// The terms of a sum written out, in order (`a + b * c` → `a`, `b * c`); nil for anything
    /// else.
    static func addends(_ node: ExpressionSyntax) -> [ExpressionSyntax]? {
        guard case .binary(.add, let left, let right) = node.kind else { return nil }
        return (addends(left) ?? [left]) + (addends(right) ?? [right])
    }

    /// Whether a node calls a sum (`t.sum()`, `torch.sum(t)`, `sum(xs)`) anywhere inside.
    static func sums(_ node: ExpressionSyntax) -> Bool {
        if case .call(let callee, _) = node.kind, MutantGenerator.calleeName(callee) == "sum" { return true }
        return node.kind.children.contains(where: sums)
    }

    /// Whether a node is a number, or arithmetic on numbers only (`1 / 4`, `0.5 * 0.5`).
    static func isNumeric(_ node: ExpressionSyntax) -> Bool {
        switch node.kind {
        case .integer, .float: true
        case .unary(_, let operand): isNumeric(operand)
        case .binary(_, let left, let right): isNumeric(left) && isNumeric(right)
        default: false
        }
    }

    /// The answer's pieces in the order they are written, with the brackets that only group
    /// left out: two answers with the same pieces but different trees write the same numbers,
    /// names and operations in the same order, grouped otherwise. Nil for an answer of several
    /// statements. Parts other than numbers, names, operators and calls are kept as typed (so
    /// brackets inside them still count, and such answers are told apart rather than confused).
    var pieces: [String]? {
        guard statementCount == 1 else { return nil }
        return pieces(of: last)
    }

    /// A node's pieces in the order they are written (`pieces`).
    private func pieces(of node: ExpressionSyntax) -> [String] {
        func walk(_ node: ExpressionSyntax) -> [String] {
            switch node.kind {
            case .integer(let value): return ["\(value)"]
            case .float(let value): return ["\(value)"]
            case .name(let name): return [name]
            case .string(let value): return ["'\(value)'"]
            case .bool(let value): return ["\(value)"]
            case .unary(let op, let operand): return [op.rawValue] + walk(operand)
            case .binary(let op, let left, let right): return walk(left) + [op.rawValue] + walk(right)
            case .call(let callee, let arguments):
                var result = walk(callee) + ["call("]
                for argument in arguments {
                    result += [argument.name.map { "\($0)=" } ?? (argument.isSpread ? "*" : ",")]
                    result += walk(argument.value)
                }
                return result + [")"]
            case .attribute(let base, let name, _): return walk(base) + [".\(name)"]
            default: return ["<\(text(node))>"]
            }
        }
        return walk(node)
    }

    /// The answer's last expression with every binary operation bracketed, so two answers that
    /// group the same pieces alike read the same (`a*(b)` and `a * b`).
    var canonical: String {
        func walk(_ node: ExpressionSyntax) -> String {
            switch node.kind {
            case .binary(let op, let left, let right): "(\(walk(left)) \(op.rawValue) \(walk(right)))"
            case .unary(let op, let operand): "\(op.rawValue)\(walk(operand))"
            default: (pieces(of: node)).joined(separator: " ")
            }
        }
        return walk(last)
    }

    /// The answer's last expression as a chain of arithmetic operations however grouped: its
    /// operands in order (as typed) and the operators between them; nil when it is not arithmetic
    /// at its top.
    var chain: (operands: [String], operators: [BinaryOperator])? {
        let arithmetic: Set<BinaryOperator> = [.add, .subtract, .multiply, .divide, .floorDivide, .power]
        var operands: [String] = []
        var operators: [BinaryOperator] = []
        func walk(_ node: ExpressionSyntax) {
            if case .binary(let op, let left, let right) = node.kind, arithmetic.contains(op) {
                walk(left)
                operators.append(op)
                walk(right)
            } else {
                operands.append(text(node))
            }
        }
        guard case .binary(let op, _, _) = last.kind, arithmetic.contains(op) else { return nil }
        walk(last)
        return (operands, operators)
    }

    /// Every way of grouping `operands` joined by `operators` with brackets, written out in full
    /// (`(a * (b - c))`), each a source to evaluate.
    static func groupings(_ operands: [String], _ operators: [BinaryOperator]) -> [String] {
        guard operands.count == operators.count + 1, !operands.isEmpty else { return [] }
        if operands.count == 1 { return [operands[0]] }
        var result: [String] = []
        for split in 1..<operands.count {
            let lefts = groupings(Array(operands[..<split]), Array(operators[..<(split - 1)]))
            let rights = groupings(Array(operands[split...]), Array(operators[split...]))
            for left in lefts {
                for right in rights { result.append("(\(left) \(operators[split - 1].rawValue) \(right))") }
            }
        }
        return result
    }
}
