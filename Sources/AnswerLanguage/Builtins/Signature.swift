/// The parameters of a builtin, written and read like a Python signature.
struct Signature: Sendable {
    struct Parameter: Sendable {
        let name: String
        /// nil when the argument is required.
        let defaultValue: Value?
        /// `*name`: collects the remaining positional arguments.
        let isVariadic: Bool
        /// Declared after `*name`: can only be passed by keyword.
        let isKeywordOnly: Bool
    }

    let name: String
    let parameters: [Parameter]
    /// The signature as written, for messages and help.
    let text: String

    /// Parses `"name(a, b=1, *rest, c=None)"` (a bare `*`, written `*` or `*_`, makes what follows
    /// keyword-only); the defaults must be literals.
    ///
    /// Signatures are written by us, so a malformed one is our bug and traps.
    init(_ text: String) {
        self.text = text.replacing("*_,", with: "*,")
        // The parser reads call arguments, where a bare `*` is not an expression: `*_` stands in.
        guard let expression = try? Parser.parseExpression(self.text.replacing("*,", with: "*_,")),
            case .call(let callee, let arguments) = expression.kind,
            case .name(let name) = callee.kind
        else { preconditionFailure("malformed builtin signature \(text)") }
        self.name = name
        var parameters: [Parameter] = []
        var afterVariadic = false
        for argument in arguments {
            if let keyword = argument.name {
                guard let value = Self.literal(argument.value) else {
                    preconditionFailure("default of \(keyword) in \(text) is not a literal")
                }
                parameters.append(
                    Parameter(
                        name: keyword, defaultValue: value, isVariadic: false, isKeywordOnly: afterVariadic))
            } else if case .name(let parameter) = argument.value.kind {
                // `*_` is Python's bare `*`: what follows is keyword-only, and nothing collects
                // extra positional arguments (`add(input, other, *, alpha=1)`).
                if argument.isSpread && parameter == "_" {
                    afterVariadic = true
                    continue
                }
                parameters.append(
                    Parameter(
                        name: parameter, defaultValue: nil, isVariadic: argument.isSpread,
                        isKeywordOnly: afterVariadic && !argument.isSpread))
                if argument.isSpread { afterVariadic = true }
            } else {
                preconditionFailure("malformed parameter in builtin signature \(text)")
            }
        }
        self.parameters = parameters
    }

    /// Names accepted as keywords, for "did you mean" suggestions.
    var keywordNames: [String] { parameters.filter { !$0.isVariadic }.map(\.name) }

    /// The value of a literal default: numbers, strings, booleans, None, and tuples of them.
    static func literal(_ expression: ExpressionSyntax) -> Value? {
        switch expression.kind {
        case .integer(let value): return .int(value)
        case .float(let value): return .float(value)
        case .string(let value): return .string(value)
        case .bool(let value): return .bool(value)
        case .none: return Value.none
        case .unary(.negate, let operand):
            switch literal(operand) {
            case .int(let value): return .int(-value)
            case .float(let value): return .float(-value)
            default: return nil
            }
        case .tuple(let items):
            var values: [Value] = []
            for item in items {
                guard let value = literal(item) else { return nil }
                values.append(value)
            }
            return .tuple(values)
        default: return nil
        }
    }
}
