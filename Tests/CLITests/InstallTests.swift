import Foundation
import Testing

/// `make install` as a user runs it: into a temporary PREFIX, then `cnntutor --help`, `check`,
/// `export-key`, a session and `man -l` from another directory with only that prefix's `bin` on
/// PATH, then `make uninstall`, which must leave nothing (`Tests/install-test.sh` does the work).
///
/// A release build takes minutes, so the test never starts one: it runs only when `make release`
/// (or `make install`) has built `.build/release/cnntutor` and the generated completions, and
/// installs those as they are (`NOBUILD=1`).
@Suite("make install")
struct InstallTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var releaseBuilt: Bool {
        let manager = FileManager.default
        return manager.isExecutableFile(
            atPath: repository.appendingPathComponent(".build/release/cnntutor").path)
            && manager.fileExists(
                atPath: repository.appendingPathComponent(".build/generated/cnntutor.fish").path)
            && manager.fileExists(
                atPath: repository.appendingPathComponent(".build/generated/cnntutor.1").path)
    }

    @Test(.enabled(if: releaseBuilt, "needs the release build: make release"))
    func installsRunsFromAnywhereAndUninstallsCleanly() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["Tests/install-test.sh"]
        process.currentDirectoryURL = Self.repository
        var environment = ProcessInfo.processInfo.environment
        environment["NOBUILD"] = "1"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("uninstalled cleanly"), "\(text)")
    }
}
