import Wording

/// The sentences of a parameter count's mutants (`CountInventory`): the change names the layer
/// it is about with its sizes (`the 1×1 convolution (16 → 32 channels)`), and the numbers the
/// learner's count used in its place. Catalog `misconceptions` for the change, `counts` for the
/// layer.
extension GradingText {
    /// The change of a count mutant; nil for any other change.
    func countChange(_ change: Mutant.Change) -> Phrase? {
        guard change.misconception.isCount, let layer = change.layer else { return nil }
        var arguments: [String: any PhraseArgument] = ["layer": layerPhrase(layer)]
        let size = { (value: Int) in Self.size(value, layer) }
        switch layer.kind {
        case .conv(let a, let b, let kernel, let groups),
            .transposedConv(let a, let b, let kernel, let groups):
            arguments["in"] = groups != 1 && a == groups ? 1 : size(a)
            arguments["out"] = size(b)
            arguments["groups"] = size(groups)
            arguments["channels"] = size(a)
            arguments["perGroup"] = Self.quotient(a, groups, layer)
            arguments["side"] = size(kernel.first ?? 1)
            arguments["kernel"] = Self.extent(kernel, layer)
        case .linear(let a, let b):
            arguments["in"] = size(a)
            arguments["out"] = size(b)
        case .batchNorm(let channels):
            arguments["in"] = size(change.size ?? channels)
            arguments["out"] = size(channels)
        case .norm(let norm):
            arguments["in"] = size(change.size ?? norm.channels)
            arguments["out"] = size(norm.elements)
        case .projection, .scale:
            break
        }
        if let other = change.other { arguments["other"] = layerPhrase(other) }
        // A reduction's story quotes the size put where the reduced one belongs.
        if change.misconception == .countReductionForgotten || change.misconception == .countReductionAsWidth
        {
            arguments["piece"] = change.piece
            arguments["original"] = change.original
        }
        return Phrase(MisconceptionKey.change(change.misconception), arguments)
    }

    /// `x / g` as the reference writes it: `C_in / g` in names, else the number.
    private static func quotient(_ x: Int, _ g: Int, _ layer: CountedLayer) -> any PhraseArgument {
        if let a = layer.names[x], let b = layer.names[g] { return x == g ? "1" : "\(a) / \(b)" }
        return x / max(g, 1)
    }

    /// A kernel's extent: `K×K` in names, else `3×3`.
    private static func extent(_ kernel: [Int], _ layer: CountedLayer) -> any PhraseArgument {
        kernel.contains(where: { layer.names[$0] != nil })
            ? kernel.map { layer.names[$0] ?? "\($0)" }.joined(separator: "×")
            : MessageValue.extent(kernel)
    }

    /// A size as the reference writes it: a number, or the name it stands for.
    private static func size(_ value: Int, _ layer: CountedLayer) -> any PhraseArgument {
        if let name = layer.names[value] { return name }
        return value
    }

    /// The layer with its sizes: one of the count's (`the …`), or one only imagined on a
    /// shortcut (`a …`).
    private func layerPhrase(_ layer: CountedLayer) -> Phrase {
        let imagined = layer.imagined
        let size = { (value: Int) in Self.size(value, layer) }
        switch layer.kind {
        case .conv(let a, let b, let kernel, let groups):
            // A kernel side in names is said as written: `K×K`.
            var sizes: [String: any PhraseArgument] = [
                "kernel": Self.extent(kernel, layer), "in": size(a), "out": size(b),
            ]
            if imagined { return Phrase(layer.bias ? CountKey.imaginedConvBias : .imaginedConv, sizes) }
            guard groups != 1 else { return Phrase(CountKey.conv, sizes) }
            // One filter per channel: a depthwise convolution.
            if a == groups, b == groups {
                return Phrase(CountKey.depthwiseConv, ["kernel": sizes["kernel"] ?? "", "channels": size(a)])
            }
            sizes["groups"] = size(groups)
            return Phrase(CountKey.groupedConv, sizes)
        case .transposedConv(let a, let b, let kernel, let groups):
            var sizes: [String: any PhraseArgument] = [
                "kernel": Self.extent(kernel, layer), "in": size(a), "out": size(b),
            ]
            guard groups != 1 else { return Phrase(CountKey.transposedConv, sizes) }
            sizes["groups"] = size(groups)
            return Phrase(CountKey.groupedTransposedConv, sizes)
        case .linear(let a, let b):
            // A count in names may be a linear layer's or a 1 × 1 convolution's.
            return Phrase(
                layer.names.isEmpty ? CountKey.linear : .namedLayer, ["in": size(a), "out": size(b)])
        case .batchNorm(let channels):
            // A count in names says only that it counts a normalisation layer, not which.
            if !imagined, layer.names[channels] != nil {
                return Phrase(CountKey.namedNorm, ["channels": size(channels)])
            }
            return Phrase(imagined ? CountKey.imaginedBatchNorm : .batchNorm, ["channels": size(channels)])
        case .norm(let norm):
            switch norm.kind {
            case .group:
                return Phrase(
                    CountKey.groupNorm,
                    ["type": norm.type, "channels": size(norm.channels), "groups": size(norm.groups)])
            case .layer:
                return Phrase(
                    CountKey.layerNorm, ["type": norm.type, "shape": MessageValue.tuple(norm.shape)])
            case .batch, .instance:
                return Phrase(CountKey.norm, ["type": norm.type, "channels": size(norm.channels)])
            }
        case .projection(let channels):
            return Phrase(CountKey.imaginedProjection, ["channels": channels])
        case .scale:
            return Phrase(CountKey.imaginedScale)
        }
    }
}

/// The catalog `counts`: a counted layer named with its sizes.
package enum CountKey: String, MessageKey {
    package static let catalog = "counts"

    /// A convolution of the count (`kernel`, `in`, `out`).
    case conv
    /// A grouped convolution of the count (`kernel`, `in`, `out`, `groups`).
    case groupedConv
    /// A depthwise convolution of the count: one filter per channel (`kernel`, `channels`).
    case depthwiseConv
    /// A transposed convolution of the count (`kernel`, `in`, `out`).
    case transposedConv
    /// A grouped transposed convolution of the count (`kernel`, `in`, `out`, `groups`).
    case groupedTransposedConv
    /// A linear layer of the count (`in`, `out`).
    case linear
    /// A layer of a count in names, a linear layer's or a 1 × 1 convolution's (`in`, `out`).
    case namedLayer
    /// A batch norm of the count (`channels`).
    case batchNorm
    /// A normalisation layer of a count in names, of a kind the formula does not say (`channels`).
    case namedNorm
    /// A GroupNorm of the count (`type`, `channels`, `groups`).
    case groupNorm
    /// A LayerNorm of the count (`type`, `shape`: its normalized_shape).
    case layerNorm
    /// Another normalisation layer of the count: an InstanceNorm, a BatchNorm without scale and
    /// shift (`type`, `channels`).
    case norm
    /// A convolution without bias only imagined (`kernel`, `in`, `out`).
    case imaginedConv
    /// A convolution with bias only imagined (`kernel`, `in`, `out`).
    case imaginedConvBias
    /// A batch norm only imagined (`channels`).
    case imaginedBatchNorm
    /// A 1 × 1 convolution and a batch norm only imagined (`channels`).
    case imaginedProjection
    /// One learned weight only imagined.
    case imaginedScale
}
