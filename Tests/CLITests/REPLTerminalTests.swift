#if os(Linux)
    import CEditLine
    import Foundation
    import Glibc
    import Testing

    /// The real binary on a pseudo-terminal, typed at as a learner would: completion, line editing
    /// with Korean, Ctrl-C at the prompt and during training, Ctrl-D, history across runs.
    ///
    /// Waits are for text to appear (generous deadlines on a loaded machine), never timing checks.
    @Suite("cnntutor learn on a terminal", .serialized)
    struct REPLTerminalTests {
        @Test func typingOnATerminal() throws {
            let data = REPLBinaryTests.temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: data) }

            let first = try TerminalSession(["learn", "--data-dir", data])
            try first.waitFor("cnn> ")
            // Completion of the learner's own variable, then of a builtin.
            try first.type("my_var = 41\r")
            try first.waitForPrompt(count: 2)
            try first.type("my_v\t + 1\r")
            try first.waitFor("42")
            // Korean typed and edited: Left over the quote and '다', Backspace deletes '나'.
            try first.type("s = '가나다'\u{1B}[D\u{1B}[D\u{7F}\r")
            try first.waitForPrompt(count: 4)
            try first.type("s\r")
            try first.waitFor("'가다'")
            // Ctrl-C at the prompt clears the line.
            try first.type("this is discarded\u{03}")
            try first.waitFor("^C")
            try first.type("2 * 21\r")
            try first.waitFor("42", after: "2 * 21")
            // Ctrl-C during training stops it; the session goes on.
            try first.type("(train_x, train_y), test = digits()\r")
            try first.type(
                "h = train(nn.Sequential(nn.Flatten(), nn.Linear(64, 10)), (train_x, train_y), epochs=100000, batch_size=8)\r"
            )
            try first.waitFor("training")
            first.process.interrupt()
            try first.waitFor("Stopped (Ctrl-C)")
            try first.type("my_var\r")
            try first.waitFor("41", after: "Stopped (Ctrl-C)")
            // Ctrl-D saves and exits with the one-line summary.
            try first.type("\u{04}")
            try first.waitFor("Bye! This session:")
            #expect(first.finish() == 0)

            // History across runs: Up recalls the last line of the previous session (bindings do
            // not carry over, so it now names an unknown variable).
            let second = try TerminalSession(["learn", "--data-dir", data])
            try second.waitFor("cnn> ")
            try second.type("\u{1B}[A\r")
            try second.waitFor("unknown name 'my_var'")
            try second.type(":quit\r")
            try second.waitFor("Bye!")
            #expect(second.finish() == 0)
        }
    }

    /// `cnntutor` running on the slave side of a pseudo-terminal, typed at through the master.
    final class TerminalSession {
        let process = Process()
        private let master: Int32
        private let slave: Int32
        private var bytes: [UInt8] = []
        /// Everything the program wrote so far (decoded whole, so no character is split between reads).
        var output: String { String(decoding: bytes, as: UTF8.self) }

        init(_ arguments: [String]) throws {
            var master: Int32 = -1
            var slave: Int32 = -1
            guard cnn_open_pseudo_terminal(&master, &slave) == 0 else { throw CocoaError(.fileReadUnknown) }
            self.master = master
            self.slave = slave
            _ = cnn_terminal_set_size(slave, 100, 40)
            let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            let candidates = [
                bundleDirectory.appendingPathComponent("cnntutor"),
                REPLBinaryTests.repository.appendingPathComponent(".build/debug/cnntutor"),
            ]
            guard
                let binary = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }
                )
            else {
                throw CocoaError(.fileNoSuchFile)
            }
            process.executableURL = binary
            process.arguments = arguments
            process.currentDirectoryURL = REPLBinaryTests.repository
            process.environment = [
                "PATH": "/usr/bin:/bin", "HOME": "/tmp/cnntutor-repl-home-unused", "TERM": "xterm-256color",
                "LANG": "C.UTF-8",
            ]
            let handle = FileHandle(fileDescriptor: slave, closeOnDealloc: false)
            process.standardInput = handle
            process.standardOutput = handle
            process.standardError = handle
            try process.run()
        }

        deinit {
            if process.isRunning { process.terminate() }
            close(master)
            close(slave)
        }

        /// Reads what the program wrote until `text` appears (after `after`, if given).
        func waitFor(_ text: String, after: String? = nil, seconds: Double = 60) throws {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                var searched = Substring(output)
                if let after, let start = output.range(of: after) { searched = output[start.upperBound...] }
                if (after == nil || output.contains(after!)) && searched.contains(text) { return }
                pump(milliseconds: 100)
            }
            Issue.record("never saw \(text.debugDescription); output so far:\n\(output)")
            throw CocoaError(.fileReadUnknown)
        }

        /// Waits until the prompt `cnn> ` has been shown `count` times.
        func waitForPrompt(count: Int) throws {
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline {
                if output.components(separatedBy: "cnn> ").count - 1 >= count { return }
                pump(milliseconds: 100)
            }
            Issue.record("prompt not shown \(count) times:\n\(output)")
            throw CocoaError(.fileReadUnknown)
        }

        /// Types `keys` once libedit has put the terminal in raw mode (keys typed earlier would meet
        /// the cooked line discipline).
        func type(_ keys: String) throws {
            let deadline = Date().addingTimeInterval(60)
            var settings = termios()
            while Date() < deadline {
                tcgetattr(slave, &settings)
                if settings.c_lflag & tcflag_t(ICANON) == 0 { break }
                pump(milliseconds: 50)
            }
            let bytes = Array(keys.utf8)
            _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
            pump(milliseconds: 50)
        }

        /// Waits for the program to exit and returns its status.
        func finish() -> Int32 {
            let deadline = Date().addingTimeInterval(60)
            while process.isRunning && Date() < deadline { pump(milliseconds: 100) }
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
            return process.terminationStatus
        }

        /// Reads whatever is waiting on the master, for up to `milliseconds`.
        private func pump(milliseconds: Int32) {
            var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, milliseconds) > 0 else { return }
            var buffer = [UInt8](repeating: 0, count: 65536)
            let count = read(master, &buffer, buffer.count)
            if count > 0 { bytes += buffer[0..<count] }
        }
    }
#endif
