/// The counts a learner gets by taking one counted layer to be something else: a bias per input
/// channel, the running statistics of a batch norm counted, a 1 × 1 convolution taken as 3 × 3,
/// a layer imagined on an identity shortcut… Each mutant's source is the count's formula with that
/// layer's term changed, in literals (`32 * 16 * 3 * 3 + 2 * 32`), so that an answer written as a
/// formula is told by its formula, not only by its value (`CountInventory.explain`).
extension CountInventory {
    /// One way of counting a layer otherwise: the term counted in its place, a size the story
    /// quotes, another layer it names, and whether it is a double slip with the layer's bias
    /// forgotten too.
    struct Variant {
        var misconception: Misconception
        var term: String
        var size: Int? = nil
        var other: CountedLayer? = nil
        /// For a count of multiply-adds: whether the term is used at every position (else it is
        /// counted once, as written).
        var perPosition = true
        /// A second change of the same layer (its bias forgotten as well).
        var second: Misconception? = nil
    }

    /// The count mutants, each with its value, none equal to the reference's count or 0.
    func mutants() -> [(mutant: Mutant, value: Int)] {
        guard let expected = count(of: formula) else { return [] }
        let parts = layers.map { term($0.formula) ?? "0" }
        var found: [(mutant: Mutant, value: Int)] = []
        // The texts made, with their stories: a text two stories make (`16 * 3 * 3`, one kernel
        // side or one input channel where both are 3) is kept for each, so that both are told.
        var seen: [String: Set<Set<Misconception>>] = [formula: []]
        func add(
            _ misconception: Misconception, _ layer: CountedLayer, _ terms: [String], size: Int? = nil,
            other: CountedLayer? = nil, second: Misconception? = nil, piece: String = "",
            original: String = ""
        ) {
            var text = terms.filter { $0 != "0" }.joined(separator: " + ")
            if text.isEmpty { text = "0" }
            for part in subtracted.compactMap(\.formula) { text += " - (\(part))" }
            text = written(text)
            let story = Set([misconception] + (second.map { [$0] } ?? []))
            if let stories = seen[text], stories.isEmpty || stories.contains(story) { return }
            seen[text, default: []].insert(story)
            guard let value = count(of: text), value != expected, value != 0 else { return }
            var mutant = Mutant(misconception: misconception, source: text, piece: piece, original: original)
            mutant.changes[0].layer = layer
            mutant.changes[0].size = size
            mutant.changes[0].other = other
            if let second {
                var change = Mutant.Change(misconception: second, piece: "")
                change.layer = layer
                mutant.changes.append(change)
            }
            found.append((mutant, value))
        }
        func replacing(_ index: Int, by term: String) -> [String] {
            var terms = parts
            terms[index] = term
            return terms
        }
        for (index, layer) in layers.enumerated() {
            let previous = index > 0 ? layers[index - 1] : nil
            for variant in variants(of: layer, after: previous) {
                let term = variant.perPosition ? self.term(variant.term) ?? "0" : variant.term
                add(
                    variant.misconception, layer, replacing(index, by: term), size: variant.size,
                    other: variant.other, second: variant.second)
            }
            // Multiply-adds: a layer's weights counted once, not at every position; a single
            // layer's parameters, its biases with them.
            if operations, let weights = layer.formula {
                add(.countOncePerMap, layer, replacing(index, by: weights))
                var biased = layer
                biased.bias = true
                if layers.count == 1, layer.isWeighted, let parameters = biased.formula {
                    add(.countParametersForOperations, layer, [parameters])
                }
            }
            guard layers.count >= 2, let own = term(layer.formula) else { continue }
            add(.countLayerTwice, layer, replacing(index, by: "2 * (\(own))"))
            add(.countLayerForgotten, layer, replacing(index, by: "0"))
        }
        for change in wholeVariants() {
            add(
                change.misconception, change.layer, change.terms, other: change.other, piece: change.piece,
                original: change.original)
        }
        for channels in identityShortcuts {
            for imagined in Self.imagined(channels) {
                add(.countShortcutLayer, imagined, parts + [imagined.formula ?? "0"])
            }
        }
        return found
    }

