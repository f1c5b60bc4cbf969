import Wording

/// The sentences of formulas that agree with the reference only at the setup's numbers
/// (`FormulaCatalogue.Coincidence`) and of formulas written otherwise than the reference
/// (`FormulaCatalogue.Difference`), catalog `formulas`.
package enum FormulaKey: String, MessageKey {
    package static let catalog = "formulas"
    /// The formula agrees only here, with a point where it does not.
    case coincidenceAt
    /// The answer's literals read as the setup's names.
    case coincidenceRead
    /// One name moved: "`K` = 6 instead of 4".
    case move
    /// Two names moved.
    case twoMoves
    /// A part of the answer's formula where the reference has another.
    case partReplaced
    /// A part the answer adds.
    case partAdded
    /// A part of the reference the answer leaves out.
    case partLeftOut
    /// `partReplaced`, `partAdded`, `partLeftOut` for parts that are no single number (a tensor):
    /// said without values.
    case partReplacedPlain, partAddedPlain, partLeftOutPlain
    /// A setup name of value 1 the answer leaves out, and what it gives with the name moved
    /// (`name`, `value`, `other`, `answer`, `expected`).
    case leftOutAtOne
    /// The answer (or the calculation, where the answer does not) writes `1 - name`, which is
    /// `name` itself only because the name is one half here (`name`, `value`).
    case complementAtHalf, complementAtHalfLeftOut
    /// What the answer and the calculation give with the name moved (`name`, `other`, and
    /// `answer`, `expected` when both are one number).
    case complementMoved, complementMovedDiffers
}

extension GradingText {
    /// What shows that the answer agrees with the reference only at the setup's numbers: its
    /// literals read as names, and a point where it differs; the plain sentence when neither is
    /// known.
    func coincidence(_ found: FormulaCatalogue.Coincidence) -> Phrase {
        var parts: [Phrase] = []
        if let reading = found.reading {
            parts.append(Phrase(FormulaKey.coincidenceRead, ["reading": reading]))
        }
        let moves = found.moves.map {
            Phrase(FormulaKey.move, ["name": $0.name, "value": $0.value, "other": $0.other])
        }
        if let answer = found.answer, let expected = found.expected, (1...2).contains(moves.count) {
            let moved =
                moves.count == 1
                ? moves[0] : Phrase(FormulaKey.twoMoves, ["first": moves[0], "second": moves[1]])
            parts.append(
                Phrase(
                    FormulaKey.coincidenceAt,
                    ["moves": moved, "answer": Self.argument(answer), "expected": Self.argument(expected)]))
        } else {
            parts.append(coincidentalFormula)
        }
        return Phrase(parts)
    }

    /// What shows that the answer, which leaves out a name of value 1, is right only here.
    func factorOfOne(_ found: PreparedExercise.FactorOfOne) -> Phrase {
        Phrase(
            FormulaKey.leftOutAtOne,
            [
                "name": found.name, "value": found.value, "other": found.other, "answer": found.answer,
                "expected": found.expected,
            ])
    }

    /// What shows that the answer, which writes a complement otherwise than the calculation, is
    /// right only because its name is one half here.
    func complementAtHalf(_ found: PreparedExercise.ComplementAtHalf) -> Phrase {
        let opening = Phrase(
            found.answerWrites ? FormulaKey.complementAtHalf : FormulaKey.complementAtHalfLeftOut,
            ["name": found.name, "value": found.value])
        guard let answer = found.answer, let expected = found.expected else {
            return opening
                + Phrase(FormulaKey.complementMovedDiffers, ["name": found.name, "other": found.other])
        }
        return opening
            + Phrase(
                FormulaKey.complementMoved,
                ["name": found.name, "other": found.other, "answer": answer, "expected": expected])
    }

    private static func argument(_ number: Formula.Number) -> any PhraseArgument {
        switch number {
        case .int(let value): value
        case .real(let value): value
        }
    }
}

extension GradingText {
    /// Where the answer's formula is written otherwise than the reference's, with the parts'
    /// values at the setup's numbers.
    func difference(_ found: FormulaCatalogue.Difference, values: [String: Int]) -> Phrase? {
        guard let said = differingPart(found, values: values) else { return nil }
        guard let reading = found.reading else { return said }
        return Phrase(FormulaKey.coincidenceRead, ["reading": reading]) + said
    }

    private func differingPart(_ found: FormulaCatalogue.Difference, values: [String: Int]) -> Phrase? {
        func value(_ part: Formula?) -> (any PhraseArgument)? {
            switch part?.evaluate(values) {
            case .int(let value)?: value
            case .real(let value)?: value
            case nil: nil
            }
        }
        let place = found.place.rawValue
        let kind = found.isTerm ? "term" : "factor"
        switch (found.answer, found.reference) {
        case (let answer?, let reference?):
            guard let mine = value(answer), let theirs = value(reference) else { return nil }
            return Phrase(
                FormulaKey.partReplaced,
                [
                    "part": answer.source, "value": mine, "reference": reference.source,
                    "referenceValue": theirs,
                    "place": place,
                ])
        case (let answer?, nil):
            guard let mine = value(answer) else { return nil }
            return Phrase(
                FormulaKey.partAdded, ["part": answer.source, "value": mine, "place": place, "kind": kind])
        case (nil, let reference?):
            guard let theirs = value(reference) else { return nil }
            return Phrase(
                FormulaKey.partLeftOut,
                ["reference": reference.source, "referenceValue": theirs, "place": place, "kind": kind])
        case (nil, nil):
            return nil
        }
    }
}
