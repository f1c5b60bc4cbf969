import AnswerLanguage

extension Formula {
    /// The formula written back as answer-language source, with brackets only where precedence
    /// needs them.
    var source: String {
        switch self {
        case .integer(let value): return value < 0 ? "(\(value))" : "\(value)"
        case .real(let value): return value < 0 ? "(\(value))" : "\(value)"
        case .name(let name): return name
        case .negate(let inner): return "-" + Self.bracketed(inner, below: 3)
        case .call(let function, let inner): return "\(function)(\(inner.source))"
        case .binary(let op, let a, let b):
            let level = Self.precedence(op)
            // `**` groups to the right; the others to the left.
            let left = op == .power ? Self.bracketed(a, below: level + 1) : Self.bracketed(a, below: level)
            let right = op == .power ? Self.bracketed(b, below: level) : Self.bracketed(b, below: level + 1)
            return "\(left) \(op.rawValue) \(right)"
        }
    }

    private static func precedence(_ op: BinaryOperator) -> Int {
        switch op {
        case .add, .subtract: 1
        case .power: 4
        default: 2
        }
    }

    private var level: Int {
        switch self {
        case .binary(let op, _, _): Self.precedence(op)
        case .negate: 3
        default: 5
        }
    }

    private static func bracketed(_ formula: Formula, below level: Int) -> String {
        formula.level < level ? "(\(formula.source))" : formula.source
    }

    /// Equivalent forms a learner may have started from: a sum whose last term is also a factor
    /// of the first, factored (`16 * 27 + 16` → `(27 + 1) * 16`), and such a product expanded
    /// (`(n_in + 1) * n_out` → `n_in * n_out + n_out`).
    var distributedForms: [Formula] {
        var forms: [Formula] = []
        if case .binary(.add, let product, let term) = self {
            var factors = product.factors
            if factors.count >= 2, let index = factors.firstIndex(of: term) {
                factors.remove(at: index)
                let rest = factors.dropFirst().reduce(factors[0]) { .binary(.multiply, $0, $1) }
                forms.append(.binary(.multiply, .binary(.add, rest, .integer(1)), term))
            }
        }
        if case .binary(.multiply, let a, let b) = self {
            if case .binary(.add, let x, .integer(1)) = a {
                forms.append(.binary(.add, .binary(.multiply, x, b), b))
            }
            if case .binary(.add, let x, .integer(1)) = b {
                forms.append(.binary(.add, .binary(.multiply, a, x), a))
            }
        }
        return forms
    }
}
