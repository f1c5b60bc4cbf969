import AnswerLanguage
import CNN
import Course

extension CourseChecker {
    /// What the misconception mutants say about an exercise's setup and named mistakes: a mutant
    /// the setup cannot tell from the reference (a learner with that misconception would pass),
    /// and a named mistake whose `when` also holds for a mutant no recorded wrong answer of that
    /// mistake gives (it matches by value alone, and would fire on a coincidence).
    func mutantProblems(of exercise: Exercise, prepared: PreparedExercise) -> [CourseProblem] {
        guard let solution = exercise.solution else { return [] }
        let catalogue = prepared.mutants
        var problems: [CourseProblem] = []
        let place = exercise.setup?.location ?? solution.reference.location
        let comparer = Comparer(
            exercise: exercise, prepared: prepared, session: prepared.session(), language: .english)
        // A mutant that gives the reference's value whatever the data (`padding=0` left out, the
        // shape of `a - b` for `a + b`, `f // 2` for an odd `f`) is another way of writing the
        // answer, not a misconception this setup hides: only those that other data tell apart
        // are reported.
        let perturbations = Self.perturbations(of: prepared)
        for mutant in catalogue.indistinguishable
        where Self.dataHides(
            mutant, reference: solution.reference.text, prepared: prepared,
            perturbations: perturbations, comparer: comparer)
        {
            problems.append(
                CourseProblem(
                    "the setup of '\(exercise.id)' cannot tell the misconception '\(mutant.misconception.rawValue)' "
                        + "(`\(Self.oneLine(mutant.source))`) from the reference: such a wrong answer would pass; "
                        + "change the setup's data so that it gives another value",
                    at: place))
        }
        guard !exercise.mistakes.isEmpty, !catalogue.all.isEmpty else { return problems }
        // The values of the recorded wrong answers that show each mistake: a mutant giving one of
        // them is that mistake, not a coincidence.
        var recorded: [String: [Value]] = [:]
        for wrong in solution.wrong {
            guard let mistake = wrong.mistake, let value = try? prepared.session().run(wrong.answer.text)
            else { continue }
            recorded[mistake, default: []].append(value)
        }
        for mistake in exercise.mistakes {
            for (mutant, value) in catalogue.all {
                guard Self.holds(mistake.when.text, answer: value, prepared: prepared),
                    !(recorded[mistake.id] ?? []).contains(where: { comparer.matches($0, value) })
                else { continue }
                problems.append(
                    CourseProblem(
                        "mistake '\(mistake.id)' of '\(exercise.id)' also holds for the unrelated slip "
                            + "'\(mutant.misconception.rawValue)' (`\(Self.oneLine(mutant.source))`, value "
                            + "\(ValueConversion.text(value).firstLine)): its 'when' would fire on a coincidence; "
                            + "make it more specific, or record that answer as this mistake if it is one",
                        at: mistake.when.location))
                break
            }
        }
        return problems
    }

    /// Other data for the setup's names, one change at a time.
    struct Perturbation {
        /// The names and their other values.
        var bindings: [(String, Value)]
        /// Whether only a whole number changed (not a tensor's data).
        var isWholeNumber: Bool
    }

    /// Every real tensor replaced by normal random numbers of its shape (seeded), and each whole
    /// number raised by 2 (which keeps its parity: an odd kernel size stays odd).
    static func perturbations(of prepared: PreparedExercise) -> [Perturbation] {
        var generator = SeededGenerator(seed: 20_161_212)
        var tensors: [(String, Value)] = []
        var integers: [Perturbation] = []
        for name in prepared.base.boundNames {
            switch prepared.base[name] {
            case .tensor(let tensor) where tensor.kind == .real && tensor.shape.reduce(1, *) <= 1 << 16:
                if let random = try? Tensor.randn(tensor.shape, dtype: tensor.dtype, using: &generator) {
                    tensors.append((name, .tensor(random)))
                }
            case .int(let value):
                integers.append(Perturbation(bindings: [(name, .int(value + 2))], isWholeNumber: true))
            default:
                break
            }
        }
        return (tensors.isEmpty ? [] : [Perturbation(bindings: tensors, isWholeNumber: false)]) + integers
    }

    /// Whether some other data tells `mutant` from the reference: the setup's own data hides it.
    /// A generic arithmetic change (`2 + p` for `2 * p`) that only another whole number tells
    /// apart is not counted: landing on the same number is then a property of the exercise's
    /// numbers (p = 2), not a misconception its data hides.
    static func dataHides(
        _ mutant: Mutant, reference: String, prepared: PreparedExercise, perturbations: [Perturbation],
        comparer: Comparer
    ) -> Bool {
        func run(_ source: String, with bindings: [(String, Value)]) -> Value? {
            let session = prepared.session()
            for (name, value) in bindings { session.interpreter.bind(name, value) }
            return try? session.run(source)
        }
        for perturbation in perturbations
        where !(perturbation.isWholeNumber && mutant.misconception.isGeneric) {
            guard let expected = run(reference, with: perturbation.bindings),
                let value = run(mutant.source, with: perturbation.bindings)
            else { continue }
            if !comparer.matches(value, expected) { return true }
        }
        return false
    }

    /// Code as a one-line problem quotes it: its first line, `…` when there are more.
    static func oneLine(_ code: String) -> String {
        let lines = code.split(separator: "\n", omittingEmptySubsequences: true)
        return (lines.first.map(String.init) ?? "") + (lines.count > 1 ? " …" : "")
    }

    /// Whether `condition` holds with `answer` bound in a fresh session of the exercise.
    static func holds(_ condition: String, answer: Value, prepared: PreparedExercise) -> Bool {
        let session = prepared.session()
        session.interpreter.bind("answer", answer)
        session.interpreter.bind("expected", prepared.expected)
        guard let value = try? session.evaluate(condition) else { return false }
        return ValueConversion.truthy(value)
    }
}
