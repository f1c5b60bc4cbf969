import AnswerLanguage
import Wording

/// Where an answer is the reference's arithmetic written otherwise, whatever its parts are: a
/// course's formulas over tensors and real numbers (`(imgs - mean[:, None, None]) /
/// std[:, None, None]`, `(1 - eps) * one_hot + eps / n_cls`) are no whole-number formula the
/// catalogue moves, but the parts that differ, the rest the same, are still true by construction
/// (`std[:, None, None] ** 2` where the divisor has `std[:, None, None]`). Every name, entry and
/// call is read as one part; the two differing parts are run in the setup and said with their
/// values when those are numbers, and never told when they are equal (the difference that makes
/// the answer's value is elsewhere).
extension PreparedExercise {
    /// The sentence saying where the answer typed as `source` is written otherwise than the
    /// reference or an alternative, read over any parts; nil when none can be told, or a session
    /// is costly to make.
    func atomDifference(_ source: String) -> Phrase? {
        guard !setupBindsObjects, let solution = exercise.solution,
            let answer = Self.everyAtom(source)
        else { return nil }
        var best: (FormulaCatalogue.Difference, Int)?
        // Only a calculation over entries and calls (`std[:, None, None]`) is read here: one in
        // names and numbers is the catalogue's, which tells what it can.
        for text in [solution.reference.text] + solution.alternatives.map(\.text)
        where !Formula.atomParts(of: text).isEmpty {
            guard let reference = Self.everyAtom(text), reference.isCalculation,
                let found = FormulaCatalogue.difference(answer, reference, place: .whole)
            else { continue }
            let size = (found.answer?.source.count ?? 0) + (found.reference?.source.count ?? 0)
            if size < best?.1 ?? .max { best = (found, size) }
        }
        // A part worked out by hand (`20 * 24`) is a number, not a part of the calculation
        // written otherwise.
        guard let found = best?.0, found.answer.map({ !$0.names.isEmpty }) ?? true else { return nil }
        let mine = found.answer.map { numbers($0.source) }
        let theirs = found.reference.map { numbers($0.source) }
        // A part that cannot be run, or two parts of one value: nothing true to say.
        if mine == .some(nil) || theirs == .some(nil) { return nil }
        if let a = mine ?? nil, let b = theirs ?? nil, a.shape == b.shape,
            zip(a.values, b.values).allSatisfy({ abs($0 - $1) <= 1e-9 * max(abs($0), abs($1)) + 1e-12 })
        {
            return nil
        }
        let scalar = { (array: NumericArray??) -> Double? in
            guard let array = array ?? nil, array.values.count == 1 else { return nil }
            return array.values[0]
        }
        return GradingText().writtenOtherwise(found, value: scalar(mine), referenceValue: scalar(theirs))
    }

    /// The formula of `source` with every name, entry and call a part of its own (`Formula+Atoms`).
    static func everyAtom(_ source: String) -> Formula? {
        guard let expression = Formula.expression(source) else { return nil }
        let text = SourceText(source)
        return Formula(expression) { node in
            if case .call(let callee, _) = node.kind, Formula.isOwnFunction(callee) { return nil }
            return Formula.atomName(text(node))
        }
    }
}

extension Formula {
    /// Whether the formula calculates: an operation on parts, not one part alone.
    fileprivate var isCalculation: Bool {
        switch self {
        case .binary, .negate, .call: true
        default: false
        }
    }
}

extension GradingText {
    /// "Your formula has `std ** 2` where the calculation's divisor has `std`; the rest is written
    /// the same", with the parts' values where both are numbers.
    func writtenOtherwise(_ found: FormulaCatalogue.Difference, value: Double?, referenceValue: Double?)
        -> Phrase?
    {
        let place = found.place.rawValue
        let kind = found.isTerm ? "term" : "factor"
        switch (found.answer, found.reference) {
        case (let answer?, let reference?):
            if let value, let referenceValue {
                return Phrase(
                    FormulaKey.partReplaced,
                    [
                        "part": answer.source, "value": value, "reference": reference.source,
                        "referenceValue": referenceValue, "place": place,
                    ])
            }
            return Phrase(
                FormulaKey.partReplacedPlain,
                ["part": answer.source, "reference": reference.source, "place": place])
        case (let answer?, nil):
            if let value {
                return Phrase(
                    FormulaKey.partAdded,
                    ["part": answer.source, "value": value, "place": place, "kind": kind])
            }
            return Phrase(FormulaKey.partAddedPlain, ["part": answer.source, "place": place, "kind": kind])
        case (nil, let reference?):
            if let referenceValue {
                return Phrase(
                    FormulaKey.partLeftOut,
                    [
                        "reference": reference.source, "referenceValue": referenceValue, "place": place,
                        "kind": kind,
                    ])
            }
            return Phrase(
                FormulaKey.partLeftOutPlain, ["reference": reference.source, "place": place, "kind": kind])
        case (nil, nil):
            return nil
        }
    }
}
