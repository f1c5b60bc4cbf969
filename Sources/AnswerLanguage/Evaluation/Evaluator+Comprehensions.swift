import CNN
import Wording

/// Comprehensions, generator expressions and f-strings.
extension Evaluator {
    /// `[e for x in xs if c]` and its dict and generator forms. The loop variables live in a
    /// frame of their own, as in Python 3. Generators are evaluated at once, into a list.
    func evaluate(_ comprehension: Comprehension, in scope: Scope?, at range: SourceRange)
        throws(LanguageError)
        -> Value
    {
        let frame = Scope([:], parent: scope, kind: .comprehension)
        var items: [Value] = []
        var entries = Value.DictBuilder()
        func produce(_ clauses: ArraySlice<Comprehension.Clause>) throws(LanguageError) {
            guard let clause = clauses.first else {
                try checkpoint(at: range)
                if case .dict(let keyExpression) = comprehension.kind {
                    let key = try dictKey(try evaluate(keyExpression, in: frame), at: keyExpression.range)
                    entries.set(key, try evaluate(comprehension.element, in: frame))
                } else {
                    items.append(try evaluate(comprehension.element, in: frame))
                }
                guard items.count + entries.count <= options.maxElements else {
                    throw LanguageError.said(
                        .limit, .comprehensionTooLong, ["limit": options.maxElements], at: range)
                }
                return
            }
            switch clause {
            case .if(let condition):
                if try truth(try evaluate(condition, in: frame), at: condition.range) {
                    try produce(clauses.dropFirst())
                }
            case .for(let target, let iterable):
                let values = try iterate(try evaluate(iterable, in: frame), at: iterable.range)
                for value in values {
                    try assign(value, to: target, in: frame)
                    try produce(clauses.dropFirst())
                }
            }
        }
        try produce(comprehension.clauses[...])
        try requireShallow(items, at: range)
        try requireShallow(entries.entries.lazy.map(\.value), at: range)
        switch comprehension.kind {
        case .dict: return .dict(entries.entries)
        case .set:
            throw LanguageError(.unsupported, .said(.setComprehension, [:]), at: range)
        case .list, .generator: return .list(items)
        }
    }

    // MARK: - f-strings

    /// The text of an f-string's pieces.
    func format(_ pieces: [FormattedPiece], in scope: Scope?) throws(LanguageError) -> String {
        var text = ""
        for piece in pieces {
            switch piece {
            case .literal(let literal):
                text += literal
            case .field(let expression, let conversion, let spec, let debugText):
                let value = try evaluate(expression, in: scope)
                if let debugText { text += debugText }
                let specText = try format(spec, in: scope)
                switch conversion {
                case "r"?, "a"?:
                    text += try formatted(.string(value.description), specText, at: expression.range)
                case "s"?: text += try formatted(.string(Self.str(value)), specText, at: expression.range)
                default: text += try formatted(value, specText, at: expression.range)
                }
            }
        }
        return text
    }

    /// `format(value, spec)`: Python's for numbers and strings; a one-element-free 0-d tensor
    /// formats as its number, as PyTorch's `Tensor.__format__` does.
    func formatted(_ value: Value, _ spec: String, at range: SourceRange) throws(LanguageError) -> String {
        var number: Double?
        if case .tensor(let tensor) = value, tensor.rank == 0 {
            number = try engine(at: range) { try tensor.item() }
        }
        if spec.isEmpty {
            // `f"{loss}"` of a 0-d tensor is its item's text (`1.5`, not `tensor(1.5000)`).
            guard case .tensor(let tensor) = value, let number else { return Self.str(value) }
            switch tensor.kind {
            case .boolean: return Self.str(.bool(number != 0))
            case let kind where kind.isIntegral && abs(number) < 9e15:
                return Self.str(.int(Int(number)))
            default: return Self.str(.float(number))
            }
        }
        do throws(FormatSpecError) {
            let parsed = try FormatSpec(spec)
            switch value {
            case .int(let number): return try parsed.format(number)
            case .bool(let flag): return try parsed.format(flag ? 1 : 0)
            case .float(let number): return try parsed.format(number)
            case .string(let text): return try parsed.format(text)
            case .tensor(let tensor) where tensor.rank == 0:
                let number = number ?? 0
                if tensor.kind.isIntegral, number.rounded() == number, abs(number) < 9e15 {
                    return try parsed.format(Int(number))
                }
                return try parsed.format(number)
            default:
                throw FormatSpecError(.formatUnsupportedType, ["type": value.typeName])
            }
        } catch {
            throw .said(
                .value, error.key, error.arguments.merging(["spec": .text(spec)]) { own, _ in own }, at: range
            )
        }
    }

    /// Python's `str(x)`: a string's text without quotes, everything else as it prints.
    static func str(_ value: Value) -> String {
        switch value {
        case .string(let text), .text(let text): text
        case .namespace(let device) where device.isDevice: device.name
        default: value.description
        }
    }
}
