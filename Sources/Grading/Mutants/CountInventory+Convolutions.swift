/// The ways of counting a convolution (or a transposed one) otherwise that its groups, its
/// filters, its kernel and its bias give, and the ways of counting two layers otherwise together:
/// each a formula in the layer's sizes, so that an answer is told by what it writes
/// (`CountCatalogue`), in names or in literals, for a count of parameters or of multiply-adds.
///
/// A transposed convolution from `in` to `out` has the weights of a convolution from `in` to `out`
/// (`in · out/g · kh · kw`), and one bias per output channel: the same stories hold of it.
extension CountInventory {
    /// The variants of the convolution `layer` (`a` → `b` channels, `kernel`, `groups`).
    func convolutionVariants(_ layer: CountedLayer, a: Int, b: Int, kernel: [Int], groups g: Int) -> [Variant]
    {
        var result: [Variant] = []
        let sides = kernel.filter { $0 != 1 }.map(String.init)
        let inputs = layer.quotient(a, g)
        let bias = layer.bias && !operations
        let withBias = { (weights: String) in bias ? "\(weights) + \(b)" : weights }
        let own = CountedLayer.weights(["\(b)", inputs] + sides)
        // Each weight change, alone and (for a layer with bias) with the bias forgotten too.
        var weightChanges: [Variant] = []
        func weightsCounted(_ misconception: Misconception, _ weights: String, size: Int? = nil) {
            weightChanges.append(Variant(misconception: misconception, term: weights, size: size))
        }
        if g != 1 {
            // An ordinary convolution: every filter over all the input channels.
            if !direct {
                weightsCounted(.countGroupsIgnored, CountedLayer.weights(["\(b)", "\(a)"] + sides), size: a)
            }
            weightsCounted(
                .countGroupsMultiplied, CountedLayer.weights(["\(b)", "\(a)"] + sides + ["\(g)"]), size: g)
            if b != g {
                let filters = layer.quotient(b, g)
                let group = CountedLayer.weights([filters, inputs] + sides)
                result.append(
                    Variant(
                        misconception: .countOneGroup, term: bias ? "\(group) + \(filters)" : group, size: g))
                if bias {
                    result.append(Variant(misconception: .countOneGroup, term: withBias(group), size: g))
                }
            }
            // The groups where each filter's channels (in / g) belong; for a depthwise layer that
            // is the ordinary convolution's count, told as such.
            if a != g {
                weightsCounted(
                    .countGroupsForChannels, CountedLayer.weights(["\(b)", "\(g)"] + sides), size: g)
            }
        }
        // Not of a 1 × 1 layer, whose one filter (`in + out`) reads as the channels added.
        if b != 1, layer.ordered, !sides.isEmpty {
            let filter = CountedLayer.weights([inputs] + sides)
            result.append(Variant(misconception: .countOneFilter, term: bias ? "\(filter) + 1" : filter))
            if bias {
                result.append(Variant(misconception: .countOneFilterWeights, term: "\(filter) + \(b)"))
            }
        }
        // One side of a square kernel where its area belongs.
        if kernel.count == 2, kernel[0] == kernel[1], kernel[0] != 1 {
            weightsCounted(
                .countKernelSide, CountedLayer.weights(["\(b)", inputs, "\(kernel[0])"]), size: kernel[0])
        }
        // Each filter over one input channel (a depthwise layer's count).
        if g == 1, a != 1, layer.ordered {
            weightsCounted(.countOneInputChannel, CountedLayer.weights(["\(b)"] + sides), size: a)
        }
        for change in weightChanges {
            result.append(
                Variant(misconception: change.misconception, term: withBias(change.term), size: change.size))
            if bias {
                result.append(
                    Variant(
                        misconception: change.misconception, term: change.term, size: change.size,
                        second: .countBiasForgotten))
            }
        }
        if bias {
            if b != 1 { result.append(Variant(misconception: .countOneBias, term: "\(own) + 1")) }
            // Not of a depthwise layer, whose one input channel more reads as the weights doubled.
            if !sides.isEmpty, inputs != "1" {
                // `(in + 1) · out · k · k`: a bias for every kernel position of every filter.
                let positions = CountedLayer.weights(["\(b)"] + sides)
                result.append(Variant(misconception: .countBiasAsInputChannel, term: "\(own) + \(positions)"))
            }
            // Not of a 1 × 1 layer, whose one filter more (`+ in`) reads as a bias per input.
            if layer.ordered, !sides.isEmpty {
                // `(out + 1) · in · k · k`: one more filter.
                let filter = CountedLayer.weights([inputs] + sides)
                result.append(Variant(misconception: .countBiasAsFilter, term: "\(own) + \(filter)"))
            }
        }
        return result
    }

