import Wording

/// Renders Markdown as lines of terminal text, wrapped to a width in display columns.
///
/// With colour allowed, emphasis is italic, strong is bold, code is coloured and frames are dim;
/// with `.none` the output has no escape codes at all: emphasis is plain text, inline code keeps its
/// backticks and struck text its tildes (so the meaning survives without styling). No line is ever
/// wider than `width` columns, counting East Asian wide characters as two.
public struct MarkdownRenderer: Sendable {
    /// The widest any line may be, in columns.
    public let width: Int
    /// The colour level of the output.
    public let colorLevel: ColorLevel

    /// A renderer for lines of at most `width` columns (at least 10 are used) at `colorLevel`.
    public init(width: Int, colorLevel: ColorLevel = .none) {
        self.width = max(10, width)
        self.colorLevel = colorLevel
    }

    /// `markdown` rendered as lines (without newlines).
    public func render(_ markdown: String) -> [String] {
        render(MarkdownParser.parse(markdown))
    }

    /// A parsed document rendered as lines (without newlines).
    public func render(_ document: MarkdownDocument) -> [String] {
        renderBlocks(document.blocks, width: width, depth: 0, separated: true)
    }

    /// Blocks one after another, with a blank line between them when `separated`.
    func renderBlocks(_ blocks: [MarkdownBlock], width: Int, depth: Int, separated: Bool) -> [String] {
        var lines: [String] = []
        for (index, block) in blocks.enumerated() {
            if index > 0 && separated { lines.append("") }
            lines += renderBlock(block, width: width, depth: depth)
        }
        return lines
    }

    func renderBlock(_ block: MarkdownBlock, width: Int, depth: Int) -> [String] {
        switch block {
        case .heading(let level, let inlines):
            return heading(level: level, inlines, width: width)
        case .paragraph(let inlines):
            return wrap(inlines, width: width)
        case .code(let syntax, let text):
            return codeBlock(syntax: syntax, text: text, width: width)
        case .html(let text):
            return text.split(separator: "\n", omittingEmptySubsequences: false).flatMap {
                TextLayout.hardWrap(String($0), toWidth: width).map { style(Theme.frame, $0) }
            }
        case .list(let start, let tight, let items):
            return list(start: start, tight: tight, items: items, width: width, depth: depth)
        case .quote(let blocks):
            let bar = style(Theme.frame, "│")
            return renderBlocks(blocks, width: width - 2, depth: depth, separated: true).map {
                $0.isEmpty ? bar : bar + " " + $0
            }
        case .table(let alignments, let header, let rows):
            return MarkdownTable(alignments: alignments, header: header, rows: rows, renderer: self)
                .render(width: width)
        case .thematicBreak:
            return [style(Theme.frame, String(repeating: "─", count: width))]
        }
    }

    /// Inline elements wrapped into lines of at most `width` columns.
    func wrap(_ inlines: [MarkdownInline], width: Int, base: TextStyle = .plain) -> [String] {
        WordWrapper(width: width, colorLevel: colorLevel).wrap(runs(inlines, style: base))
    }

    func style(_ textStyle: TextStyle, _ text: String) -> String {
        textStyle.apply(text, at: colorLevel)
    }

    private func heading(level: Int, _ inlines: [MarkdownInline], width: Int) -> [String] {
        let lines = wrap(inlines, width: width, base: level <= 2 ? Theme.heading : Theme.subheading)
        guard level <= 2 else { return lines }
        let ruleWidth = min(width, lines.map { displayWidth($0) }.max() ?? 0)
        let rule = String(repeating: level == 1 ? "━" : "─", count: ruleWidth)
        return lines + [style(Theme.frame, rule)]
    }

