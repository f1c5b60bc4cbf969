import Foundation

/// Reads a course or submission file so that a folder built to stall the grader cannot: only a
/// regular file is read (a named pipe would block for ever, `/dev/zero` never ends), and only
/// up to a limit checked before a byte is read (a 3 GB sparse file is refused at once).
enum SourceFile {
    /// The most a lesson, course, solutions or submission file may hold: 16 MiB, far more than
    /// any lesson or a learner's answers.
    static let byteLimit = 16 << 20

    /// The bytes of the regular file at `path`.
    /// - Throws: `CourseError` (`unreadable`) saying why: missing or not permitted (the system's
    ///   reason), a folder, not a regular file, or larger than `limit` bytes.
    static func read(_ path: String, limit: Int = byteLimit) throws(CourseError) -> Data {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw CourseError.unreadable(path, Self.reason(errno)) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw CourseError.unreadable(path, Self.reason(errno)) }
        let type = info.st_mode & S_IFMT
        guard type == S_IFREG else {
            throw CourseError.unreadable(
                path,
                type == S_IFDIR ? "it is a folder" : "it is not a regular file (a device, pipe or socket)")
        }
        guard info.st_size <= limit else {
            throw CourseError.unreadable(path, "it holds \(info.st_size) bytes; the limit is \(limit) bytes")
        }
        // One byte more than the size: a file that grows while it is read is cut at the limit.
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size) + 1)
        var count = 0
        while count < bytes.count {
            let read = bytes.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return Glibc.read(descriptor, base + count, buffer.count - count)
            }
            if read < 0, errno == EINTR { continue }
            guard read >= 0 else { throw CourseError.unreadable(path, Self.reason(errno)) }
            if read == 0 { break }
            count += read
        }
        guard count <= limit else {
            throw CourseError.unreadable(
                path, "it holds more than \(limit) bytes; the limit is \(limit) bytes")
        }
        return Data(bytes[..<count])
    }

    /// The system's sentence for `code` (`No such file or directory`).
    private static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}
