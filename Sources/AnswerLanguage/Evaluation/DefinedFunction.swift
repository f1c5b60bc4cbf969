/// A function written with `def`: its definition, its default values (evaluated once, where the
/// `def` ran, as in Python) and the frame it was written in (for closures).
///
/// Immutable after creation; `@unchecked Sendable` because the captured frame is only touched by
/// the evaluation thread (see `Scope`).
final class DefinedFunction: @unchecked Sendable {
    let definition: FunctionDefinition
    let defaults: [Value?]
    let captured: Scope?
    /// The class whose body defined it, set once when the class is made (for `super()`); weak
    /// because the class holds the function.
    weak var owner: UserClass?
    /// What a decorator made of it: gradients off (`@torch.no_grad()`) or on while it runs.
    let gradMode: Bool?
    /// What a decorator inside a class made of it.
    let role: Role

    /// How a function defined in a class is reached through an instance.
    enum Role: Sendable {
        /// A method: the instance is passed first.
        case method
        /// `@staticmethod`: called as it is, without the instance.
        case staticMethod
        /// `@property`: reading the attribute calls it with the instance.
        case property
    }

    init(
        definition: FunctionDefinition, defaults: [Value?], captured: Scope?, gradMode: Bool? = nil,
        role: Role = .method
    ) {
        self.definition = definition
        self.defaults = defaults
        self.captured = captured
        self.gradMode = gradMode
        self.role = role
    }

    /// `name(a, b=1, *args)` as help shows it.
    var signature: String {
        definition.name + "("
            + definition.parameters.map { parameter in
                switch parameter.kind {
                case .variadic: "*" + parameter.name
                case .keywordVariadic: "**" + parameter.name
                default: parameter.name + (parameter.defaultValue.map { "=\($0.kind.sExpression)" } ?? "")
                }
            }.joined(separator: ", ") + ")"
    }
}

/// A `lambda` closed over the frame it was written in; names not found there are looked up in
/// the interpreter's bindings when called, as Python looks up globals.
struct Lambda: Sendable {
    var parameters: [ParameterSyntax]
    /// Default values, evaluated where the lambda was written (as Python does).
    var defaults: [Value?]
    var body: ExpressionSyntax
    var captured: Scope?
}
