import CNN
import Foundation

extension Value {
    /// A layer as a table: one row per sub-layer with its dotted name, type, settings and the
    /// number of parameters it owns, under a header with the totals. A layer without sub-layers
    /// prints on one line as PyTorch prints it, e.g. `Conv2d(1, 8, kernel_size=(3, 3), …)`.
    ///
    ///     Sequential: 3 layers, 80 parameters
    ///       name  layer   settings                                  parameters
    ///       0     Conv2d  1, 8, kernel_size=(3, 3), stride=(1, 1)           80
    ///       1     ReLU                                                       0
    static func moduleTable(_ layer: any Layer) -> String {
        let rows = layer.namedLayers.dropFirst()
        guard !rows.isEmpty else {
            let count = layer.parameterCount
            return layer.description + (count > 0 ? "  # \(count) parameters" : "")
        }
        let total = layer.parameterCount
        var table: [[String]] = [["name", "layer", "settings", "parameters"]]
        for (name, sublayer) in rows {
            let depth = name.split(separator: ".").count - 1
            let own = sublayer.ownParameters.reduce(0) { $0 + $1.parameter.count }
            table.append([
                String(repeating: "  ", count: depth) + name, sublayer.typeName, sublayer.settingsDescription,
                String(own),
            ])
        }
        let widths = (0..<4).map { column in table.map { $0[column].count }.max() ?? 0 }
        let lines = table.map { row in
            "  "
                + (0..<3).map { row[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(
                    separator: "  ")
                + "  " + String(repeating: " ", count: widths[3] - row[3].count) + row[3]
        }
        let header =
            "\(layer.typeName): \(rows.count) layer\(rows.count == 1 ? "" : "s"), \(total) parameters"
        return
            ([header]
            + lines.map { $0.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) })
            .joined(separator: "\n")
    }
}
