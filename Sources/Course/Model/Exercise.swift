/// One graded exercise: what the learner is asked, and how the grader judges the answer.
///
/// Grading fields (`kind`, `points`, `setup`, `checks[].expect`, `mistakes[].when`, …) come from
/// the default language's lesson; in a translated lesson only the text fields differ.
public struct Exercise: Hashable, Sendable, Identifiable {
    /// What sort of answer the learner gives.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// A number, bool, string, or shape/tuple.
        case value
        /// A tensor.
        case tensor
        /// One or more choice ids.
        case choice
        /// A network (a module) the learner builds.
        case model
    }

    /// A condition the answer must meet.
    public struct Check: Hashable, Sendable {
        /// Unique within the exercise; translations key their message by it.
        public var id: String
        /// An answer-language expression over `answer`, `expected` and the setup's names.
        public var expect: CodeSnippet
        /// Shown when the check fails; `{expr}` is replaced by the expression's value.
        public var message: String
        /// Points earned when this check holds though the answer fails overall (partial credit).
        public var points: Int?
        /// Where the check is declared (in a translation: where its message is).
        public var location: CourseLocation
    }

    /// A named, recognisable wrong answer.
    public struct Mistake: Hashable, Sendable {
        /// Unique within the exercise; solutions and reports name the mistake by it.
        public var id: String
        /// An answer-language expression over `answer` (and `expected`, the setup's names) that
        /// holds when the answer shows this mistake.
        public var when: CodeSnippet
        /// Shown to the learner; `{expr}` is replaced by the expression's value.
        public var message: String
        /// Where the mistake is declared (in a translation: where its message is).
        public var location: CourseLocation
        /// A few words naming the mistake in this lesson's language ("added the sizes"), shown
        /// where a learner or an instructor would otherwise read its id; nil when the lesson gives
        /// none (a translation's mistake has only the translation's title).
        public var title: String? = nil
    }

    /// One option of a `choice` exercise.
    public struct Choice: Hashable, Sendable {
        /// What the learner types to pick it.
        public var id: String
        /// The option's text (Markdown).
        public var text: String
    }

    /// How close floats and tensors must be: `|answer − expected| ≤ atol + rtol·|expected|`
    /// elementwise (numpy's `allclose`).
    public struct Tolerance: Hashable, Sendable {
        /// Relative tolerance.
        public var rtol: Double
        /// Absolute tolerance.
        public var atol: Double

        /// Creates a tolerance; the defaults are loose enough for Float32 sums computed in a
        /// different order than the reference's.
        public init(rtol: Double = 1e-4, atol: Double = 1e-5) {
            self.rtol = rtol
            self.atol = atol
        }

        /// The default tolerance.
        public static let standard = Tolerance()
    }

    /// What a `value` exercise's number is.
    public enum Quantity: String, Hashable, Sendable, CaseIterable {
        /// A spatial size: a height, a width, an output shape's side.
        case size
        /// A padding amount.
        case padding
        /// A count: elements, parameters, positions, blocks.
        case count
        /// A filter's response or an activation's value.
        case response
        /// A factor, a ratio, a gradient or a slope.
        case factor
    }

    /// Limits on evaluating one answer; nil fields mean the grader's defaults.
    public struct Limits: Hashable, Sendable {
        /// Wall-clock seconds.
        public var time: Double?
        /// Elements per tensor.
        public var elements: Int?
        /// Bytes all live tensors may hold together.
        public var memory: Int?

        /// Creates limits.
        public init(time: Double? = nil, elements: Int? = nil, memory: Int? = nil) {
            self.time = time
            self.elements = elements
            self.memory = memory
        }
    }

    /// Unique within the lesson; graded as `lesson-id/exercise-id`.
    public var id: String
    /// What sort of answer the learner gives.
    public var kind: Kind
    /// Points for a pass.
    public var points: Int
    /// What the learner is asked (Markdown).
    public var prompt: String
    /// Code run before the answer; its names are visible to the learner.
    public var setup: CodeSnippet?
    /// Shown one at a time, in order.
    public var hints: [String]
    /// Conditions an answer must meet, in order.
    public var checks: [Check]
    /// Named wrong answers, tried in order on a failing answer.
    public var mistakes: [Mistake]
    /// How close floats and tensors must be.
    public var tolerance: Tolerance
    /// Whether the answer's value is compared with the reference's (false: judged by checks only).
    public var compare: Bool
    /// Per-answer limits.
    public var limits: Limits
    /// The options of a `choice` exercise.
    public var choices: [Choice]
    /// Whether a `choice` exercise accepts several ids.
    public var multiple: Bool
    /// The input shape a `model` exercise is run on.
    public var inputShape: [Int]?
    /// What the expected number is, when the exercise says (`quantity:`); the grader then tells
    /// only the stories that fit it (a forgotten padding only about sizes). Nil: inferred from the
    /// reference answer.
    public var quantity: Quantity? = nil
    /// The reference answer and recorded answers, from `Solutions/<lesson>.yaml`.
    public var solution: Solution?
    /// Where the exercise block starts (its opening fence).
    public var location: CourseLocation

    /// The largest number of points partial credit can give.
    public var partialPoints: Int { checks.reduce(0) { $0 + ($1.points ?? 0) } }
}