    /// A change of the whole count: the terms counted in the layers' places.
    struct WholeChange {
        var misconception: Misconception
        var layer: CountedLayer
        var terms: [String]
        var other: CountedLayer? = nil
        var piece = ""
        var original = ""
    }

    /// The changes of two or more layers at once: two layers' counts multiplied, a
    /// depthwise-separable pair counted as one ordinary convolution, a 1 × 1 convolution counted
    /// with another layer's kernel, a layer counted from its outputs to its outputs, and a
    /// reduction (`C // r`) forgotten or taken as the width.
    func wholeVariants() -> [WholeChange] {
        var result: [WholeChange] = []
        let parts = layers.map { term($0.formula) ?? "0" }
        if layers.count == 2 {
            result.append(
                WholeChange(
                    misconception: .countLayersMultiplied, layer: layers[0],
                    terms: ["(\(parts[0])) * (\(parts[1]))"],
                    other: layers[1]))
        }
        for (index, layer) in layers.enumerated() {
            guard case .conv(let a, let b, let kernel, let g) = layer.kind else { continue }
            // A depthwise convolution and the 1 × 1 after it, as one ordinary convolution.
            if a == b, a == g, kernel.contains(where: { $0 != 1 }), index + 1 < layers.count,
                case .conv(let c, let d, let pointKernel, 1) = layers[index + 1].kind, c == a,
                pointKernel.allSatisfy({ $0 == 1 })
            {
                let next = layers[index + 1]
                var ordinary = next
                ordinary.kind = .conv(inChannels: c, outChannels: d, kernel: kernel, groups: 1)
                var terms = parts
                terms[index] = term(ordinary.formula) ?? "0"
                terms[index + 1] = "0"
                result.append(
                    WholeChange(
                        misconception: .countSeparableAsOrdinary, layer: layer, terms: terms, other: next))
            }
            // A 1 × 1 convolution counted with the kernel of another convolution of the count.
            if kernel.allSatisfy({ $0 == 1 }),
                let other = layers.first(where: { other in
                    if case .conv(_, _, let k, _) = other.kind { return k.contains { $0 != 1 } }
                    return false
                }), case .conv(_, _, let otherKernel, _) = other.kind
            {
                var wider = layer
                wider.kind = layer.kind.withKernel(otherKernel)
                var terms = parts
                terms[index] = term(wider.formula) ?? "0"
                result.append(
                    WholeChange(misconception: .countKernelOfOther, layer: layer, terms: terms, other: other))
            }
            // From its outputs to its outputs (a 1 × 1 from D to D), in a count of several layers.
            if layers.count >= 2, g == 1, a != b, layer.ordered {
                var square = layer
                square.kind = .conv(inChannels: b, outChannels: b, kernel: kernel, groups: 1)
                var terms = parts
                terms[index] = term(square.formula) ?? "0"
                result.append(WholeChange(misconception: .countOutputsForInputs, layer: layer, terms: terms))
            }
        }
        result += reductionVariants()
        return result
    }

    /// A size written `X // Y` in the count's names (a squeeze-and-excitation gate's `C // r`),
    /// put back as X in every layer (the reduction forgotten) or as Y (the reduction taken as the
    /// width).
    private func reductionVariants() -> [WholeChange] {
        guard let names = layers.first?.names else { return [] }
        var result: [WholeChange] = []
        for (placeholder, text) in names.sorted(by: { $0.key < $1.key }) {
            guard case .binary(.floorDivide, .name(let x), .name(let y))? = Formula.parse(text),
                let dividend = names.first(where: { $0.value == x })?.key,
                let divisor = names.first(where: { $0.value == y })?.key,
                let layer = layers.first(where: { $0.slots.contains(placeholder) })
            else { continue }
            for (misconception, size, piece) in [
                (Misconception.countReductionForgotten, dividend, x), (.countReductionAsWidth, divisor, y),
            ] {
                let terms = layers.map { layer in
                    var changed = layer
                    changed.kind = layer.kind.mapSizes { $0 == placeholder ? size : $0 }
                    return term(changed.formula) ?? "0"
                }
                result.append(
                    WholeChange(
                        misconception: misconception, layer: layer, terms: terms, piece: piece, original: text
                    ))
            }
        }
        return result
    }
}
