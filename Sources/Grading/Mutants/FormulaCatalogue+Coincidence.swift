/// Whether an answer with the expected value is a formula that agrees with the reference only at
/// the setup's numbers: `H_in * S - 1` is `(H_in - 1) * S - 2 * P + K` wherever K − S − 2P is −1,
/// and `(14 + 2 * 3 - 5 + 1) / 2` is the stride formula with its `+ 1` inside the division, 8 only
/// because 15 is odd. Such an answer must not pass, whichever mutant (if any) it is.
///
/// The answer is evaluated with the setup's names moved to other valid values — each name kept
/// whole, of the same parity and at least its setup value; every part of the reference keeping
/// its sign, and every division of the reference that is exact staying exact (a kernel stays no
/// larger than the padded input, `K - S` stays even when it is halved; a name that divides another
/// keeps dividing it, as groups divide channel counts) — and it fails only where
/// it differs from every formula of the reference there. A correct formula written otherwise is
/// equal at every such point. Literals the answer typed are read back as the setup's names, as
/// parts of the reference worked out (`2 * p` as 6), or (2 and more) as a name one off or two
/// names' sum or difference (`2` as `f - 1`); a 0 or 1 only as a name of that value (`O` = 1):
/// if any such reading agrees, the answer may be right. An answer
/// that rounds with `/` where the reference floors is read with the floor too (exact at the
/// setup's numbers, so right there). A literal of 3 or more that no name nor part has is a number
/// worked out otherwise (`16 // 2`): such an answer is not judged.
extension FormulaCatalogue {
    /// What shows that an answer agrees with the reference only at the setup's numbers.
    struct Coincidence: Sendable, Equatable {
        /// A name moved, from its setup value to another.
        struct Move: Sendable, Equatable {
            var name: String
            var value: Int
            var other: Int
        }

        /// The answer read with its literals as the setup's names, when it typed literals and
        /// exactly one such reading exists (nil when it is written in the names itself, or the
        /// reading is not certain).
        var reading: String?
        /// The names moved at the point shown, and the two formulas' values there; empty when no
        /// point with one or two names moved tells them apart.
        var moves: [Move] = []
        var answer: Formula.Number?
        var expected: Formula.Number?
    }

    /// Readings of one answer tried at most; past it the answer is not judged.
    static let coincidenceReadingLimit = 4096

