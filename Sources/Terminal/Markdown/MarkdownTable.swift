import Wording

/// Lays out a GFM table in a box, fitting its columns into the available width.
///
/// Columns get their natural (widest cell) width when everything fits. Otherwise the width is
/// shared out fairly: narrow columns keep their natural width, wide ones split what is left and
/// their cells wrap. When even one column each cannot fit, rows are cut with `…`.
struct MarkdownTable {
    let alignments: [TextLayout.Alignment]
    let header: [[MarkdownInline]]
    let rows: [[[MarkdownInline]]]
    let renderer: MarkdownRenderer

    private var columnCount: Int {
        max(alignments.count, header.count, rows.map(\.count).max() ?? 0)
    }

    func render(width: Int) -> [String] {
        let columns = columnCount
        guard columns > 0 else { return [] }
        let allRows = (header.isEmpty ? [] : [header]) + rows
        let natural = (0..<columns).map { column in
            allRows.map { row in
                column < row.count
                    ? cellLines(row[column], width: 10_000, isHeader: false).map { displayWidth($0) }.max()
                        ?? 0 : 0
            }.max() ?? 0
        }.map { max(1, $0) }
        let widths = Self.fit(natural, into: width - (3 * columns + 1))

        let frame = { (text: String) in renderer.style(Theme.frame, text) }
        func rule(_ left: String, _ middle: String, _ right: String) -> String {
            frame(
                left + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: middle) + right)
        }
        let headerLines = header.isEmpty ? [] : rowLines(header, widths: widths, isHeader: true)
        let bodyRows = rows.map { rowLines($0, widths: widths, isHeader: false) }
        let separateRows = bodyRows.contains { $0.count > 1 }

        var lines = [rule("┌", "┬", "┐")]
        if !headerLines.isEmpty {
            lines += headerLines
            lines.append(rule("├", "┼", "┤"))
        }
        for (index, row) in bodyRows.enumerated() {
            if index > 0 && separateRows { lines.append(rule("├", "┼", "┤")) }
            lines += row
        }
        lines.append(rule("└", "┴", "┘"))
        return lines.map { TextLayout.truncate($0, toWidth: width) }
    }

    /// One table row as lines: every cell wrapped to its column, padded to the tallest cell.
    private func rowLines(_ cells: [[MarkdownInline]], widths: [Int], isHeader: Bool) -> [String] {
        let wrapped = widths.indices.map { column in
            column < cells.count ? cellLines(cells[column], width: widths[column], isHeader: isHeader) : [""]
        }
        let height = wrapped.map(\.count).max() ?? 1
        let bar = renderer.style(Theme.frame, "│")
        return (0..<height).map { lineIndex in
            let parts = widths.indices.map { column -> String in
                let text = lineIndex < wrapped[column].count ? wrapped[column][lineIndex] : ""
                let alignment = column < alignments.count ? alignments[column] : .left
                return " " + TextLayout.pad(text, toWidth: widths[column], alignment: alignment) + " "
            }
            return bar + parts.joined(separator: bar) + bar
        }
    }

    private func cellLines(_ cell: [MarkdownInline], width: Int, isHeader: Bool) -> [String] {
        renderer.wrap(cell, width: width, base: isHeader ? TextStyle(bold: true) : .plain)
    }

    /// Column widths no wider than natural, summing to at most `available` (each at least 1).
    ///
    /// Fair sharing ("water filling"): going from the narrowest column up, each takes its natural
    /// width or an equal share of what is left, whichever is smaller.
    static func fit(_ natural: [Int], into available: Int) -> [Int] {
        guard natural.reduce(0, +) > available else { return natural }
        var widths = natural
        var remaining = max(available, natural.count)
        var left = natural.count
        for column in natural.indices.sorted(by: { natural[$0] < natural[$1] }) {
            let share = remaining / left
            widths[column] = max(1, min(natural[column], share))
            remaining -= widths[column]
            left -= 1
        }
        return widths
    }
}
