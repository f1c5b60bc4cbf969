#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A screen writing straight to a file descriptor (standard output by default), unbuffered.
///
/// It uses `write(2)`, not `FILE *` buffering, so its text and libedit's prompt never overtake each
/// other.
public final class StandardOutputScreen: TerminalScreen {
    /// The capabilities of the descriptor written to.
    public let capabilities: any TerminalCapabilities
    private let fileDescriptor: Int32

    /// A screen on `fileDescriptor` whose capabilities are judged with `environment`.
    public convenience init(fileDescriptor: Int32 = 1, environment: [String: String]) {
        self.init(
            fileDescriptor: fileDescriptor,
            capabilities: SystemTerminalCapabilities(fileDescriptor: fileDescriptor, environment: environment)
        )
    }

    /// A screen on `fileDescriptor` with the given capabilities.
    public init(fileDescriptor: Int32 = 1, capabilities: any TerminalCapabilities) {
        self.fileDescriptor = fileDescriptor
        self.capabilities = capabilities
    }

    /// Writes all of `text`, retrying after interrupted or partial writes.
    public func write(_ text: String) {
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = writeBytes(fileDescriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0 && errno == EINTR {
                    continue
                } else {
                    return  // a closed pipe: nothing sensible left to do with the text
                }
            }
        }
    }
}

/// `write(2)` under a name the screen's own `write(_:)` does not shadow.
private func writeBytes(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
