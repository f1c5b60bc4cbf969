/// A reference written as a formula in the setup's names that is one layer's parameter count
/// (`C_in * C_out + C_out`, `C * K * K + C`, `2 * C`, `n_out * (n_in + 1)`): read as that layer,
/// its sizes the names, so that the same count mutants apply (`CountInventory.mutants`) and the
/// message names the layer in the formula's names ("the layer (C_in → C_out)").
///
/// The layer's sizes stand in as distinct placeholder numbers while the mutants are made, and
/// each placeholder is written back as its name in the mutants' formulas.
extension CountInventory {
    /// The first placeholder; far from any size a setup binds, each one apart.
    static let placeholderBase = 100_003

    /// The inventory of the first source that is one layer's count in `integers`' names, compared
    /// with each layer's formula at several points; nil when none is.
    static func ofFormula(_ sources: [String], integers: [String: Int]) -> CountInventory? {
        for source in sources {
            guard let formula = Formula.parse(source), formula.names.count >= 1, formula.names.count <= 3,
                formula.names.isSubset(of: integers.keys)
            else { continue }
            let names = formula.names.sorted()
            let points = Self.points(names, integers)
            let target = points.map { formula.evaluate($0) }
            for layer in candidates(names) {
                guard let text = layer.formula.map({ Self.named($0, layer.names) }),
                    let candidate = Formula.parse(text),
                    FormulaCatalogue.same(target, points.map { candidate.evaluate($0) })
                else { continue }
                var inventory = CountInventory()
                inventory.layers = [layer]
                inventory.values = integers.filter { formula.names.contains($0.key) }
                return inventory
            }
        }
        return nil
    }

    /// Whether a name reads as a number of channels or features (`C`, `C_in`, `n_out`,
    /// `channels`, `in_features`): only such names are a layer's sizes here. `2 * p` is the
    /// padding on both sides, not a batch norm over p channels; a kernel side may be any name.
    static func isChannelName(_ name: String) -> Bool {
        let tokens = name.lowercased().split { !$0.isLetter }.map(String.init)
        let channelWords: Set<String> = [
            "c", "ch", "chan", "channel", "channels", "cin", "cout", "feature", "features", "feat", "filters",
        ]
        if tokens.contains(where: channelWords.contains) { return true }
        // `n_in`, `d_out`: a number of inputs or outputs, not a height (`H_in`).
        let sides: Set<String> = ["in", "out"]
        return tokens.contains(where: sides.contains)
            && tokens.allSatisfy { sides.contains($0) || ["n", "num", "d", "dim"].contains($0) }
    }

    /// The layers a formula in `names` may count: a batch norm over one name; a layer with bias
    /// from one name to another; a convolution with bias from one name to another with a square
    /// kernel of the third, or a depthwise one (one filter per channel). Channels and features
    /// are names that read so (`isChannelName`).
    private static func candidates(_ names: [String]) -> [CountedLayer] {
        var placeholders: [Int: String] = [:]
        var value: [String: Int] = [:]
        for (index, name) in names.enumerated() {
            value[name] = placeholderBase + 2 * index
            placeholders[placeholderBase + 2 * index] = name
        }
        var layers: [CountedLayer] = []
        func add(_ kind: CountedLayer.Kind, bias: Bool) {
            layers.append(CountedLayer(kind: kind, bias: bias, names: placeholders))
        }
        let channelNames = names.filter(isChannelName)
        for c in channelNames {
            guard let channels = value[c] else { continue }
            add(.batchNorm(channels: channels), bias: true)
        }
        for a in channelNames {
            for b in names where b != a {
                guard let i = value[a], let o = value[b] else { continue }
                // Depthwise: `C * K * K + C`, channels a, kernel b.
                add(.conv(inChannels: i, outChannels: i, kernel: [o, o], groups: i), bias: true)
                guard isChannelName(b) else { continue }
                add(.linear(inFeatures: i, outFeatures: o), bias: true)
                for k in names where k != a && k != b {
                    guard let kernel = value[k] else { continue }
                    add(
                        .conv(inChannels: i, outChannels: o, kernel: [kernel, kernel], groups: 1), bias: true)
                }
            }
        }
        return layers
    }

    /// A formula in placeholders written in names.
    static func named(_ text: String, _ names: [Int: String]) -> String {
        guard !names.isEmpty, let formula = Formula.parse(text) else { return text }
        return formula.replacingLiterals(formula.literals.map { names[$0] }).source
    }

    /// The setup's numbers, and four points where each name moves by its own amount.
    static func points(_ names: [String], _ integers: [String: Int]) -> [[String: Int]] {
        let offsets = [3, 5, 7, 11, 13, 17, 19, 23]
        var base: [String: Int] = [:]
        for name in names { base[name] = integers[name] ?? 0 }
        return [base]
            + (0..<4).map { row in
                var point: [String: Int] = [:]
                for (index, name) in names.enumerated() {
                    point[name] = (base[name] ?? 0).scaled(by: row + 1).moved(
                        by: offsets[(index + row) % offsets.count])
                }
                return point
            }
    }
}
