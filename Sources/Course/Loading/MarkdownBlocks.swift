import CCmark

/// The top-level blocks of a Markdown text, as cmark-gfm parses it (GitHub's extensions on),
/// with their line ranges, so the loader can cut a lesson into steps without re-rendering it.
struct MarkdownBlocks {
    /// A top-level block.
    struct Block {
        enum Kind {
            /// A heading of `level` with its text.
            case heading(level: Int, text: String)
            /// A fenced code block: its info string's first word and its content.
            case fence(info: String, content: String)
            /// Anything else: paragraphs, lists, tables, quotes, HTML, rules.
            case other
        }

        let kind: Kind
        /// 1-based lines within the parsed text.
        let startLine: Int
        let endLine: Int
        /// 1-based column of the block's first character.
        let startColumn: Int
    }

    /// The blocks, in order.
    let blocks: [Block]
    /// Fenced `cnn`/`exercise` blocks that are not at the top level (inside a list or quote),
    /// which the loader cannot treat as examples or exercises.
    let nestedSpecialFences: [(line: Int, column: Int, info: String)]

    /// Parses `text` with the table, strikethrough, autolink, tag-filter and task-list extensions.
    init(_ text: String, specialInfos: Set<String>) {
        cmark_gfm_core_extensions_ensure_registered()
        let parser = cmark_parser_new(CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8)
        defer { cmark_parser_free(parser) }
        for name in ["table", "strikethrough", "autolink", "tagfilter", "tasklist"] {
            if let extensionPointer = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, extensionPointer)
            }
        }
        var utf8 = Array(text.utf8)
        utf8.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, chars.count)
            }
        }
        guard let document = cmark_parser_finish(parser) else {
            blocks = []
            nestedSpecialFences = []
            return
        }
        defer { cmark_node_free(document) }

        var blocks: [Block] = []
        var node = cmark_node_first_child(document)
        while let current = node {
            blocks.append(Self.block(current))
            node = cmark_node_next(current)
        }
        self.blocks = blocks

        var nested: [(Int, Int, String)] = []
        let iterator = cmark_iter_new(document)
        defer { cmark_iter_free(iterator) }
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            guard let current = cmark_iter_get_node(iterator),
                cmark_node_get_type(current) == CMARK_NODE_CODE_BLOCK,
                cmark_node_parent(current) != document
            else { continue }
            let info = Self.infoWord(current)
            if specialInfos.contains(info) {
                nested.append(
                    (Int(cmark_node_get_start_line(current)), Int(cmark_node_get_start_column(current)), info)
                )
            }
        }
        nestedSpecialFences = nested
    }

    private static func block(_ node: OpaquePointer) -> Block {
        let start = Int(cmark_node_get_start_line(node))
        let end = Int(cmark_node_get_end_line(node))
        let column = Int(cmark_node_get_start_column(node))
        let type = cmark_node_get_type(node)
        let kind: Block.Kind
        if type == CMARK_NODE_HEADING {
            kind = .heading(level: Int(cmark_node_get_heading_level(node)), text: plainText(node))
        } else if type == CMARK_NODE_CODE_BLOCK, cmark_node_get_fence_info(node) != nil {
            let content = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
            kind = .fence(info: infoWord(node), content: content)
        } else {
            kind = .other
        }
        return Block(kind: kind, startLine: start, endLine: max(start, end), startColumn: column)
    }

    private static func infoWord(_ node: OpaquePointer) -> String {
        let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
        return String(info.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "{" }).first ?? "")
    }

    /// The text of a heading's inline content (code spans and emphasis reduced to their text).
    private static func plainText(_ node: OpaquePointer) -> String {
        var text = ""
        let iterator = cmark_iter_new(node)
        defer { cmark_iter_free(iterator) }
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            guard let current = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(current)
            if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE,
                let literal = cmark_node_get_literal(current)
            {
                text += String(cString: literal)
            } else if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                text += " "
            }
        }
        return text
    }
}
