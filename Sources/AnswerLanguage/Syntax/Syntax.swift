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
        /// `f'loss {loss:.3f}'`: text and replacement fields.
        case formatted([FormattedPiece])
        /// `[x for x in xs if c]`, `{k: v for …}`, `{x for …}`, `(x for …)`.
        case comprehension(Comprehension)
        /// `{'a': 1, 'b': 2}`.
        case dict([DictItemSyntax])
        /// `{1, 2}`.
        case set([ExpressionSyntax])
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
    /// `~x`: bitwise not of an int, logical not of a bool tensor.
    case invert = "~"
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
    /// `&`, `|`, `^`: bitwise on ints, logical on bools and bool tensors (PyTorch's masks).
    case bitAnd = "&"
    case bitOr = "|"
    case bitXor = "^"
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
    /// `**kwargs`: the value is a dict spread into keyword arguments (`isSpread` is also true).
    public var isKeywordSpread = false
}

/// One item between the brackets of a subscript.
public enum SubscriptItem: Hashable, Sendable {
    /// An index, `None` (a new axis) or `...`.
    case index(ExpressionSyntax)
    /// `start:stop:step`, each part optional.
    case slice(start: ExpressionSyntax?, stop: ExpressionSyntax?, step: ExpressionSyntax?, range: SourceRange)
}

/// A parameter of a lambda or a `def`, with an optional default value.
public struct ParameterSyntax: Hashable, Sendable {
    /// How arguments reach the parameter.
    public enum Kind: Hashable, Sendable {
        /// By position or by keyword.
        case normal
        /// After `*` or `*args`: by keyword only.
        case keywordOnly
        /// `*args`: the extra positional arguments as a tuple.
        case variadic
        /// `**kwargs`: the extra keyword arguments as a dict.
        case keywordVariadic
    }

    public var name: String
    public var range: SourceRange
    public var defaultValue: ExpressionSyntax?
    public var kind: Kind = .normal
}

/// What an assignment binds: a name, names unpacked from a tuple (`a, b = f()`), an attribute
/// (`self.conv = …`) or part of a value (`k[:, 0] = 1`).
public indirect enum AssignmentTarget: Hashable, Sendable {
    case name(String, SourceRange)
    case tuple([AssignmentTarget], SourceRange)
    /// `base.name = …`.
    case attribute(ExpressionSyntax, name: String, SourceRange)
    /// `base[items] = …`.
    case `subscript`(ExpressionSyntax, [SubscriptItem], SourceRange)

    /// Where the target is written.
    public var range: SourceRange {
        switch self {
        case .name(_, let range), .tuple(_, let range), .attribute(_, _, let range),
            .subscript(_, _, let range):
            range
        }
    }

    /// The names the target binds, unpacking tuples (an attribute or an item binds none).
    public var names: [String] {
        switch self {
        case .name(let name, _): [name]
        case .tuple(let targets, _): targets.flatMap(\.names)
        case .attribute, .subscript: []
        }
    }
}

/// One statement. Compound statements (`if`, `for`, `while`, `def`, `class`, `with`) hold their
/// blocks; see `Statements.swift` for their parts.
public enum Statement: Hashable, Sendable {
    /// `target = value` (also `a = b = value`: every target gets the value).
    case assignment([AssignmentTarget], ExpressionSyntax)
    /// An expression whose value becomes the result when it is last.
    case expression(ExpressionSyntax)
    /// `target op= value`: `x += 1`, `k[0] *= 2`.
    case augmentedAssignment(AssignmentTarget, BinaryOperator, ExpressionSyntax, operatorRange: SourceRange)
    /// `if …: … elif …: … else: …`.
    case `if`(IfStatement)
    /// `for target in iterable: … else: …`.
    case `for`(ForStatement)
    /// `while condition: … else: …`.
    case `while`(WhileStatement)
    /// `def name(parameters): …`.
    case function(FunctionDefinition)
    /// `class Name(bases): …`.
    case `class`(ClassDefinition)
    /// `with context as target: …`.
    case with(WithStatement)
    /// `return`, `return value`.
    case `return`(ExpressionSyntax?, SourceRange)
    case `break`(SourceRange)
    case `continue`(SourceRange)
    case pass(SourceRange)
    /// `import torch`, `import torch.nn as nn`, `from torch import nn`.
    case `import`(ImportStatement)
    /// `assert condition, message`.
    case assert(ExpressionSyntax, message: ExpressionSyntax?, SourceRange)
    /// `del a, b[0]`.
    case delete([AssignmentTarget], SourceRange)
    /// `global a, b` (`nonlocal` when `isNonlocal`).
    case global([String], isNonlocal: Bool, SourceRange)

    /// Where the statement is written (for a compound statement, its first line through its
    /// last block).
    public var range: SourceRange {
        switch self {
        case .assignment(let targets, let value): targets[0].range.union(value.range)
        case .expression(let expression): expression.range
        case .augmentedAssignment(let target, _, let value, _): target.range.union(value.range)
        case .if(let statement): statement.range
        case .for(let statement): statement.range
        case .while(let statement): statement.range
        case .function(let definition): definition.range
        case .class(let definition): definition.range
        case .with(let statement): statement.range
        case .import(let statement): statement.range
        case .return(_, let range), .break(let range), .continue(let range), .pass(let range),
            .assert(_, _, let range), .delete(_, let range), .global(_, _, let range):
            range
        }
    }

    /// The names a statement binds where it runs: assignment targets, loop variables, defined
    /// functions and classes, imported aliases (not the names inside a `def`'s body).
    public var boundNames: [String] {
        switch self {
        case .assignment(let targets, _): targets.flatMap(\.names)
        case .augmentedAssignment(let target, _, _, _): target.names
        case .if(let statement):
            statement.branches.flatMap { $0.body.flatMap(\.boundNames) }
                + (statement.orElse ?? []).flatMap(\.boundNames)
        case .for(let statement):
            statement.target.names + statement.body.flatMap(\.boundNames)
                + (statement.orElse ?? []).flatMap(\.boundNames)
        case .while(let statement):
            statement.body.flatMap(\.boundNames) + (statement.orElse ?? []).flatMap(\.boundNames)
        case .function(let definition): [definition.name]
        case .class(let definition): [definition.name]
        case .with(let statement):
            statement.items.compactMap(\.target).flatMap(\.names) + statement.body.flatMap(\.boundNames)
        case .import(let statement): statement.boundNames
        default: []
        }
    }
}

/// A parsed piece of source: its statements in order.
public struct Program: Hashable, Sendable {
    public var statements: [Statement]

    /// The values its expression statements and assignments compute, in order (what the grader's
    /// walks over an answer read; not the blocks of compound statements).
    public var valueExpressions: [ExpressionSyntax] {
        statements.compactMap { statement in
            switch statement {
            case .expression(let expression), .assignment(_, let expression): expression
            default: nil
            }
        }
    }
}

extension ExpressionSyntax.Kind {
    /// The direct sub-expressions, for depth and walks (the grader's misconception mutants walk
    /// the reference answer with it).
    public var children: [ExpressionSyntax] {
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
        case .formatted(let pieces): pieces.flatMap(\.expressions)
        case .comprehension(let comprehension): comprehension.expressions
        case .dict(let items): items.flatMap { [$0.key, $0.value] }
        case .set(let items): items
        }
    }
}

extension Sequence where Element == Int {
    fileprivate func max(or fallback: Int) -> Int { self.max() ?? fallback }
}
