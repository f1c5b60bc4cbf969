import Wording

/// A tensor plane as an inline SVG heatmap: blue for negative, white for zero, red for positive,
/// scaled to the plane's largest magnitude, each cell labelled with its value when there is room.
enum Heatmap {
    static let cell = 28
    static let gridColor = "#cccccc"

    /// The SVG of one plane, or nil for a plane too large to draw legibly.
    static func svg(_ array: NumericArray, plane: Int, title: String) -> String? {
        let (height, width) = array.spatial
        guard height <= MatrixText.sideLimit, width <= MatrixText.sideLimit, height * width > 1 else {
            return nil
        }
        let values = (0..<height).flatMap { row in (0..<width).map { array.at(plane, row, $0) } }
        let scale = values.map { abs($0) }.max() ?? 0
        var parts = [
            #"<svg xmlns="http://www.w3.org/2000/svg" width="\#(width * cell)" height="\#(height * cell)" viewBox="0 0 \#(width * cell) \#(height * cell)" role="img" aria-label="\#(XML.escape(title))">"#
        ]
        for row in 0..<height {
            for column in 0..<width {
                let value = array.at(plane, row, column)
                let x = column * cell
                let y = row * cell
                parts.append(
                    #"<rect x="\#(x)" y="\#(y)" width="\#(cell)" height="\#(cell)" fill="\#(color(value, scale: scale))" stroke="\#(gridColor)" stroke-width="0.5"/>"#
                )
                let text = NumberFormat.short(value)
                if text.count <= 4 {
                    parts.append(
                        #"<text x="\#(x + cell / 2)" y="\#(y + cell / 2 + 4)" font-size="10" text-anchor="middle">\#(XML.escape(text))</text>"#
                    )
                }
            }
        }
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }

    /// `#rrggbb` between blue (−scale), white (0) and red (+scale).
    static func color(_ value: Double, scale: Double) -> String {
        guard scale > 0, value.isFinite else { return "#ffffff" }
        let t = max(-1, min(1, value / scale))
        let fade = Int((1 - abs(t)) * 255)
        let (r, g, b) = t >= 0 ? (255, fade, fade) : (fade, fade, 255)
        return "#" + [r, g, b].map { hex($0) }.joined()
    }

    private static func hex(_ value: Int) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[value / 16], digits[value % 16]])
    }
}
