import Foundation
import GRDB
import Testing

@testable import Progress

/// Migrations: from an empty file and from every earlier schema, to the latest, keeping the data.
@Suite("ProgressSchema migrations")
struct ProgressSchemaTests {
    /// Rows written in each migration's own schema, as a database at that version would hold them.
    ///
    /// A new migration needs a seed here: `everyMigrationHasASeed` fails until it has one, and the
    /// upgrade test then proves databases stopped at every earlier version still open.
    static let seeds: [String: String] = [
        "v1-profiles-attempts-positions": """
        INSERT INTO profile (id, name, language, created_at)
            VALUES (1, 'seed', 'ko', '2026-01-01 00:00:00.000');
        INSERT INTO setting (profile_id, key, value) VALUES (1, 'solution', 'after-pass');
        INSERT INTO attempt (profile_id, course_id, course_version, lesson_id, exercise_id, answer,
            verdict, points, max_points, mistake_id, hints_used, duration_ms, created_at)
            VALUES (1, 'cnn', '1', '01-filters', 'edge', 'conv2d(img, k)', 'pass', 2, 2, NULL, 1, 30,
                    '2026-01-01 00:00:01.000');
        INSERT INTO position (profile_id, course_id, lesson_id, step, completed_at, updated_at)
            VALUES (1, 'cnn', '01-filters', 5, NULL, '2026-01-01 00:00:02.000');
        """,
        "v2-attempt-after-solution": """
        INSERT INTO attempt (profile_id, course_id, course_version, lesson_id, exercise_id, answer,
            verdict, points, max_points, mistake_id, hints_used, duration_ms, created_at, after_solution)
            VALUES (1, 'cnn', '1', '01-filters', 'pad', 'pad(x, 1)', 'pass', 0, 2, NULL, 0, 12,
                    '2026-01-01 00:00:03.000', 1);
        """,
    ]

    static let allIDs = ProgressSchema.migrations.map(\.id)

    @Test func everyMigrationHasASeed() {
        #expect(Set(Self.seeds.keys) == Set(Self.allIDs))
    }

    @Test func migrationIdentifiersAreUniqueAndVersioned() {
        #expect(Set(Self.allIDs).count == Self.allIDs.count)
        for (index, id) in Self.allIDs.enumerated() {
            #expect(id.hasPrefix("v\(index + 1)-"), "migration \(index + 1) is named v\(index + 1)-…")
        }
    }

    @Test func emptyDirectoryGetsTheLatestSchemaInWALMode() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try openStore(directory.appendingPathComponent("nested/data"))
        let (applied, journal) = try store.pool.read { db in
            (
                try ProgressSchema.migrator.appliedMigrations(db),
                try String.fetchOne(db, sql: "PRAGMA journal_mode")
            )
        }
        #expect(applied == Self.allIDs)
        #expect(journal == "wal")
    }

    /// Stops a database at each migration in turn, seeds it, and opens it with the store.
    @Test(arguments: Self.allIDs)
    func upgradesFromEarlierSchema(stoppedAt id: String) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent(ProgressStore.fileName).path
        let old = try DatabaseQueue(path: path)
        try ProgressSchema.migrator.migrate(old, upTo: id)
        let applied = Self.allIDs.prefix { $0 != id } + [id]
        try old.write { db in
            for seeded in applied { try db.execute(sql: Self.seeds[seeded]!) }
        }
        try old.close()

        let opened = try ProgressStore.open(directory: directory)
        #expect(opened.recovered == nil)
        let store = opened.store
        #expect(try store.pool.read(ProgressSchema.migrator.appliedMigrations) == Self.allIDs)
        #expect(try store.profiles().map(\.language) == ["ko"])
        #expect(try store.setting("solution", profile: "seed") == "after-pass")
        let attempts = try store.attempts(profile: "seed", course: "cnn")
        #expect(attempts.first?.answer == "conv2d(img, k)")
        // Attempts from before v2 were not told apart: none of them counts as after the solution.
        #expect(attempts.first?.afterSolution == false)
        if applied.contains("v2-attempt-after-solution") {
            #expect(attempts.map(\.afterSolution) == [false, true])
        }
        #expect(try store.positions(profile: "seed", course: "cnn").map(\.step) == [5])
    }

    @Test func reopeningChangesNothing() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let clock = StepClock()
        let first = try openStore(directory, clock: clock)
        _ = try first.openProfile(named: "ada", language: "en")
        try first.record(attempt(lesson: "l", exercise: "e", verdict: .pass, date: clock.now()))
        let schema = try first.pool.read(Self.schemaSQL)
        try first.close()

        let reopened = try ProgressStore.open(directory: directory)
        #expect(reopened.recovered == nil)
        #expect(try reopened.store.pool.read(ProgressSchema.migrator.appliedMigrations) == Self.allIDs)
        #expect(try reopened.store.pool.read(Self.schemaSQL) == schema)
        #expect(try reopened.store.attempts(profile: "ada", course: "cnn").count == 1)
    }

    /// Every table's and index's `CREATE` statement.
    static func schemaSQL(_ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name")
    }

    @Test func aNewerCnntutorsDatabaseIsRefusedAndLeftAlone() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try openStore(directory)
        try store.pool.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
        }
        try store.close()
        let error = #expect(throws: ProgressError.self) { try ProgressStore.open(directory: directory) }
        #expect(error?.description.contains("v99-from-the-future") == true)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(!files.contains { $0.contains("damaged") })
    }
}
