import Foundation
import GRDB

/// Opening the database: creating the directory, recovering from damage, migrating.
extension ProgressStore {
    /// Opens (creating if needed) `progress.sqlite` in `directory`, brought up to the latest schema.
    ///
    /// Processes opening the same directory at once take turns (`progress.sqlite.lock`, waiting
    /// up to the busy timeout), so two sessions started together on a new directory both start.
    ///
    /// An existing file is checked first (`PRAGMA quick_check`, read-only, so a damaged file is
    /// never written to). A file that is not a database, is malformed or fails the check is moved
    /// to `progress.sqlite.damaged-<UTC time>` with its `-wal`/`-shm` files, a fresh database is
    /// started, and the result says so. Nothing is ever deleted or overwritten.
    ///
    /// - Parameters:
    ///   - directory: The data directory; created with its parents if missing.
    ///   - now: The clock for new rows and for the moved-aside file's name.
    /// - Returns: The store, and the damaged file moved aside, if any.
    /// - Throws: ``ProgressError`` if the directory cannot be created, the file cannot be opened
    ///   for another reason (permissions, a newer cnntutor's schema), or cannot be moved aside.
    public static func open(directory: URL, now: @escaping @Sendable () -> Date = Date.init) throws
        -> OpenedProgressStore
    {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw ProgressError.cannotCreateDirectory(directory.path, reason: error.localizedDescription)
        }
        let path = directory.appendingPathComponent(fileName).path
        // One process at a time inspects, moves aside, creates and migrates (see `OpenLock`).
        let lock = try OpenLock(path: path + ".lock", timeout: busyTimeout)
        defer { lock.unlock() }
        // SQLite would open a named pipe put in the database's place (or its journal's) and wait
        // for a writer for ever; a folder or a device is no database either.
        for file in [path, path + "-wal", path + "-shm"] where !isRegularOrAbsent(file) {
            throw ProgressError.cannotOpen(
                file, reason: "not a regular file (a folder, device, pipe or socket)")
        }
        var recovered: DamagedDatabase? = nil
        if FileManager.default.fileExists(atPath: path), let damage = try inspect(path) {
            recovered = try moveAside(path, reason: damage, date: now())
        }
        do {
            return OpenedProgressStore(store: try connect(path, now: now), recovered: recovered)
        } catch let error as DatabaseError where recovered == nil && isDamage(error) {
            // The check passed but migrating hit damage it does not look at (rare): same remedy.
            let moved = try moveAside(path, reason: error.message ?? "\(error)", date: now())
            do {
                return OpenedProgressStore(store: try connect(path, now: now), recovered: moved)
            } catch {
                throw openError(path, error)
            }
        } catch {
            throw openError(path, error)
        }
    }

    /// Whether `path` (followed through symbolic links) is a regular file or nothing at all.
    private static func isRegularOrAbsent(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return errno == ENOENT }
        return info.st_mode & S_IFMT == S_IFREG
    }

    /// The connection settings: a busy timeout so concurrent processes wait for each other.
    static var configuration: Configuration {
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "cnntutor.progress"
        return configuration
    }

    /// Opens the pool (which sets WAL mode) and migrates; the pool closes again if either fails.
    private static func connect(_ path: String, now: @escaping @Sendable () -> Date) throws -> ProgressStore {
        let pool = try DatabasePool(path: path, configuration: configuration)
        do {
            let migrator = ProgressSchema.migrator
            let unknown = try pool.read { db in
                try migrator.appliedIdentifiers(db)
                    .subtracting(ProgressSchema.migrations.map(\.id)).sorted()
            }
            guard unknown.isEmpty else { throw ProgressError.newerSchema(path, unknown: unknown) }
            try migrator.migrate(pool)
        } catch {
            try? pool.close()
            throw error
        }
        return ProgressStore(pool: pool, path: path, now: now)
    }

    /// Checks an existing file without writing to it.
    /// - Returns: What is wrong with it, or `nil` if it is a healthy database.
    private static func inspect(_ path: String) throws -> String? {
        var configuration = configuration
        configuration.readonly = true
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            let report = try queue.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check") }
            return report == ["ok"] ? nil : report.prefix(3).joined(separator: "; ")
        } catch let error as DatabaseError where isDamage(error) {
            return error.message ?? "\(error)"
        } catch {
            throw openError(path, error)
        }
    }

    /// Whether SQLite's error means the file's content is damaged (not, say, unreadable).
    private static func isDamage(_ error: DatabaseError) -> Bool {
        error.resultCode == .SQLITE_CORRUPT || error.resultCode == .SQLITE_NOTADB
    }

    private static func openError(_ path: String, _ error: any Error) -> ProgressError {
        if let error = error as? ProgressError { return error }
        if let error = error as? DatabaseError {
            return ProgressError.cannotOpen(path, reason: error.message ?? "\(error)")
        }
        return ProgressError.cannotOpen(path, reason: "\(error)")
    }

    /// Renames the file and its `-wal`/`-shm` companions to a new `.damaged-<time>` name.
    ///
    /// The companions keep their suffixes, so SQLite still finds the WAL beside the moved file.
    private static func moveAside(_ path: String, reason: String, date: Date) throws -> DamagedDatabase {
        let files = FileManager.default
        let stamp = damageStamp(date)
        var destination = "\(path).damaged-\(stamp)"
        var counter = 2
        while files.fileExists(atPath: destination) {
            destination = "\(path).damaged-\(stamp)-\(counter)"
            counter += 1
        }
        for suffix in ["", "-wal", "-shm"] where files.fileExists(atPath: path + suffix) {
            do {
                try files.moveItem(atPath: path + suffix, toPath: destination + suffix)
            } catch {
                throw ProgressError.cannotMoveAside(
                    path + suffix, to: destination + suffix, reason: error.localizedDescription)
            }
        }
        let damaged = DamagedDatabase(originalPath: path, movedTo: destination, reason: reason)
        leaveNotice(damaged)
        return damaged
    }

    /// `20261129T132349Z`: sortable, and valid in every file system's names.
    private static func damageStamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String {
            let text = String(value ?? 0)
            return text.count < 2 ? "0" + text : text
        }
        return "\(parts.year ?? 0)\(two(parts.month))\(two(parts.day))T"
            + "\(two(parts.hour))\(two(parts.minute))\(two(parts.second))Z"
    }

    // MARK: - The notice of a moved-aside database

    /// The file that tells the next `learn` a damaged database was moved aside, whoever moved it.
    static func noticePath(_ databasePath: String) -> String { databasePath + ".moved-aside" }

    /// Writes the notice: the moved file's path on the first line, the reason on the second. A
    /// failure to write it loses only the second announcement, so it is not an error.
    private static func leaveNotice(_ damaged: DamagedDatabase) {
        let text = damaged.movedTo + "\n" + damaged.reason.replacingOccurrences(of: "\n", with: " ") + "\n"
        try? text.write(toFile: noticePath(damaged.originalPath), atomically: true, encoding: .utf8)
    }

    /// The damaged database moved aside since the last call, by any command (`learn`,
    /// `progress`), or nil; the notice is removed, so each move is announced once.
    ///
    /// `learn` calls this after opening and tells the learner; `progress` says so itself when it
    /// is the one that moves a file, and leaves the notice for the next `learn`.
    public static func takeDamageNotice(directory: URL) -> DamagedDatabase? {
        let path = directory.appendingPathComponent(fileName).path
        let notice = noticePath(path)
        guard let text = try? String(contentsOfFile: notice, encoding: .utf8) else { return nil }
        try? FileManager.default.removeItem(atPath: notice)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let movedTo = lines.first, !movedTo.isEmpty else { return nil }
        let reason = lines.count > 1 ? String(lines[1]) : ""
        return DamagedDatabase(originalPath: path, movedTo: String(movedTo), reason: reason)
    }
}
