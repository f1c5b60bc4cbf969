/// The result of grading a class: every learner's verdicts, in a deterministic order.
public struct ClassReport: Hashable, Sendable {
    /// One exercise's verdict for one learner.
    public struct Result: Hashable, Sendable {
        /// `lesson-id/exercise-id`.
        public var exercise: String
        /// The verdict.
        public var verdict: Verdict
    }

    /// One learner's results.
    public struct Learner: Hashable, Sendable {
        /// The learner's name from the submission.
        public var learner: String
        /// The submission file.
        public var file: String
        /// One result per exercise of the course, in course order.
        public var results: [Result]
        /// Notes about the submission (answers to exercises the course does not have).
        public var notes: [String]

        /// Points earned.
        public var points: Int { results.reduce(0) { $0 + $1.verdict.points } }
        /// Points available.
        public var maxPoints: Int { results.reduce(0) { $0 + $1.verdict.maxPoints } }
    }

    /// A submission that could not be graded.
    public struct Skipped: Hashable, Sendable {
        /// The file.
        public var file: String
        /// Why, with its location.
        public var message: String
    }

    /// The course id.
    public var course: String
    /// The course version.
    public var version: Int
    /// Every exercise key, in course order.
    public var exercises: [String]
    /// Graded learners, ordered by learner name, then file.
    public var learners: [Learner]
    /// Submissions that were reported and skipped, ordered by file.
    public var skipped: [Skipped]
    /// The titles the course gives its named mistakes in the report's language, by
    /// `lesson-id/exercise-id` and mistake id.
    public var mistakeTitles: [String: [String: String]] = [:]

    /// A named mistake as a report names it: its id, with its title when the course gives one —
    /// `added-sizes (<the course's title for it, in Korean in a Korean report>)`.
    func mistakeName(_ id: String, exercise: String) -> String {
        mistakeTitles[exercise]?[id].map { "\(id) (\($0))" } ?? id
    }

    /// Whether every graded answer passed and no submission was skipped.
    public var allPassed: Bool {
        skipped.isEmpty && learners.allSatisfy { $0.results.allSatisfy(\.verdict.passed) }
    }

    /// The version of the JSON, JUnit, CSV and Gradescope reports' layout (`schema_version`), raised
    /// whenever a field or column changes meaning or goes away; new fields may appear without it.
    /// 1: the first layout; 2: `schema_version` itself, CSV's `file` column, duplicate-learner notes.
    public static let schemaVersion = 2

    /// This report with every duration set to zero, for comparing reports of different runs.
    public var withoutDurations: ClassReport {
        var copy = self
        for l in copy.learners.indices {
            for r in copy.learners[l].results.indices {
                copy.learners[l].results[r].verdict.durationMilliseconds = 0
            }
        }
        return copy
    }
}
