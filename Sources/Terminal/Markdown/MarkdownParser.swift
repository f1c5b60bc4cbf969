import CCmark

/// Parses Markdown with cmark-gfm into a `MarkdownDocument`.
///
/// Enables GitHub's `table`, `strikethrough` and `autolink` extensions. Parsing never fails:
/// CommonMark gives every input a meaning.
public enum MarkdownParser {
    /// The document `markdown` describes.
    ///
    /// - Complexity: linear in the length of `markdown`.
    public static func parse(_ markdown: String) -> MarkdownDocument {
        cmark_gfm_core_extensions_ensure_registered()
        let options = CMARK_OPT_DEFAULT
        guard let parser = cmark_parser_new(options) else {
            preconditionFailure("cmark_parser_new failed: out of memory")
        }
        defer { cmark_parser_free(parser) }
        for name in ["table", "strikethrough", "autolink"] {
            if let extensionPointer = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, extensionPointer)
            }
        }
        let bytes = Array(markdown.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, chars.count)
            }
        }
        guard let root = cmark_parser_finish(parser) else {
            preconditionFailure("cmark_parser_finish failed: out of memory")
        }
        defer { cmark_node_free(root) }
        return MarkdownDocument(blocks: blocks(under: root))
    }

    private static func children(of node: OpaquePointer) -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        var child = cmark_node_first_child(node)
        while let current = child {
            result.append(current)
            child = cmark_node_next(current)
        }
        return result
    }

    private static func typeName(_ node: OpaquePointer) -> String {
        cmark_node_get_type_string(node).map { String(cString: $0) } ?? ""
    }

    private static func literal(_ node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    private static func blocks(under node: OpaquePointer) -> [MarkdownBlock] {
        children(of: node).compactMap(block)
    }

    private static func block(_ node: OpaquePointer) -> MarkdownBlock? {
        switch typeName(node) {
        case "heading":
            return .heading(level: Int(cmark_node_get_heading_level(node)), inlines(under: node))
        case "paragraph":
            return .paragraph(inlines(under: node))
        case "code_block":
            let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
            let syntax = info.split(separator: " ").first.map(String.init)
            var text = literal(node)
            if text.hasSuffix("\n") { text.removeLast() }
            return .code(syntax: syntax, text: text)
        case "html_block":
            var text = literal(node)
            while text.hasSuffix("\n") { text.removeLast() }
            return .html(text)
        case "list":
            let ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
            let items = children(of: node).map { blocks(under: $0) }
            return .list(
                start: ordered ? Int(cmark_node_get_list_start(node)) : nil,
                tight: cmark_node_get_list_tight(node) != 0, items: items)
        case "block_quote":
            return .quote(blocks(under: node))
        case "thematic_break":
            return .thematicBreak
        case "table":
            return table(node)
        default:
            // Unknown block kinds (e.g. footnote definitions) keep their text rather than vanish.
            let inner = blocks(under: node)
            return inner.isEmpty ? nil : .quote(inner)
        }
    }

    private static func table(_ node: OpaquePointer) -> MarkdownBlock {
        let columns = Int(cmark_gfm_extensions_get_table_columns(node))
        var alignments: [TextLayout.Alignment] = []
        if let raw = cmark_gfm_extensions_get_table_alignments(node) {
            for column in 0..<columns {
                switch UInt8(raw[column]) {
                case UInt8(ascii: "c"): alignments.append(.center)
                case UInt8(ascii: "r"): alignments.append(.right)
                default: alignments.append(.left)
                }
            }
        } else {
            alignments = Array(repeating: .left, count: columns)
        }
        var header: [[MarkdownInline]] = []
        var rows: [[[MarkdownInline]]] = []
        for row in children(of: node) {
            let cells = children(of: row).map { inlines(under: $0) }
            if cmark_gfm_extensions_get_table_row_is_header(row) != 0 {
                header = cells
            } else {
                rows.append(cells)
            }
        }
        return .table(alignments: alignments, header: header, rows: rows)
    }

    private static func inlines(under node: OpaquePointer) -> [MarkdownInline] {
        children(of: node).compactMap(inline)
    }

    private static func inline(_ node: OpaquePointer) -> MarkdownInline? {
        switch typeName(node) {
        case "text": return .text(literal(node))
        case "code": return .code(literal(node))
        case "emph": return .emphasis(inlines(under: node))
        case "strong": return .strong(inlines(under: node))
        case "strikethrough": return .strikethrough(inlines(under: node))
        case "link": return .link(url: url(node), inlines(under: node))
        case "image": return .image(url: url(node), inlines(under: node))
        case "html_inline": return .html(literal(node))
        case "softbreak": return .softBreak
        case "linebreak": return .lineBreak
        default:
            let inner = inlines(under: node)
            return inner.isEmpty ? (literal(node).isEmpty ? nil : .text(literal(node))) : .emphasis(inner)
        }
    }

    private static func url(_ node: OpaquePointer) -> String {
        cmark_node_get_url(node).map { String(cString: $0) } ?? ""
    }
}
