/// Formulas read as functions of real numbers: a reference in reals (`n_in * w_std ** 2 * x_var`)
/// or scaling a tensor (`w * math.sqrt(2 / (C_in * K * K))`) has no whole-number points to move,
/// but two such formulas are still the same function or not. `w / math.sqrt(C_in * K * K)` is
/// `w * math.sqrt(1 / (C_in * K * K))` wherever its names are, while
/// `w * math.sqrt(2 / (C_out * K * K))` agrees with it only where `C_out` is twice `C_in`.
extension Formula {
    /// The value with every name bound to a real number, Python's rules on reals (`//` floors);
    /// nil when a name is unbound or the result is not a finite number.
    func value(reals values: [String: Double]) -> Double? {
        switch self {
        case .integer(let value): return Double(value)
        case .real(let value): return value.isFinite ? value : nil
        case .name(let name): return values[name]
        case .negate(let inner): return inner.value(reals: values).map { -$0 }
        case .call(let function, let inner):
            guard let x = inner.value(reals: values) else { return nil }
            switch function {
            case "int": return x.rounded(.towardZero)
            case "float": return x
            case "abs": return abs(x)
            case "math.floor": return x.rounded(.down)
            case "math.ceil": return x.rounded(.up)
            case "math.sqrt": return x >= 0 ? x.squareRoot() : nil
            default: return nil
            }
        case .binary(let op, let a, let b):
            guard let x = a.value(reals: values), let y = b.value(reals: values) else { return nil }
            // A power of a number not above 0 only to a whole exponent (no `0 ** 0.5` either).
            if op == .power, x <= 0, y != y.rounded() { return nil }
            return Self.real(op, x, y)?.double
        }
    }

    /// Factors the names an answer reads are moved by, one row per point: positive, so that every
    /// part keeps its sign (a square root stays defined), and different for each name.
    private static let realFactors: [[Double]] = [
        [1.37, 0.61, 2.29, 1.83, 0.77, 3.11],
        [0.53, 1.91, 0.83, 2.71, 1.47, 0.69],
        [2.17, 1.29, 0.57, 0.93, 3.43, 1.61],
        [0.81, 2.63, 1.73, 0.59, 1.19, 2.07],
    ]

    /// Whether `answer` and `other`, read as real functions, are the same formula: each name the
    /// answer reads moved from its setup value (`setup`; 1 for a name with no number, a tensor
    /// read as a factor) by a different factor at each of several points, the names only `other`
    /// reads kept at their setup values. Nil when `other` reads a name that has no setup number,
    /// or either has no value at a point.
    static func sameAsReals(_ answer: Formula, _ other: Formula, setup: [String: Double]) -> Bool? {
        let moved = answer.names.sorted()
        guard other.names.subtracting(moved).allSatisfy({ setup[$0] != nil }) else { return nil }
        for row in realFactors {
            var point = setup
            for (index, name) in moved.enumerated() {
                point[name] = (setup[name] ?? 1) * row[index % row.count]
            }
            guard let a = answer.value(reals: point), let b = other.value(reals: point) else { return nil }
            guard abs(a - b) <= 1e-9 * max(abs(a), abs(b)) + 1e-12 else { return false }
        }
        return true
    }
}
