/// Where an answer's formula is written otherwise than the reference's, when no misconception
/// explains it: the factors of a product or the terms of a sum that differ, the rest being the
/// same (`(H - K + 1) * (W - K + 1) * C_out * C_in * K * K` has `(H - K + 1) * (W - K + 1)` where
/// the calculation has `H * W`; `H * H * C * K * K + H * H * C` has a term `H * H * C` the
/// calculation does not have; `(C * K * K + C * C_out) / (C_out * K * K)` leaves the factor `C`
/// out of the divisor). True by construction — it is what was typed — and said with the parts'
/// values at the setup's numbers; told only when few parts differ and some are shared, so that
/// "the rest is the same" says something.
extension FormulaCatalogue {
    /// A part of the answer's formula written otherwise than the reference's.
    struct Difference: Sendable, Equatable {
        enum Place: String, Sendable {
            case whole, dividend, divisor
        }

        /// The answer's part (nil when the answer leaves the reference's part out).
        var answer: Formula?
        /// The reference's part (nil when the answer adds a part the reference has not).
        var reference: Formula?
        var place: Place = .whole
        /// Whether the parts are terms of a sum (else factors of a product).
        var isTerm = true
        /// The answer read with its numbers as the setup's names, when it typed numbers.
        var reading: String?
    }

    /// The finding's id.
    static let differenceID = "formula-written-otherwise"

    /// Parts that may differ at most, on both sides together.
    static let differingPartLimit = 4

    /// The difference between the answer typed as `source` (a formula in the setup's names and
    /// atoms) and the nearest formula of the reference; nil when none can be told (see the
    /// extension's summary). `extra` are atoms only the answer reads (`cm.sum()`), with their
    /// values in the setup.
    func difference(_ source: String, extra: [String: Int] = [:]) -> Difference? {
        let known = quantities.merging(extra) { own, _ in own }
        guard !liftsLiterals, let typed = Formula.parse(source, atoms: atoms.union(extra.keys))?.intAsFloor,
            typed.names.isSubset(of: known.keys)
        else { return nil }
        // Numbers typed for the setup's names are read as those names when only one reading
        // fits (`9 + 5 * 5 - 3 + 1` is `n + p * p - f + 1`); a number the reference writes
        // itself (the overlap `9` of `9 / (… - 9)`) stays that number, whatever quantity has its
        // value too.
        let written = Set(sourceFormulas.flatMap(\.literals))
        var formula = typed
        // A number typed beside the name of that value is not that name typed again: `B * C * H
        // * W * 8` writes B itself, and its 8 is eight bytes per number, not the batch size B = 8.
        let unread = typed.literals.filter { $0 >= 3 && !written.contains($0) }
        if unread.contains(where: { literal in
            let named = known.filter { $0.value == literal }.map(\.key)
            return !named.isEmpty && named.allSatisfy(typed.names.contains)
        }) {
            return nil
        }
        if !unread.isEmpty {
            let readings = literalReadings(typed, keeping: written)
            guard readings.count == 1 else { return nil }
            formula = readings[0]
        }
        guard !formula.names.isEmpty, formula.literals.allSatisfy({ $0 < 3 || written.contains($0) }) else {
            return nil
        }
        var best: (Difference, Int)?
        for reference in sourceFormulas {
            guard let found = Self.difference(formula, reference, place: .whole) else { continue }
            let size =
                (found.answer.map { $0.factorCount } ?? 0) + (found.reference.map { $0.factorCount } ?? 0)
            if best == nil || size < best!.1 { best = (found, size) }
        }
        guard var found = best?.0 else { return nil }
        // Two parts of one value (`cm[1, 1]` where the calculation has `cm[c, c]`) do not make
        // the answer's value: the difference that does is elsewhere.
        if let mine = found.answer?.evaluate(known), let theirs = found.reference?.evaluate(known),
            mine.same(theirs)
        {
            return nil
        }
        if formula != typed { found.reading = formula.source }
        return found
    }

