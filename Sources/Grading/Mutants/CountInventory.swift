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
        /// `nn.Linear(in, out)`.
        case linear(inFeatures: Int, outFeatures: Int)
        /// `nn.BatchNorm2d(channels)` with its scale and shift.
        case batchNorm(channels: Int)
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
    /// (`CountInventory.ofFormula`).
    var names: [Int: String] = [:]

    /// The count as a formula in literals; nil when the layer has no parameters.
    var formula: String? {
        switch kind {
        case .conv(let a, let b, let kernel, let groups):
            let perFilter = a / max(groups, 1)
            let factors = [b, perFilter] + kernel.filter { $0 != 1 }
            let weights = factors.map(String.init).joined(separator: " * ")
            return bias ? "\(weights) + \(b)" : weights
        case .linear(let a, let b):
            return bias ? "\(b) * \(a) + \(b)" : "\(b) * \(a)"
        case .batchNorm(let channels): return "2 * \(channels)"
        case .projection(let channels): return "\(channels) * \(channels) + 2 * \(channels)"
        case .scale: return "1"
        }
    }

    /// The sizes the layer's count is a formula in: channels, features, kernel sides, groups.
    var sizes: [Int] {
        switch kind {
        case .conv(let a, let b, let kernel, let groups): [a, b, a / max(groups, 1), groups] + kernel
        case .linear(let a, let b): [a, b]
        case .batchNorm(let channels), .projection(let channels): [channels]
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

    /// The count's formula in literals (`32 * 16 + 2 * 32`), or in names for a formula
    /// reference; `0` when nothing is counted.
    var formula: String {
        let added = layers.compactMap(\.formula)
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
    /// parameters that is not a convolution, a linear layer or a batch norm.
    static func of(_ reference: String, evaluate: (String) -> Value?) -> CountInventory? {
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
        return inventory
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
            guard !layer.ownParameters.isEmpty else { continue }
            let counted: CountedLayer
            switch layer {
            case let conv as Conv2d:
                counted = CountedLayer(
                    kind: .conv(
                        inChannels: conv.inChannels, outChannels: conv.outChannels,
                        kernel: [conv.kernelSize.height, conv.kernelSize.width], groups: conv.groups),
                    bias: conv.bias != nil, path: path)
            case let linear as Linear:
                counted = CountedLayer(
                    kind: .linear(inFeatures: linear.inFeatures, outFeatures: linear.outFeatures),
                    bias: linear.bias != nil, path: path)
            case let norm as BatchNorm2d where norm.weight != nil && norm.bias != nil:
                counted = CountedLayer(kind: .batchNorm(channels: norm.numFeatures), bias: true, path: path)
            default:
                return nil
            }
            leaves.append(Leaf(path: path, content: .layer(counted)))
        }
        return leaves
    }
}
