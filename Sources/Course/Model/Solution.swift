/// An exercise's answers from `Solutions/<lesson>.yaml`: the reference (whose value is the expected
/// value), accepted alternatives, and recorded wrong answers with the mistake each must trigger.
public struct Solution: Hashable, Sendable {
    /// A recorded wrong answer.
    public struct WrongAnswer: Hashable, Sendable {
        /// The answer as a learner would type it.
        public var answer: CodeSnippet
        /// The mistake id grading it must name, or nil when no named mistake should match.
        public var mistake: String?
        /// Where the entry is.
        public var location: CourseLocation
    }

    /// The reference answer; its value is the expected value.
    public var reference: CodeSnippet
    /// Other answers that must pass too.
    public var alternatives: [CodeSnippet]
    /// Recorded wrong answers, each of which must fail.
    public var wrong: [WrongAnswer]
    /// Where the exercise's entry is in the solutions file.
    public var location: CourseLocation
    /// For a `choice` exercise: why a choice is wrong, by choice id, shown to a learner who picks
    /// it (`why:` in the solutions file, in every language of the course).
    public var why: [String: LocalizedText] = [:]

    /// Creates a solution.
    public init(
        reference: CodeSnippet, alternatives: [CodeSnippet] = [], wrong: [WrongAnswer] = [],
        location: CourseLocation, why: [String: LocalizedText] = [:]
    ) {
        self.reference = reference
        self.alternatives = alternatives
        self.wrong = wrong
        self.location = location
        self.why = why
    }
}
