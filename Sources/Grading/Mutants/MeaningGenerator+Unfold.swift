import AnswerLanguage
import Wording

/// What `F.unfold` (im2col) gives, `[N, C · K · K, L]`, taken otherwise: the channels kept apart
/// from the window, one channel's window, L counted as every pixel, from a square input or with
/// the + 1 of the positions forgotten, and `Tensor.unfold`'s windows `[N, C, Lh, Lw, K, K]`. Each
/// is said as what the dimension of the learner's shape counts. A shape alone (a mutant of zeros)
/// where only the shape tells the story; the unfolded values themselves where they do.
extension MeaningGenerator {
    /// An int, or a pair of ints, written as a call's setting.
    private func pair(_ node: ExpressionSyntax?, default value: Int) -> (Int, Int)? {
        guard let node else { return (value, value) }
        guard let found = evaluate(text(node)), found.values.allSatisfy({ $0 == $0.rounded() }) else {
            return nil
        }
        switch found.values.count {
        case 1: return (Int(found.values[0]), Int(found.values[0]))
        case 2: return (Int(found.values[0]), Int(found.values[1]))
        default: return nil
        }
    }

    mutating func unfoldRules(_ root: ExpressionSyntax) {
        for node in Self.nodes(root) {
            guard case .call(let callee, let arguments) = node.kind,
                ["F.unfold", "nn.functional.unfold", "torch.nn.functional.unfold"].contains(text(callee)),
                !arguments.contains(where: \.isSpread),
                let input = arguments.first, input.name == nil, Self.isPlain(input.value),
                let shape = shape(input.value), shape.count == 4
            else { continue }
            func setting(_ name: String, _ position: Int) -> ExpressionSyntax? {
                arguments.first(where: { $0.name == name })?.value
                    ?? (arguments.count > position && arguments[position].name == nil
                        ? arguments[position].value : nil)
            }
            guard let kernel = setting("kernel_size", 1), let (kh, kw) = pair(kernel, default: 1),
                let (dh, dw) = pair(setting("dilation", 2), default: 1), dh == 1, dw == 1,
                let (ph, pw) = pair(setting("padding", 3), default: 0),
                let (sh, sw) = pair(setting("stride", 4), default: 1), sh > 0, sw > 0
            else { continue }
            let (n, c, h, w) = (shape[0], shape[1], shape[2], shape[3])
            let lh = (h + 2 * ph - kh) / sh + 1
            let lw = (w + 2 * pw - kw) / sw + 1
            guard lh > 0, lw > 0 else { continue }
            let window = kh * kw
            let column = c * window
            let call = text(node)
            let dimensionsTheirs: [String: any PhraseArgument] = [
                "expected": [n, column, lh * lw], "channels": c, "window": window, "column": column,
                "positions": lh * lw, "grid": MessageValue.extent([lh, lw]),
            ]
            func tell(_ key: MeaningKey, _ more: [String: any PhraseArgument]) -> Phrase {
                Phrase(key, dimensionsTheirs.merging(more) { $1 })
            }
            // The channels a dimension of their own, the unfolded values kept.
            if c > 1 {
                add(
                    .unfoldLayout, [(node.range, "(\(call)).reshape(\(n), \(c), \(window), \(lh * lw))")],
                    told: tell(.unfoldChannelsApart, ["yours": [n, c, window, lh * lw]]))
                // One channel's windows: the first channel's.
                let first = "\(text(input.value))[:, :1]"
                add(
                    .unfoldLayout, [(input.value.range, first)],
                    told: tell(.unfoldOneChannel, ["yours": [n, window, lh * lw]]))
            }
            // Tensor.unfold's windows, where there is no padding to add.
            if ph == 0, pw == 0 {
                add(
                    .unfoldLayout,
                    [(node.range, "(\(text(input.value))).unfold(2, \(kh), \(sh)).unfold(3, \(kw), \(sw))")],
                    told: tell(.unfoldWindows, ["yours": [n, c, lh, lw, kh, kw]]))
            }
            // L counted otherwise: a shape alone.
            var counts: [(Int, Phrase)] = [
                (h * w, tell(.unfoldEveryPixel, ["input": MessageValue.extent([h, w]), "count": h * w]))
            ]
            if lh != lw {
                counts.append(
                    (
                        lh * lh,
                        tell(
                            .unfoldSquare,
                            [
                                "side": MessageValue.extent([h, h]), "count": lh * lh,
                                "input": MessageValue.extent([h, w]),
                            ])
                    ))
                counts.append(
                    (
                        lw * lw,
                        tell(
                            .unfoldSquare,
                            [
                                "side": MessageValue.extent([w, w]), "count": lw * lw,
                                "input": MessageValue.extent([h, w]),
                            ])
                    ))
            }
            if lh > 1, lw > 1 {
                counts.append(
                    (
                        (lh - 1) * (lw - 1),
                        tell(
                            .unfoldPlusOneForgotten,
                            [
                                "count": (lh - 1) * (lw - 1),
                                "yourGrid": MessageValue.extent([lh - 1, lw - 1]),
                            ])
                    ))
            }
            // Two ways to one count say nothing about which: neither is told.
            let repeated = Set(counts.map(\.0).filter { count in counts.filter { $0.0 == count }.count > 1 })
            for (count, told) in counts where count != lh * lw && !repeated.contains(count) {
                add(.unfoldPositions, [(node.range, "torch.zeros(\(n), \(column), \(count))")], told: told)
            }
        }
    }
}
