import Course
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The worker side of `WorkerProcessPool`: a process that grades one answer at a time, read as a line of
/// JSON on its standard input, and answers each with `ready` once the exercise is prepared, then
/// the verdict as a line of JSON.
///
/// One `Grader` serves every request, so each exercise's setup and reference run once per worker;
/// each answer still runs in a fresh session of its own (`PreparedExercise.session`).
public enum GradingWorker {
    /// A request: the exercise's key and the answer as typed.
    struct Request: Codable {
        var exercise: String
        var answer: String
    }

    /// What a worker says when the exercise is prepared and the answer starts running.
    static let readyLine = "ready\n"

    /// The coder both sides use; non-finite numbers in a diagnosis's cells travel as strings.
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }

    /// Serves requests from standard input until it closes. Verdicts go to what standard output
    /// was when this started; standard output itself is then pointed at standard error, so nothing
    /// else the process might print can corrupt a reply.
    public static func serve(course: Course, options: GradingOptions) {
        let replies = dup(STDOUT_FILENO)
        dup2(STDERR_FILENO, STDOUT_FILENO)
        let exercises = BatchExercises(course: course, language: options.language)
        let grader = Grader(options: options)
        let encoder = encoder()
        let decoder = decoder()
        var buffer: [UInt8] = []
        // How much of `buffer` is known to hold no newline: each chunk is searched once, so a
        // 10 MB answer arriving in 64 KB chunks is not searched from its start 150 times.
        var searched = 0
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            if let newline = buffer[searched...].firstIndex(of: 0x0A) {
                let line = Array(buffer[..<newline])
                buffer.removeSubrange(...newline)
                searched = 0
                let verdict: Verdict
                if let request = try? decoder.decode(Request.self, from: Data(line)) {
                    if let exercise = exercises.exercise(request.exercise) {
                        // The setup and reference first (a failure is kept and becomes the verdict),
                        // then `ready`: from here on the answer's own time limit is what runs.
                        _ = try? grader.expected(for: exercise)
                        guard writeAll(Data(readyLine.utf8), to: replies) else { return }
                        verdict = grader.grade(request.answer, for: exercise)
                    } else {
                        verdict = Verdict(
                            status: .error, points: 0, maxPoints: 0,
                            message: "no exercise '\(request.exercise)' in the course")
                    }
                } else {
                    verdict = Verdict(status: .error, points: 0, maxPoints: 0, message: "unreadable request")
                }
                guard var reply = try? encoder.encode(verdict) else { return }
                reply.append(0x0A)
                guard writeAll(reply, to: replies) else { return }
                continue
            }
            let count = read(STDIN_FILENO, &chunk, chunk.count)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return }
            searched = buffer.count
            buffer += chunk[..<count]
        }
    }

    /// Writes every byte, retrying short writes; false when the other end is gone.
    static func writeAll(_ data: Data, to descriptor: Int32) -> Bool {
        data.withUnsafeBytes { raw -> Bool in
            guard let base = raw.baseAddress else { return true }
            var offset = 0
            while offset < raw.count {
                let written = write(descriptor, base + offset, raw.count - offset)
                if written < 0, errno == EINTR { continue }
                guard written > 0 else { return false }
                offset += written
            }
            return true
        }
    }
}
