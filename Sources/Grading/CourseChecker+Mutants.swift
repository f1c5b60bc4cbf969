import AnswerLanguage
import CNN
import Course

extension CourseChecker {
    /// What the misconception mutants say about an exercise's setup and named mistakes: a mutant
    /// the setup cannot tell from the reference (a learner with that misconception would pass),
    /// and a named mistake whose `when` also holds for an unrelated mutant (it matches by value
    /// alone, and would fire on a coincidence). A mutant is that mistake only when a recorded wrong
    /// answer of the mistake gives its value *and* the `when` still holds for it with other whole
    /// numbers in the setup (a recorded answer typed as a number, `"10"`, proves nothing about
    /// where the value came from).
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
        var recorded: [String: [(text: String, value: Value)]] = [:]
        for wrong in solution.wrong {
            guard let mistake = wrong.mistake, let value = try? prepared.session().run(wrong.answer.text)
            else { continue }
            recorded[mistake, default: []].append((wrong.answer.text, value))
        }
        for mistake in exercise.mistakes {
            for (mutant, value) in catalogue.all {
                // A mistake the grader does not tell of this slip (one named for a network's
                // parameter count, of a network with another output) is no coincidence to report.
                guard Self.holds(mistake.when.text, answer: value, prepared: prepared),
                    !prepared.countOnlyMistakeDenied(mistake.when.text, answer: value)
                else { continue }
                let slip =
                    "'\(mutant.misconception.rawValue)' (`\(Self.oneLine(mutant.source))`, value "
                    + "\(ValueConversion.text(value).firstLine))"
                // A recorded answer with the mutant's value is that slip only if other data keeps
                // the two equal: negating an antisymmetric kernel gives what turning it by 180°
                // gives, on this kernel only.
                let same = (recorded[mistake.id] ?? []).filter { comparer.matches($0.value, value) }
                if !same.contains(where: {
                    Self.agreeOnOtherData(
                        $0.text, mutant.source, prepared: prepared, perturbations: perturbations,
                        comparer: comparer)
                }) {
                    problems.append(
                        CourseProblem(
                            "mistake '\(mistake.id)' of '\(exercise.id)' also holds for the unrelated slip \(slip): "
                                + "its 'when' would fire on a coincidence; make it more specific, or record that "
                                + "answer as this mistake if it is one",
                            at: mistake.when.location))
                    break
                }
                if !Self.holdsOnOtherData(
                    mistake.when.text, for: mutant, value: value, reference: solution.reference.text,
                    prepared: prepared, perturbations: perturbations, comparer: comparer)
                {
                    problems.append(
                        CourseProblem(
                            "mistake '\(mistake.id)' of '\(exercise.id)' holds for the slip \(slip) only with "
                                + "this setup's numbers: with another whole number in the setup it does not, so "
                                + "its 'when' matches a value, not the slip, and would fire on a coincidence; "
                                + "write it in the setup's names",
                            at: mistake.when.location))
                    break
                }
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
                integers.append(
                    Perturbation(bindings: [(name, .int(value.moved(by: 2)))], isWholeNumber: true))
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
        let change = mutant.misconception
        let wholeNumbersTell = !change.isGeneric && !change.differsOnlyWhereInexact
        for perturbation in perturbations where wholeNumbersTell || !perturbation.isWholeNumber {
            // A mutant of an answer written with literals (`conv2d(ones(1, 1, 8, 8), …)`) does
            // not read the setup's data: other data says nothing about it.
            guard let expected = run(reference, with: perturbation.bindings),
                let value = run(mutant.source, with: perturbation.bindings),
                !comparer.matches(value, prepared.expected)
            else { continue }
            if !comparer.matches(value, expected) { return true }
        }
        return false
    }

    /// Whether two answers still agree with the setup's tensors replaced by random ones (true
    /// when that cannot be told: no tensor to replace, either fails there, or either does not read
    /// the data — an answer typed as numbers proves nothing about other data).
    static func agreeOnOtherData(
        _ first: String, _ second: String, prepared: PreparedExercise, perturbations: [Perturbation],
        comparer: Comparer
    ) -> Bool {
        // A recorded answer may read a tensor the setup made from another (`k_rotated` beside
        // `k`), which random data would not keep in step: only answers reading the same names
        // are compared.
        guard PreparedExercise.names(in: first) == PreparedExercise.names(in: second) else { return true }
        for perturbation in perturbations where !perturbation.isWholeNumber {
            func run(_ source: String) -> Value? {
                let session = prepared.session()
                for (name, value) in perturbation.bindings { session.interpreter.bind(name, value) }
                return try? session.run(source)
            }
            guard let a = run(first), let b = run(second),
                let before = try? prepared.session().run(first), !comparer.matches(a, before),
                let unmoved = try? prepared.session().run(second), !comparer.matches(b, unmoved)
            else { continue }
            if !comparer.matches(a, b) { return false }
        }
        return true
    }

    /// Whether `condition` holds for the mutant's value with each other whole number the setup
    /// can take, where both the reference and the mutant run and the mutant's value (`value` in
    /// the setup) changes. Tensors are not changed here: a setup's tensors are often made from one
    /// another (`k_rotated` beside `k`), and random ones would break what a `when` relies on.
    static func holdsOnOtherData(
        _ condition: String, for mutant: Mutant, value original: Value, reference: String,
        prepared: PreparedExercise, perturbations: [Perturbation], comparer: Comparer
    ) -> Bool {
        for perturbation in perturbations where perturbation.isWholeNumber {
            func session() -> TimedInterpreter {
                let session = prepared.session()
                for (name, value) in perturbation.bindings { session.interpreter.bind(name, value) }
                return session
            }
            guard let expected = try? session().run(reference), let value = try? session().run(mutant.source),
                !comparer.matches(value, original)
            else { continue }
            let judge = session()
            judge.interpreter.bind("answer", value)
            judge.interpreter.bind("expected", expected)
            guard let holds = try? judge.evaluate(condition) else { continue }
            if !ValueConversion.truthy(holds) { return false }
        }
        return true
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
        guard let value = try? prepared.evaluate(condition: condition, in: session, typed: nil) else {
            return false
        }
        return ValueConversion.truthy(value)
    }
}
