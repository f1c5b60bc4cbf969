/// The parts of Python's compound statements and of the newer expressions (f-strings,
/// comprehensions, dict literals), as `Statement` and `ExpressionSyntax.Kind` hold them.

/// `if c: … elif d: … else: …`: the branches in order, the `else` block if any.
public struct IfStatement: Hashable, Sendable {
    public var branches: [(condition: ExpressionSyntax, body: [Statement])]
    public var orElse: [Statement]?
    public var range: SourceRange

    public static func == (lhs: IfStatement, rhs: IfStatement) -> Bool {
        lhs.range == rhs.range && lhs.orElse == rhs.orElse
            && lhs.branches.map(\.condition) == rhs.branches.map(\.condition)
            && lhs.branches.map(\.body) == rhs.branches.map(\.body)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(range)
        for branch in branches {
            hasher.combine(branch.condition)
            hasher.combine(branch.body)
        }
        hasher.combine(orElse)
    }
}

/// `for target in iterable: body else: orElse`.
public struct ForStatement: Hashable, Sendable {
    public var target: AssignmentTarget
    public var iterable: ExpressionSyntax
    public var body: [Statement]
    /// Runs when the loop ends without `break`.
    public var orElse: [Statement]?
    public var range: SourceRange
}

/// `while condition: body else: orElse`.
public struct WhileStatement: Hashable, Sendable {
    public var condition: ExpressionSyntax
    public var body: [Statement]
    public var orElse: [Statement]?
    public var range: SourceRange
}

/// `def name(parameters): body`, with the names its body binds (Python decides once, when the
/// function is written, which names are local to it).
public struct FunctionDefinition: Hashable, Sendable {
    public var name: String
    public var nameRange: SourceRange
    public var parameters: [ParameterSyntax]
    public var body: [Statement]
    public var range: SourceRange
    /// Names assigned in the body (and the parameters), minus those declared `global`/`nonlocal`.
    public var locals: Set<String>
    /// Names declared `global` in the body.
    public var globals: Set<String>
    /// The `@…` lines above the `def`, outermost first (`@torch.no_grad()`, `@staticmethod`).
    public var decorators: [ExpressionSyntax] = []
}

/// `class Name(bases): body`.
public struct ClassDefinition: Hashable, Sendable {
    public var name: String
    public var nameRange: SourceRange
    public var bases: [ExpressionSyntax]
    public var body: [Statement]
    public var range: SourceRange
}

/// `with a as x, b: body`.
public struct WithStatement: Hashable, Sendable {
    public struct Item: Hashable, Sendable {
        public var context: ExpressionSyntax
        public var target: AssignmentTarget?
    }

    public var items: [Item]
    public var body: [Statement]
    public var range: SourceRange
}

/// `import a.b as c, d` or `from a.b import c as d, e`.
public struct ImportStatement: Hashable, Sendable {
    /// One imported name: the dotted path as written and the name it is bound to.
    public struct Item: Hashable, Sendable {
        public var path: [String]
        public var alias: String?
        public var range: SourceRange
    }

    /// The module of `from module import …`, nil for `import …`.
    public var module: [String]?
    public var items: [Item]
    public var range: SourceRange

    /// The names the statement binds: `import torch.nn` binds `torch`, `import torch.nn as nn`
    /// binds `nn`, `from torch import nn` binds `nn`.
    public var boundNames: [String] {
        items.map { item in
            item.alias ?? (module == nil ? item.path[0] : item.path.last ?? "")
        }
    }
}

/// A piece of an f-string: literal text or `{expression!conversion:spec}`.
public indirect enum FormattedPiece: Hashable, Sendable {
    case literal(String)
    /// `debugText` is the text of `{x=}` before its value.
    case field(ExpressionSyntax, conversion: String?, spec: [FormattedPiece], debugText: String?)

    /// The expressions of the field and of fields nested in its format spec.
    var expressions: [ExpressionSyntax] {
        switch self {
        case .literal: []
        case .field(let expression, _, let spec, _): [expression] + spec.flatMap(\.expressions)
        }
    }
}

/// `key: value` in a dict literal.
public struct DictItemSyntax: Hashable, Sendable {
    public var key: ExpressionSyntax
    public var value: ExpressionSyntax
}

/// `[element for target in iterable if condition …]` and its dict, set and generator forms.
public struct Comprehension: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case list
        case set
        /// `(x for x in xs)`, also the bare argument of a call: `sum(p.numel() for p in ps)`.
        case generator
        /// `{key: element for …}`.
        case dict(key: ExpressionSyntax)
    }

    /// One `for … in …` or `if …` clause, in the order written.
    public enum Clause: Hashable, Sendable {
        case `for`(AssignmentTarget, ExpressionSyntax)
        case `if`(ExpressionSyntax)
    }

    public var kind: Kind
    public var element: ExpressionSyntax
    public var clauses: [Clause]

    /// Every sub-expression, for depth and walks.
    var expressions: [ExpressionSyntax] {
        var result: [ExpressionSyntax] = []
        if case .dict(let key) = kind { result.append(key) }
        result.append(element)
        for clause in clauses {
            switch clause {
            case .for(_, let iterable): result.append(iterable)
            case .if(let condition): result.append(condition)
            }
        }
        return result
    }
}
