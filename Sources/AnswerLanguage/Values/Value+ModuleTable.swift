import CNN
import Foundation

extension Value {
    /// A layer as a table: one row per sub-layer with its dotted name, type, the number of
    /// parameters it owns and its settings, under a header with the totals. A layer without
    /// sub-layers prints on one line as PyTorch prints it, e.g. `Conv2d(1, 8, kernel_size=(3, 3), …)`.
    ///
    ///     Sequential: 3 layers, 80 parameters
    ///       name  layer   parameters  settings
    ///       0     Conv2d          80  1, 8, kernel_size=(3, 3), stride=(1, 1)
    ///       1     ReLU             0
    ///
    /// The settings come last, so a `width` (the REPL's screen) wraps only them: at the commas
    /// between settings, continued under their column, never inside `kernel_size=(3, 3)`; when
    /// fewer than 40 columns are left beside the other columns, under each row instead.
    public static func moduleTable(_ layer: any Layer, width: Int? = nil) -> String {
        let rows = layer.namedLayers.dropFirst()
        guard !rows.isEmpty else {
            let count = layer.parameterCount
            return layer.description + (count > 0 ? "  # \(count) parameters" : "")
        }
        let total = layer.parameterCount
        var table: [[String]] = [["name", "layer", "parameters", "settings"]]
        for (name, sublayer) in rows {
            let depth = name.split(separator: ".").count - 1
            let own = sublayer.ownParameters.reduce(0) { $0 + $1.parameter.count }
            table.append([
                String(repeating: "  ", count: depth) + name, sublayer.typeName, String(own),
                sublayer.settingsDescription,
            ])
        }
        let widths = (0..<3).map { column in table.map { $0[column].count }.max() ?? 0 }
        // "  " + name + "  " + layer + "  " + parameters + "  ": where the settings start.
        let indent = 2 + widths[0] + 2 + widths[1] + 2 + widths[2] + 2
        // Too little room beside the other columns (a deep network at 80 columns): the settings
        // go under their row instead, indented past its name, with the whole width.
        let beside = width.map { $0 - indent >= 40 } ?? true
        var lines = [
            "\(layer.typeName): \(rows.count) layer\(rows.count == 1 ? "" : "s"), \(total) parameters"
        ]
        for (index, row) in table.enumerated() {
            let front =
                "  " + row[0].padding(toLength: widths[0], withPad: " ", startingAt: 0) + "  "
                + row[1].padding(toLength: widths[1], withPad: " ", startingAt: 0) + "  "
                + String(repeating: " ", count: widths[2] - row[2].count) + row[2]
            if beside {
                let settings = width.map { Self.wrapSettings(row[3], width: $0 - indent) } ?? [row[3]]
                let first = settings.first ?? ""
                lines.append(first.isEmpty ? front : front + "  " + first)
                lines += settings.dropFirst().map { String(repeating: " ", count: indent) + $0 }
            } else {
                lines.append(front)
                guard index > 0, !row[3].isEmpty, let width else { continue }
                let under = 2 + row[0].prefix { $0 == " " }.count + 4
                lines += Self.wrapSettings(row[3], width: max(24, width - under)).map {
                    String(repeating: " ", count: under) + $0
                }
            }
        }
        return lines.joined(separator: "\n")
    }

    /// `settings` in lines of at most `width` columns, broken only at the commas between settings
    /// (a setting wider than a line stays whole on its own).
    static func wrapSettings(_ settings: String, width: Int) -> [String] {
        var items: [String] = []
        var current = ""
        var depth = 0
        var characters = settings.makeIterator()
        while let character = characters.next() {
            if "([{".contains(character) { depth += 1 }
            if ")]}".contains(character) { depth -= 1 }
            if character == ",", depth == 0 {
                items.append(current + ",")
                current = ""
                if let next = characters.next(), next != " " { current.append(next) }
                continue
            }
            current.append(character)
        }
        if !current.isEmpty { items.append(current) }
        var lines: [String] = []
        for item in items {
            if let last = lines.last, last.count + 1 + item.count <= width {
                lines[lines.count - 1] = last + " " + item
            } else {
                lines.append(item)
            }
        }
        return lines
    }
}
