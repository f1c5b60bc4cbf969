/// How many colours (and whether any styling at all) the output may use.
public enum ColorLevel: Int, Sendable, Comparable, CaseIterable {
    /// No escape codes at all: not a terminal, `NO_COLOR` set, or `TERM=dumb`.
    case none
    /// Bold, italic, underline and the 16 basic colours.
    case ansi16
    /// The xterm 256-colour palette.
    case ansi256
    /// 24-bit colour (`COLORTERM=truecolor` or `24bit`).
    case trueColor

    /// Whether escape codes may be written at all.
    public var allowsStyling: Bool { self != .none }

    /// Orders levels from fewest to most colours.
    public static func < (lhs: ColorLevel, rhs: ColorLevel) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The level a terminal supports, judged from its environment and whether output is a terminal.
    ///
    /// - Parameters:
    ///   - environment: the process environment (the executable passes it in; this library never
    ///     reads the environment itself).
    ///   - isTTY: whether the output stream is a terminal.
    /// - Returns: `.none` when not a terminal, when `NO_COLOR` is set to anything non-empty
    ///   (https://no-color.org) or `TERM` is `dumb`; `.trueColor` for `COLORTERM=truecolor|24bit`;
    ///   `.ansi256` when `TERM` mentions `256color`; `.ansi16` otherwise.
    public static func detect(environment: [String: String], isTTY: Bool) -> ColorLevel {
        guard isTTY else { return .none }
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
        let term = environment["TERM"] ?? ""
        if term == "dumb" { return .none }
        let colorTerm = (environment["COLORTERM"] ?? "").lowercased()
        if colorTerm == "truecolor" || colorTerm == "24bit" { return .trueColor }
        if term.contains("256color") { return .ansi256 }
        return .ansi16
    }
}
