/// A damaged database file that opening moved aside before starting a fresh one.
public struct DamagedDatabase: Sendable, Hashable {
    /// Where the database was (and a fresh one now is).
    public var originalPath: String
    /// Where the damaged file was moved; its `-wal` and `-shm` files, if any, sit beside it.
    public var movedTo: String
    /// What SQLite reported about the file.
    public var reason: String

    /// Creates a record of a moved-aside database.
    public init(originalPath: String, movedTo: String, reason: String) {
        self.originalPath = originalPath
        self.movedTo = movedTo
        self.reason = reason
    }
}
