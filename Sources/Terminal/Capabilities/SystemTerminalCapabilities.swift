import CEditLine

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The capabilities of a real file descriptor (normally standard output, 1).
///
/// The size comes from `ioctl(TIOCGWINSZ)` on every access, so a resized window is noticed at the
/// next layout without a SIGWINCH handler. The environment is a parameter: libraries do not read it.
public struct SystemTerminalCapabilities: TerminalCapabilities {
    /// The descriptor asked about.
    public let fileDescriptor: Int32
    /// Whether `fileDescriptor` is a terminal (fixed at creation: a stream does not change kind).
    public let isTTY: Bool
    /// The colour level from `ColorLevel.detect(environment:isTTY:)`.
    public let colorLevel: ColorLevel
    private let environmentSize: TerminalSize?

    /// Capabilities of `fileDescriptor` judged with `environment` (`TERM`, `COLORTERM`,
    /// `NO_COLOR`, and `COLUMNS`/`LINES` as a size when the terminal cannot be asked).
    public init(fileDescriptor: Int32 = 1, environment: [String: String]) {
        self.fileDescriptor = fileDescriptor
        isTTY = isatty(fileDescriptor) == 1
        colorLevel = ColorLevel.detect(environment: environment, isTTY: isTTY)
        if let columns = environment["COLUMNS"].flatMap({ Int($0) }), columns > 0 {
            let rows = environment["LINES"].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
            environmentSize = TerminalSize(columns: columns, rows: rows ?? TerminalSize.fallback.rows)
        } else {
            environmentSize = nil
        }
    }

    /// The current window size, or `COLUMNS`/`LINES`, or 80×24.
    public var size: TerminalSize {
        var columns: Int32 = 0
        var rows: Int32 = 0
        if isTTY, cnn_terminal_size(fileDescriptor, &columns, &rows) == 0 {
            return TerminalSize(
                columns: Int(columns), rows: rows > 0 ? Int(rows) : TerminalSize.fallback.rows)
        }
        return environmentSize ?? .fallback
    }
}
