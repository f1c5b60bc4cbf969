import Synchronization

/// A screen that keeps everything written to it, for tests.
public final class MemoryScreen: TerminalScreen {
    /// The capabilities it pretends to have.
    public let capabilities: any TerminalCapabilities
    private let contents = Mutex("")

    /// A screen with the given capabilities (by default an 80×24 non-terminal without colour).
    public init(capabilities: any TerminalCapabilities = FixedTerminalCapabilities()) {
        self.capabilities = capabilities
    }

    /// Appends `text` to what was written.
    public func write(_ text: String) {
        contents.withLock { $0 += text }
    }

    /// Everything written so far, exactly.
    public var text: String { contents.withLock { $0 } }

    /// What was written, split into lines (a final newline does not make an empty last line).
    public var lines: [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// Forgets what was written.
    public func clear() {
        contents.withLock { $0 = "" }
    }
}