    /// The coincidence an answer typed as `source` is (see the extension's summary), or nil when
    /// it may be right or cannot be judged.
    func coincidence(_ source: String) -> Coincidence? {
        // Moving quantities one by one is sound only where they are free of each other: entries
        // of a tensor are, but a sum, a slice or an entry indexed by a name is not free of the
        // entries and names it reads (`cm[c, c]` lies inside `cm[c].sum()`), so `4 / (2 + 4 + 1)`
        // read off the table would seem right only here. Such formulas are judged by running
        // them on other data (`PerturbedSetup`), not by moving their parts.
        guard atoms.allSatisfy(Self.isFreeEntry) else { return nil }
        guard !liftsLiterals, let formula = parse(source)?.intAsFloor,
            formula.names.isSubset(of: quantities.keys)
        else { return nil }
        switch formula {
        case .integer, .real, .negate(.integer), .negate(.real): return nil
        default: break
        }
        let parts = referenceParts()
        // An answer with no name in it is a formula only when it types one of the setup's numbers
        // (2 and more): `18 * 6` multiplies two numbers worked out from the setup (the positions,
        // the kernel's entries), like `108` itself, and tells nothing of which formula gave them.
        if formula.names.isEmpty,
            !formula.literals.contains(where: { literal in literal >= 2 && quantities.values.contains(literal)
            })
        {
            return nil
        }
        // Every literal of 3 or more must be a name's value or a part's: otherwise the number was
        // worked out some other way, which cannot be read.
        for literal in formula.literals where literal >= 3 {
            guard quantities.values.contains(literal) || parts[literal] != nil else { return nil }
        }
        guard let readings = coincidenceReadings(formula, parts: parts) else { return nil }
        // A division rounded up or to the nearest agrees with a floor and a `+ 1` wherever the
        // divisor does not divide it, which moves that keep every parity never change
        // (`math.ceil((n + 2 * p - f) / s)` with 15 odd and s even): such an answer is tried at
        // points of other parities too. A right one agrees there as well
        // (`math.ceil((a + 1) / b)` is `a // b + 1` for all whole numbers).
        // So is a floor the reference takes of a number that is odd only by its setup (`(n + 2 *
        // p - f) // s` of 15): `(n + 2 * p - f - 1) // s + 1` is 8 there as well, and only a
        // point where the sum is even tells the extra `- 1`. A number of one name keeps its
        // parity (`f // 2` of an odd kernel is a choice of the course, not a coincidence).
        // Where a size or a count is asked, a halving the reference floors that is exact only
        // because a sum of names is even here is such a parity too (`(side - ksz) // 2 - ksz + 2`
        // for `(side - ksz + 1) // 2 - ksz + 1` with 32 even).
        let incidental = wholeSizes ? incidentallyExactNames() : []
        let points = validPoints(
            parityFree: formula.roundsOtherwiseThanFloor, oddSteps: inexactlyFlooredNames().union(incidental),
            keepingIncidentalExactness: !wholeSizes)
        guard points.count >= 3 else { return nil }
        let references = sourceFormulas.map { source in points.map { source.evaluate($0) } }
        for reading in readings {
            let values = points.map { reading.evaluate($0) }
            if references.contains(where: { Self.agrees(values, $0) }) { return nil }
        }
        // A reading that agrees once its `/` floors: right at the setup, where the division is
        // exact. A side is a whole number, so where the reference floors a sum that is even only
        // by its setup (`incidentallyExactNames`), the answer's fraction at a point where that sum
        // is odd shows the `/` (`(side - ksz + 1) / 2` gives 10.5 at ksz = 6). Where no such point
        // is (the division exact by the course's rule), the `/` is read as the floor.
        var fractions: [Coincidence] = []
        for reading in readings {
            let floored = reading.floorForDivide
            guard floored != reading else { continue }
            let values = points.map { floored.evaluate($0) }
            guard references.contains(where: { Self.agrees(values, $0) }) else { continue }
            guard wholeSizes, let fraction = witness(reading, points: points) else { return nil }
            fractions.append(fraction.with(reading: reading == formula ? nil : reading.source))
        }
        if let fraction = fractions.first { return fraction }
        if agreesWhereItsNamesMove(formula) { return nil }
        // The reading told: the one that reads every literal of 3 or more as a name, when there
        // is exactly one.
        let told = literalReadings(formula)
        var found = Coincidence()
        let shown = told.count == 1 ? told[0] : (formula.literals.allSatisfy { $0 < 3 } ? formula : nil)
        if let shown {
            if shown != formula { found.reading = shown.source }
            if let witness = witness(shown, points: points) { found = witness.with(reading: found.reading) }
        }
        return found
    }

    /// Whether an answer that writes some of the setup's names and some numbers is the
    /// reference wherever the names it writes move, by any step, the others kept at the setup's
    /// numbers: its numbers are the rest worked out at the setup (`H_in * 4` for two stages that
    /// each double a side at k = 4, s = 2, p = 1 — the 4 is s · s, though k is 4 too). An answer
    /// that writes only names (`H_in * k`) chose them and is judged by them; one that is right
    /// only at a parity or at some sizes (`n // 2 + 1`) differs at a point moved by one. Only a
    /// number of 3 or more is such a rest: 0, 1 and 2 are structure as often (`K // 2 - 1` for
    /// `(K - S) // 2` at S = 2 took off one, not S / 2).
    func worksOutTheRest(_ source: String) -> Bool {
        guard atoms.allSatisfy(Self.isFreeEntry), !liftsLiterals, let formula = parse(source)?.intAsFloor,
            formula.names.isSubset(of: quantities.keys)
        else { return false }
        return agreesWhereItsNamesMove(formula)
    }

