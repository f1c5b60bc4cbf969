import Wording

/// The sentences that say which misconception explains a wrong answer (a misconception mutant's
/// value equals the answer's). Each names the change in the learner's terms — the part of the
/// calculation that was left out or changed, as written (`{$piece}`) — and, where it is true
/// whatever the exercise, why it matters (`<id>.why`). Catalog `misconceptions`; the sentence
/// around them is `grading`'s `mutant…`.
extension GradingText {
    /// "Your answer is 6: that is what the calculation gives with the `+ 1` left out." `answer`
    /// is the learner's value as printed (nil for a tensor), `group` the one or two single
    /// changes (or the one double slip) that give it, `sizes` whether the number is a spatial
    /// size (then the output-size reasons may be given), `network` whether it is a model.
    /// `sizeFormula` is which size formula the exercise's calculation is (`SizeFormula`): an
    /// ordinary convolution's reasons are not given of another's, whose own are given instead.
    /// `premises` is what the exercise's calculation is (`ReasonPremise`): a reason that speaks
    /// of a filter, a residual block or pooling is given only where the calculation has one.
    func mutants(
        _ group: MutantGroup, answer: String?, sizes: Bool, network: Bool = false,
        sizeFormula: SizeFormula = .unknown, premises: Set<ReasonPremise> = Set(ReasonPremise.allCases)
    ) -> Phrase {
        guard let first = group.mutants.first else { return .empty }
        // A whole answer read as something else (a percentage, odds): its sentence is its own.
        if group.mutants.contains(where: { $0.changes.count == 1 && $0.misconception.replacesWhole }) {
            let sentences = group.mutants.prefix(2).map { mutant in
                mutant.changes.count == 1 && mutant.misconception.replacesWhole
                    ? mutant.changes[0].told ?? .empty : say(.mutantValue, ["change": self.change(mutant)])
            }
            return sentences.count == 2
                ? Phrase(MeaningKey.twoReadings, ["first": sentences[0], "second": sentences[1]])
                : sentences[0]
        }
        var change = self.change(first)
        var reason =
            first.changes.count == 1 && !first.changes[0].inEntries
            ? self.reason(first.changes[0], sizes: sizes, sizeFormula: sizeFormula, premises: premises) : nil
        if group.mutants.count > 1 {
            // Two changes give this value and the setup cannot tell which: say both, no reason.
            change = say(.mutantEither, ["first": change, "second": self.change(group.mutants[1])])
            reason = nil
        }
        let sentence: Phrase
        if network {
            sentence = say(.mutantNetwork, ["change": change])
        } else if let answer {
            sentence = say(.mutantAnswer, ["answer": answer, "change": change])
        } else {
            sentence = say(.mutantValue, ["change": change])
        }
        return reason.map { sentence + $0 } ?? sentence
    }

    /// One mutant's change, or a double slip's two changes said together.
    func change(_ mutant: Mutant) -> Phrase {
        let parts = mutant.changes.map {
            countChange($0) ?? $0.told ?? change($0.misconception, $0.piece, original: $0.original)
        }
        guard parts.count == 2 else { return parts.first ?? .empty }
        return say(.mutantBoth, ["first": parts[0], "second": parts[1]])
    }

    /// A piece short enough to quote; a long one (a whole sub-expression) would give the
    /// reference away and read badly, so the sentence then names the change without it.
    private func quotable(_ piece: String) -> Bool { !piece.isEmpty && piece.count <= 20 }

    /// A part left out is named by `ReadablePiece` (40 characters whole, longer ones shortened);
    /// where it has no readable name the change is not told (`Mutant.Change.isNameable`), so the
    /// unquoted sentence is only a fallback.
    private func quotable(_ piece: String, _ misconception: Misconception) -> Bool {
        !Mutant.Change.namesDroppedPart.contains(misconception) && quotable(piece)
    }

    private func change(_ misconception: Misconception, _ piece: String, original: String) -> Phrase {
        // A name written where another belongs quotes both (`(L - 1)` where `L` belongs).
        if [.nameForName, .countOffByOne, .squaredForDoubled, .nameSquared, .nameForOne, .extremumSwapped]
            .contains(
                misconception)
        {
            return Phrase(MisconceptionKey.change(misconception), ["piece": piece, "original": original])
        }
        // A part left out is named readably, shortened if long (`Mutant+ReadablePiece`).
        if Mutant.Change.namesDroppedPart.contains(misconception),
            let name = ReadablePiece.name(piece, beside: original)
        {
            return Phrase(MisconceptionKey.change(misconception), ["piece": name])
        }
        if !quotable(piece, misconception),
            let key = MisconceptionKey(rawValue: misconception.rawValue + ".unquoted")
        {
            return Phrase(key)
        }
        // The two names of `names-swapped` come as one piece, `a b`.
        let names = Self.words(piece)
        if misconception == .namesSwapped, names.count == 2 {
            return Phrase(MisconceptionKey.change(misconception), ["first": names[0], "second": names[1]])
        }
        // A swapped operation's piece is the two operations; a changed clamp bound's the two bounds.
        if misconception.isOperationSwap, let (was, now) = Self.operations(piece) {
            return Phrase(MisconceptionKey.change(misconception), ["was": was.written, "now": now.written])
        }
        if misconception == .clampBoundChanged, names.count == 2 {
            return Phrase(MisconceptionKey.change(misconception), ["was": names[0], "now": names[1]])
        }
        return Phrase(MisconceptionKey.change(misconception), ["piece": piece])
    }

