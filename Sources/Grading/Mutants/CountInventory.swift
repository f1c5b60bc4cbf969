import AnswerLanguage
import CNN

/// A layer as a parameter count sees it: what it is (a convolution, a linear layer, a batch
/// norm), its sizes, and whether it has a bias. Its count is a formula in those sizes
/// (`out · in/groups · kh · kw + out`), written in literals so that the catalogue can read a
/// learner's literals as the same sizes.
struct CountedLayer: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        /// `nn.Conv2d(in, out, (kh, kw), groups=g)`.
        case conv(inChannels: Int, outChannels: Int, kernel: [Int], groups: Int)
        /// `nn.ConvTranspose2d(in, out, (kh, kw), groups=g)`: its weight is `[in, out / g, kh, kw]`,
        /// the same number of weights as a convolution's from `in` to `out`, written inputs first.
        case transposedConv(inChannels: Int, outChannels: Int, kernel: [Int], groups: Int)
        /// `nn.Linear(in, out)`.
        case linear(inFeatures: Int, outFeatures: Int)
        /// `nn.BatchNorm2d(channels)` with its scale and shift.
        case batchNorm(channels: Int)
        /// Any other normalisation layer (a GroupNorm, a LayerNorm, an InstanceNorm, a BatchNorm
        /// without its scale and shift), read by `NormLayer`.
        case norm(NormLayer)
        /// A 1 × 1 convolution without bias and a batch norm, `channels` to `channels` (a
        /// projection where the shortcut is an identity): only imagined.
        case projection(channels: Int)
        /// One learned number (a gate on a shortcut): only imagined.
        case scale
    }

    var kind: Kind
    var bias: Bool
    /// The layer's dotted path in its module (`shortcut.0`).
    var path: String = ""
    /// Whether the layer is only imagined by a learner (a convolution on an identity shortcut).
    var imagined = false
    /// For a layer read from a formula in names: the name each placeholder size stands for
    /// (`CountInventory.ofFormula`), or the expression in names (`C // r`) a module's argument
    /// writes it as (`CountInventory.nameLayers`).
    var names: [Int: String] = [:]
    /// Whether which of its two channel counts is the input and which the output is known: a
    /// count without bias read from a formula (`D * C * K * K`) is the same either way, and a
    /// story about one side (one filter counted, each filter over one channel) would be a guess.
    var ordered = true

    /// `x / g` as a count writes it: `1` where g is x (a depthwise layer), `(x // g)` where both
    /// are sizes in names (so that it moves with them), else the number.
    func quotient(_ x: Int, _ g: Int) -> String {
        if g <= 1 { return "\(x)" }
        if x == g { return "1" }
        if names[x] != nil, names[g] != nil { return "(\(x) // \(g))" }
        return "\(x / g)"
    }

    /// The weights of a convolution of `filters` filters, each over `inputs` channels (as a
    /// count writes it) with a kernel of `kernel`: the factors multiplied, the 1s left out but
    /// for one.
    static func weights(_ factors: [String]) -> String {
        let kept = factors.filter { $0 != "1" }
        return kept.isEmpty ? "1" : kept.joined(separator: " * ")
    }

    /// The count as a formula in literals; nil when the layer has no parameters.
    var formula: String? {
        switch kind {
        case .conv(let a, let b, let kernel, let groups):
            // Written `out * in/g * kh * kw` as before (`32 * 1 * 3 * 3` for a depthwise layer).
            let factors = ["\(b)", quotient(a, groups)] + kernel.filter { $0 != 1 }.map(String.init)
            let weights = factors.joined(separator: " * ")
            return bias ? "\(weights) + \(b)" : weights
        case .transposedConv(let a, let b, let kernel, let groups):
            let factors = ["\(a)", quotient(b, groups)] + kernel.filter { $0 != 1 }.map(String.init)
            let weights = Self.weights(factors)
            return bias ? "\(weights) + \(b)" : weights
        case .linear(let a, let b):
            return bias ? "\(b) * \(a) + \(b)" : "\(b) * \(a)"
        case .batchNorm(let channels): return "2 * \(channels)"
        case .norm(let norm):
            guard norm.parameterCount > 0 else { return nil }
            return norm.scale && norm.shift ? "2 * \(norm.elementsFormula)" : norm.elementsFormula
        case .projection(let channels): return "\(channels) * \(channels) + 2 * \(channels)"
        case .scale: return "1"
        }
    }

    /// The sizes the layer's count is a formula in: channels, features, kernel sides, groups.
    var sizes: [Int] {
        switch kind {
        case .conv(let a, let b, let kernel, let groups),
            .transposedConv(let a, let b, let kernel, let groups):
            [a, b, a / max(groups, 1), groups] + (groups > 1 ? [b / groups] : []) + kernel
        case .linear(let a, let b): [a, b]
        case .batchNorm(let channels), .projection(let channels): [channels]
        case .norm(let norm):
            norm.kind == .group
                ? [norm.channels, norm.groups, norm.channels / max(norm.groups, 1)]
                : norm.kind == .layer ? norm.shape + [norm.elements] : [norm.channels]
        case .scale: []
        }
    }
}

