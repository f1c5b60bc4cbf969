/// Where text goes: the terminal (or a pipe) in the program, memory in tests.
///
/// Renderers return lines; the caller writes them here. A screen writes exactly what it is given:
/// with colour off, the renderers produce no escape codes, so nothing needs stripping.
public protocol TerminalScreen: AnyObject, Sendable {
    /// What this screen can show (terminal or not, size, colours).
    var capabilities: any TerminalCapabilities { get }
    /// Writes `text` as is (no newline added).
    func write(_ text: String)
}

extension TerminalScreen {
    /// Writes `line` followed by a newline.
    public func writeLine(_ line: String = "") {
        write(line + "\n")
    }

    /// Writes each of `lines` followed by a newline, in one write.
    public func writeLines(_ lines: [String]) {
        guard !lines.isEmpty else { return }
        write(lines.joined(separator: "\n") + "\n")
    }
}
