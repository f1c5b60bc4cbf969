import Foundation
import GRDB
import Synchronization
import Testing

@testable import Progress

/// Durability and concurrency of the SQLite store: killed writers and simultaneous writers.
@Suite("ProgressStore durability")
struct ProgressStoreTests {
    /// What a process killed mid-transaction leaves on disk, reopened by the next process.
    ///
    /// A kill flushes nothing: the files hold exactly what the process had written to them, which
    /// is what copying them while the process is still alive captures. The copy is taken with 20
    /// attempts committed and a 21st-to-220th in an open transaction whose pages have spilled into
    /// the WAL; the next process must see the 20 and none of the rest.
    @Test func aKilledWriterLosesOnlyItsUncommittedTransaction() throws {
        let live = try temporaryDirectory()
        let afterKill = try temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(at: live)
            try? FileManager.default.removeItem(at: afterKill)
        }
        let clock = StepClock()
        let store = try openStore(live, clock: clock)
        _ = try store.openProfile(named: "ada", language: nil)
        for index in 0..<20 {
            try store.record(attempt(lesson: "l", exercise: "e\(index)", verdict: .pass, date: clock.now()))
        }
        let wal = live.appendingPathComponent("progress.sqlite-wal").path
        let walAfterCommits = try fileSize(wal)
        var walAtKill = 0
        try store.pool.writeWithoutTransaction { db in
            // A tiny page cache makes SQLite write uncommitted pages into the WAL, as a long
            // transaction would.
            try db.execute(sql: "PRAGMA cache_size = 4")
            try db.execute(sql: "BEGIN IMMEDIATE")
            let profile = try ProgressStore.profileId(db, "ada")
            for index in 0..<200 {
                let answer = String(repeating: "conv2d(x, w) ", count: 80)
                try AttemptRecord(
                    attempt(
                        lesson: "l", exercise: "u\(index)", answer: answer, verdict: .fail, date: clock.now()),
                    profileId: profile
                ).insert(db)
            }
            walAtKill = try fileSize(wal)
            for suffix in ["", "-wal", "-shm"] {
                try FileManager.default.copyItem(
                    at: live.appendingPathComponent("progress.sqlite" + suffix),
                    to: afterKill.appendingPathComponent("progress.sqlite" + suffix))
            }
            try db.execute(sql: "ROLLBACK")
            try db.execute(sql: "PRAGMA cache_size = -2000")
        }
        #expect(walAtKill > walAfterCommits, "uncommitted pages were on disk at the kill")

        let reopened = try ProgressStore.open(directory: afterKill)
        #expect(reopened.recovered == nil)
        let kept = try reopened.store.attempts(profile: "ada", course: "cnn")
        #expect(kept.map(\.key.exercise) == (0..<20).map { "e\($0)" })
    }

    /// Two stores (as two REPL processes would have) on one file, writing from two threads at once.
    @Test func twoWritersAtOnceBothKeepEveryRecord() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let stores = [try openStore(directory), try openStore(directory)]
        let perWriter = 150
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: stores.count) { writer in
            let store = stores[writer]
            let clock = StepClock()
            do {
                // Both open the same profile, as two REPLs on one profile do.
                _ = try store.openProfile(named: "ada", language: "en")
                for index in 0..<perWriter {
                    try store.record(
                        attempt(
                            lesson: "l", exercise: "e", answer: "writer \(writer) answer \(index)",
                            verdict: .fail, date: clock.now()))
                    try store.setPosition(profile: "ada", course: "cnn", lesson: "l", step: index)
                }
            } catch {
                failures.withLock { $0.append("writer \(writer): \(error)") }
            }
        }
        #expect(failures.withLock { $0 } == [])
        for store in stores {
            let answers = Set(try store.attempts(profile: "ada", course: "cnn").compactMap(\.answer))
            let expected = Set(
                (0..<2).flatMap { writer in
                    (0..<perWriter).map { "writer \(writer) answer \($0)" }
                })
            #expect(answers == expected)
            #expect(try store.profiles().count == 1)
        }
    }

    /// A write arriving while another process holds the write lock waits for it (the busy
    /// timeout) instead of failing with "database is locked".
    @Test func aWriteWaitsForAnotherProcessesTransaction() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let clock = StepClock()
        let holder = try openStore(directory, clock: clock)
        let waiter = try openStore(directory, clock: clock)
        _ = try holder.openProfile(named: "ada", language: nil)
        let result = Mutex<Result<Void, any Error>?>(nil)
        let started = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        try holder.pool.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            Thread.detachNewThread {
                started.signal()
                let outcome = Result {
                    try waiter.record(attempt(lesson: "l", exercise: "e", verdict: .pass, date: clock.now()))
                }
                result.withLock { $0 = outcome }
                done.signal()
            }
            started.wait()
            // Give the waiter time to hit the lock; the test holds either way.
            Thread.sleep(forTimeInterval: 0.2)
            try db.execute(sql: "COMMIT")
        }
        done.wait()
        #expect(throws: Never.self) { try result.withLock { $0 }?.get() }
        #expect(try holder.attempts(profile: "ada", course: "cnn").count == 1)
    }

    private func fileSize(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
    }
}
