import Foundation
import Testing

/// The real `cnntutor` binary with piped input: it reads one line per entry, exactly like typing,
/// and writes no escape codes to a pipe.
@Suite("cnntutor learn (piped)")
struct REPLBinaryTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Runs `cnntutor ARGUMENTS` in the repository with `input` on standard input.
    static func run(_ arguments: [String], input: String, environment: [String: String] = [:]) throws
        -> (status: Int32, stdout: String, stderr: String)
    {
        let process = Process()
        let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [
            bundleDirectory.appendingPathComponent("cnntutor"),
            repository.appendingPathComponent(".build/debug/cnntutor"),
        ]
        guard let binary = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) })
        else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: candidates[1].path])
        }
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = repository
        process.environment = [
            "PATH": "/usr/bin:/bin", "HOME": "/tmp/cnntutor-repl-home-unused", "TERM": "xterm-256color",
        ]
        .merging(environment) { $1 }
        let (stdin, out, err) = (Pipe(), Pipe(), Pipe())
        process.standardInput = stdin
        process.standardOutput = out
        process.standardError = err
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (
            process.terminationStatus, String(decoding: stdout, as: UTF8.self),
            String(decoding: stderr, as: UTF8.self)
        )
    }

    static func temporaryDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("cnntutor-repl-bin-\(UUID())").path
    }

    @Test func pipedSessionReadsLinesAndWritesNoEscapes() throws {
        let data = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let input = ":goto 02-filters/one-position\n(img[1:3, 2:4] * k).sum()\n:help\n:quit\n"
        let result = try Self.run(["learn", "--data-dir", data], input: input)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("✓ Correct! 2/2 points."))
        #expect(result.stdout.contains("Commands:"))
        let joined = result.stdout.replacingOccurrences(of: "\n", with: " ")
        #expect(
            joined.contains("Bye! This session: 1 answer, 1 passed, 2 points. Progress saved in \(data)."))
        #expect(!result.stdout.contains("\u{1B}"))
        #expect(FileManager.default.fileExists(atPath: data + "/progress.sqlite"))
    }

    @Test func plainCnntutorIsTheREPLAndResumesFromTheDatabase() throws {
        let data = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: data) }
        _ = try Self.run(["--data-dir", data], input: ":open 3\n\n")
        let again = try Self.run(["learn", "--data-dir", data], input: "")
        #expect(again.status == 0)
        #expect(again.stdout.contains("Welcome back! Resuming lesson 3 at step 2."))
        let progress = try Self.run(["progress", "--data-dir", data], input: "")
        #expect(progress.stdout.contains("in progress (step 2/"))
    }

    @Test func noColorIsHonouredAndUnknownLessonsAreSaid() throws {
        let data = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let result = try Self.run(
            ["learn", "--data-dir", data, "--lesson", "nope"], input: ":quit\n",
            environment: ["NO_COLOR": "1"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("No lesson 'nope'."))
        #expect(!result.stdout.contains("\u{1B}"))
    }
}
