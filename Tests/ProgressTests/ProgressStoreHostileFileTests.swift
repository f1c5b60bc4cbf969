import Foundation
import Testing

@testable import Progress

/// Something other than a database file where the database (or its journal) should be: refused
/// at once with the reason, never waited on (SQLite opening a named pipe blocks for ever).
@Suite struct ProgressStoreHostileFileTests {
    @Test(arguments: ["", "-wal", "-shm"])
    func aNamedPipeInTheDatabasesPlaceIsRefused(suffix: String) throws {
        let directory = try temporaryDirectory("pipe\(suffix)")
        let pipe = directory.appendingPathComponent(ProgressStore.fileName + suffix).path
        #expect(mkfifo(pipe, 0o644) == 0)
        let error = #expect(throws: ProgressError.self) { try ProgressStore.open(directory: directory) }
        #expect(error?.message.contains("not a regular file") == true)
        #expect(error?.path == pipe)
    }

    @Test func aFolderInTheDatabasesPlaceIsRefused() throws {
        let directory = try temporaryDirectory()
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent(ProgressStore.fileName), withIntermediateDirectories: true)
        let error = #expect(throws: ProgressError.self) { try ProgressStore.open(directory: directory) }
        #expect(error?.message.contains("not a regular file") == true)
    }
}
