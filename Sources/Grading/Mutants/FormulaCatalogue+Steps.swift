/// An answer that is a step on the way to the expected value: a part of the reference's formula
/// with at least one operation (`K - 1` of `L * (K - 1) + 1`, `54` for the `56 - 2` of
/// `3 * (56 - 2) // 6`), the same formula at every point (a literal read as the part it may be
/// worked out from, as `FormulaCatalogue.readings` reads it). The learner stopped before the end.
extension FormulaCatalogue {
    /// The part of a source formula that the answer is, written as the course writes it (a lifted
    /// literal as its number); nil when the answer is no such part.
    func step(in source: String) -> String? {
        guard let formula = parse(source)?.intAsFloor, formula.names.isSubset(of: integerNames) else {
            return nil
        }
        var parts: [Formula] = []
        for whole in sourceFormulas {
            for part in Self.innerParts(whole) where !parts.contains(part) { parts.append(part) }
        }
        guard !parts.isEmpty else { return nil }
        var matched: [Formula] = []
        for reading in readings(formula) {
            let values = self.values(of: reading)
            for part in parts where Self.same(values, self.values(of: part)) && !matched.contains(part) {
                matched.append(part)
            }
        }
        // A number typed alone is read as a part by its value only: one part must have it.
        if case .integer = formula, matched.count != 1 { return nil }
        return matched.first.map { unlifted($0).source }
    }

    /// The parts of `formula` below its top that have an operation and read a quantity.
    private static func innerParts(_ formula: Formula) -> [Formula] {
        var found: [Formula] = []
        func visit(_ node: Formula, top: Bool) {
            switch node {
            case .integer, .real, .name: return
            case .negate(let inner), .call(_, let inner): visit(inner, top: false)
            case .binary(_, let a, let b):
                visit(a, top: false)
                visit(b, top: false)
            }
            if !top, !node.names.isEmpty { found.append(node) }
        }
        visit(formula, top: true)
        return found
    }

    /// The formula with its lifted quantities written back as the numbers they stand for.
    private func unlifted(_ formula: Formula) -> Formula {
        switch formula {
        case .integer, .real: return formula
        case .name(let name):
            if let value = quantities[name], name == Self.quantityName(value) { return .integer(value) }
            return formula
        case .negate(let inner): return .negate(unlifted(inner))
        case .call(let function, let inner): return .call(function, unlifted(inner))
        case .binary(let op, let a, let b): return .binary(op, unlifted(a), unlifted(b))
        }
    }
}