    /// The ways of counting `layer` otherwise; `previous` is the layer counted just before it (a
    /// batch norm's convolution).
    private func variants(of layer: CountedLayer, after previous: CountedLayer?) -> [Variant] {
        var result: [Variant] = []
        func counted(_ misconception: Misconception, as other: CountedLayer) {
            result.append(Variant(misconception: misconception, term: other.formula ?? "0"))
        }
        switch layer.kind {
        case .conv(let a, let b, let kernel, let groups),
            .transposedConv(let a, let b, let kernel, let groups):
            var weights = layer
            weights.bias = false
            // The call's own mutants change a layer written in the reference (`bias=False`, a
            // kernel of 1): only the counts no call argument gives are made for it. A count of
            // multiply-adds counts no bias: no story of one is told of it.
            if !direct, !operations {
                var other = layer
                other.bias = !layer.bias
                counted(layer.bias ? .countBiasForgotten : .countBiasAdded, as: other)
            }
            if !direct {
                let square = kernel.allSatisfy { $0 == 1 } ? [3, 3] : [1, 1]
                var other = layer
                other.kind = layer.kind.withKernel(square)
                counted(square == [3, 3] ? .countKernelThree : .countKernelOne, as: other)
            }
            // The bias counted per input channel, or per filter and input channel.
            if layer.bias, !operations, let product = weights.formula {
                if a != b, layer.ordered {
                    result.append(Variant(misconception: .countBiasPerInput, term: "\(product) + \(a)"))
                }
                if a != groups {
                    result.append(
                        Variant(
                            misconception: .countBiasPerPair,
                            term: "\(product) + \(b) * \(layer.quotient(a, groups))"))
                }
                // A 1 × 1 convolution is a linear layer at every pixel: the same slip.
                if kernel.allSatisfy({ $0 == 1 }), groups == 1 {
                    result.append(
                        Variant(misconception: .countBiasBothSides, term: "(\(a) + 1) * (\(b) + 1)"))
                }
            }
            result += convolutionVariants(layer, a: a, b: b, kernel: kernel, groups: groups)
        case .linear(let a, let b):
            if !direct {
                counted(
                    layer.bias ? .countBiasForgotten : .countBiasAdded,
                    as: CountedLayer(kind: layer.kind, bias: !layer.bias))
            }
            if layer.bias {
                if a != b {
                    result.append(Variant(misconception: .countBiasPerInput, term: "\(b) * \(a) + \(a)"))
                }
                result.append(Variant(misconception: .countBiasBothSides, term: "(\(a) + 1) * (\(b) + 1)"))
                if b != 1 { result.append(Variant(misconception: .countOneBias, term: "\(b) * \(a) + 1")) }
                // A count in names (`C_in * C_out + C_out`) may be a 1 × 1 convolution's.
                if !layer.names.isEmpty, layers.count == 1 {
                    result.append(
                        Variant(misconception: .countKernelThree, term: "\(b) * \(a) * 3 * 3 + \(b)"))
                }
            }
        case .batchNorm(let channels):
            result.append(Variant(misconception: .countBuffers, term: "4 * \(channels)"))
            result.append(Variant(misconception: .countScaleOnly, term: "\(channels)"))
            if case .conv(let a, let b, _, _)? = previous?.kind, b == channels, a != channels {
                result.append(Variant(misconception: .countNormInputChannels, term: "2 * \(a)", size: a))
            }
        case .norm(let norm):
            result += Self.variants(of: norm, after: previous).map {
                Variant(misconception: $0.0, term: $0.1, size: $0.2)
            }
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

extension CountedLayer.Kind {
    /// A convolution's kind with another kernel; any other kind as it is.
    func withKernel(_ kernel: [Int]) -> Self {
        switch self {
        case .conv(let a, let b, _, let g): .conv(inChannels: a, outChannels: b, kernel: kernel, groups: g)
        case .transposedConv(let a, let b, _, let g):
            .transposedConv(inChannels: a, outChannels: b, kernel: kernel, groups: g)
        default: self
        }
    }
}
