import AnswerLanguage
import CNN
import Course

/// Mutants run in the exercise's setup that give one value: the misconceptions that explain it
/// (one, or two the setup cannot tell apart, which the message then names both).
struct MutantGroup {
    var mutants: [Mutant]
    var value: Value
}

/// An exercise's misconception mutants, run once: the values that tell misconceptions apart, and
/// the mutants the setup cannot tell from the reference (`check` reports them: such a wrong answer
/// would pass).
struct MutantCatalogue {
    /// Values that one or two misconceptions explain, each differing from the expected value.
    var groups: [MutantGroup] = []
    /// Mutants whose value the comparison cannot tell from the expected one.
    var indistinguishable: [Mutant] = []
    /// Every mutant that ran, with its value (for `check`).
    var all: [(mutant: Mutant, value: Value)] = []

    /// Mutants run per exercise at most, so grading stays fast. A count, not a time: the same
    /// answer must get the same verdict however loaded the machine is (each mutant still runs
    /// under the answer time limit).
    static let limit = 120
}

extension PreparedExercise {
    /// The exercise's mutants, computed on first need and kept.
    var mutants: MutantCatalogue {
        if let cachedMutants { return cachedMutants }
        let catalogue = makeMutants()
        cachedMutants = catalogue
        return catalogue
    }

    /// The misconceptions whose mutant has the answer's value, if any.
    func mutants(matching answer: Value, comparer: Comparer) -> MutantGroup? {
        mutants.groups.first { comparer.matches(answer, $0.value) }
    }

    /// Runs the reference's and alternatives' mutants in the setup. A value that two different
    /// misconceptions both give is dropped: the grader could not say which one the learner had.
    private func makeMutants() -> MutantCatalogue {
        var catalogue = MutantCatalogue()
        let model = exercise.kind == .model
        guard exercise.compare,
            exercise.kind == .value || exercise.kind == .tensor || (model && exercise.inputShape != nil),
            let solution = exercise.solution
        else { return catalogue }
        let base = self.base
        let session = self.session()
        let comparer = Comparer(exercise: exercise, prepared: self, session: session, language: "en")
        // Only answers that pass are worth mutating: a mutant of a wrong alternative would name
        // a change to something that was never right.
        let sources =
            [solution.reference]
            + solution.alternatives.filter { alternative in
                guard let value = try? self.session().run(alternative.text) else { return false }
                return comparer.matches(value, expected)
            }
        let isInteger: (String) -> Bool = { name in
            if case .int = base[name] { return true }
            return false
        }
        var mutants: [Mutant] = []
        var seen: Set<String> = Set(sources.map(\.text))
        for source in sources {
            for mutant in MutantGenerator.mutants(of: source.text, model: model, isInteger: isInteger)
            where seen.insert(mutant.source).inserted {
                mutants.append(mutant)
            }
        }
        var found: [(mutant: Mutant, value: Value)] = []
        for mutant in mutants.prefix(MutantCatalogue.limit) {
            guard let value = try? self.session().run(mutant.source) else { continue }
            if case .none = value { continue }
            // Zero is what too many different slips give (a kernel summing to 0 times anything):
            // a mutant that comes out 0 explains nothing.
            if let number = ValueConversion.numeric(value), number.values.allSatisfy({ $0 == 0 }) { continue }
            if comparer.matches(value, expected) {
                catalogue.indistinguishable.append(mutant)
            } else {
                found.append((mutant, value))
            }
        }
        catalogue.all = found
        let floors = sources.contains { $0.text.contains("//") }
        // Mutants with the same value: telling misconceptions win over generic ones; one or two
        // of a kind explain the value, more leave it unexplained.
        var used = Array(repeating: false, count: found.count)
        for (index, candidate) in found.enumerated() where !used[index] {
            var same: [Mutant] = []
            for (other, entry) in found.enumerated().dropFirst(index)
            where comparer.matches(entry.value, candidate.value) {
                used[other] = true
                if !same.contains(where: { $0.misconception == entry.mutant.misconception }) {
                    same.append(entry.mutant)
                }
            }
            let telling = same.filter { !$0.misconception.isGeneric }
            let chosen = telling.isEmpty ? same : telling
            // Two generic changes agreeing is a coincidence, not an explanation; with floor
            // division so many formulas land on the same small number that only one telling
            // misconception may explain it.
            let limit = telling.isEmpty || floors ? 1 : 2
            guard chosen.count <= limit else { continue }
            catalogue.groups.append(MutantGroup(mutants: chosen, value: candidate.value))
        }
        return catalogue
    }
}
