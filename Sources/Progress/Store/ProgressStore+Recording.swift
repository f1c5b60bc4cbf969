import Foundation
import GRDB
import Wording

/// ``ProgressRecording`` in SQL: each write one transaction, each read one snapshot.
extension ProgressStore {
    public func openProfile(named name: String, language: Language?) throws -> Profile {
        try ProgressNames.check(.profile, name)
        let created = now()
        return try perform(.init(.openProfile, name)) {
            try pool.write { db in
                // Two processes may create the same profile at once: the loser keeps the winner's.
                try db.execute(
                    sql: "INSERT INTO profile (name, language, created_at) VALUES (?, ?, ?) "
                        + "ON CONFLICT (name) DO NOTHING",
                    arguments: [name, language?.code, created])
                let row = try Row.fetchOne(
                    db, sql: "SELECT language, created_at FROM profile WHERE name = ?", arguments: [name])!
                return Profile(
                    name: name, language: Self.language(row["language"]), created: row["created_at"])
            }
        }
    }

    public func profiles() throws -> [Profile] {
        try perform(.init(.listProfiles)) {
            try pool.read { db in
                try Row.fetchAll(db, sql: "SELECT name, language, created_at FROM profile ORDER BY name")
                    .map {
                        Profile(
                            name: $0["name"], language: Self.language($0["language"]),
                            created: $0["created_at"])
                    }
            }
        }
    }

    public func setLanguage(_ language: Language?, profile: String) throws {
        try perform(.init(.setLanguage, profile)) {
            try pool.write { db in
                let id = try Self.profileId(db, profile)
                try db.execute(
                    sql: "UPDATE profile SET language = ? WHERE id = ?", arguments: [language?.code, id])
            }
        }
    }

    public func setting(_ key: String, profile: String) throws -> String? {
        try perform(.init(.readSetting, key)) {
            try pool.read { db in
                let id = try Self.profileId(db, profile)
                return try String.fetchOne(
                    db, sql: "SELECT value FROM setting WHERE profile_id = ? AND key = ?",
                    arguments: [id, key])
            }
        }
    }

    public func setSetting(_ key: String, to value: String?, profile: String) throws {
        try perform(.init(.saveSetting, key)) {
            try pool.write { db in
                let id = try Self.profileId(db, profile)
                if let value {
                    try db.execute(
                        sql: "INSERT INTO setting (profile_id, key, value) VALUES (?, ?, ?) "
                            + "ON CONFLICT (profile_id, key) DO UPDATE SET value = excluded.value",
                        arguments: [id, key, value])
                } else {
                    try db.execute(
                        sql: "DELETE FROM setting WHERE profile_id = ? AND key = ?", arguments: [id, key])
                }
            }
        }
    }

    public func record(_ attempt: Attempt) throws {
        try ProgressNames.check(attempt)
        try perform(.init(.recordAttempt, "\(attempt.key)")) {
            try pool.write { db in
                let id = try Self.profileId(db, attempt.profile)
                try AttemptRecord(attempt, profileId: id).insert(db)
            }
        }
    }

    public func attempts(profile: String, course: String) throws -> [Attempt] {
        try perform(.init(.readAttempts)) {
            try pool.read { db in
                try AttemptRecord.fetchAll(
                    db,
                    sql: """
                        SELECT attempt.* FROM attempt JOIN profile ON profile.id = attempt.profile_id
                        WHERE profile.name = ? AND attempt.course_id = ? ORDER BY attempt.id
                        """,
                    arguments: [profile, course]
                ).map { $0.attempt(profile: profile) }
            }
        }
    }

    public func setPosition(profile: String, course: String, lesson: String, step: Int) throws {
        try ProgressNames.check(course: course, lesson: lesson)
        let updated = now()
        try perform(.init(.savePosition, lesson)) {
            try pool.write { db in
                let id = try Self.profileId(db, profile)
                try db.execute(
                    sql: """
                        INSERT INTO position (profile_id, course_id, lesson_id, step, updated_at)
                        VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (profile_id, course_id, lesson_id)
                        DO UPDATE SET step = excluded.step, updated_at = excluded.updated_at
                        """,
                    arguments: [id, course, lesson, step, updated])
            }
        }
    }

    public func markCompleted(profile: String, course: String, lesson: String) throws {
        try ProgressNames.check(course: course, lesson: lesson)
        let date = now()
        try perform(.init(.markCompleted, lesson)) {
            try pool.write { db in
                let id = try Self.profileId(db, profile)
                try db.execute(
                    sql: """
                        INSERT INTO position (profile_id, course_id, lesson_id, step, completed_at, updated_at)
                        VALUES (?, ?, ?, 0, ?, ?)
                        ON CONFLICT (profile_id, course_id, lesson_id)
                        DO UPDATE SET completed_at = coalesce(completed_at, excluded.completed_at),
                                      updated_at = excluded.updated_at
                        """,
                    arguments: [id, course, lesson, date, date])
            }
        }
    }

    public func positions(profile: String, course: String) throws -> [LessonPosition] {
        try perform(.init(.readPositions)) {
            try pool.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT lesson_id, step, completed_at, updated_at
                        FROM position JOIN profile ON profile.id = position.profile_id
                        WHERE profile.name = ? AND position.course_id = ? ORDER BY lesson_id
                        """,
                    arguments: [profile, course]
                ).map {
                    LessonPosition(
                        lesson: $0["lesson_id"], step: $0["step"], completed: $0["completed_at"],
                        updated: $0["updated_at"])
                }
            }
        }
    }

    public func reset(profile: String, course: String, lesson: String) throws {
        try perform(.init(.resetLesson, lesson)) {
            try pool.write { db in
                let id = try Self.profileId(db, profile)
                let arguments: StatementArguments = [id, course, lesson]
                try db.execute(
                    sql: "DELETE FROM attempt WHERE profile_id = ? AND course_id = ? AND lesson_id = ?",
                    arguments: arguments)
                try db.execute(
                    sql: "DELETE FROM position WHERE profile_id = ? AND course_id = ? AND lesson_id = ?",
                    arguments: arguments)
            }
        }
    }

    public func courses(profile: String) throws -> [String] {
        try perform(.init(.listCourses)) {
            try pool.read { db in
                try String.fetchAll(
                    db,
                    sql: """
                        SELECT course_id FROM attempt JOIN profile ON profile.id = attempt.profile_id
                        WHERE profile.name = ?
                        UNION
                        SELECT course_id FROM position JOIN profile ON profile.id = position.profile_id
                        WHERE profile.name = ?
                        ORDER BY course_id
                        """,
                    arguments: [profile, profile])
            }
        }
    }

    /// A stored language code as a language (NULL: none chosen).
    private static func language(_ code: String?) -> Language? { code.map { Language($0) } }
}