    private func agreesWhereItsNamesMove(_ formula: Formula) -> Bool {
        let names = formula.names.sorted()
        guard !names.isEmpty, formula.literals.contains(where: { $0 >= 3 }) else { return false }
        var candidates: [[String: Int]] = []
        for step in [1, 2, 3, 4, 5, 7, 8, 12, 25] {
            for name in names {
                var point = quantities
                point[name, default: 0] += step
                candidates.append(point)
            }
            if names.count > 1 {
                var point = quantities
                for (index, name) in names.enumerated() { point[name, default: 0] += step * (index + 1) }
                candidates.append(point)
            }
        }
        let setup = constraints()
        let points = candidates.filter { point in setup.allSatisfy { $0.holds(at: point) } }
        guard points.count >= 3 else { return false }
        let references = sourceFormulas.map { source in points.map { source.evaluate($0) } }
        return [formula, formula.floorForDivide].contains { candidate in
            let values = points.map { candidate.evaluate($0) }
            return references.contains { reference in
                zip(values, reference).allSatisfy { pair in
                    guard let a = pair.0, let b = pair.1 else { return pair.0 == nil && pair.1 == nil }
                    return a.same(b)
                } && values.compactMap({ $0 }).count >= 3
            }
        }
    }

    /// Whether an atom is an entry of a tensor indexed by whole numbers alone (`box[2]`,
    /// `logits[0, 3]`), which may be moved apart from the other entries.
    static func isFreeEntry(_ atom: String) -> Bool {
        atom.wholeMatch(of: /[A-Za-z_][A-Za-z0-9_]*\[-?[0-9]+(, -?[0-9]+)*\]/) != nil
    }

    /// Whether two formulas' values agree wherever both have one, at three points at least.
    private static func agrees(_ a: [Formula.Number?], _ b: [Formula.Number?]) -> Bool {
        var both = 0
        for (x, y) in zip(a, b) {
            guard let x, let y else { continue }
            guard x.same(y) else { return false }
            both += 1
        }
        return both >= 3
    }

    /// The reference's sub-formulas that read a name, by their whole value at the setup's numbers
    /// (1 and more): a literal of that value may be that part, worked out. A product's factors
    /// may be multiplied out in any grouping (`18 * 6` for `(H - kh + 1) * (W - kw + 1) * kh *
    /// kw`: 6 is `kh * kw`, which the written order never brackets), so each product of two or
    /// more of one product's factors is a part too.
    private func referenceParts() -> [Int: [Formula]] {
        var parts: [Int: [Formula]] = [:]
        func add(_ formula: Formula) {
            guard !formula.names.isEmpty, case .int(let value)? = formula.evaluate(quantities), value >= 2,
                !parts[value, default: []].contains(formula)
            else { return }
            parts[value, default: []].append(formula)
        }
        func visit(_ formula: Formula, inProduct: Bool = false) {
            switch formula {
            case .binary(.multiply, let a, let b):
                visit(a, inProduct: true)
                visit(b, inProduct: true)
                if !inProduct { Self.subProducts(formula.factors).forEach(add) }
            case .binary(_, let a, let b):
                visit(a)
                visit(b)
            case .negate(let inner), .call(_, let inner): visit(inner)
            default: return
            }
            add(formula)
        }
        for formula in sourceFormulas { visit(formula) }
        return parts
    }

