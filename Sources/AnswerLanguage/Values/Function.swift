/// A callable value: a builtin, a builtin method bound to its receiver (`x.sum`), or a lambda.
///
/// A reference type so that `f is f` holds and copies are cheap; immutable, hence `Sendable`.
public final class Function: Sendable, CustomStringConvertible {
    enum Implementation: Sendable {
        case builtin(Builtin)
        /// A method: the receiver is passed as the first positional argument.
        case bound(Builtin, receiver: Value)
        case lambda(Lambda)
    }

    let implementation: Implementation

    init(_ implementation: Implementation) {
        self.implementation = implementation
    }

    /// The name a learner would call it by (`conv2d`, `sum`, `<lambda>`).
    public var name: String {
        switch implementation {
        case .builtin(let builtin), .bound(let builtin, _): builtin.name
        case .lambda: "<lambda>"
        }
    }

    /// Whether this function was written in the language with `lambda`.
    public var isLambda: Bool {
        if case .lambda = implementation { return true }
        return false
    }

    /// Its signature as documentation shows it: `conv2d(input, weight, bias=None, …)`.
    public var signature: String {
        switch implementation {
        case .builtin(let builtin), .bound(let builtin, _): builtin.signature.text
        case .lambda(let lambda): "lambda " + lambda.parameters.map(\.name).joined(separator: ", ")
        }
    }

    /// One line on what it does (empty for lambdas).
    public var summary: String {
        switch implementation {
        case .builtin(let builtin), .bound(let builtin, _): builtin.summary
        case .lambda: ""
        }
    }

    /// `<function conv2d(input, weight, …)>`.
    public var description: String {
        switch implementation {
        case .bound(let builtin, let receiver): "<method \(builtin.name) of \(receiver.typeName)>"
        default: "<function \(signature)>"
        }
    }
}

/// A `lambda` closed over the local scope it was written in (a lambda inside a lambda sees its
/// parameters); names not found there are looked up in the interpreter's bindings when called,
/// as Python looks up globals.
struct Lambda: Sendable {
    var parameters: [ParameterSyntax]
    /// Default values, evaluated where the lambda was written (as Python does).
    var defaults: [Value?]
    var body: ExpressionSyntax
    var captured: Scope?
}

/// The parameters of the lambda calls in progress: an immutable chain of frames.
final class Scope: Sendable {
    let bindings: [String: Value]
    let parent: Scope?

    init(_ bindings: [String: Value], parent: Scope?) {
        self.bindings = bindings
        self.parent = parent
    }

    /// The innermost binding of `name`.
    func lookup(_ name: String) -> Value? {
        var scope: Scope? = self
        while let current = scope {
            if let value = current.bindings[name] { return value }
            scope = current.parent
        }
        return nil
    }
}

/// A named set of builtins reached with `.`: `torch`, `torch.nn`, `F` (`torch.nn.functional`).
public final class Namespace: Sendable, CustomStringConvertible {
    /// The full dotted name, `torch.nn.functional`.
    public let name: String
    let members: [String: Value]

    init(name: String, members: [String: Value]) {
        self.name = name
        self.members = members
    }

    /// Names reachable as `namespace.name`, sorted.
    public var memberNames: [String] { members.keys.sorted() }

    /// `<module 'torch.nn.functional'>`.
    public var description: String { "<module '\(name)'>" }
}
