/// An answer that differs from the reference by a ±1 term as typed: at every point the formulas
/// are evaluated at, the answer is the reference plus the same 1 or minus the same 1
/// (`n - f`, `n - f + 2` for `n - f + 1`). One that is one off at the setup's numbers only
/// (`n - f // 2` is 8 for 7 at n = 9, f = 3, but 1 off at no other point) made another slip.
extension FormulaCatalogue {
    /// Whether the answer's formula, some reading of its literals as the quantities they may be,
    /// is one of the source formulas plus or minus a constant 1; nil when it is no formula in
    /// the calculation's whole-number names or has no reading that moves with them (a number
    /// alone).
    func differsByOne(_ source: String) -> Bool? {
        guard let formula = parse(source)?.intAsFloor, formula.names.isSubset(of: quantities.keys)
        else { return nil }
        let readings = self.readings(formula)
        guard !readings.isEmpty else { return nil }
        for reading in readings {
            let values = self.values(of: reading)
            for whole in sourceFormulas where Self.offByOne(values, self.values(of: whole)) {
                return true
            }
        }
        return false
    }

    /// Whether `a` is `b` plus the same +1 or −1 wherever both have a value, at three points
    /// or more.
    private static func offByOne(_ a: [Formula.Number?], _ b: [Formula.Number?]) -> Bool {
        guard a.count == b.count else { return false }
        var offset: Double?
        var both = 0
        for (x, y) in zip(a, b) {
            guard let x, let y else { continue }
            let delta = x.double - y.double
            guard abs(abs(delta) - 1) < 1e-9 else { return false }
            if let offset, abs(offset - delta) > 1e-9 { return false }
            offset = delta
            both += 1
        }
        return both >= 3
    }
}

extension FormulaCatalogue {
    /// Whether the answer's formula, some reading of its literals as the quantities they may be
    /// (`64 * 7 * 7 * 32` as `C * H * W * N`), is `other` at every point; nil when either is no
    /// formula in the setup's whole-number names or the answer has no reading that moves.
    func reads(_ source: String, as other: String) -> Bool? {
        // Only the quantities the calculation reads move: a formula reading any other name
        // cannot be compared.
        let moving = Set(quantities.keys)
        guard let formula = parse(source)?.intAsFloor, formula.names.isSubset(of: moving),
            let named = parse(other)?.intAsFloor, named.names.isSubset(of: moving),
            !named.names.isEmpty
        else { return nil }
        let readings = self.readings(formula)
        guard !readings.isEmpty else { return nil }
        let target = values(of: named)
        return readings.contains { Self.same(values(of: $0), target) }
    }
}
