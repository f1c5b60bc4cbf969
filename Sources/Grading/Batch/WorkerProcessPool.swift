import CNN
import Course
import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Grades a batch's answers in worker processes, so that no answer can lose the class's report.
///
/// Each of `jobs` lanes owns one worker process (`GradingWorker`, started as `command`) and sends
/// it one answer at a time, so the parent always knows which answer a worker was running. The
/// lane watches it while it runs:
/// - **time**: a worker still busy well after the answer's time limit (a kernel that does not
///   check for cancellation) is killed, and the answer recorded as `timeout`, with the message an
///   answer stopped in time gets;
/// - **memory**: a worker whose resident memory passes `memoryCeiling` is killed, and the answer
///   recorded as `error` saying so;
/// - **crash**: a worker that dies (a trap, an abort, the kernel's out-of-memory killer) is
///   restarted and the answer tried once more in the fresh worker, in case what broke was left by
///   an earlier answer; when it dies again the answer is recorded as `error`, with the signal and
///   the worker's last words.
///
/// A worker keeps its `Grader`, so each exercise is prepared once per worker, not per answer.
/// Kernels inside a worker use `kernelThreads` threads (`CNNTUTOR_THREADS`), so `jobs` workers
/// fill the cores without fighting over them.
struct WorkerProcessPool: AnswerRunner {
    let command: [String]
    let options: GradingOptions
    let exercises: BatchExercises
    let jobs: Int
    /// Threads each worker's kernels may use.
    let kernelThreads: Int
    /// Resident bytes above which a worker is stopped, or nil to not watch memory.
    let memoryCeiling: Int?

    func run(_ tasks: [AnswerTask], done: @escaping @Sendable (Int, Verdict) -> Void) {
        guard !tasks.isEmpty else { return }
        // A worker that dies while its pipe is written to must not take this process with it.
        signal(SIGPIPE, SIG_IGN)
        let next = Atomic<Int>(0)
        let pool = self
        DispatchQueue.concurrentPerform(iterations: min(jobs, tasks.count)) { lane in
            let worker = WorkerLane(pool: pool, lane: lane)
            defer { worker.stop() }
            while true {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < tasks.count else { return }
                done(index, worker.grade(tasks[index]))
            }
        }
    }

    /// Seconds an answer to `exercise` may run, as `PreparedExercise` computes it.
    func answerSeconds(_ exercise: Exercise) -> Double {
        options.timeLimit ?? exercise.limits.time ?? options.defaultTimeLimit
    }
}

/// One worker process and the answer it is running.
private final class WorkerLane {
    let pool: WorkerProcessPool
    let lane: Int
    private var process: Process?
    private var input: FileHandle?
    /// Keeps the reading end's handle (and so its descriptor) alive while the worker runs.
    private var outputHandle: FileHandle?
    private var output: Int32 = -1
    private var buffer: [UInt8] = []
    private let errorLog: URL

    init(pool: WorkerProcessPool, lane: Int) {
        self.pool = pool
        self.lane = lane
        errorLog = FileManager.default.temporaryDirectory.appendingPathComponent(
            "cnntutor-grade-\(getpid())-\(lane).log")
    }

    /// What happened to one answer sent to the worker.
    enum Outcome {
        case verdict(Verdict)
        /// The worker ended (or never started) before replying.
        case died(String)
        /// The exercise's setup and reference did not finish in time.
        case preparationOverTime(seconds: Double)
        /// The answer did not finish in time; how long it ran.
        case overTime(milliseconds: Int)
        case overMemory(Int)
    }

    func grade(_ task: AnswerTask) -> Verdict {
        let exercise = pool.exercises.exercises[task.exercise]
        let language = pool.options.language
        var outcome = attempt(task)
        if case .died = outcome {
            // Once more in a fresh worker: what broke may have been left by an earlier answer.
            outcome = attempt(task)
        }
        switch outcome {
        case .verdict(let verdict):
            return verdict
        case .overTime(let milliseconds):
            let seconds = pool.answerSeconds(exercise)
            return Verdict(
                status: .timeout, maxPoints: exercise.points,
                note: .verbatim(TimedInterpreter.timeLimitError(seconds: seconds).message(in: language)),
                language: language, durationMilliseconds: milliseconds)
        case .preparationOverTime(let seconds):
            return Verdict(
                status: .error, maxPoints: exercise.points,
                note: GradingText().setupTooSlow(TimedInterpreter.wholeSeconds(seconds)),
                language: language)
        case .overMemory(let bytes):
            return Verdict(
                status: .error, maxPoints: exercise.points,
                note: BatchText.usedTooMuchMemory(bytes, ceiling: pool.memoryCeiling ?? bytes),
                language: language)
        case .died(let reason):
            return Verdict(
                status: .error, maxPoints: exercise.points, note: BatchText.stoppedTheGrader(reason),
                language: language)
        }
    }

    /// A line from the worker, or why none came.
    private enum Reply {
        case line(Data)
        case failed(Outcome)
    }