    /// The products of every choice of two or more of `factors` but all of them (the whole is
    /// the product itself), in the factors' order; none past six factors (63 choices at most).
    static func subProducts(_ factors: [Formula]) -> [Formula] {
        guard factors.count >= 3, factors.count <= 6 else { return [] }
        var products: [Formula] = []
        for mask in 1..<(1 << factors.count) - 1 where mask.nonzeroBitCount >= 2 {
            let chosen = factors.indices.filter { mask & (1 << $0) != 0 }.map { factors[$0] }
            guard let first = chosen.first else { continue }
            products.append(chosen.dropFirst().reduce(first) { .binary(.multiply, $0, $1) })
        }
        return products
    }

    /// Every way of reading the answer's literals (see the extension's summary); nil when there
    /// are more than `coincidenceReadingLimit`.
    private func coincidenceReadings(_ formula: Formula, parts: [Int: [Formula]]) -> [Formula]? {
        let names = quantities.keys.sorted()
        let options: [[Formula?]] = formula.literals.map { value in
            var choices: [Formula?] = names.filter { quantities[$0] == value }.map { .name($0) }
            // A 0 or 1 is structure (`+ 1`, `- 1`) or a name of that value (`O` = 1): read as a
            // step it could make a floor a ceiling (`+ s - 1`), which agrees with the floor at
            // every point that keeps the parities.
            guard value >= 2 else { return choices + [nil] }
            choices += parts[value, default: []].map { Optional($0) }
            for name in names {
                guard let own = quantities[name] else { continue }
                if own + 1 == value { choices.append(.binary(.add, .name(name), .integer(1))) }
                if own - 1 == value { choices.append(.binary(.subtract, .name(name), .integer(1))) }
                for other in names where other != name {
                    guard let second = quantities[other] else { continue }
                    if own - second == value { choices.append(.binary(.subtract, .name(name), .name(other))) }
                    if name < other, own + second == value {
                        choices.append(.binary(.add, .name(name), .name(other)))
                    }
                }
            }
            return choices + [nil]
        }
        let count = options.reduce(1) { $0 * $1.count }
        guard count <= Self.coincidenceReadingLimit else { return nil }
        var readings: [[Formula?]] = [[]]
        for choices in options {
            readings = readings.flatMap { reading in choices.map { reading + [$0] } }
        }
        return readings.map { formula.replacingLiterals($0) }
    }

    /// The readings that put a name for every literal of 3 or more (literals below stay as
    /// typed: a `+ 1` or `2 *` is structure as often as a name), but for the values in `keeping`,
    /// which stay as typed too.
    func literalReadings(_ formula: Formula, keeping: Set<Int> = []) -> [Formula] {
        var readings: [[Formula?]] = [[]]
        for value in formula.literals {
            let choices: [Formula?] =
                value >= 3 && !keeping.contains(value)
                ? quantities.keys.sorted().filter { quantities[$0] == value }.map { .name($0) } : [nil]
            readings = readings.flatMap { reading in choices.map { reading + [$0] } }
            if readings.count > 2 { return [] }
        }
        return readings.map { formula.replacingLiterals($0) }
    }

    /// The first point, moving one name and then two, at which `formula` differs from every
    /// formula of the reference.
    private func witness(_ formula: Formula, points: [[String: Int]]) -> Coincidence? {
        let ordered = points.dropFirst().sorted { moved($0).count < moved($1).count }
        for point in ordered where moved(point).count <= 2 {
            guard let answer = formula.evaluate(point) else { continue }
            let values = sourceFormulas.compactMap { $0.evaluate(point) }
            guard let expected = values.first, !values.contains(where: { $0.same(answer) }) else { continue }
            return Coincidence(
                moves: moved(point).map {
                    Coincidence.Move(name: $0, value: quantities[$0] ?? 0, other: point[$0] ?? 0)
                },
                answer: answer, expected: expected)
        }
        return nil
    }

    /// The names `point` moves from the setup's numbers, sorted.
    private func moved(_ point: [String: Int]) -> [String] {
        point.keys.filter { point[$0] != quantities[$0] }.sorted()
    }

