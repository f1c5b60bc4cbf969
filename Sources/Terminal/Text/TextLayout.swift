import Wording

/// Column-aware padding, truncation and side-by-side placement of text blocks.
///
/// All of them measure with `displayWidth(_:)`, so wide characters and escape sequences line up.
public enum TextLayout {
    /// Horizontal placement of text inside a wider field.
    public enum Alignment: Sendable, Equatable {
        /// Text at the left edge, spaces after it.
        case left
        /// Text centred, the odd space on the right.
        case center
        /// Text at the right edge, spaces before it.
        case right
    }

    /// `text` padded with spaces to `width` columns; text already as wide or wider is unchanged.
    public static func pad(_ text: String, toWidth width: Int, alignment: Alignment = .left) -> String {
        let missing = width - displayWidth(text)
        guard missing > 0 else { return text }
        switch alignment {
        case .left: return text + String(repeating: " ", count: missing)
        case .right: return String(repeating: " ", count: missing) + text
        case .center:
            let before = missing / 2
            return String(repeating: " ", count: before) + text
                + String(repeating: " ", count: missing - before)
        }
    }

    /// `text` cut to at most `width` columns, ending in `ellipsis` when something was cut.
    ///
    /// Escape sequences are kept (they take no columns); when styled text is cut, a reset
    /// (`ESC[0m`) follows so the style does not leak into what comes after.
    public static func truncate(_ text: String, toWidth width: Int, ellipsis: String = "…") -> String {
        guard displayWidth(text) > width else { return text }
        let room = max(0, width - displayWidth(ellipsis))
        var result = ""
        var used = 0
        var scanner = EscapeScanner()
        var sawEscape = false
        for character in text {
            if scanner.consumes(character) {
                result.append(character)
                sawEscape = true
                continue
            }
            let characterWidth = displayWidth(character)
            if used + characterWidth > room { break }
            result.append(character)
            used += characterWidth
        }
        result += width >= displayWidth(ellipsis) ? ellipsis : ""
        return sawEscape ? result + SGR.reset : result
    }

    /// Blocks of lines placed next to each other, each padded to its widest line, `gap` apart.
    ///
    /// Shorter blocks are filled with blank lines at the bottom (or top, with `alignBottom`).
    public static func sideBySide(_ blocks: [[String]], gap: Int = 3, alignBottom: Bool = false) -> [String] {
        let height = blocks.map(\.count).max() ?? 0
        let widths = blocks.map { block in block.map { displayWidth($0) }.max() ?? 0 }
        let spacer = String(repeating: " ", count: gap)
        var lines: [String] = []
        for row in 0..<height {
            var parts: [String] = []
            for (index, block) in blocks.enumerated() {
                let offset = alignBottom ? height - block.count : 0
                let line = block.indices.contains(row - offset) ? block[row - offset] : ""
                parts.append(pad(line, toWidth: widths[index]))
            }
            lines.append(trimTrailingSpaces(parts.joined(separator: spacer)))
        }
        return lines
    }

    /// `text` without spaces at its end (layouts pad cells; trailing blanks only confuse diffs).
    public static func trimTrailingSpaces(_ text: String) -> String {
        var result = Substring(text)
        while result.last == " " { result = result.dropLast() }
        return String(result)
    }

    /// `line` cut into pieces of at most `width` columns, between grapheme clusters, keeping every
    /// space (for code, where spaces matter and words are not the unit). Tabs become 4 spaces.
    public static func hardWrap(_ line: String, toWidth width: Int) -> [String] {
        let width = max(1, width)
        var pieces: [String] = []
        var current = ""
        var used = 0
        for character in line.replacingTabs() {
            let characterWidth = displayWidth(character)
            if used + characterWidth > width && used > 0 {
                pieces.append(current)
                current = ""
                used = 0
            }
            current.append(character)
            used += characterWidth
        }
        pieces.append(current)
        return pieces
    }
}

extension String {
    /// The string with each tab replaced by four spaces (terminals' tab stops would misalign).
    func replacingTabs() -> String {
        contains("\t")
            ? split(separator: "\t", omittingEmptySubsequences: false).joined(separator: "    ") : self
    }
}
