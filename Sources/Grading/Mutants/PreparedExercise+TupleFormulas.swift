import Wording

/// A tuple answer read entry by entry (`TupleFormulas`): where the reference is a tuple of
/// formulas, an answer that is it with one change in an entry, the same change in each entry, or
/// two names swapped in every entry, is told that change, said of the entries it is in.
extension PreparedExercise {
    /// The change (as one mutant, its changes said of their entries) that the answer typed as
    /// `source` is, where the reference is a tuple of formulas; nil when it is no such change.
    func tupleMutant(_ source: String) -> Mutant? {
        guard let tuples = mutants.tuples,
            let reading = tuples.read(source, admits: { entry, mutant in !typingContradicts(entry, mutant) })
        else { return nil }
        if let swap = reading.swapped {
            // Swapped in every entry at once: one change of the whole tuple.
            return Mutant(misconception: .namesSwapped, source: source, piece: "\(swap.first) \(swap.second)")
        }
        // Changes of two misconceptions at once in one entry are too many readings to tell by entry.
        guard !reading.changed.isEmpty, reading.changed.allSatisfy({ $0.mutant.changes.count == 1 }) else {
            return nil
        }
        let text = GradingText()
        let said = reading.changed.map { text.change($0.mutant) }
        let first = reading.changed[0].mutant.changes[0]
        // The same change in the same words in every entry: said once, of each entry.
        if reading.changed.count == tuples.entries.count, said.allSatisfy({ $0 == said[0] }),
            reading.changed.allSatisfy({ $0.mutant.misconception == first.misconception })
        {
            var change = first
            change.told = text.say(.mutantInEachEntry, ["change": said[0]])
            change.inEntries = true
            var mutant = Mutant(misconception: first.misconception, source: source, piece: first.piece)
            mutant.changes = [change]
            return mutant
        }
        // Otherwise each changed entry is said with its place; a sentence names two at most.
        guard reading.changed.count <= 2 else { return nil }
        var mutant = Mutant(misconception: first.misconception, source: source, piece: first.piece)
        mutant.changes = zip(reading.changed, said).map { entry, phrase in
            var change = entry.mutant.changes[0]
            change.told = text.say(.mutantInEntry, ["position": entry.index + 1, "change": phrase])
            change.inEntries = true
            return change
        }
        return mutant
    }
}
