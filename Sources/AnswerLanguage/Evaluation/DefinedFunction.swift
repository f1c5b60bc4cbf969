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

    init(definition: FunctionDefinition, defaults: [Value?], captured: Scope?) {
        self.definition = definition
        self.defaults = defaults
        self.captured = captured
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
