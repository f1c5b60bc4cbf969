import GRDB

/// The database schema, as an append-only list of named migrations in raw SQL.
///
/// A migration that has shipped is never edited: a schema change is a new migration appended to
/// ``migrations`` (`v2-…`), together with a seed for it in the migration tests
/// (`ProgressSchemaTests`), which fail until every migration has one.
enum ProgressSchema {
    /// Every migration, oldest first: its identifier and its SQL.
    static let migrations: [(id: String, sql: String)] = [
        ("v1-profiles-attempts-positions", v1),
        ("v2-attempt-after-solution", v2),
    ]

    /// The migrator that brings any earlier database up to the latest schema.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in migrations {
            migrator.registerMigration(migration.id) { db in
                try db.execute(sql: migration.sql)
            }
        }
        return migrator
    }

    /// Profiles, attempts, positions and settings.
    ///
    /// Dates are GRDB's text form (`YYYY-MM-DD HH:MM:SS.SSS`, UTC), which sorts by time.
    /// `attempt.id` gives the commit order that "latest" means.
    private static let v1 = """
        CREATE TABLE profile (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL UNIQUE,
            language TEXT,
            created_at TEXT NOT NULL
        );
        CREATE TABLE setting (
            profile_id INTEGER NOT NULL REFERENCES profile(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (profile_id, key)
        );
        CREATE TABLE attempt (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            profile_id INTEGER NOT NULL REFERENCES profile(id) ON DELETE CASCADE,
            course_id TEXT NOT NULL,
            course_version TEXT NOT NULL,
            lesson_id TEXT NOT NULL,
            exercise_id TEXT NOT NULL,
            answer TEXT,
            verdict TEXT NOT NULL
                CHECK (verdict IN ('pass', 'fail', 'error', 'timeout', 'gave-up', 'skipped')),
            points REAL NOT NULL,
            max_points REAL NOT NULL,
            mistake_id TEXT,
            hints_used INTEGER NOT NULL,
            duration_ms INTEGER NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE INDEX attempt_by_exercise
            ON attempt (profile_id, course_id, lesson_id, exercise_id, id);
        CREATE TABLE position (
            profile_id INTEGER NOT NULL REFERENCES profile(id) ON DELETE CASCADE,
            course_id TEXT NOT NULL,
            lesson_id TEXT NOT NULL,
            step INTEGER NOT NULL,
            completed_at TEXT,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (profile_id, course_id, lesson_id)
        );
        """

    /// Whether an attempt came after the learner saw the solution (gave up or asked for it), so a
    /// pass then is recorded as "solved after the solution". Earlier attempts were not told apart.
    private static let v2 = """
        ALTER TABLE attempt ADD COLUMN after_solution INTEGER NOT NULL DEFAULT 0;
        """
}
