import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An exclusive lock on `progress.sqlite.lock` beside the database, held while one process
/// inspects, moves aside, creates or migrates the database.
///
/// Two `cnntutor learn` started at once on a new data directory used to race: SQLite switches a
/// new file to WAL without calling the busy handler ("database is locked" at once), and both
/// migrators could find no table and create one ("table profile already exists"). Under this lock
/// the second process waits (up to the busy timeout, as a write would) and then finds the
/// database created and migrated. The lock file is empty and never removed (removing it would let
/// a third process lock a different file).
struct OpenLock {
    private let descriptor: Int32

    /// Waits up to `timeout` seconds for the lock on `path`.
    /// - Throws: ``ProgressError/cannotOpen(_:reason:)`` if the file cannot be created or the lock
    ///   is still held by another process when the time is up.
    init(path: String, timeout: TimeInterval) throws {
        let descriptor = Glibc.open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw ProgressError.cannotOpen(path, reason: String(cString: strerror(errno)))
        }
        let deadline = Date().addingTimeInterval(timeout)
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let reason = errno
            guard reason == EWOULDBLOCK || reason == EINTR, Date() < deadline else {
                Glibc.close(descriptor)
                throw reason == EWOULDBLOCK
                    ? ProgressError.busy(path, seconds: Int(timeout))
                    : ProgressError.cannotOpen(path, reason: String(cString: strerror(reason)))
            }
            usleep(5_000)
        }
        self.descriptor = descriptor
    }

    /// Releases the lock.
    func unlock() {
        flock(descriptor, LOCK_UN)
        Glibc.close(descriptor)
    }
}