    static func difference(_ answer: Formula, _ reference: Formula, place: Difference.Place)
        -> Difference?
    {
        guard answer.canonical != reference.canonical else { return nil }
        // A quotient with one side the same: the difference is in the other.
        if case .binary(let op, let a, let b) = answer, op == .divide || op == .floorDivide,
            case .binary(op, let x, let y) = reference
        {
            if a.canonical == x.canonical {
                return difference(b, y, place: .divisor) ?? replaced(b, y, .divisor)
            }
            if b.canonical == y.canonical {
                let side: Difference.Place = place == .whole ? .dividend : place
                return difference(a, x, place: side) ?? replaced(a, x, side)
            }
            return nil
        }
        for isSum in [true, false] {
            let mine = isSum ? Self.terms(answer) : Self.factors(answer)
            let theirs = isSum ? Self.terms(reference) : Self.factors(reference)
            guard mine.count > 1 || theirs.count > 1 else { continue }
            var left = mine
            var right: [(part: Formula, subtracted: Bool)] = []
            for part in theirs {
                if let index = left.firstIndex(where: {
                    $0.part.canonical == part.part.canonical && $0.subtracted == part.subtracted
                }) {
                    left.remove(at: index)
                } else {
                    right.append(part)
                }
            }
            // Subtracted parts would need their sign said: not told.
            guard mine.count - left.count >= 1, !left.isEmpty || !right.isEmpty,
                left.count + right.count <= differingPartLimit,
                !left.contains(where: \.subtracted), !right.contains(where: \.subtracted)
            else { continue }
            // One part for one: the difference may lie deeper in it (`(C + H + W) * classes` for
            // `C * H * W * classes` is the sum for the product).
            // Only a part for a part is told from deeper: a factor added inside one term is said
            // with its term (`C_in * C_out` where the calculation has `C_out`).
            if left.count == 1, right.count == 1,
                let deeper = difference(left[0].part, right[0].part, place: place),
                let mine = deeper.answer, let theirs = deeper.reference, !mine.isLiteral, !theirs.isLiteral
            {
                return deeper
            }
            let combine = { (parts: [(part: Formula, subtracted: Bool)]) -> Formula? in
                guard let first = parts.first?.part else { return nil }
                return parts.dropFirst().reduce(first) { .binary(isSum ? .add : .multiply, $0, $1.part) }
            }
            return Difference(answer: combine(left), reference: combine(right), place: place, isTerm: isSum)
        }
        return nil
    }

    /// One side of a quotient written as another part outright, the other side the same
    /// (`cm.sum()` where the divisor is `cm[:, c].sum()`); nil for a number, which says less than
    /// the part it stands for.
    private static func replaced(_ answer: Formula, _ reference: Formula, _ place: Difference.Place)
        -> Difference?
    {
        guard !answer.isLiteral, !reference.isLiteral else { return nil }
        return Difference(answer: answer, reference: reference, place: place, isTerm: false)
    }

    /// A sum's terms (a subtracted term marked), or the formula itself.
    private static func terms(_ formula: Formula) -> [(part: Formula, subtracted: Bool)] {
        switch formula {
        case .binary(.add, let a, let b): return terms(a) + terms(b)
        case .binary(.subtract, let a, let b): return terms(a) + terms(b).map { ($0.part, !$0.subtracted) }
        default: return [(formula, false)]
        }
    }

    /// A product's factors, or the formula itself.
    private static func factors(_ formula: Formula) -> [(part: Formula, subtracted: Bool)] {
        formula.factors.map { ($0, false) }
    }
}

extension Formula {
    /// Whether the formula is a number alone (a `2` said for `p` tells less than `2 * p`).
    fileprivate var isLiteral: Bool {
        switch self {
        case .integer, .real: true
        default: false
        }
    }

    /// How many factors and terms the formula is written with (its size, to choose the nearest
    /// reference).
    fileprivate var factorCount: Int {
        switch self {
        case .binary(_, let a, let b): a.factorCount + b.factorCount
        case .negate(let inner), .call(_, let inner): inner.factorCount
        default: 1
        }
    }
}
