import Foundation
import GRDB

/// A row of the `attempt` table.
struct AttemptRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "attempt"
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase

    /// Assigned by SQLite on insert; its order is the commit order.
    var id: Int64?
    var profileId: Int64
    var courseId: String
    var courseVersion: String
    var lessonId: String
    var exerciseId: String
    var answer: String?
    var verdict: AttemptVerdict
    var points: Double
    var maxPoints: Double
    var mistakeId: String?
    var hintsUsed: Int
    var durationMs: Int
    var createdAt: Date
    /// 0 or 1; added by `v2-attempt-after-solution`.
    var afterSolution: Bool

    init(_ attempt: Attempt, profileId: Int64) {
        self.id = nil
        self.profileId = profileId
        self.courseId = attempt.course
        self.courseVersion = attempt.courseVersion
        self.lessonId = attempt.key.lesson
        self.exerciseId = attempt.key.exercise
        self.answer = attempt.answer
        self.verdict = attempt.verdict
        self.points = attempt.points
        self.maxPoints = attempt.maxPoints
        self.mistakeId = attempt.mistake
        self.hintsUsed = attempt.hintsUsed
        self.durationMs = attempt.durationMilliseconds
        self.createdAt = attempt.date
        self.afterSolution = attempt.afterSolution
    }

    /// The public value, for the profile this row belongs to.
    func attempt(profile: String) -> Attempt {
        Attempt(
            profile: profile, course: courseId, courseVersion: courseVersion,
            key: ExerciseKey(lesson: lessonId, exercise: exerciseId), answer: answer, verdict: verdict,
            points: points, maxPoints: maxPoints, mistake: mistakeId, hintsUsed: hintsUsed,
            durationMilliseconds: durationMs, date: createdAt, afterSolution: afterSolution)
    }
}

extension AttemptVerdict: DatabaseValueConvertible {}
