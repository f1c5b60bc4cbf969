import Wording

/// The sentences of formulas that agree with the reference only at the setup's numbers
/// (`FormulaCatalogue.Coincidence`), catalog `formulas`.
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

    private static func argument(_ number: Formula.Number) -> any PhraseArgument {
        switch number {
        case .int(let value): value
        case .real(let value): value
        }
    }
}
