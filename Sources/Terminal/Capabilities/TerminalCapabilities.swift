/// The size of a terminal in character cells.
public struct TerminalSize: Sendable, Hashable {
    /// Columns (characters per line).
    public var columns: Int
    /// Rows (lines per screen).
    public var rows: Int

    /// A size of `columns` × `rows`.
    public init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
    }

    /// What is assumed when nothing better is known.
    public static let fallback = TerminalSize(columns: 80, rows: 24)
}

/// What the output can show: whether it is a terminal, how big it is, how many colours it has.
///
/// `size` is read again on every access, so layouts done just before drawing follow resizes.
public protocol TerminalCapabilities: Sendable {
    /// Whether output goes to a terminal (if not: no escape codes, no animation, no paging).
    var isTTY: Bool { get }
    /// The current size; queried afresh on each access.
    var size: TerminalSize { get }
    /// The colour level output may use.
    var colorLevel: ColorLevel { get }
}

/// Capabilities fixed at creation: for tests, and for output that is not a terminal.
public struct FixedTerminalCapabilities: TerminalCapabilities {
    /// Whether to behave as a terminal.
    public var isTTY: Bool
    /// The size reported.
    public var size: TerminalSize
    /// The colour level reported.
    public var colorLevel: ColorLevel

    /// Capabilities with the given values (by default a plain 80×24 non-terminal).
    public init(isTTY: Bool = false, size: TerminalSize = .fallback, colorLevel: ColorLevel = .none) {
        self.isTTY = isTTY
        self.size = size
        self.colorLevel = colorLevel
    }
}
