/// Finds YAML aliases (`*name` repeating a node anchored `&name`) before the text reaches Yams.
///
/// Yams composes an alias as the anchored node itself, shared, so nine anchors of nine aliases
/// each (a "billion laughs" file of 400 bytes) cost nothing to read, but a mapping key that is
/// or holds such an alias is hashed whole to find duplicate keys: 9^9 nodes, a hang inside
/// Yams where no limit can stop it. Course files and submissions never need aliases, so a file
/// that uses one is refused where the alias stands.
///
/// This is a scan of YAML's surface, not a parser: it follows quoted scalars, comments, block
/// scalars (whose lines are text) and flow brackets well enough to find the places a node can
/// start, and counts a `*name` there only when `&name` anchors a node earlier in the text, so
/// Markdown emphasis (`*this*`) in a prompt is never taken for an alias.
enum YAMLAliases {
    /// The first alias of an anchor defined in `text`: its 1-based line and column (in
    /// characters) and the anchor's name; nil when there is none.
    static func first(in text: String) -> (line: Int, column: Int, name: String)? {
        // Cheap test first: no anchor character, no alias.
        guard text.utf8.contains(UInt8(ascii: "&")), text.utf8.contains(UInt8(ascii: "*")) else { return nil }
        var anchors: Set<Substring> = []
        var scanner = Scanner()
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            for found in scanner.scan(line.hasSuffix("\r") ? line.dropLast() : line) {
                if found.isAnchor {
                    anchors.insert(found.name)
                } else if anchors.contains(found.name) {
                    return (lineNumber, found.column, String(found.name))
                }
            }
        }
        return nil
    }

    /// An anchor (`&name`) or alias (`*name`) where a node starts.
    private struct Found {
        let isAnchor: Bool
        let name: Substring
        let column: Int
    }

    /// The state carried from line to line.
    private struct Scanner {
        private let space = UInt8(ascii: " ")
        private let tab = UInt8(ascii: "\t")
        private func ascii(_ character: Unicode.Scalar) -> UInt8 { UInt8(ascii: character) }

        /// Inside a block scalar whose lines are indented more than this.
        var blockIndent: Int?
        /// Inside a quoted scalar that continues on the next line (its quote character).
        var quote: UInt8?
        /// How many flow brackets (`[`, `{`) are open.
        var flowDepth = 0

        mutating func scan(_ line: Substring) -> [Found] {
            let indent = line.prefix { $0 == " " }.count
            if let blockIndent {
                if line.allSatisfy({ $0 == " " || $0 == "\t" }) || indent > blockIndent { return [] }
                self.blockIndent = nil
            }
            var found: [Found] = []
            // Bytes, not characters: every mark YAML gives meaning to is ASCII, and a 20 MB line
            // as Characters would take 16 bytes each.
            let characters = Array(line.utf8)
            var index = 0
            // Whether a node may start at `index`: the line's start, after `- `, `? `, `: `, a
            // flow bracket or comma, an anchor or a tag.
            var nodeStart = quote == nil
            while index < characters.count {
                let character = characters[index]
                if let open = quote {
                    if open == ascii("'") && character == ascii("'") {
                        if index + 1 < characters.count, characters[index + 1] == ascii("'") {
                            index += 1
                        } else {
                            quote = nil
                        }
                    } else if open == ascii("\"") && character == ascii("\\") {
                        index += 1
                    } else if open == ascii("\"") && character == ascii("\"") {
                        quote = nil
                    }
                    index += 1
                    continue
                }
                let next: UInt8? = index + 1 < characters.count ? characters[index + 1] : nil
                let beforeSpace = next == nil || next == space || next == tab
                let afterSpace = index == 0 || characters[index - 1] == space || characters[index - 1] == tab
                if character == space || character == tab {
                    index += 1
                    continue
                }
                if character == ascii("#") && afterSpace { return found }
                if (character == ascii("-") || character == ascii("?")) && nodeStart && beforeSpace {
                    index += 1
                    continue
                }
                if character == ascii(":")
                    && (beforeSpace
                        || (flowDepth > 0
                            && (next == ascii(",") || next == ascii("]") || next == ascii("}"))))
                {
                    nodeStart = true
                    index += 1
                    continue
                }
                if (character == ascii("[") || character == ascii("{")) && (nodeStart || flowDepth > 0) {
                    flowDepth += 1
                    nodeStart = true
                    index += 1
                    continue
                }
                if (character == ascii("]") || character == ascii("}")) && flowDepth > 0 {
                    flowDepth -= 1
                    nodeStart = false
                    index += 1
                    continue
                }
                if character == ascii(",") && flowDepth > 0 {
                    nodeStart = true
                    index += 1
                    continue
                }
                guard nodeStart else {
                    index += 1
                    continue
                }
                switch character {
                case ascii("&"), ascii("*"):
                    var end = index + 1
                    while end < characters.count, !" \t,[]{}".utf8.contains(characters[end]) { end += 1 }
                    let name = Substring(decoding: characters[(index + 1)..<end], as: UTF8.self)
                    if !name.isEmpty {
                        found.append(
                            Found(
                                isAnchor: character == ascii("&"), name: name,
                                column: String(decoding: characters[..<index], as: UTF8.self).count + 1))
                    }
                    index = end
                    // After an anchor the node itself follows; after an alias nothing more does.
                    nodeStart = character == ascii("&")
                case ascii("!"):
                    while index < characters.count, characters[index] != ascii(" ") { index += 1 }
                case ascii("'"), ascii("\""):
                    quote = character
                    nodeStart = false
                    index += 1
                case ascii("|") where flowDepth == 0, ascii(">") where flowDepth == 0:
                    // A block scalar: the lines after this one, indented more than it, are text.
                    blockIndent = indent
                    return found
                default:
                    // A plain scalar: nothing starts until its `: ` (or a flow comma or bracket).
                    nodeStart = false
                    index += 1
                }
            }
            return found
        }
    }
}
