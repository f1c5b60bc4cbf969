import AnswerLanguage

/// A reference that is a tuple of formulas in the setup's whole numbers — a shape `(L - kk + 1,
/// L)`, a position `(r0 + dr // st, c0 + dc // st)` — read entry by entry. Each entry is a formula
/// of its own, with the formula catalogue's mutants (`FormulaCatalogue`), so an answer that is the
/// tuple with a change in one entry, or the same change in every entry a learner would make it in
/// (`//` written `*` in both coordinates), is that change at every point, not a number that lands
/// on it. Two names swapped across the entries (`dr` and `dc`) is read on the whole tuple.
///
/// A tuple's entries are told only when every entry of the answer is the reference's entry or one
/// change of it: one entry no mutant is, or two explanations for one entry, leaves the tuple to the
/// comparison's own reading.
struct TupleFormulas: Sendable {
    /// The catalogue of each entry's formulas (the reference's entry and those of the alternatives
    /// of the same length); nil for an entry that is no formula worth moving.
    let entries: [FormulaCatalogue?]
    /// Each entry's formulas, the reference's first.
    let sources: [[Formula]]
    /// The setup's whole numbers the tuple reads.
    let quantities: [String: Int]
    /// Points at which every entry moves together: the setup's numbers, then each name moved.
    let points: [[String: Int]]

    /// What an answer's entries are.
    struct Reading: Sendable {
        /// Each entry the answer changed (its place, from 0) and the one mutant that is it.
        var changed: [(index: Int, mutant: Mutant)]
        /// The answer written as the reference with two of its names swapped in every entry.
        var swapped: (first: String, second: String)?
    }

    /// Nil when the reference is not a tuple of at least two formulas reading some whole name.
    /// `sources` are the reference's text and its passing alternatives'; `integers` the setup's
    /// whole-number bindings.
    init?(sources: [String], integers: [String: Int]) {
        guard let reference = sources.first, let first = Self.items(reference), first.count >= 2 else {
            return nil
        }
        var texts: [[String]] = Array(repeating: [], count: first.count)
        var formulas: [[Formula]] = Array(repeating: [], count: first.count)
        for source in sources {
            guard let items = Self.items(source), items.count == first.count else { continue }
            let parsed = items.map { Formula.parse($0) }
            // An alternative whose entries are not all formulas in the setup's numbers is not read.
            guard parsed.allSatisfy({ $0 != nil && $0?.names.isSubset(of: integers.keys) == true }) else {
                if source == reference { return nil }
                continue
            }
            for (index, item) in items.enumerated() {
                texts[index].append(item)
                if let formula = parsed[index] { formulas[index].append(formula) }
            }
        }
        let names = formulas.flatMap { $0.flatMap(\.names) }
        guard !names.isEmpty, !formulas[0].isEmpty else { return nil }
        var quantities: [String: Int] = [:]
        for name in names { quantities[name] = integers[name] }
        self.quantities = quantities
        points = FormulaCatalogue.points(quantities)
        self.sources = formulas
        entries = texts.map { FormulaCatalogue(sources: $0, integers: integers) }
    }

    /// The entries of a tuple or list written in `source`, as typed; nil when it is not one.
    static func items(_ source: String) -> [String]? {
        guard let expression = Formula.expression(source) else { return nil }
        let text = SourceText(source)
        switch expression.kind {
        case .tuple(let items), .list(let items): return items.map { text($0) }
        default: return nil
        }
    }

    /// What the answer typed as `source` is, entry by entry; nil when it is not a tuple of as many
    /// formulas, when every entry is right, or when some entry is neither right nor one change.
    /// `admits` says whether an entry's change may be told of the entry as typed (the typing
    /// rules a change out).
    func read(_ source: String, admits: (String, Mutant) -> Bool) -> Reading? {
        guard let items = Self.items(source), items.count == entries.count else { return nil }
        let parsed = items.map { Formula.parse($0)?.intAsFloor }
        guard parsed.allSatisfy({ $0 != nil }) else { return nil }
        let formulas = parsed.compactMap { $0 }
        // Every entry must move with the points: a number typed alone is right or wrong only here.
        var wrong: [Int] = []
        for (index, formula) in formulas.enumerated() {
            switch isRight(formula, at: index) {
            case true?: continue
            case false?: wrong.append(index)
            case nil: return nil
            }
        }
        guard !wrong.isEmpty else { return nil }
        if let swap = swap(formulas) { return Reading(changed: [], swapped: swap) }
        var changed: [(index: Int, mutant: Mutant)] = []
        for index in wrong {
            guard let catalogue = entries[index],
                case .explained(let found) = catalogue.explain(items[index]),
                found.count == 1, admits(items[index], found[0])
            else { return nil }
            changed.append((index, found[0]))
        }
        return Reading(changed: changed, swapped: nil)
    }

    /// Whether `formula` is entry `index` of the reference (or an alternative) at every point; nil
    /// when it reads a name the tuple does not, or is a number that says nothing either way
    /// (right only at the setup's numbers, where the reference moves).
    private func isRight(_ formula: Formula, at index: Int) -> Bool? {
        guard formula.names.isSubset(of: quantities.keys) else { return false }
        let values = points.map { formula.evaluate($0) }
        if sources[index].contains(where: { FormulaCatalogue.same(values, points.map($0.evaluate)) }) {
            return true
        }
        if formula.names.isEmpty {
            // A number: right where it is the setup's value (an alternative types `(4, 6)`).
            let here = sources[index].first.flatMap { $0.evaluate(points[0]) }
            if let here, let typed = values[0], here.same(typed) { return true }
        }
        return false
    }

    /// The two names of the reference that, swapped in every entry, give the answer's formulas as
    /// written (up to the order of terms and factors), with at least one entry changed by it: a
    /// swap that only comes to the same values (`H` and `W` of `(H - kw + 1) * (W - kh + 1)`, where
    /// `kh` and `kw` were swapped) is not what was typed.
    private func swap(_ formulas: [Formula]) -> (first: String, second: String)? {
        let names = quantities.keys.sorted()
        let reference = sources.map { $0[0] }
        for (i, a) in names.enumerated() {
            for b in names[(i + 1)...] {
                let swapped = reference.map { $0.renaming([a: b, b: a]) }
                guard swapped != reference else { continue }
                let fits = zip(formulas, swapped).allSatisfy { answer, entry in
                    answer.canonical == entry.canonical
                }
                // A swap that leaves every entry's value where it was is no change.
                let moves = zip(swapped, reference).contains { entry, original in
                    !FormulaCatalogue.same(points.map(entry.evaluate), points.map(original.evaluate))
                }
                if fits, moves { return (a, b) }
            }
        }
        return nil
    }
}

extension Formula {
    /// The formula with each name in `names` replaced by the name it maps to, all at once.
    func renaming(_ names: [String: String]) -> Formula {
        switch self {
        case .integer, .real: self
        case .name(let name): .name(names[name] ?? name)
        case .negate(let inner): .negate(inner.renaming(names))
        case .call(let function, let inner): .call(function, inner.renaming(names))
        case .binary(let op, let a, let b): .binary(op, a.renaming(names), b.renaming(names))
        }
    }
}