    /// The setup's numbers, then points with one name moved, two names moved and all of them
    /// moved, kept only where valid (see the extension's summary). Names move by even steps, so
    /// that parities stay, but every name with `parityFree` and the names in `oddSteps` move by
    /// odd steps too.
    /// Without `keepingIncidentalExactness`, a division of a sum by a number the reference floors
    /// need not stay exact (`isIncidentallyExact`).
    func validPoints(
        parityFree: Bool = false, oddSteps: Set<String> = [], keepingIncidentalExactness: Bool = true
    ) -> [[String: Int]] {
        let names = quantities.keys.sorted()
        var candidates: [[String: Int]] = [quantities]
        for step in [2, 4, 6, 8, 12, 24, 60] {
            for name in names {
                var point = quantities
                point[name, default: 0] += step
                candidates.append(point)
            }
        }
        for step in [1, 3, 5] {
            for name in names where parityFree || oddSteps.contains(name) {
                var point = quantities
                point[name, default: 0] += step
                candidates.append(point)
            }
        }
        for (i, first) in names.enumerated() {
            for second in names[(i + 1)...] {
                for (a, b) in [(2, 4), (4, 2), (6, 12), (12, 6), (60, 120)] {
                    var point = quantities
                    point[first, default: 0] += a
                    point[second, default: 0] += b
                    candidates.append(point)
                }
            }
        }
        for factor in [3, 5, 7] {
            candidates.append(quantities.mapValues { $0 * factor })
        }
        for row in 1...4 {
            var point = quantities
            for (index, name) in names.enumerated() {
                point[name, default: 0] += 60 * ((index + row) % 5 + 1)
            }
            candidates.append(point)
        }
        let setup = constraints(keepingIncidentalExactness: keepingIncidentalExactness)
        return candidates.filter { point in
            setup.allSatisfy { $0.holds(at: point) }
        }
    }

    /// The names of the sums (two names or more) that the reference floors by a number (`//`),
    /// exactly at the setup's numbers: that they are even there is the setup's, not the rule's.
    private func incidentallyExactNames() -> Set<String> {
        var found: Set<String> = []
        func visit(_ formula: Formula) {
            switch formula {
            case .integer, .real, .name: return
            case .negate(let inner), .call(_, let inner): visit(inner)
            case .binary(let op, let a, let b):
                if op == .floorDivide, Self.isIncidentallyExact(a, b, at: quantities) {
                    found.formUnion(a.names)
                }
                visit(a)
                visit(b)
            }
        }
        for formula in sourceFormulas { visit(formula) }
        return found
    }

    /// Whether `a // b` divides a sum of two names or more by a number, exactly at `point`.
    private static func isIncidentallyExact(_ a: Formula, _ b: Formula, at point: [String: Int]) -> Bool {
        guard a.names.count >= 2, b.names.isEmpty, case .int(let x)? = a.evaluate(point),
            case .int(let y)? = b.evaluate(point), y > 1
        else { return false }
        return x % y == 0
    }

    /// The names read by a sum or product of two or more names that the reference floors (`//`,
    /// `%`, `math.floor` or `int` of a `/`) where the divisor does not divide it at the setup's
    /// numbers: its remainder there is the setup's, not the formula's.
    func inexactlyFlooredNames() -> Set<String> {
        var found: Set<String> = []
        func visit(_ formula: Formula) {
            switch formula {
            case .integer, .real, .name: return
            case .negate(let inner): visit(inner)
            case .call(let function, let inner):
                if function == "math.floor" || function == "int", case .binary(.divide, let a, let b) = inner
                {
                    note(a, b)
                }
                visit(inner)
            case .binary(let op, let a, let b):
                if op == .floorDivide || op == .remainder { note(a, b) }
                visit(a)
                visit(b)
            }
        }
        func note(_ a: Formula, _ b: Formula) {
            guard a.names.count >= 2, case .int(let x)? = a.evaluate(quantities),
                case .int(let y)? = b.evaluate(quantities), y != 0, x % y != 0
            else { return }
            found.formUnion(a.names)
        }
        for formula in sourceFormulas { visit(formula) }
        return found
    }