    /// A code block in a dim open frame, indented two columns, its language on the top edge.
    ///
    /// A code line is never broken: copied from the screen it must still run. When a line is too
    /// wide for the frame, the block is printed unframed and unindented between two rules, each
    /// line whole (the terminal may fold it, but a copy gives the line as written).
    private func codeBlock(syntax: String?, text: String, width: Int) -> [String] {
        let indent = "  "
        let inner = width - indent.count - 2
        let body = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if body.contains(where: { displayWidth($0) > inner }) {
            let label = syntax.map { "── " + $0 + " " } ?? ""
            let top = label + String(repeating: "─", count: max(0, min(width, 20) - displayWidth(label)))
            return [style(Theme.frame, top)] + body.map { $0.isEmpty ? "" : style(Theme.codeBlock, $0) }
                + [style(Theme.frame, String(repeating: "─", count: min(width, 20)))]
        }
        let bodyWidth = body.map { displayWidth($0) }.max() ?? 0
        let label = syntax.map { "─ " + $0 + " " } ?? ""
        let ruleWidth = min(width - indent.count, max(bodyWidth + 2, displayWidth(label) + 2))
        let topRule = TextLayout.truncate("┌" + label, toWidth: ruleWidth, ellipsis: "")
        let top = topRule + String(repeating: "─", count: max(0, ruleWidth - displayWidth(topRule)))
        let bottom = "└" + String(repeating: "─", count: max(0, ruleWidth - 1))
        var lines = [indent + style(Theme.frame, top)]
        for line in body {
            let code = line.isEmpty ? "" : " " + style(Theme.codeBlock, line)
            lines.append(indent + style(Theme.frame, "│") + code)
        }
        lines.append(indent + style(Theme.frame, bottom))
        return lines
    }

    private func list(start: Int?, tight: Bool, items: [[MarkdownBlock]], width: Int, depth: Int) -> [String]
    {
        let bullets = ["•", "◦", "▪"]
        let markers: [String] = items.indices.map { index in
            if let start { return "\(start + index)." }
            return bullets[depth % bullets.count]
        }
        let markerWidth = (markers.map { displayWidth($0) }.max() ?? 1) + 1
        var lines: [String] = []
        for (index, item) in items.enumerated() {
            if index > 0 && !tight { lines.append("") }
            let body = renderBlocks(item, width: width - markerWidth, depth: depth + 1, separated: !tight)
            let marker = TextLayout.pad(markers[index], toWidth: markerWidth - 1, alignment: .right) + " "
            let hanging = String(repeating: " ", count: markerWidth)
            for (lineIndex, line) in (body.isEmpty ? [""] : body).enumerated() {
                if lineIndex == 0 {
                    lines.append(TextLayout.trimTrailingSpaces(marker + line))
                } else {
                    lines.append(line.isEmpty ? "" : hanging + line)
                }
            }
        }
        return lines
    }

    /// Inline elements as styled runs; `style` is what the enclosing elements contribute.
    func runs(_ inlines: [MarkdownInline], style: TextStyle) -> [StyledRun] {
        let plain = !colorLevel.allowsStyling
        var result: [StyledRun] = []
        for inline in inlines {
            switch inline {
            case .text(let text):
                result.append(StyledRun(text, style: style))
            case .code(let text):
                let shown = plain ? "`" + text + "`" : text
                result.append(
                    StyledRun(shown, style: style.merged(with: Theme.inlineCode), keepTogether: true))
            case .emphasis(let children):
                result += runs(children, style: style.merged(with: TextStyle(italic: true)))
            case .strong(let children):
                result += runs(children, style: style.merged(with: TextStyle(bold: true)))
            case .strikethrough(let children):
                let inner = runs(children, style: style.merged(with: TextStyle(strikethrough: true)))
                result +=
                    plain ? [StyledRun("~~", style: style)] + inner + [StyledRun("~~", style: style)] : inner
            case .link(let url, let children):
                let text = children.map(\.plainText).joined()
                result += runs(children, style: style.merged(with: Theme.link))
                if !url.isEmpty && text != url && "mailto:" + text != url {
                    result.append(StyledRun(" (" + url + ")", style: style))
                }
            case .image(_, let children):
                let alt = children.map(\.plainText).joined()
                result.append(
                    StyledRun("[image: " + alt + "]", style: style.merged(with: TextStyle(italic: true))))
            case .html(let text):
                result.append(StyledRun(text, style: style.merged(with: Theme.frame)))
            case .softBreak:
                result.append(StyledRun(" ", style: style))
            case .lineBreak:
                result.append(StyledRun("\n", style: style))
            }
        }
        return result
    }
}
