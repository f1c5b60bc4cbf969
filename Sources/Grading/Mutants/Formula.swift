import AnswerLanguage
import Foundation

/// An answer (or a mutant of the reference) that is plain arithmetic: whole and real literals,
/// names, `+ - * / // % **`, a sign, and `int(…)`, `float(…)`, `abs(…)`, `round(…)`,
/// `math.floor(…)`, `math.ceil(…)`, `math.sqrt(…)`. Such an answer is
/// compared with the reference's mutants as a formula — evaluated here, with Python's rules, at
/// the setup's numbers and at several other points — so that a formula equal to a mutant's value
/// at the setup's numbers only by coincidence (floors land many formulas on the same small
/// number) is told from one that is the mutant.
indirect enum Formula: Hashable, Sendable {
    case integer(Int)
    case real(Double)
    case name(String)
    case negate(Formula)
    case binary(BinaryOperator, Formula, Formula)
    /// `int`, `float`, `abs`, `round`, `math.floor`, `math.ceil` or `math.sqrt` of one argument.
    case call(String, Formula)

    /// A number as Python computes it: whole numbers stay whole until `/`, a negative power or a
    /// real operand makes them real.
    enum Number: Hashable, Sendable {
        case int(Int)
        case real(Double)

        var double: Double {
            switch self {
            case .int(let value): Double(value)
            case .real(let value): value
            }
        }

        /// Equal as values (`8` and `8.0` are), reals within a relative 1e-9.
        func same(_ other: Number) -> Bool {
            if case .int(let a) = self, case .int(let b) = other { return a == b }
            let a = double
            let b = other.double
            return abs(a - b) <= 1e-9 * max(abs(a), abs(b)) + 1e-12
        }
    }

    /// The formula of a single expression, or nil when `source` is anything but arithmetic.
    static func parse(_ source: String) -> Formula? {
        expression(source).flatMap { Formula($0) }
    }

    /// The formula of `node`, with the parts `atom` names (a subscript, an attribute read or a call,
    /// `Formula+Atoms`) read as names.
    init?(_ node: ExpressionSyntax, atom: (ExpressionSyntax) -> String? = { _ in nil }) {
        switch node.kind {
        case .subscript, .attribute, .call:
            if let name = atom(node) {
                self = .name(name)
                return
            }
        default: break
        }
        switch node.kind {
        case .integer(let value): self = .integer(value)
        case .float(let value): self = .real(value)
        case .name(let name): self = .name(name)
        case .unary(.negate, let operand):
            guard let inner = Formula(operand, atom: atom) else { return nil }
            self = .negate(inner)
        case .unary(.plus, let operand):
            guard let inner = Formula(operand, atom: atom) else { return nil }
            self = inner
        case .binary(let op, let left, let right):
            guard [.add, .subtract, .multiply, .divide, .floorDivide, .remainder, .power].contains(op),
                let a = Formula(left, atom: atom), let b = Formula(right, atom: atom)
            else { return nil }
            self = .binary(op, a, b)
        case .call(let callee, let arguments):
            let function: String
            switch callee.kind {
            case .name(let name) where ["int", "float", "abs", "round"].contains(name): function = name
            case .attribute(let base, let name, _) where ["floor", "ceil", "sqrt"].contains(name):
                guard case .name("math") = base.kind else { return nil }
                function = "math." + name
            default: return nil
            }
            guard arguments.count == 1, arguments[0].name == nil, !arguments[0].isSpread,
                let inner = Formula(arguments[0].value, atom: atom)
            else { return nil }
            self = .call(function, inner)
        default:
            return nil
        }
    }

    /// The names the formula reads.
    var names: Set<String> {
        switch self {
        case .integer, .real: []
        case .name(let name): [name]
        case .negate(let inner), .call(_, let inner): inner.names
        case .binary(_, let a, let b): a.names.union(b.names)
        }
    }

    /// The formula as written up to the order of terms and factors: a sum's signed terms and a
    /// product's factors sorted, brackets gone (`64 - (10 * 5 - 1)` and `64 + 1 - 5 * 10` read
    /// alike). Two answers with one key have the same terms, not merely the same values.
    var canonical: String {
        switch self {
        case .integer(let value): return "\(value)"
        case .real(let value): return "\(value)"
        case .name(let name): return name
        case .call(let function, let inner): return "\(function)(\(inner.canonical))"
        case .negate, .binary(.add, _, _), .binary(.subtract, _, _):
            var terms: [String] = []
            func collect(_ formula: Formula, _ sign: String) {
                switch formula {
                case .binary(.add, let a, let b):
                    collect(a, sign)
                    collect(b, sign)
                case .binary(.subtract, let a, let b):
                    collect(a, sign)
                    collect(b, sign == "+" ? "-" : "+")
                case .negate(let inner): collect(inner, sign == "+" ? "-" : "+")
                default: terms.append(sign + formula.canonical)
                }
            }
            collect(self, "+")
            return "(" + terms.sorted().joined(separator: " ") + ")"
        // A square or cube written as a power is the product written out (`C * K ** 2` is
        // `C * K * K`).
        case .binary(.multiply, _, _), .binary(.power, _, .integer(2...3)):
            return "(" + writtenFactors.map(\.canonical).sorted().joined(separator: " * ") + ")"
        case .binary(let op, let a, let b): return "(\(a.canonical) \(op.rawValue) \(b.canonical))"
        }
    }

    /// The factors of a product, however it is bracketed (`a * (b * c)` → a, b, c); itself when
    /// it is not a product.
    var factors: [Formula] {
        if case .binary(.multiply, let a, let b) = self { return a.factors + b.factors }
        return [self]
    }

    /// `factors`, with a square or cube written as a power taken as its factors written out.
    private var writtenFactors: [Formula] {
        switch self {
        case .binary(.multiply, let a, let b): return a.writtenFactors + b.writtenFactors
        case .binary(.power, let base, .integer(let n)) where (2...3).contains(n):
            return Array(repeating: base.writtenFactors, count: n).flatMap { $0 }
        default: return [self]
        }
    }

    /// Whether `part` is this formula or one of its sub-formulas.
    func contains(_ part: Formula) -> Bool {
        if self == part { return true }
        switch self {
        case .integer, .real, .name: return false
        case .negate(let inner), .call(_, let inner): return inner.contains(part)
        case .binary(_, let a, let b): return a.contains(part) || b.contains(part)
        }
    }

    /// The operations the formula is written with, counted (`+` twice, `math.ceil` once): two
    /// formulas with the same count are written alike up to their operands.
    var operations: [String: Int] {
        switch self {
        case .integer, .real, .name: return [:]
        case .negate(let inner): return inner.operations.merging(["-x": 1], uniquingKeysWith: +)
        case .call(let function, let inner):
            return inner.operations.merging([function: 1], uniquingKeysWith: +)
        case .binary(let op, let a, let b):
            return a.operations.merging(b.operations, uniquingKeysWith: +).merging(
                [op.rawValue: 1], uniquingKeysWith: +)
        }
    }

    /// The whole-number literals, in order.
    var literals: [Int] {
        switch self {
        case .integer(let value): [value]
        case .real, .name: []
        case .negate(let inner), .call(_, let inner): inner.literals
        case .binary(_, let a, let b): a.literals + b.literals
        }
    }

    /// The formula with its whole-number literals replaced in order by `replacements` (nil keeps
    /// the literal; there must be one entry per literal).
    func replacingLiterals(_ replacements: [String?]) -> Formula {
        replacingLiterals(replacements.map { $0.map(Formula.name) })
    }

    /// The formula with its whole-number literals replaced in order by `replacements` (nil keeps
    /// the literal).
    func replacingLiterals(_ replacements: [Formula?]) -> Formula {
        var index = 0
        func visit(_ formula: Formula) -> Formula {
            switch formula {
            case .integer(let value):
                defer { index += 1 }
                guard index < replacements.count, let replacement = replacements[index] else {
                    return .integer(value)
                }
                return replacement
            case .real, .name: return formula
            case .negate(let inner): return .negate(visit(inner))
            case .call(let function, let inner): return .call(function, visit(inner))
            case .binary(let op, let a, let b):
                let left = visit(a)
                return .binary(op, left, visit(b))
            }
        }
        return visit(self)
    }

    /// The value with `values` bound; nil when a name is unbound, a division by zero, an overflow,
    /// or a result that is not a finite number.
    func evaluate(_ values: [String: Int]) -> Number? {
        switch self {
        case .integer(let value): return .int(value)
        case .real(let value): return value.isFinite ? .real(value) : nil
        case .name(let name): return values[name].map(Number.int)
        case .negate(let inner):
            switch inner.evaluate(values) {
            case .int(let value)?:
                let (negated, overflow) = Int(0).subtractingReportingOverflow(value)
                return overflow ? nil : .int(negated)
            case .real(let value)?: return .real(-value)
            case nil: return nil
            }
        case .call(let function, let inner):
            guard let value = inner.evaluate(values) else { return nil }
            switch (function, value) {
            case ("int", .int): return value
            case ("int", .real(let x)):
                guard abs(x) < 1e15 else { return nil }
                return .int(Int(x.rounded(.towardZero)))
            case ("float", _): return .real(value.double)
            case ("math.floor", .int), ("math.ceil", .int): return value
            case ("math.floor", .real(let x)), ("math.ceil", .real(let x)):
                guard abs(x) < 1e15 else { return nil }
                return .int(Int(x.rounded(function == "math.ceil" ? .up : .down)))
            // A standard deviation from a variance: real, and only of a number not below 0.
            case ("math.sqrt", _): return value.double >= 0 ? .real(value.double.squareRoot()) : nil
            // Python's `round` of one number: to the nearest whole number, halves to the even one.
            case ("round", .int): return value
            case ("round", .real(let x)):
                guard abs(x) < 1e15 else { return nil }
                return .int(Int(x.rounded(.toNearestOrEven)))
            case ("abs", .int(let x)): return x == .min ? nil : .int(abs(x))
            case ("abs", .real(let x)): return .real(abs(x))
            default: return nil
            }
        case .binary(let op, let a, let b):
            guard let x = a.evaluate(values), let y = b.evaluate(values) else { return nil }
            if case .int(let i) = x, case .int(let j) = y { return Self.whole(op, i, j) }
            return Self.real(op, x.double, y.double)
        }
    }

    private static func whole(_ op: BinaryOperator, _ a: Int, _ b: Int) -> Number? {
        switch op {
        case .add:
            let (value, overflow) = a.addingReportingOverflow(b)
            return overflow ? nil : .int(value)
        case .subtract:
            let (value, overflow) = a.subtractingReportingOverflow(b)
            return overflow ? nil : .int(value)
        case .multiply:
            let (value, overflow) = a.multipliedReportingOverflow(by: b)
            return overflow ? nil : .int(value)
        case .divide:
            return b == 0 ? nil : .real(Double(a) / Double(b))
        case .floorDivide, .remainder:
            guard b != 0, !(a == .min && b == -1) else { return nil }
            var quotient = a / b
            if a % b != 0, (a < 0) != (b < 0) { quotient -= 1 }
            return op == .floorDivide ? .int(quotient) : .int(a - quotient * b)
        case .power:
            guard b >= 0 else { return real(.power, Double(a), Double(b)) }
            var result = 1
            for _ in 0..<min(b, 64) {
                let (value, overflow) = result.multipliedReportingOverflow(by: a)
                if overflow { return nil }
                result = value
            }
            // Past 64 factors only 0, 1 and -1 stay whole numbers that fit.
            if b > 64, abs(a) > 1 { return nil }
            if b > 64, a == -1 { return .int(b % 2 == 0 ? 1 : -1) }
            return .int(result)
        default:
            return nil
        }
    }

    /// `a op b` in reals, Python's rules (`//` floors); nil for a division by zero, `0` to a
    /// negative power, or a result that is not a finite number.
    static func real(_ op: BinaryOperator, _ a: Double, _ b: Double) -> Number? {
        let value: Double
        switch op {
        case .add: value = a + b
        case .subtract: value = a - b
        case .multiply: value = a * b
        case .divide:
            guard b != 0 else { return nil }
            value = a / b
        case .floorDivide:
            guard b != 0 else { return nil }
            value = (a / b).rounded(.down)
        case .remainder:
            guard b != 0 else { return nil }
            value = a - b * (a / b).rounded(.down)
        case .power:
            guard a != 0 || b >= 0 else { return nil }
            value = Foundation.pow(a, b)
        default:
            return nil
        }
        return value.isFinite ? .real(value) : nil
    }
}
