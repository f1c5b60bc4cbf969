import AnswerLanguage

/// An answer with the expected value that is a formula in the setup's whole numbers and real
/// numbers together (`base_lr * gamma ** (epoch // (every + 1))`) and agrees with the reference
/// only at the setup's whole numbers: 75 // 31 is 75 // 30, but 92 // 31 is not 92 // 30. The
/// whole-number catalogue (`FormulaCatalogue+Coincidence`) moves formulas in whole numbers alone;
/// here the real names keep their setup values and each whole number the answer reads is moved up
/// on its own. Only an answer that types no whole number but 0 and 1 is judged (a `2` may be a
/// count worked out: `gamma ** 2` for `gamma ** (epoch // every)`), and only at points where every
/// part of the answer and of the reference keeps its sign (a floor of a negative number rounds the
/// other way). Such an answer must not pass; the point where it parts is said.
extension PreparedExercise {
    /// Offsets each whole number is moved up by, one at a time: every one up to 40, so that a
    /// floor whose steps are as long as a schedule's (30 epochs) is crossed.
    static let realsCoincidenceOffsets = Array(1...40)

    /// The point where the answer typed as `source` parts from every formula of the reference (see
    /// the extension's summary); nil when it agrees everywhere tried, or is not judged: the
    /// whole-number catalogue judges the exercise, the answer or the reference is no formula in the
    /// setup's numbers, reads no whole number, or types a whole number other than 0 and 1.
    func coincidenceWithReals(_ source: String?) -> FormulaCatalogue.Coincidence? {
        guard let source, mutants.formulas == nil, let answer = Formula.parse(source),
            !answer.worksOutToNothing,
            answer.literals.allSatisfy({ $0 == 0 || $0 == 1 }),
            let solution = exercise.solution
        else { return nil }
        var integers: [String: Int] = [:]
        var reals: [String: Double] = [:]
        for name in base.boundNames {
            switch base[name] {
            case .int(let value)?: integers[name] = value
            case .float(let value)?: reals[name] = value
            default: break
            }
        }
        let numbers = Set(integers.keys).union(reals.keys)
        let moved = answer.names.filter { integers[$0] != nil }.sorted()
        guard answer.names.isSubset(of: numbers), !moved.isEmpty else { return nil }
        let references = ([solution.reference.text] + solution.alternatives.map(\.text)).compactMap { text in
            Formula.parse(text).flatMap { formula -> Formula? in
                guard formula.names.isSubset(of: numbers), !formula.names.isDisjoint(with: moved) else {
                    return nil
                }
                return formula.substituting(reals)
            }
        }
        let typed = answer.substituting(reals)
        guard !references.isEmpty, let here = typed.evaluate(integers),
            references.contains(where: { $0.evaluate(integers).map(here.same) ?? false })
        else { return nil }
        let signs = { (point: [String: Int]) in
            ([typed] + references).flatMap { $0.parts.map { $0.evaluate(point)?.double.sign } }
        }
        let setupSigns = signs(integers)
        guard !setupSigns.contains(nil) else { return nil }
        for name in moved {
            for offset in Self.realsCoincidenceOffsets {
                guard let value = integers[name] else { continue }
                var point = integers
                point[name] = value.moved(by: offset)
                guard signs(point) == setupSigns, let mine = typed.evaluate(point) else { continue }
                let theirs = references.compactMap { $0.evaluate(point) }
                guard theirs.count == references.count, !theirs.contains(where: mine.same) else { continue }
                var found = FormulaCatalogue.Coincidence()
                found.moves = [.init(name: name, value: value, other: value.moved(by: offset))]
                found.answer = mine
                found.expected = theirs[0]
                return found
            }
        }
        return nil
    }
}

extension Formula {
    /// Every part of the formula with an operation, itself included (outermost first).
    var parts: [Formula] {
        switch self {
        case .integer, .real, .name: return []
        case .negate(let inner), .call(_, let inner): return [self] + inner.parts
        case .binary(_, let a, let b): return [self] + a.parts + b.parts
        }
    }
}
