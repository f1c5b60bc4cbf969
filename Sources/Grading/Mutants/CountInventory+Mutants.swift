/// The counts a learner gets by taking one counted layer to be something else: a bias per input
/// channel, the running statistics of a batch norm counted, a 1 × 1 convolution taken as 3 × 3,
/// a layer imagined on an identity shortcut… Each mutant's source is the count's formula with that
/// layer's term changed, in literals (`32 * 16 * 3 * 3 + 2 * 32`), so that an answer written as a
/// formula is told by its formula, not only by its value (`CountInventory.explain`).
extension CountInventory {
    /// The count mutants, each with its value, none equal to the reference's count or 0.
    func mutants() -> [(mutant: Mutant, value: Int)] {
        guard let expected = count(of: formula) else { return [] }
        let parts = layers.map { $0.formula ?? "0" }
        var found: [(mutant: Mutant, value: Int)] = []
        var seen: Set<String> = [formula]
        func add(_ misconception: Misconception, _ layer: CountedLayer, _ terms: [String], size: Int? = nil) {
            var text = terms.filter { $0 != "0" }.joined(separator: " + ")
            if text.isEmpty { text = "0" }
            for part in subtracted.compactMap(\.formula) { text += " - (\(part))" }
            text = written(text)
            guard seen.insert(text).inserted, let value = count(of: text), value != expected, value != 0
            else {
                return
            }
            var mutant = Mutant(misconception: misconception, source: text, piece: "")
            mutant.changes[0].layer = layer
            mutant.changes[0].size = size
            found.append((mutant, value))
        }
        func replacing(_ index: Int, by term: String) -> [String] {
            var terms = parts
            terms[index] = term
            return terms
        }
        for (index, layer) in layers.enumerated() {
            for (misconception, term, size) in variants(of: layer, after: index > 0 ? layers[index - 1] : nil)
            {
                add(misconception, layer, replacing(index, by: term), size: size)
            }
            guard layers.count >= 2, let own = layer.formula else { continue }
            add(.countLayerTwice, layer, replacing(index, by: "2 * (\(own))"))
            add(.countLayerForgotten, layer, replacing(index, by: "0"))
        }
        for channels in identityShortcuts {
            for imagined in Self.imagined(channels) {
                add(.countShortcutLayer, imagined, parts + [imagined.formula ?? "0"])
            }
        }
        return found
    }

    /// The ways of counting `layer` otherwise: each the term counted in its place and a size the
    /// story quotes; `previous` is the layer counted just before it (a batch norm's convolution).
    private func variants(of layer: CountedLayer, after previous: CountedLayer?) -> [(
        Misconception, String, Int?
    )] {
        var result: [(Misconception, String, Int?)] = []
        func counted(_ misconception: Misconception, as other: CountedLayer) {
            result.append((misconception, other.formula ?? "0", nil))
        }
        switch layer.kind {
        case .conv(let a, let b, let kernel, let groups):
            let perFilter = a / max(groups, 1)
            var weights = layer
            weights.bias = false
            // The call's own mutants change a layer written in the reference (`bias=False`, a
            // kernel of 1): only the counts no call argument gives are made for it.
            if !direct {
                counted(
                    layer.bias ? .countBiasForgotten : .countBiasAdded,
                    as: CountedLayer(kind: layer.kind, bias: !layer.bias))
                let square = kernel.allSatisfy { $0 == 1 } ? [3, 3] : [1, 1]
                var other = layer
                other.kind = .conv(inChannels: a, outChannels: b, kernel: square, groups: groups)
                counted(square == [3, 3] ? .countKernelThree : .countKernelOne, as: other)
            }
            // The bias counted per input channel, or per filter and input channel.
            if layer.bias, let product = weights.formula {
                if a != b { result.append((.countBiasPerInput, "\(product) + \(a)", nil)) }
                if perFilter > 1 {
                    result.append((.countBiasPerPair, "\(product) + \(b) * \(perFilter)", nil))
                }
                // A 1 × 1 convolution is a linear layer at every pixel: the same slip.
                if kernel.allSatisfy({ $0 == 1 }), groups == 1 {
                    result.append((.countBiasBothSides, "(\(a) + 1) * (\(b) + 1)", nil))
                }
            }
        case .linear(let a, let b):
            if !direct {
                counted(
                    layer.bias ? .countBiasForgotten : .countBiasAdded,
                    as: CountedLayer(kind: layer.kind, bias: !layer.bias))
            }
            if layer.bias {
                if a != b { result.append((.countBiasPerInput, "\(b) * \(a) + \(a)", nil)) }
                result.append((.countBiasBothSides, "(\(a) + 1) * (\(b) + 1)", nil))
                // A count in names (`C_in * C_out + C_out`) may be a 1 × 1 convolution's.
                if !layer.names.isEmpty {
                    result.append((.countKernelThree, "\(b) * \(a) * 3 * 3 + \(b)", nil))
                }
            }
        case .batchNorm(let channels):
            result.append((.countBuffers, "4 * \(channels)", nil))
            result.append((.countScaleOnly, "\(channels)", nil))
            if case .conv(let a, let b, _, _)? = previous?.kind, b == channels, a != channels {
                result.append((.countNormInputChannels, "2 * \(a)", a))
            }
        case .norm(let norm):
            result += Self.variants(of: norm, after: previous)
        case .projection, .scale:
            break
        }
        return result
    }

