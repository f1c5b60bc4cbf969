/// A parsed Markdown document: CommonMark with GitHub's tables, strikethrough and autolinks.
///
/// A plain value tree, so rendering is ordinary Swift code and cmark's C nodes never escape the
/// parser.
public struct MarkdownDocument: Sendable, Equatable {
    /// The top-level blocks, in order.
    public var blocks: [MarkdownBlock]

    /// A document made of `blocks`.
    public init(blocks: [MarkdownBlock]) {
        self.blocks = blocks
    }
}

/// A block-level element.
public indirect enum MarkdownBlock: Sendable, Equatable {
    /// `#`…`######` headings.
    case heading(level: Int, [MarkdownInline])
    /// A paragraph.
    case paragraph([MarkdownInline])
    /// A fenced or indented code block; `syntax` is the info string's first word (`cnn`,
    /// `exercise`), the code's language, not a human one.
    case code(syntax: String?, text: String)
    /// Raw HTML, shown as written.
    case html(String)
    /// A bullet (`start == nil`) or ordered list; each item is its blocks. Tight lists have no
    /// blank lines between items.
    case list(start: Int?, tight: Bool, items: [[MarkdownBlock]])
    /// A `>` quotation.
    case quote([MarkdownBlock])
    /// A GFM table: column alignments, a header row and body rows of cells.
    case table(alignments: [TextLayout.Alignment], header: [[MarkdownInline]], rows: [[[MarkdownInline]]])
    /// `---`.
    case thematicBreak
}

/// An inline element.
public indirect enum MarkdownInline: Sendable, Equatable {
    /// Plain text (math such as `$x^2$` stays text).
    case text(String)
    /// `` `code` ``.
    case code(String)
    /// `*emphasis*`.
    case emphasis([MarkdownInline])
    /// `**strong**`.
    case strong([MarkdownInline])
    /// `~~struck~~`.
    case strikethrough([MarkdownInline])
    /// A link: its text and destination.
    case link(url: String, [MarkdownInline])
    /// An image: its destination and alt text.
    case image(url: String, [MarkdownInline])
    /// Inline HTML, shown as written.
    case html(String)
    /// A line break inside a paragraph that is rendered as a space.
    case softBreak
    /// A forced line break (two trailing spaces or a backslash).
    case lineBreak

    /// The text content with all markup removed.
    public var plainText: String {
        switch self {
        case .text(let text), .code(let text), .html(let text): return text
        case .emphasis(let children), .strong(let children), .strikethrough(let children),
            .link(_, let children), .image(_, let children):
            return children.map(\.plainText).joined()
        case .softBreak: return " "
        case .lineBreak: return "\n"
        }
    }
}
