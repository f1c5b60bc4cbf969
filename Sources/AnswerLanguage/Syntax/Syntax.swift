/// An expression of the answer language with the source it came from.
///
/// `depth` is the height of the tree below this node; the parser refuses trees deeper than
/// `ParserOptions.maxNesting`, which bounds every recursive walk (evaluation, printing,
/// deallocation) so that no input can overflow the stack.
public struct ExpressionSyntax: Hashable, Sendable {
    /// What the expression is.
    public indirect enum Kind: Hashable, Sendable {
        case integer(Int)
        case float(Double)
        case string(String)
        case bool(Bool)
        case none
        /// `...` (Python's `Ellipsis`), meaningful inside subscripts.
        case ellipsis
        case name(String)
        /// `[a, b]`.
        case list([ExpressionSyntax])
        /// `(a, b)`, `(a,)`, `()`.
        case tuple([ExpressionSyntax])
        /// `-x`, `+x`, `not x`.
        case unary(UnaryOperator, ExpressionSyntax)
        /// `a + b`, `a ** b`, `a and b`, ….
        case binary(BinaryOperator, ExpressionSyntax, ExpressionSyntax)
        /// `a < b <= c`: Python's chained comparison, each operand evaluated once.
        case comparison(ExpressionSyntax, [ComparisonLink])
        /// `a if condition else b`.
        case conditional(condition: ExpressionSyntax, then: ExpressionSyntax, else: ExpressionSyntax)
        /// `f(a, b=1)`.
        case call(ExpressionSyntax, [ArgumentSyntax])
        /// `x.name`.
        case attribute(ExpressionSyntax, name: String, nameRange: SourceRange)
        /// `x[i, a:b:c, ...]`.
        case `subscript`(ExpressionSyntax, [SubscriptItem])
        /// `lambda a, b=1: body`.
        case lambda([ParameterSyntax], body: ExpressionSyntax)
    }

    /// What the expression is.
    public var kind: Kind
    /// Where it is in the source.
    public var range: SourceRange
    /// Height of the tree: 1 for a leaf.
    public var depth: Int

    /// Creates an expression; `depth` is computed from the children.
    public init(_ kind: Kind, range: SourceRange) {
        self.kind = kind
        self.range = range
        self.depth = 1 + kind.children.map(\.depth).max(or: 0)
    }
}

/// `-x`, `+x`, `not x`.
public enum UnaryOperator: String, Hashable, Sendable {
    case negate = "-"
    case plus = "+"
    case not = "not"
}

/// Binary operators, by their Python spelling.
public enum BinaryOperator: String, Hashable, Sendable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case floorDivide = "//"
    case remainder = "%"
    case power = "**"
    case matmul = "@"
    case and = "and"
    case or = "or"
}

/// Comparison operators, which chain: `a < b < c` means `a < b and b < c`.
public enum ComparisonOperator: String, Hashable, Sendable {
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case `in` = "in"
    case notIn = "not in"
    case `is` = "is"
    case isNot = "is not"
}

/// One link of a comparison chain: the operator and its right operand.
public struct ComparisonLink: Hashable, Sendable {
    public var op: ComparisonOperator
    public var operand: ExpressionSyntax
}

/// One argument of a call: positional (`name` nil) or keyword.
public struct ArgumentSyntax: Hashable, Sendable {
    /// The keyword, for `name=value`.
    public var name: String?
    /// Where the keyword is written.
    public var nameRange: SourceRange?
    /// `*args`: the value is a list or tuple spread into positional arguments.
    public var isSpread: Bool
    /// The argument's value.
    public var value: ExpressionSyntax
}

/// One item between the brackets of a subscript.
public enum SubscriptItem: Hashable, Sendable {
    /// An index, `None` (a new axis) or `...`.
    case index(ExpressionSyntax)
    /// `start:stop:step`, each part optional.
    case slice(start: ExpressionSyntax?, stop: ExpressionSyntax?, step: ExpressionSyntax?, range: SourceRange)
}

/// A lambda's parameter, with an optional default value.
public struct ParameterSyntax: Hashable, Sendable {
    public var name: String
    public var range: SourceRange
    public var defaultValue: ExpressionSyntax?
}

/// What an assignment binds: a name, or names unpacked from a tuple (`a, b = f()`).
public indirect enum AssignmentTarget: Hashable, Sendable {
    case name(String, SourceRange)
    case tuple([AssignmentTarget], SourceRange)

    /// Where the target is written.
    public var range: SourceRange {
        switch self {
        case .name(_, let range), .tuple(_, let range): range
        }
    }
}

/// One statement: an assignment or an expression.
public enum Statement: Hashable, Sendable {
    /// `target = value` (also `a = b = value`: every target gets the value).
    case assignment([AssignmentTarget], ExpressionSyntax)
    /// An expression whose value becomes the result when it is last.
    case expression(ExpressionSyntax)

    /// Where the statement is written.
    public var range: SourceRange {
        switch self {
        case .assignment(let targets, let value): targets[0].range.union(value.range)
        case .expression(let expression): expression.range
        }
    }
}

/// A parsed piece of source: its statements in order.
public struct Program: Hashable, Sendable {
    public var statements: [Statement]
}

extension ExpressionSyntax.Kind {
    /// The direct sub-expressions, for depth and walks.
    var children: [ExpressionSyntax] {
        switch self {
        case .integer, .float, .string, .bool, .none, .ellipsis, .name: []
        case .list(let items), .tuple(let items): items
        case .unary(_, let operand): [operand]
        case .binary(_, let left, let right): [left, right]
        case .comparison(let first, let rest): [first] + rest.map(\.operand)
        case .conditional(let condition, let then, let otherwise): [condition, then, otherwise]
        case .call(let callee, let arguments): [callee] + arguments.map(\.value)
        case .attribute(let base, _, _): [base]
        case .subscript(let base, let items):
            [base]
                + items.flatMap { item -> [ExpressionSyntax] in
                    switch item {
                    case .index(let index): [index]
                    case .slice(let start, let stop, let step, _): [start, stop, step].compactMap { $0 }
                    }
                }
        case .lambda(let parameters, let body): parameters.compactMap(\.defaultValue) + [body]
        }
    }
}

extension Sequence where Element == Int {
    fileprivate func max(or fallback: Int) -> Int { self.max() ?? fallback }
}