    /// The ways of counting a normalisation layer otherwise (`NormLayer`): its scale alone; running
    /// statistics it keeps counted, or imagined where it keeps none; a scale and shift counted
    /// where it is made without them; a GroupNorm's per group, for one group, or once per group;
    /// a LayerNorm's per channel rather than per normalised element; the channels of the
    /// convolution before it. Each term written with 2s, not 4s, so that no multiplier reads as a
    /// size of the layer (a GroupNorm of 4 groups).
    private static func variants(of norm: NormLayer, after previous: CountedLayer?) -> [(
        Misconception, String, Int?
    )] {
        var result: [(Misconception, String, Int?)] = []
        let elements = norm.elementsFormula
        guard norm.parameterCount > 0 else {
            return [(.countAffineCounted, "2 * \(elements)", nil)]
        }
        let both = norm.scale && norm.shift
        let own = both ? "2 * \(elements)" : elements
        if both { result.append((.countScaleOnly, elements, nil)) }
        result.append(
            (
                norm.runningStatistics ? .countBuffers : .countStatisticsImagined, "\(own) + 2 * \(elements)",
                nil
            ))
        switch norm.kind {
        case .group where norm.groups > 1:
            let size = norm.channels / norm.groups
            let times = { (count: Int) in both ? "2 * \(count)" : "\(count)" }
            result.append((.countNormPerGroup, times(norm.groups), norm.groups))
            let group = "\(norm.channels) // \(norm.groups)"
            // Written either way a learner brackets it: `2 * C // G` and `2 * (C // G)` part
            // where G does not divide C.
            if size > 1 {
                result.append((.countNormOneGroup, both ? "2 * \(group)" : group, size))
                if both { result.append((.countNormOneGroup, "2 * (\(group))", size)) }
            }
            // The channels in one group, which are no parameters at all.
            if size > 2 { result.append((.countGroupChannels, group, size)) }
            result.append((.countNormTimesGroups, "\(own) * \(norm.groups)", norm.groups))
        case .layer where norm.shape.count > 1:
            result.append(
                (.countNormPerChannel, both ? "2 * \(norm.channels)" : "\(norm.channels)", norm.channels))
        default:
            break
        }
        if norm.kind != .layer, case .conv(let a, let b, _, _)? = previous?.kind, b == norm.channels, a != b {
            result.append((.countNormInputChannels, both ? "2 * \(a)" : "\(a)", a))
        }
        return result
    }

    /// The layers a learner may imagine on an identity shortcut of `channels` channels: a
    /// convolution (3 × 3 or 1 × 1, with or without bias), a batch norm, a projection, a gate.
    private static func imagined(_ channels: Int) -> [CountedLayer] {
        var layers: [CountedLayer] = []
        for kernel in [[3, 3], [1, 1]] {
            for bias in [false, true] {
                layers.append(
                    CountedLayer(
                        kind: .conv(inChannels: channels, outChannels: channels, kernel: kernel, groups: 1),
                        bias: bias, imagined: true))
            }
        }
        layers.append(CountedLayer(kind: .batchNorm(channels: channels), bias: true, imagined: true))
        layers.append(CountedLayer(kind: .projection(channels: channels), bias: false, imagined: true))
        layers.append(CountedLayer(kind: .scale, bias: false, imagined: true))
        return layers
    }
}