/// What a reference that counts parameters (`parameter_count(m)`, or a sum or difference of such
/// counts) counts: the layers with parameters that are not cancelled by a layer at the same place
/// of a subtracted module, and the identity shortcuts such a module has where the other has none.
/// A count mutant (`CountMutants`) changes what one of those layers is taken to be.
struct CountInventory: Sendable {
    /// The layers counted, in the order the modules list them.
    var layers: [CountedLayer] = []
    /// The layers subtracted that no counted layer cancels (their count is subtracted as written).
    var subtracted: [CountedLayer] = []
    /// The channels of each identity shortcut the count passes over.
    var identityShortcuts: [Int] = []
    /// The setup's numbers of the names a formula reference reads (empty for a count in
    /// literals): the counts' formulas are evaluated with them.
    var values: [String: Int] = [:]
    /// Whether the reference counts one layer written in the call itself
    /// (`parameter_count(nn.Conv2d(3, 16, 3))`): the call's own mutants then already change its
    /// bias, kernel and channels.
    var direct = false

    /// For a count of multiply-adds (`H * W * D * C * K * K`): the names of the map's positions
    /// every layer's weights are used at; empty for a count of parameters.
    var positions: [String] = []
    /// The whole-number divisions between the count's names (`C // r`), kept exact where the
    /// count is compared at other numbers (`CountInventory.points`).
    var divisions: [Division] = []

    /// Whether the count is of multiply-adds: each weight once per position, no bias.
    var operations: Bool { !positions.isEmpty }

    /// A layer's term of the count: its parameters, or its weights used at every position.
    func term(_ layerFormula: String?) -> String? {
        guard let layerFormula else { return nil }
        guard operations else { return layerFormula }
        return positions.joined(separator: " * ") + " * (\(layerFormula))"
    }

    /// `divisions`, and those a grouped layer in names makes: its channels divided by its groups.
    var allDivisions: [Division] {
        var found = divisions
        for layer in layers {
            switch layer.kind {
            case .conv(let a, let b, _, let g), .transposedConv(let a, let b, _, let g):
                guard g != 1, let groups = layer.names[g], Self.isName(groups) else { continue }
                for channels in [a, b] where channels != g {
                    if let name = layer.names[channels], Self.isName(name) {
                        found.append(Division(dividend: name, divisor: groups))
                    }
                }
            default: continue
            }
        }
        return found
    }

    /// Whether a size's text is one name (not an expression such as `C // r`).
    static func isName(_ text: String) -> Bool {
        if case .name? = Formula.parse(text) { return true }
        return false
    }

    /// The count's formula in literals (`32 * 16 + 2 * 32`), or in names for a formula
    /// reference; `0` when nothing is counted.
    var formula: String {
        let added = layers.compactMap { term($0.formula) }
        var text = added.isEmpty ? "0" : added.joined(separator: " + ")
        for part in subtracted.compactMap(\.formula) { text += " - (\(part))" }
        return written(text)
    }

    /// The placeholders of a formula reference's layers written as their names.
    func written(_ text: String) -> String {
        var names: [Int: String] = [:]
        for layer in layers { names.merge(layer.names) { a, _ in a } }
        return Self.named(text, names)
    }

    /// A count's formula evaluated (in literals, or with the setup's numbers of its names); nil
    /// when it is not a whole number.
    func count(of text: String) -> Int? {
        guard case .int(let value)? = Formula.parse(text)?.evaluate(values) else { return nil }
        return value
    }

    /// The inventory of `reference` when it is `parameter_count(…)` calls added and subtracted,
    /// each module made by `evaluate`; nil when it is anything else or a module has a layer with
    /// parameters that is not a convolution, a linear layer or a normalisation layer.
    /// `integers` are the setup's whole numbers: a count of normalisation layers alone made from
    /// them (`parameter_count(nn.GroupNorm(G, C))`) is written in their names (`nameSizes`).
    static func of(_ reference: String, integers: [String: Int] = [:], evaluate: (String) -> Value?)
        -> CountInventory?
    {
        guard let program = try? Parser.parse(reference), program.statements.count == 1,
            case .expression(let expression) = program.statements[0]
        else { return nil }
        let text = SourceText(reference)
        var terms: [(module: String, sign: Int)] = []
        func collect(_ node: ExpressionSyntax, _ sign: Int) -> Bool {
            switch node.kind {
            case .binary(.add, let a, let b): return collect(a, sign) && collect(b, sign)
            case .binary(.subtract, let a, let b): return collect(a, sign) && collect(b, -sign)
            case .call(let callee, let arguments):
                guard case .name("parameter_count") = callee.kind, arguments.count == 1,
                    arguments[0].name == nil, !arguments[0].isSpread
                else { return false }
                terms.append((text(arguments[0].value), sign))
                return true
            default: return false
            }
        }
        guard collect(expression, 1), !terms.isEmpty else { return nil }
        var added: [Leaf] = []
        var taken: [Leaf] = []
        var direct = false
        for term in terms {
            guard case .module(let module)? = evaluate(term.module), let leaves = Self.leaves(of: module)
            else { return nil }
            if term.sign > 0 { added += leaves } else { taken += leaves }
            if terms.count == 1, module.children.isEmpty, leaves.count == 1 { direct = true }
        }
        // A layer subtracted cancels the added layer at the same path that is the same layer.
        var inventory = CountInventory()
        inventory.direct = direct
        var remaining = taken
        for leaf in added {
            if let match = remaining.firstIndex(where: { $0.path == leaf.path && $0.content == leaf.content })
            {
                remaining.remove(at: match)
                continue
            }
            switch leaf.content {
            case .layer(let layer): inventory.layers.append(layer)
            case .identity(let channels): inventory.identityShortcuts.append(channels)
            }
        }
        for leaf in remaining {
            if case .layer(let layer) = leaf.content { inventory.subtracted.append(layer) }
        }
        guard !inventory.layers.isEmpty || !inventory.identityShortcuts.isEmpty else { return nil }
        inventory.nameSizes(Set(terms.flatMap { Self.identifiers($0.module) }), integers)
        inventory.nameLayers(terms.map(\.module), integers)
        return inventory
    }

