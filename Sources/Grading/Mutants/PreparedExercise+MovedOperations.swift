import AnswerLanguage
import CNN
import Course

/// A mutant with one operation applied at another place (`OperationMover`), run in the setup.
struct MovedEntry: Sendable {
    var mutant: Mutant
    var value: Value
    /// The reference or alternative it was made from.
    var origin: String
}

/// Operations applied at another place of the calculation (`OperationMover`): run once per
/// exercise with the other mutants, and told only where no other mutant explains the answer —
/// a moved operation is the last reading of a value, since it writes every operation the
/// calculation writes and so agrees with no simpler change's typing.
extension PreparedExercise {
    /// Moved-operation mutants run per exercise at most (on top of the other limits).
    static let moveLimit = 40

    /// The moved-operation mutants of `sources` (the reference and passing alternatives), run in
    /// the setup. One the setup cannot tell from the reference (a clamp that clips nothing at
    /// either place) is left out: it changes nothing a learner would see.
    func movedEntries(
        of sources: [String], seen: inout Set<String>, runner: MutantRunner, comparer: Comparer
    ) -> [MovedEntry] {
        var made: [(mutant: Mutant, origin: String)] = []
        for source in sources {
            for mutant in OperationMover.mutants(of: source) where seen.insert(mutant.source).inserted {
                made.append((mutant, source))
            }
        }
        var entries: [MovedEntry] = []
        for (mutant, origin) in made.prefix(Self.moveLimit) {
            guard let value = runner.value(of: mutant.source), !comparer.matches(value, expected) else {
                continue
            }
            entries.append(MovedEntry(mutant: mutant, value: value, origin: origin))
        }
        return entries
    }

    /// The one moved operation that explains the answer typed as `source`, whose value is
    /// `answer`: a moved-operation mutant with that value, whose calls and operators the answer
    /// writes exactly (no operation left out, added or swapped: `OperationMover.operations`), and
    /// that agrees with the answer where the setup's numbers move and, for a formula, at every
    /// point. Nil when none does, or when two moves of one calculation give the value (which
    /// place the learner meant is then not known).
    func movedExplaining(_ answer: Value, source: String, comparer: Comparer) -> Mutant? {
        guard !mutants.isPartial, let written = OperationMover.operations(in: source), !written.isEmpty,
            !regroupsRightAnswer(source)
        else {
            return nil
        }
        let fitting = mutants.moves.filter { entry in
            comparer.matches(answer, entry.value)
                && OperationMover.operations(in: entry.mutant.source) == written
                && entry.mutant.changes[0].terms.count == 2
                && OperationMover.writes(
                    source, key: entry.mutant.changes[0].terms[0], appliedTo: entry.mutant.changes[0].terms[1]
                )
                && mutants.formulas?.same(source, entry.mutant.source) != false
                && perturbedSetup.differ(source, entry.mutant.source, comparer: comparer) != true
        }
        guard let first = fitting.first else { return nil }
        // The reference's reading first; two different moves of one source give no story.
        let sameOrigin = fitting.filter { $0.origin == first.origin }
        let stories = Set(sameOrigin.map { $0.mutant.changes[0].told })
        return stories.count == 1 ? first.mutant : nil
    }

    /// Whether the answer typed as `source` is a right answer's numbers, names and operations in
    /// the same order, grouped otherwise (`(c - c.min()) / c.max() - c.min()`): its brackets are
    /// what went wrong, which the relation `brackets-regrouped` says better than a moved part.
    private func regroupsRightAnswer(_ source: String) -> Bool {
        guard let solution = exercise.solution, let typed = TypedAnswer(source), let pieces = typed.pieces
        else { return false }
        return ([solution.reference] + solution.alternatives).contains {
            TypedAnswer($0.text).map { $0.pieces == pieces } == true
        }
    }
}