    /// Sends `task` to a running worker (starting one if needed) and waits for its verdict.
    private func attempt(_ task: AnswerTask) -> Outcome {
        if process == nil {
            if let failure = start() { return .died(failure) }
        }
        guard let input else { return .died("no worker") }
        let request = GradingWorker.Request(exercise: pool.exercises.keys[task.exercise], answer: task.text)
        guard var line = try? GradingWorker.encoder().encode(request) else {
            return .died("unencodable answer")
        }
        line.append(0x0A)
        do {
            try input.write(contentsOf: line)
        } catch {
            return .died(ended())
        }
        let answerSeconds = pool.answerSeconds(pool.exercises.exercises[task.exercise])
        // Preparing runs the setup (under its own limit) and the reference (under the answer's);
        // a new worker also loads the course first.
        let preparation = pool.options.setupTimeLimit + answerSeconds + 10
        switch readLine(within: preparation) {
        case .failed(.overTime): return .preparationOverTime(seconds: preparation)
        case .failed(let outcome): return outcome
        case .line(let ready) where ready == Data(GradingWorker.readyLine.utf8.dropLast()): break
        case .line: return unreadable()
        }
        // Well past the answer's own limit, which stops every kernel that checks for cancellation.
        switch readLine(within: answerSeconds + max(3, answerSeconds / 2)) {
        case .failed(let outcome):
            return outcome
        case .line(let reply):
            guard let verdict = try? GradingWorker.decoder().decode(Verdict.self, from: reply) else {
                return unreadable()
            }
            return .verdict(verdict)
        }
    }

    private func unreadable() -> Outcome {
        stopNow()
        return .died("an unreadable reply")
    }

    /// Waits up to `seconds` for the worker's next line, watching its memory meanwhile; stops the
    /// worker when it takes longer (`overTime`, with the time waited), passes its memory ceiling,
    /// or ends.
    private func readLine(within seconds: Double) -> Reply {
        let started = ComputeBudget.now()
        let limit = TimedInterpreter.nanoseconds(seconds)
        var pollDescriptor = pollfd(fd: output, events: Int16(POLLIN), revents: 0)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        // The part of `buffer` already searched for a newline: a long reply is searched once.
        var searched = 0
        while true {
            if let newline = buffer[searched...].firstIndex(of: 0x0A) {
                let line = Data(buffer[..<newline])
                buffer.removeSubrange(...newline)
                return .line(line)
            }
            searched = buffer.count
            if poll(&pollDescriptor, 1, 50) > 0 {
                let count = read(output, &chunk, chunk.count)
                if count > 0 {
                    buffer += chunk[..<count]
                    continue
                }
                if count < 0, errno == EINTR { continue }
                return .failed(.died(ended()))
            }
            let waited = ComputeBudget.now() - started
            if waited > limit {
                stopNow()
                return .failed(.overTime(milliseconds: Int(waited / 1_000_000)))
            }
            if let ceiling = pool.memoryCeiling, let process,
                let resident = ChildProcess.residentBytes(of: process.processIdentifier), resident > ceiling
            {
                stopNow()
                return .failed(.overMemory(resident))
            }
        }
    }

    /// Starts a worker; the reason when it cannot be started.
    private func start() -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: pool.command[0])
        process.arguments = Array(pool.command.dropFirst())
        var environment = ProcessInfo.processInfo.environment
        environment["CNNTUTOR_THREADS"] = String(pool.kernelThreads)
        // OpenBLAS starts a thread per core unless told: with several workers those would fight
        // over the same cores (the engine pins it only on its convolution path).
        environment["OPENBLAS_NUM_THREADS"] = String(pool.kernelThreads)
        // A crash's report is its "Fatal error" line; symbolicating a backtrace would only delay
        // the restart by seconds.
        environment["SWIFT_BACKTRACE"] = "enable=no"
        process.environment = environment
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        _ = FileManager.default.createFile(atPath: errorLog.path, contents: nil)
        process.standardError = FileHandle(forWritingAtPath: errorLog.path) ?? FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return "the worker could not be started: \(error)"
        }
        try? stdin.fileHandleForReading.close()
        try? stdout.fileHandleForWriting.close()
        self.process = process
        input = stdin.fileHandleForWriting
        outputHandle = stdout.fileHandleForReading
        output = stdout.fileHandleForReading.fileDescriptor
        buffer = []
        return nil
    }

    /// Why the worker ended: its signal or exit status, and the last line it wrote to standard
    /// error (a trap's "Fatal error: …"). Cleans up so the next answer starts a new worker.
    private func ended() -> String {
        guard let process else { return "no worker" }
        process.waitUntilExit()
        let reason =
            process.terminationReason == .uncaughtSignal
            ? "signal \(process.terminationStatus), \(ChildProcess.signalName(process.terminationStatus))"
            : "exit status \(process.terminationStatus)"
        let lastWords = lastErrorLine()
        cleanUp()
        return lastWords.map { "\(reason): \($0)" } ?? reason
    }

    /// The worker's "Fatal error" line, or else the last line it wrote to standard error, shortened.
    private func lastErrorLine() -> String? {
        guard let data = FileManager.default.contents(atPath: errorLog.path) else { return nil }
        let text = String(decoding: data.suffix(4096), as: UTF8.self)
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        let line =
            lines.last {
                $0.hasPrefix("Fatal error") || $0.contains(": Fatal error") || $0.hasPrefix("fatal error")
            }
            ?? lines.last
        return line.map { $0.count > 200 ? String($0.prefix(199)) + "…" : $0 }
    }

    /// Stops the worker at once (it may be inside a kernel that never returns).
    private func stopNow() {
        if let process, process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        cleanUp()
    }

    private func cleanUp() {
        try? input?.close()
        try? outputHandle?.close()
        input = nil
        outputHandle = nil
        output = -1
        process = nil
        buffer = []
    }

    /// Ends the worker: closing its input ends its loop.
    func stop() {
        if let process {
            try? input?.close()
            input = nil
            process.waitUntilExit()
        }
        cleanUp()
        try? FileManager.default.removeItem(at: errorLog)
    }
}
