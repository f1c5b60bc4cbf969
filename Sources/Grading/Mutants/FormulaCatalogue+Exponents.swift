/// A count used as an exponent where the reference grows by the same amount with each one more
/// of it (`K ** L` for a receptive field `L * (K - 1) + 1`, `64 / 2 ** 10` for ten layers that each
/// take `5 - 1` off): the learner multiplied by a factor once per step where each step adds or
/// takes off the same amount. Read from the answer's formula (literals read as the quantities
/// they may be), and the reference's straight-line growth checked by evaluating it.
extension FormulaCatalogue {
    /// The quantity (a setup name, or the literal a lifted quantity stands for) that is in an
    /// exponent of the answer's formula while every source formula grows by the same nonzero
    /// amount with each one more of it; nil when there is none.
    func exponentCount(in source: String) -> String? {
        guard let formula = parse(source), formula.names.isSubset(of: integerNames) else {
            return nil
        }
        for reading in readings(formula) {
            for name in Self.exponentNames(reading).sorted() where quantities[name] != nil {
                guard !sourceFormulas.isEmpty, sourceFormulas.allSatisfy({ growsEvenly($0, in: name) }) else {
                    continue
                }
                if let value = quantities[name], name == Self.quantityName(value) { return "\(value)" }
                return name
            }
        }
        return nil
    }

    /// The names inside the exponent of any power in `formula`.
    private static func exponentNames(_ formula: Formula) -> Set<String> {
        switch formula {
        case .integer, .real, .name: return []
        case .negate(let inner), .call(_, let inner): return exponentNames(inner)
        case .binary(let op, let a, let b):
            let inside = exponentNames(a).union(exponentNames(b))
            return op == .power ? inside.union(b.names) : inside
        }
    }

    /// Whether `formula` changes by the same nonzero amount with each one more of `name`, the
    /// other quantities at the setup's numbers and at a moved point.
    private func growsEvenly(_ formula: Formula, in name: String) -> Bool {
        guard formula.names.contains(name) else { return false }
        for point in points.prefix(2) {
            guard let start = point[name] else { return false }
            var values: [Double] = []
            for step in 0..<4 {
                var moved = point
                moved[name] = start.moved(by: step)
                guard let value = formula.evaluate(moved) else { return false }
                values.append(value.double)
            }
            let first = values[1] - values[0]
            guard abs(first) > 1e-9 else { return false }
            for index in 1..<3 where abs((values[index + 1] - values[index]) - first) > 1e-9 * abs(first) {
                return false
            }
        }
        return true
    }
}
