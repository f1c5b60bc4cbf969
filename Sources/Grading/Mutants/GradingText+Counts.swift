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
        switch layer.kind {
        case .conv(let a, let b, _, let groups):
            arguments["in"] = a / max(groups, 1)
            arguments["out"] = b
        case .linear(let a, let b):
            arguments["in"] = a
            arguments["out"] = b
        case .batchNorm(let channels):
            arguments["in"] = change.size ?? channels
            arguments["out"] = channels
        case .projection, .scale:
            break
        }
        return Phrase(MisconceptionKey.change(change.misconception), arguments)
    }

    /// The layer with its sizes: one of the count's (`the …`), or one only imagined on a
    /// shortcut (`a …`).
    private func layerPhrase(_ layer: CountedLayer) -> Phrase {
        let imagined = layer.imagined
        switch layer.kind {
        case .conv(let a, let b, let kernel, let groups):
            var size: [String: any PhraseArgument] = [
                "kernel": MessageValue.extent(kernel), "in": a, "out": b,
            ]
            if imagined { return Phrase(layer.bias ? CountKey.imaginedConvBias : .imaginedConv, size) }
            guard groups > 1 else { return Phrase(CountKey.conv, size) }
            size["groups"] = groups
            return Phrase(CountKey.groupedConv, size)
        case .linear(let a, let b):
            return Phrase(CountKey.linear, ["in": a, "out": b])
        case .batchNorm(let channels):
            return Phrase(imagined ? CountKey.imaginedBatchNorm : .batchNorm, ["channels": channels])
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
    /// A linear layer of the count (`in`, `out`).
    case linear
    /// A batch norm of the count (`channels`).
    case batchNorm
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
