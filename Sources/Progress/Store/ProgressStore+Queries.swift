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
        try perform(.init(.readLatestAttempts)) {
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
        // The best attempt as `Attempt.isBetter` orders them: most points, then the best verdict
        // (ranks from AttemptVerdict.rank, so SQL and Swift order them alike), then the latest.
        let rank = AttemptVerdict.allCases.map { "WHEN '\($0.rawValue)' THEN \($0.rank)" }
            .joined(separator: " ")
        let exercise = "PARTITION BY attempt.lesson_id, attempt.exercise_id"
        let sql = """
            WITH ranked AS (
                SELECT attempt.lesson_id, attempt.exercise_id, attempt.verdict, attempt.points,
                       attempt.after_solution,
                       row_number() OVER (\(exercise)
                           ORDER BY attempt.points DESC, CASE attempt.verdict \(rank) END, attempt.id DESC
                       ) AS best_order,
                       count(*) OVER (\(exercise)) AS attempts,
                       max(attempt.verdict = 'gave-up') OVER (\(exercise)) AS gave_up,
                       max(attempt.verdict = 'pass') OVER (\(exercise)) AS ever_passed,
                       max(attempt.id) OVER (\(exercise)) AS latest_id
                FROM attempt JOIN profile ON profile.id = attempt.profile_id
                WHERE profile.name = ? AND attempt.course_id = ?
            )
            SELECT best.lesson_id, best.exercise_id, best.verdict, best.points, best.after_solution,
                   best.attempts, best.gave_up, best.ever_passed, latest.max_points, latest.created_at
            FROM ranked AS best JOIN attempt AS latest ON latest.id = best.latest_id
            WHERE best.best_order = 1
            """
        return try perform(.init(.readStatuses)) {
            try pool.read { db in
                var statuses: [ExerciseKey: ExerciseStatus] = [:]
                for row in try Row.fetchAll(db, sql: sql, arguments: [profile, course]) {
                    let key = ExerciseKey(lesson: row["lesson_id"], exercise: row["exercise_id"])
                    statuses[key] = ExerciseStatus(
                        key: key, bestVerdict: row["verdict"], bestPoints: row["points"],
                        bestAfterSolution: row["after_solution"], everPassed: row["ever_passed"],
                        maxPoints: row["max_points"], attempts: row["attempts"], gaveUp: row["gave_up"],
                        lastAttempt: row["created_at"])
                }
                return statuses
            }
        }
    }
}
