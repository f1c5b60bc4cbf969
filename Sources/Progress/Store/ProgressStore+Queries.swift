import Foundation
import GRDB

/// The derived queries in SQL, so they read only the rows they return.
///
/// They must agree with the shared definitions in `ProgressRecording+Queries.swift`; the contract
/// tests run both on the same histories.
extension ProgressStore {
    public func latestAttempts(profile: String, course: String, answeredOnly: Bool) throws
        -> [ExerciseKey: Attempt]
    {
        try perform("read the latest attempts") {
            try pool.read { db in
                let records = try AttemptRecord.fetchAll(
                    db,
                    sql: """
                        SELECT * FROM attempt WHERE id IN (
                            SELECT max(attempt.id) FROM attempt
                            JOIN profile ON profile.id = attempt.profile_id
                            WHERE profile.name = ? AND attempt.course_id = ?
                              AND (? = 0 OR attempt.answer IS NOT NULL)
                            GROUP BY attempt.lesson_id, attempt.exercise_id)
                        """,
                    arguments: [profile, course, answeredOnly])
                return Dictionary(
                    uniqueKeysWithValues: records.map { record in
                        let attempt = record.attempt(profile: profile)
                        return (attempt.key, attempt)
                    })
            }
        }
    }

    public func exerciseStatuses(profile: String, course: String) throws
        -> [ExerciseKey: ExerciseStatus]
    {
        // The verdict ranks come from AttemptVerdict.rank, so SQL and Swift order them alike.
        let rank = AttemptVerdict.allCases.map { "WHEN '\($0.rawValue)' THEN \($0.rank)" }
            .joined(separator: " ")
        let sql = """
            SELECT latest.lesson_id, latest.exercise_id, latest.max_points, latest.created_at,
                   summary.attempts, summary.best_points, summary.best_rank, summary.gave_up
            FROM (
                SELECT max(attempt.id) AS latest_id, count(*) AS attempts,
                       max(attempt.points) AS best_points,
                       min(CASE attempt.verdict \(rank) END) AS best_rank,
                       max(attempt.verdict = 'gave-up') AS gave_up
                FROM attempt JOIN profile ON profile.id = attempt.profile_id
                WHERE profile.name = ? AND attempt.course_id = ?
                GROUP BY attempt.lesson_id, attempt.exercise_id
            ) AS summary
            JOIN attempt AS latest ON latest.id = summary.latest_id
            """
        let verdictsByRank = Dictionary(uniqueKeysWithValues: AttemptVerdict.allCases.map { ($0.rank, $0) })
        return try perform("read exercise statuses") {
            try pool.read { db in
                var statuses: [ExerciseKey: ExerciseStatus] = [:]
                for row in try Row.fetchAll(db, sql: sql, arguments: [profile, course]) {
                    let key = ExerciseKey(lesson: row["lesson_id"], exercise: row["exercise_id"])
                    statuses[key] = ExerciseStatus(
                        key: key, bestVerdict: verdictsByRank[row["best_rank"] as Int]!,
                        bestPoints: row["best_points"], maxPoints: row["max_points"],
                        attempts: row["attempts"], gaveUp: row["gave_up"], lastAttempt: row["created_at"])
                }
                return statuses
            }
        }
    }
}
