import Foundation
import GRDB

/// Learners' progress in `progress.sqlite`: a WAL database that several processes may share.
///
/// Open it with ``open(directory:now:)``, which also recovers from a damaged file. Every write is
/// its own transaction, committed before the method returns, so a killed process loses nothing
/// already recorded; a busy timeout lets two REPLs on the same profile write in turn.
public struct ProgressStore: ProgressRecording {
    /// The database file's name inside the data directory.
    public static let fileName = "progress.sqlite"

    /// How long a write waits for another process's write to finish before failing.
    static let busyTimeout: TimeInterval = 10

    let pool: DatabasePool
    /// The path of the database file.
    public let path: String
    let now: @Sendable () -> Date

    init(pool: DatabasePool, path: String, now: @escaping @Sendable () -> Date) {
        self.pool = pool
        self.path = path
        self.now = now
    }

    /// Closes the database connections; later calls on this store throw.
    ///
    /// First folds the WAL back into the database file, so the closed file holds everything on
    /// its own (a learner copying `progress.sqlite` copies all of it). If another process is
    /// reading, that step is skipped: the WAL stays beside the file and SQLite uses it.
    public func close() throws {
        try perform(.init(.close)) {
            _ = try? pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
            try pool.close()
        }
    }

    /// Runs a database operation, turning its errors into ``ProgressError``s naming this file.
    func perform<T>(_ operation: ProgressError.Operation, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ProgressError {
            throw error
        } catch let error as DatabaseError {
            throw ProgressError.database(path, while: operation, reason: error.message ?? "\(error)")
        } catch {
            throw ProgressError.database(path, while: operation, reason: "\(error)")
        }
    }

    /// The row id of the profile named `name`, or throws ``ProgressError`` if there is none.
    static func profileId(_ db: Database, _ name: String) throws -> Int64 {
        guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM profile WHERE name = ?", arguments: [name])
        else { throw ProgressError.unknownProfile(name) }
        return id
    }
}