    /// What a point must keep of the setup's numbers: each part of the reference's sign, each of
    /// its divisions' exactness, and each name's divisors among the names.
    private struct Constraint {
        var part: Formula
        var nonNegative: Bool
        /// For a division: its dividend and divisor, when it is exact at the setup's numbers.
        var exact: (Formula, Formula)?

        func holds(at point: [String: Int]) -> Bool {
            guard let value = part.evaluate(point) else { return false }
            if (value.double >= 0) != nonNegative { return false }
            if let (a, b) = exact {
                guard case .int(let x)? = a.evaluate(point), case .int(let y)? = b.evaluate(point), y != 0,
                    x % y == 0
                else { return false }
            }
            return true
        }
    }

    private func constraints(keepingIncidentalExactness: Bool = true) -> [Constraint] {
        var found: [Constraint] = []
        func visit(_ formula: Formula) {
            switch formula {
            case .integer, .real, .name: return
            case .negate(let inner), .call(_, let inner): visit(inner)
            case .binary(let op, let a, let b):
                visit(a)
                visit(b)
                guard let value = formula.evaluate(quantities) else { return }
                var constraint = Constraint(part: formula, nonNegative: value.double >= 0)
                let incidental = op == .floorDivide && Self.isIncidentallyExact(a, b, at: quantities)
                if [.divide, .floorDivide, .remainder].contains(op),
                    keepingIncidentalExactness || !incidental,
                    case .int(let x)? = a.evaluate(quantities),
                    case .int(let y)? = b.evaluate(quantities), y != 0, x % y == 0
                {
                    constraint.exact = (a, b)
                }
                found.append(constraint)
            }
        }
        for formula in sourceFormulas { visit(formula) }
        // A name that divides a larger one at the setup keeps dividing it: groups divide both
        // channel counts, though the reference may divide only one of them by G. (Two names of
        // one value stay free: K = D = 3 must not hold K and D together.)
        for (divisor, d) in quantities where d >= 2 {
            for (name, value) in quantities where value > d && value % d == 0 {
                found.append(
                    Constraint(
                        part: .name(name), nonNegative: value >= 0, exact: (.name(name), .name(divisor))))
            }
        }
        return found
    }
}

extension FormulaCatalogue.Coincidence {
    fileprivate func with(reading: String?) -> Self {
        var copy = self
        copy.reading = reading
        return copy
    }
}

extension Formula {
    /// The formula with every true division floored: an answer that divides with `/` where the
    /// division is exact at the setup's numbers is right there.
    var floorForDivide: Formula {
        switch self {
        case .integer, .real, .name: self
        case .negate(let inner): .negate(inner.floorForDivide)
        // A division rounded up or to the nearest is rounded on purpose: not a floor forgotten.
        case .call(let function, _) where function == "math.ceil" || function == "round": self
        case .call(let function, let inner): .call(function, inner.floorForDivide)
        case .binary(.divide, let a, let b): .binary(.floorDivide, a.floorForDivide, b.floorForDivide)
        case .binary(let op, let a, let b): .binary(op, a.floorForDivide, b.floorForDivide)
        }
    }
}

extension Formula {
    /// Whether the formula rounds a number up or to the nearest (`math.ceil`, `round`).
    var roundsOtherwiseThanFloor: Bool {
        switch self {
        case .integer, .real, .name: false
        case .negate(let inner): inner.roundsOtherwiseThanFloor
        case .call(let function, let inner):
            function == "math.ceil" || function == "round" || inner.roundsOtherwiseThanFloor
        case .binary(_, let a, let b): a.roundsOtherwiseThanFloor || b.roundsOtherwiseThanFloor
        }
    }
}
