/// How a piece of text looks: attributes and colours, written as ANSI SGR codes when allowed.
public struct TextStyle: Sendable, Hashable {
    /// Heavier text.
    public var bold = false
    /// Fainter text (code blocks, secondary information).
    public var dim = false
    /// Slanted text.
    public var italic = false
    /// Underlined text.
    public var underline = false
    /// Struck-through text.
    public var strikethrough = false
    /// Reversed foreground and background (used where no colour distinguishes a cell).
    public var inverse = false
    /// Text colour, if any.
    public var foreground: RGB?
    /// Background colour, if any.
    public var background: RGB?

    /// A style with the given attributes.
    public init(
        bold: Bool = false, dim: Bool = false, italic: Bool = false, underline: Bool = false,
        strikethrough: Bool = false, inverse: Bool = false, foreground: RGB? = nil, background: RGB? = nil
    ) {
        self.bold = bold
        self.dim = dim
        self.italic = italic
        self.underline = underline
        self.strikethrough = strikethrough
        self.inverse = inverse
        self.foreground = foreground
        self.background = background
    }

    /// No attributes, no colours.
    public static let plain = TextStyle()

    /// Whether this style changes nothing.
    public var isPlain: Bool { self == .plain }

    /// This style with `other`'s attributes added and its colours taking precedence.
    public func merged(with other: TextStyle) -> TextStyle {
        TextStyle(
            bold: bold || other.bold, dim: dim || other.dim, italic: italic || other.italic,
            underline: underline || other.underline, strikethrough: strikethrough || other.strikethrough,
            inverse: inverse || other.inverse, foreground: other.foreground ?? foreground,
            background: other.background ?? background)
    }

    /// `text` wrapped in this style's escape codes at `level`, or `text` unchanged at `.none`.
    public func apply(_ text: String, at level: ColorLevel) -> String {
        let codes = sgrCodes(at: level)
        guard !codes.isEmpty, !text.isEmpty else { return text }
        return "\u{1B}[" + codes.joined(separator: ";") + "m" + text + SGR.reset
    }

    /// The SGR parameters for this style at `level` (empty at `.none`).
    func sgrCodes(at level: ColorLevel) -> [String] {
        guard level.allowsStyling else { return [] }
        var codes: [String] = []
        if bold { codes.append("1") }
        if dim { codes.append("2") }
        if italic { codes.append("3") }
        if underline { codes.append("4") }
        if inverse { codes.append("7") }
        if strikethrough { codes.append("9") }
        if let foreground { codes.append(Self.colorCode(foreground, background: false, level: level)) }
        if let background { codes.append(Self.colorCode(background, background: true, level: level)) }
        return codes
    }

    private static func colorCode(_ color: RGB, background: Bool, level: ColorLevel) -> String {
        switch level {
        case .none: return ""
        case .ansi16: return String((background ? 40 : 30) + color.basicIndex)
        case .ansi256: return (background ? "48;5;" : "38;5;") + String(color.xterm256Index)
        case .trueColor:
            return (background ? "48;2;" : "38;2;") + "\(color.red);\(color.green);\(color.blue)"
        }
    }
}

/// Raw escape sequences shared by the renderers.
enum SGR {
    /// Resets every attribute and colour.
    static let reset = "\u{1B}[0m"
    /// Clears from the cursor to the end of the line.
    static let clearToEndOfLine = "\u{1B}[K"
}
