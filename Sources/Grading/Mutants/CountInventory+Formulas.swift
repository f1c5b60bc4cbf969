/// A reference written as a formula in the setup's names that is a count of one or two layers
/// (`C_in * C_out + C_out`, `C * K * K + C`, `2 * C`, `n_out * (n_in + 1)`,
/// `C_out * C_in * K * K // g`, `C * K * K + C * D + D`, `2 * C * (C // r) + C // r + C`), or the
/// multiply-adds of such layers over a map (`H * W * D * C * K * K`): read as those layers, their
/// sizes the names, so that the same count mutants apply (`CountInventory.mutants`) and the message
/// names the layer in the formula's names ("the layer (C_in → C_out)").
///
/// The layers' sizes stand in as distinct placeholder numbers while the mutants are made, and
/// each placeholder is written back as its name in the mutants' formulas.
extension CountInventory {
    /// The first placeholder; far from any size a setup binds, each one apart.
    static let placeholderBase = 100_003

    /// The inventory of the first source that is a count of layers in `integers`' names,
    /// compared with each candidate's formula at several points; nil when none is.
    static func ofFormula(_ sources: [String], integers: [String: Int]) -> CountInventory? {
        for source in sources {
            guard let formula = Formula.parse(source), formula.names.count >= 1, formula.names.count <= 5,
                formula.names.isSubset(of: integers.keys)
            else { continue }
            let names = formula.names.sorted()
            for candidate in candidates(names) {
                let points = Self.points(names, integers, divisions: candidate.allDivisions)
                let target = points.map { formula.evaluate($0) }
                guard let counted = Formula.parse(candidate.formula),
                    FormulaCatalogue.same(target, points.map { counted.evaluate($0) })
                else { continue }
                var inventory = candidate
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

    /// Whether a name reads as one side of a layer (`C_in`, `n_out`).
    static func readsAsSide(_ name: String) -> Bool {
        let tokens = Set(name.lowercased().split { !$0.isLetter }.map(String.init))
        return !tokens.isDisjoint(with: ["in", "out", "cin", "cout"])
    }

    /// Whether `a` and `b` read as a layer's input and output (`C_in`, `C_out`; `n_in`, `n_out`):
    /// a count without bias is the same either way, and only such names say which is which.
    static func readsAsInputAndOutput(_ a: String, _ b: String) -> Bool {
        let tokens = { (name: String) in
            Set(name.lowercased().split { !$0.isLetter }.map(String.init))
        }
        let (x, y) = (tokens(a), tokens(b))
        return (x.contains("in") || x.contains("cin")) && (y.contains("out") || y.contains("cout"))
    }

    /// The counts a formula in `names` may be: a batch norm over one name; a layer with bias from
    /// one name to another; a convolution with bias from one name to another with a square kernel
    /// of the third, or a depthwise one (one filter per channel); the same convolution without
    /// bias, or in groups of a fourth name; a depthwise-separable pair (a depthwise convolution
    /// and a 1 × 1 one); a squeeze-and-excitation pair of linear layers through `C // r`; and any
    /// of the convolutions' multiply-adds over a map of one or two other names. Channels and
    /// features are names that read so (`isChannelName`).
    private static func candidates(_ names: [String]) -> [CountInventory] {
        var placeholders: [Int: String] = [:]
        var value: [String: Int] = [:]
        for (index, name) in names.enumerated() {
            value[name] = placeholderBase + 2 * index
            placeholders[placeholderBase + 2 * index] = name
        }
        var found: [CountInventory] = []
        func add(_ layers: [CountedLayer], positions: [String] = [], names extra: [Int: String] = [:]) {
            var inventory = CountInventory()
            inventory.layers = layers.map { layer in
                var layer = layer
                layer.names = placeholders.merging(extra) { a, _ in a }
                return layer
            }
            inventory.positions = positions
            found.append(inventory)
        }
        let channelNames = names.filter(isChannelName)
        // One layer's parameters (the reading of earlier sessions first).
        if names.count <= 4 {
            for c in channelNames {
                guard let channels = value[c] else { continue }
                add([CountedLayer(kind: .batchNorm(channels: channels), bias: true)])
            }
        }
        for a in channelNames {
            for b in names where b != a {
                guard let i = value[a], let o = value[b] else { continue }
                // Depthwise: `C * K * K + C`, channels a, kernel b.
                add([
                    CountedLayer(
                        kind: .conv(inChannels: i, outChannels: i, kernel: [o, o], groups: i), bias: true)
                ])
                // Depthwise-separable: a depthwise convolution of kernel b, then a 1 × 1 to d.
                for d in names where d != a && d != b {
                    guard let out = value[d] else { continue }
                    for (depthBias, pointBias) in [
                        (false, true), (true, true), (false, false), (true, false),
                    ] {
                        add([
                            CountedLayer(
                                kind: .conv(inChannels: i, outChannels: i, kernel: [o, o], groups: i),
                                bias: depthBias),
                            CountedLayer(
                                kind: .conv(inChannels: i, outChannels: out, kernel: [1, 1], groups: 1),
                                bias: pointBias),
                        ])
                    }
                }
                // Squeeze-and-excitation: a → a // b → a, the reduction b.
                let reduced = placeholderBase + 2 * names.count
                for bias in [true, false] {
                    let first = CountedLayer(kind: .linear(inFeatures: i, outFeatures: reduced), bias: bias)
                    let second = CountedLayer(kind: .linear(inFeatures: reduced, outFeatures: i), bias: bias)
                    var inventory = CountInventory()
                    inventory.layers = [first, second].map { layer in
                        var layer = layer
                        layer.names = placeholders.merging([reduced: "\(a) // \(b)"]) { x, _ in x }
                        return layer
                    }
                    inventory.divisions = [Division(dividend: a, divisor: b)]
                    found.append(inventory)
                }
                guard isChannelName(b) else { continue }
                add([CountedLayer(kind: .linear(inFeatures: i, outFeatures: o), bias: true)])
                for k in names where k != a && k != b {
                    guard let kernel = value[k] else { continue }
                    for bias in [true, false] {
                        var layer = CountedLayer(
                            kind: .conv(inChannels: i, outChannels: o, kernel: [kernel, kernel], groups: 1),
                            bias: bias)
                        layer.ordered = bias || readsAsInputAndOutput(a, b)
                        add([layer])
                    }
                    // In groups of a fourth name.
                    for g in names where ![a, b, k].contains(g) {
                        guard let groups = value[g] else { continue }
                        for bias in [true, false] {
                            add([
                                CountedLayer(
                                    kind: .conv(
                                        inChannels: i, outChannels: o, kernel: [kernel, kernel],
                                        groups: groups),
                                    bias: bias)
                            ])
                        }
                    }
                }
            }
        }
        // Multiply-adds: the convolutions without bias over a map of one or two names.
        for positions in positionSets(names) {
            let rest = names.filter { !positions.contains($0) }
            for a in rest where isChannelName(a) {
                // A depthwise convolution's alone (`H * W * C * K * K`), where the channels read
                // as no layer's input or output (`C_in * K * K` is one filter of another layer).
                if !readsAsSide(a) {
                    for k in rest where k != a {
                        guard let i = value[a], let kernel = value[k] else { continue }
                        add(
                            [
                                CountedLayer(
                                    kind: .conv(
                                        inChannels: i, outChannels: i, kernel: [kernel, kernel], groups: i),
                                    bias: false)
                            ],
                            positions: positions)
                    }
                }
                for b in rest where b != a {
                    guard let i = value[a], let o = value[b] else { continue }
                    for k in rest where k != a && k != b {
                        guard let kernel = value[k] else { continue }
                        var layer = CountedLayer(
                            kind: .conv(inChannels: i, outChannels: o, kernel: [kernel, kernel], groups: 1),
                            bias: false)
                        layer.ordered = readsAsInputAndOutput(a, b)
                        add([layer], positions: positions)
                        // Depthwise-separable: a depthwise of kernel b, then a 1 × 1 from a to k.
                        add(
                            [
                                CountedLayer(
                                    kind: .conv(inChannels: i, outChannels: i, kernel: [o, o], groups: i),
                                    bias: false),
                                CountedLayer(
                                    kind: .conv(
                                        inChannels: i, outChannels: kernel, kernel: [1, 1], groups: 1),
                                    bias: false),
                            ], positions: positions)
                    }
                }
            }
        }
        return found
    }

    /// The names (one or two, each a height or a width) a count of multiply-adds may multiply
    /// every layer's weights by: the positions of the map (`H * W`, `H * H`, `H_out * W_out`).
    /// Only such names: `D * H * W * C * K * K` read with D and H as the map would take W for
    /// the output channels.
    private static func positionSets(_ names: [String]) -> [[String]] {
        let sides = names.filter(isSpatialName)
        guard names.count >= 3 else { return [] }
        var sets: [[String]] = []
        for (index, x) in sides.enumerated() {
            for y in sides.dropFirst(index + 1) { sets.append([x, y]) }
        }
        return sets + sides.map { [$0, $0] } + sides.map { [$0] }
    }

    /// Whether a name reads as a map's height or width (`H`, `W`, `H_out`, `h`, `width`).
    static func isSpatialName(_ name: String) -> Bool {
        let tokens = name.lowercased().split { !$0.isLetter }.map(String.init)
        guard let first = tokens.first else { return false }
        return ["h", "w", "height", "width", "hout", "wout", "oh", "ow"].contains(first)
            && tokens.dropFirst().allSatisfy { ["in", "out", "o", "map"].contains($0) }
    }

    /// A formula in placeholders written in names (each placeholder's name or expression).
    static func named(_ text: String, _ names: [Int: String]) -> String {
        guard !names.isEmpty, let formula = Formula.parse(text) else { return text }
        return formula.replacingLiterals(formula.literals.map { names[$0].flatMap(Formula.parse) }).source
    }

    /// The setup's numbers, and four points where each name moves by its own amount; a name
    /// divided by another (`divisions`) kept a multiple of it.
    static func points(_ names: [String], _ integers: [String: Int], divisions: [Division] = []) -> [[String:
        Int]]
    {
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
                for division in divisions {
                    guard let divisor = point[division.divisor], divisor > 0,
                        let dividend = point[division.dividend]
                    else { continue }
                    point[division.dividend] = divisor * max(2, dividend / divisor)
                }
                return point
            }
    }
}
