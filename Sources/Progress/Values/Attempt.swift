import Foundation

/// One answer a learner gave at one exercise (or a give-up or skip), as recorded.
public struct Attempt: Sendable, Hashable {
    /// The profile that made the attempt.
    public var profile: String
    /// The course's id.
    public var course: String
    /// The course's version when the attempt was made.
    public var courseVersion: String
    /// The lesson and exercise answered.
    public var key: ExerciseKey
    /// The answer text as typed; `nil` for a give-up or skip with nothing typed.
    public var answer: String?
    /// How the attempt ended.
    public var verdict: AttemptVerdict
    /// Points awarded (partial credit may be fractional).
    public var points: Double
    /// Points the exercise was worth.
    public var maxPoints: Double
    /// The id of the named mistake the answer showed, if any.
    public var mistake: String?
    /// How many hints the learner had seen when answering.
    public var hintsUsed: Int
    /// How long grading took, in milliseconds.
    public var durationMilliseconds: Int
    /// When the attempt was made (stored to the millisecond).
    public var date: Date
    /// Whether the learner had seen the solution (asked for it or gave up) before this answer;
    /// a pass then is "solved after the solution" and earns the course's `after_solution_points`.
    public var afterSolution: Bool

    /// Creates an attempt; every field is stored as given.
    public init(
        profile: String, course: String, courseVersion: String, key: ExerciseKey,
        answer: String?, verdict: AttemptVerdict, points: Double, maxPoints: Double,
        mistake: String? = nil, hintsUsed: Int = 0, durationMilliseconds: Int = 0, date: Date,
        afterSolution: Bool = false
    ) {
        self.profile = profile
        self.course = course
        self.courseVersion = courseVersion
        self.key = key
        self.answer = answer
        self.verdict = verdict
        self.points = points
        self.maxPoints = maxPoints
        self.mistake = mistake
        self.hintsUsed = hintsUsed
        self.durationMilliseconds = durationMilliseconds
        self.date = date
        self.afterSolution = afterSolution
    }

    /// Whether this attempt passed only after the learner had seen the solution.
    public var solvedAfterSolution: Bool { verdict == .pass && afterSolution }

    /// Whether this attempt is a better one to keep than `other`: more points, then a better
    /// verdict (``AttemptVerdict/rank``), then the later one (`isLater` says which is later).
    ///
    /// This is the attempt `progress` counts and `progress --export` writes, so the table and
    /// `grade` of the export agree.
    public func isBetter(than other: Attempt, isLater: Bool) -> Bool {
        if points != other.points { return points > other.points }
        if verdict.rank != other.verdict.rank { return verdict.rank < other.verdict.rank }
        return isLater
    }
}
