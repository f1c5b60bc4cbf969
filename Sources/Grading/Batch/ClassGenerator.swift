import Course

/// A made-up class for a course, for `make bench-grade` and the batch tests: every learner answers
/// every exercise with a text drawn from the course's own `Solutions/`, the way a real class's
/// answers fall.
///
/// Per exercise and learner, by a seeded generator (the same seed gives the same class):
/// - `right` (56%): the reference or one of its alternatives, as written;
/// - `recordedWrong` (30%): one of the recorded wrong answers (a right one when there is none);
/// - `blank` (4%): no answer;
/// - `unique` (8%): a right or wrong text only this learner wrote: respaced, or with a line of
///   their own before it (`note_17 = 17`), or (at a choice) the ids spelt another way;
/// - `broken` (1.5%): a text cut short, which does not evaluate;
/// - `hostile` (0.5%, at most `hostileExercises` exercises): an answer that tries to hang the
///   grader or exhaust its memory (a convolution of 10¹² multiply-adds, a 10¹⁰-element tensor).
///
/// These shares are the ones measured on a real class of this course (issue #13): 56% right, 30%
/// recorded wrong, the rest blank, unique or broken.
public struct ClassGenerator: Sendable {
    /// How an answer was drawn.
    public enum Kind: String, Sendable, CaseIterable {
        case right, recordedWrong = "recorded-wrong", blank, unique, broken, hostile
    }

    /// Answers that try to take the grader down; each must come back as `error` or `timeout`.
    public static let hostileAnswers = [
        "conv2d(zeros(1, 1, 3000, 3000), zeros(1, 1, 1000, 1000)).sum()",
        "randn(100000, 100000)",
    ]

    /// The course's exercises that have a solution, as `(key, exercise)` in course order.
    public let exercises: [(key: String, exercise: Exercise)]
    /// The seed of the draws.
    public var seed: UInt64
    /// How many exercises (the first tensor or value exercises in course order) receive the hostile
    /// answers; each hostile text costs up to its time limit once per exercise, so few.
    public var hostileExercises: Int

    /// A generator for `course`'s exercises.
    public init(course: Course, seed: UInt64 = 1, hostileExercises: Int = 1) {
        exercises = course.allExercises.compactMap { pair in
            pair.exercise.solution == nil ? nil : ("\(pair.lesson.id)/\(pair.exercise.id)", pair.exercise)
        }
        self.seed = seed
        self.hostileExercises = hostileExercises
    }

    /// `count` learners named `learner-0001`…, each with an answer drawn for every exercise (a
    /// blank one left out of `answers`, as an export leaves an exercise never answered).
    public func learners(_ count: Int, course: Course) -> [(submission: LearnerSubmission, kinds: [Kind])] {
        var generator = SplitMix64(seed: seed)
        let hostileKeys = Set(
            exercises.filter { $0.exercise.kind == .tensor || $0.exercise.kind == .value }.prefix(
                hostileExercises
            ).map(\.key))
        let width = String(count).count
        return (0..<count).map { index in
            let name =
                "learner-" + String(repeating: "0", count: max(0, width - String(index + 1).count))
                + String(index + 1)
            var answers: [(key: String, answer: String)] = []
            var kinds: [Kind] = []
            for (key, exercise) in exercises {
                let (kind, text) = draw(
                    exercise, learner: index + 1, hostileAllowed: hostileKeys.contains(key),
                    generator: &generator)
                kinds.append(kind)
                if let text { answers.append((key, text)) }
            }
            return (
                LearnerSubmission(
                    learner: name, course: course.id, version: course.version, answers: answers,
                    file: name + ".json"),
                kinds
            )
        }
    }

    private func draw(
        _ exercise: Exercise, learner: Int, hostileAllowed: Bool, generator: inout SplitMix64
    ) -> (Kind, String?) {
        guard let solution = exercise.solution else { return (.blank, nil) }
        let rights = [solution.reference.text] + solution.alternatives.map(\.text)
        let wrongs = solution.wrong.map(\.answer.text)
        let roll = generator.unit()
        let pickRight = { (generator: inout SplitMix64) -> String in
            // The reference is what most learners write; alternatives share the rest.
            generator.unit() < 0.7 || rights.count == 1
                ? rights[0] : rights[1 + generator.below(rights.count - 1)]
        }
        switch roll {
        case ..<0.56:
            return (.right, pickRight(&generator))
        case ..<0.86:
            guard !wrongs.isEmpty else { return (.right, pickRight(&generator)) }
            return (.recordedWrong, wrongs[generator.below(wrongs.count)])
        case ..<0.90:
            return (.blank, nil)
        case ..<0.98:
            let base =
                generator.unit() < 0.6 || wrongs.isEmpty
                ? pickRight(&generator) : wrongs[generator.below(wrongs.count)]
            return (.unique, variant(of: base, kind: exercise.kind, learner: learner, generator: &generator))
        case ..<0.995:
            let text = rights[0]
            return (.broken, text.count > 1 ? String(text.dropLast()) + "(" : "(")
        default:
            guard hostileAllowed else { return (.right, pickRight(&generator)) }
            return (.hostile, Self.hostileAnswers[generator.below(Self.hostileAnswers.count)])
        }
    }

    /// The text as one learner wrote it: the same answer, typed differently.
    private func variant(of text: String, kind: Exercise.Kind, learner: Int, generator: inout SplitMix64)
        -> String
    {
        if kind == .choice {
            let ids = text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "[" || $0 == "]" })
            switch generator.below(3) {
            case 0: return ids.map { $0.uppercased() }.joined(separator: ", ")
            case 1: return "[" + ids.map { "'\($0)'" }.joined(separator: ", ") + "]"
            default: return ids.joined(separator: " ")
            }
        }
        switch generator.below(3) {
        case 0:
            // Respaced: no space after commas, spaces inside the outer parentheses.
            return text.replacingOccurrences(of: ", ", with: ",").replacingOccurrences(of: "(", with: "( ")
        case 1:
            return "note_\(learner) = \(learner)\n" + text
        default:
            return text + "  # mine, learner \(learner)"
        }
    }
}

/// SplitMix64: a small seedable generator, so a generated class is the same on every machine.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform number in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// A uniform integer in `0..<bound` (bound ≥ 1).
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(1, bound))) }
}
