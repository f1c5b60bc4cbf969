import AnswerLanguage
import CNN
import Wording

/// A window's products added up (`(img[1:3, 2:4] * k).sum()`) with a part left out — one
/// product, one row's or one column's products, one channel's — as an answer typed by hand term
/// by term leaves them out; and a window cut as the first pixels in reading order
/// (`img.flatten()[:9]`) where it is a square of rows and columns. Each says the part with its
/// place in the learner's tensors and its value; a part worth 0 changes nothing and is no story.
extension MeaningGenerator {
    /// Where element `index` of the plain tensor `node` sits in the tensor it is cut from, as
    /// code (`img[1, 2]` for element (0, 0) of `img[1:3, 2:4]`), or indexed as written.
    mutating func elementText(_ node: ExpressionSyntax, _ index: [Int]) -> String {
        let written = index.map(String.init).joined(separator: ", ")
        switch node.kind {
        case .name(let name): return "\(name)[\(written)]"
        case .subscript(let base, let items):
            guard case .name(let name) = base.kind else { break }
            var coordinates: [String] = []
            var rest = index[...]
            for item in items {
                switch item {
                case .index(let position):
                    guard Self.isIndex(item) else { return "(\(text(node)))[\(written)]" }
                    coordinates.append(text(position))
                case .slice(let start, _, nil, _):
                    guard let next = rest.popFirst() else { return "(\(text(node)))[\(written)]" }
                    var from = 0
                    if let start {
                        guard let value = evaluate(text(start)), value.values.count == 1,
                            let whole = Int(wholeNumber: value.values[0]), abs(whole) < 1 << 30
                        else {
                            return "(\(text(node)))[\(written)]"
                        }
                        from = whole
                    }
                    coordinates.append("\(from + next)")
                default: return "(\(text(node)))[\(written)]"
                }
            }
            coordinates += rest.map(String.init)
            return "\(name)[\(coordinates.joined(separator: ", "))]"
        default: break
        }
        return "(\(text(node)))[\(written)]"
    }

    /// `(a * b).sum()` of two window-shaped tensors: the sum without one of its parts.
    mutating func handSumRules(_ root: ExpressionSyntax) {
        for node in Self.nodes(root) {
            guard let found = reduction(node), found.name == "sum",
                found.dimensions.count == found.shape.count,
                found.rest.isEmpty, case .binary(.multiply, let a, let b) = found.operand.kind,
                let left = evaluate(text(a)), let right = evaluate(text(b)), left.shape == right.shape,
                left.shape == found.shape, (1...3).contains(found.shape.count), left.values.count <= 36
            else { continue }
            let whole = text(node)
            let shape = found.shape
            let products = zip(left.values, right.values).map { $0 * $1 }
            func leaving(_ part: String) -> [(SourceRange, String)] { [(node.range, "(\(whole) - \(part))")] }
            if shape.count == 3 {
                let size = shape[1] * shape[2]
                for channel in 0..<shape[0] {
                    let value = products[(channel * size)..<((channel + 1) * size)].reduce(0, +)
                    guard value != 0 else { continue }
                    add(
                        .partLeftOut, leaving("((\(text(a)))[\(channel)] * (\(text(b)))[\(channel)]).sum()"),
                        told: Phrase(
                            MeaningKey.channelLeftOut, ["index": channel, "count": shape[0], "value": value]))
                }
                continue
            }
            // Each product as a hand-typed sum writes it (`PreparedExercise.typedProducts`).
            var terms: [String] = []
            for index in products.indices {
                let place = shape.count == 1 ? [index] : [index / shape[1], index % shape[1]]
                let written = PreparedExercise.product(elementText(a, place), elementText(b, place))
                terms.append(products[index] == 0 ? "0:" + written : written)
            }
            if shape.count == 1 {
                for index in 0..<shape[0] where products[index] != 0 && shape[0] > 1 {
                    add(
                        .partLeftOut, leaving("(\(text(a)))[\(index)] * (\(text(b)))[\(index)]"),
                        told: Phrase(
                            MeaningKey.productLeftOut,
                            [
                                "a": elementText(a, [index]), "b": elementText(b, [index]),
                                "value": products[index],
                                "count": shape[0],
                            ]),
                        piece: terms[index], terms: terms)
                }
                continue
            }
            let (rows, columns) = (shape[0], shape[1])
            for row in 0..<rows {
                for column in 0..<columns {
                    let value = products[row * columns + column]
                    guard value != 0 else { continue }
                    let x = elementText(a, [row, column])
                    let y = elementText(b, [row, column])
                    add(
                        .partLeftOut,
                        leaving("(\(text(a)))[\(row), \(column)] * (\(text(b)))[\(row), \(column)]"),
                        told: Phrase(
                            MeaningKey.productLeftOut,
                            ["a": x, "b": y, "value": value, "count": rows * columns]),
                        piece: terms[row * columns + column], terms: terms)
                }
            }
            for row in 0..<rows where rows > 1 {
                let value = products[(row * columns)..<((row + 1) * columns)].reduce(0, +)
                guard value != 0 else { continue }
                add(
                    .partLeftOut, leaving("((\(text(a)))[\(row)] * (\(text(b)))[\(row)]).sum()"),
                    told: Phrase(MeaningKey.rowLeftOut, ["index": row, "count": columns, "value": value]))
            }
            for column in 0..<columns where columns > 1 {
                let value = stride(from: column, to: products.count, by: columns).map { products[$0] }.reduce(
                    0, +)
                guard value != 0 else { continue }
                add(
                    .partLeftOut, leaving("((\(text(a)))[:, \(column)] * (\(text(b)))[:, \(column)]).sum()"),
                    told: Phrase(MeaningKey.columnLeftOut, ["index": column, "count": rows, "value": value]))
            }
        }
    }

    /// `img[r:r + h, c:c + w]` of a 2-d image → the h · w pixels from (r, c) on in reading order,
    /// `img.flatten()[o:o + h * w].reshape(h, w)`, where the window is narrower than the image.
    mutating func readingOrderRules(_ root: ExpressionSyntax) {
        for node in Self.nodes(root) {
            guard case .subscript(let base, let items) = node.kind, case .name = base.kind, items.count == 2,
                let shape = shape(base), shape.count == 2, let window = self.shape(node), window.count == 2,
                window[0] > 1, window[1] < shape[1]
            else { continue }
            var starts: [Int] = []
            for item in items {
                guard case .slice(let start, _, nil, _) = item else { break }
                guard let start else {
                    starts.append(0)
                    continue
                }
                // A start past any size (2**62) is no window's: the offsets below would overflow.
                guard let value = evaluate(text(start)), value.values.count == 1, value.values[0] >= 0,
                    value.values[0] < Double(1 << 30)
                else {
                    break
                }
                starts.append(Int(value.values[0]))
            }
            guard starts.count == 2 else { continue }
            let offset = starts[0] * shape[1] + starts[1]
            let count = window[0] * window[1]
            guard offset + count <= shape[0] * shape[1] else { continue }
            add(
                .readingOrder,
                [
                    (
                        node.range,
                        "\(text(base)).flatten()[\(offset):\(offset + count)].reshape(\(window[0]), \(window[1]))"
                    )
                ],
                told: Phrase(
                    MeaningKey.readingOrder,
                    [
                        "count": count, "corner": "\(text(base))[\(starts[0]), \(starts[1])]",
                        "window": MessageValue.extent(window), "width": shape[1], "rows": window[0],
                        "columns": window[1],
                    ]))
        }
    }
}