    /// A count of normalisation layers alone whose module is made from the setup's whole numbers
    /// (`nn.GroupNorm(G, C)`): each of its sizes that is the value of one name the module reads is
    /// written as that name, so the count and its mutants are formulas in the learner's names
    /// (`2 * C`, `2 * G`), told of an answer typed in them. Only sizes of 3 and more: a count's
    /// multipliers (the 2 of a scale and a shift) are never a size.
    private mutating func nameSizes(_ read: Set<String>, _ integers: [String: Int]) {
        guard !layers.isEmpty, identityShortcuts.isEmpty, subtracted.isEmpty,
            layers.allSatisfy({ if case .norm = $0.kind { true } else { false } })
        else { return }
        let sizes = Set(layers.flatMap(\.sizes))
        var names: [Int: String] = [:]
        var values: [String: Int] = [:]
        for name in read.sorted() {
            guard let value = integers[name], value >= 3, sizes.contains(value) else { continue }
            // A value two names share is neither's.
            if names[value] != nil {
                names[value] = ""
                continue
            }
            names[value] = name
        }
        names = names.filter { !$0.value.isEmpty }
        guard !names.isEmpty else { return }
        for (value, name) in names { values[name] = value }
        for index in layers.indices { layers[index].names = names }
        self.values = values
    }

    /// The names a module's text reads (`G`, `C` of `nn.GroupNorm(G, C)`).
    private static func identifiers(_ text: String) -> [String] {
        var names: [String] = []
        var current = ""
        for character in text + " " {
            if character.isLetter || character == "_" || (character.isNumber && !current.isEmpty) {
                current.append(character)
            } else {
                if !current.isEmpty { names.append(current) }
                current = ""
            }
        }
        return names
    }

    /// A module's layers with parameters and its identity shortcuts, with their paths.
    private struct Leaf {
        enum Content: Equatable {
            case layer(CountedLayer)
            case identity(Int)
        }
        var path: String
        var content: Content
    }

    /// The module's leaves; nil when a layer has parameters that are not counted here.
    private static func leaves(of module: any Layer) -> [Leaf]? {
        var leaves: [Leaf] = []
        for (path, layer) in module.namedLayers {
            if let block = layer as? ResidualBlock, block.shortcutKind == .identity {
                leaves.append(
                    Leaf(
                        path: path.isEmpty ? "shortcut" : "\(path).shortcut",
                        content: .identity(block.inChannels)))
            }
            // A normalisation layer counts even without parameters: a learner may count a scale
            // and shift it is made without. A BatchNorm with both and running statistics is the
            // batch norm of the convolution counts.
            if let norm = NormLayer(layer) {
                let kind: CountedLayer.Kind =
                    norm.kind == .batch && norm.scale && norm.shift && norm.runningStatistics
                    ? .batchNorm(channels: norm.channels) : .norm(norm)
                leaves.append(
                    Leaf(path: path, content: .layer(CountedLayer(kind: kind, bias: norm.shift, path: path))))
                continue
            }
            guard !layer.ownParameters.isEmpty else { continue }
            let counted: CountedLayer
            switch layer {
            case let conv as Conv2d:
                counted = CountedLayer(
                    kind: .conv(
                        inChannels: conv.inChannels, outChannels: conv.outChannels,
                        kernel: [conv.kernelSize.height, conv.kernelSize.width], groups: conv.groups),
                    bias: conv.bias != nil, path: path)
            case let conv as ConvTranspose2d:
                counted = CountedLayer(
                    kind: .transposedConv(
                        inChannels: conv.inChannels, outChannels: conv.outChannels,
                        kernel: [conv.kernelSize.height, conv.kernelSize.width], groups: conv.groups),
                    bias: conv.bias != nil, path: path)
            case let linear as Linear:
                counted = CountedLayer(
                    kind: .linear(inFeatures: linear.inFeatures, outFeatures: linear.outFeatures),
                    bias: linear.bias != nil, path: path)
            default:
                return nil
            }
            leaves.append(Leaf(path: path, content: .layer(counted)))
        }
        return leaves
    }
}