    /// Reasons that hold only for sizes (the output-size formula's `+ 1`, the padding's 2p, the
    /// stride's steps) are given only for sizes.
    private func reason(
        _ change: Mutant.Change, sizes: Bool, sizeFormula: SizeFormula, premises: Set<ReasonPremise>
    ) -> Phrase? {
        let misconception = change.misconception
        // A reason about a filter, a residual block or pooling is false of a calculation that
        // has none: the change is said without it.
        if let premise = misconception.reasonPremise, !premises.contains(premise) { return nil }
        // "A filter's response adds the products" speaks of the sum changed: where the
        // calculation has a filter elsewhere, a sum of something else (a map's values, an
        // entropy's terms) is no filter's response.
        if misconception == .meanForSum, !change.original.isEmpty,
            !ReasonPremise.sumsProducts(change.original)
        {
            return nil
        }
        // A transposed convolution trims its padding and spreads its patches s apart; an
        // upsampling has no padding or kernel: an ordinary convolution's reason would be false.
        if !sizeFormula.tellsConvolutionStories {
            // A `± 1` has a reason only in the size itself (not in a padding worked out from it).
            if sizeFormula == .transposed, misconception.traits.transposedReason,
                sizes || misconception.traits.reason != .none || misconception.isGeneric,
                Self.transposedReasonHolds(change),
                let key = MisconceptionKey(rawValue: misconception.rawValue + ".why.transposed")
            {
                return Phrase(key)
            }
            if misconception.hasConvolutionReason { return nil }
        }
        // A swapped operation: what the learner's operation does, then what the reference's does.
        if misconception.isOperationSwap {
            guard let (was, now) = Self.operations(change.piece), let a = OperationKey(now),
                let b = OperationKey(was)
            else { return nil }
            return Phrase(a) + Phrase(b)
        }
        switch misconception.traits.reason {
        case .none: return nil
        case .sizes where !sizes: return nil
        default: break
        }
        guard let key = MisconceptionKey(rawValue: misconception.rawValue + ".why") else { return nil }
        return Phrase(key)
    }
}

extension GradingText {
    /// Whether a generic change's transposed-convolution reason is about what it changed: a
    /// term left out that is an output padding (`O`, `op`), a plus where the padding's `- 2 * p`
    /// is subtracted. Every other change's holds wherever the size is a transposed convolution's.
    static func transposedReasonHolds(_ change: Mutant.Change) -> Bool {
        switch change.misconception {
        case .termDropped:
            return SizeFormula.outputPaddingRoles.contains(change.piece.lowercased())
        case .plusForMinus:
            guard case .binary(.subtract, _, let subtracted)? = Formula.parse(change.original) else {
                return false
            }
            return TransposedStage.doubled(subtracted) != nil
        default:
            return true
        }
    }

    /// A piece's words: split at its spaces outside brackets (`cm[c, c] cm[:, c].sum()` is two
    /// names, each an atom: `Formula+Atoms`).
    static func words(_ piece: String) -> [String] {
        var words: [String] = []
        var word = ""
        var depth = 0
        for character in piece {
            if "([{".contains(character) { depth += 1 }
            if ")]}".contains(character) { depth -= 1 }
            if character == " ", depth == 0 {
                if !word.isEmpty { words.append(word) }
                word = ""
            } else {
                word.append(character)
            }
        }
        if !word.isEmpty { words.append(word) }
        return words
    }

    /// The two operations of a swap's piece (`sum max`: `.max()` where `.sum()` belongs).
    static func operations(_ piece: String) -> (was: Operation, now: Operation)? {
        let parts = piece.split(separator: " ").compactMap { Operation(rawValue: String($0)) }
        return parts.count == 2 ? (parts[0], parts[1]) : nil
    }
}

/// The catalog `misconceptions`: for each misconception the change it makes (`<id>`, with the
/// part as written in `{$piece}`), a version without the part for long ones (`<id>.unquoted`), and
/// why it matters where that holds (`<id>.why`). The keys are derived from `Misconception`'s
/// traits, so the list of misconceptions is written once.
package struct MisconceptionKey: MessageKey, Hashable {
    package static let catalog = "misconceptions"

    package let rawValue: String

    package init?(rawValue: String) {
        guard Self.known.contains(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    private init(unchecked rawValue: String) { self.rawValue = rawValue }

    package static let allCases: [MisconceptionKey] = Misconception.allCases.flatMap { misconception in
        let id = misconception.rawValue
        let traits = misconception.traits
        var keys: [String] = [id]
        if traits.unquoted { keys.append(id + ".unquoted") }
        if traits.reason != .none { keys.append(id + ".why") }
        if traits.transposedReason { keys.append(id + ".why.transposed") }
        return keys
    }.map(MisconceptionKey.init(unchecked:))

    private static let known = Set(allCases.map(\.rawValue))

    /// The sentence naming the change.
    static func change(_ misconception: Misconception) -> MisconceptionKey {
        MisconceptionKey(unchecked: misconception.rawValue)
    }
}
