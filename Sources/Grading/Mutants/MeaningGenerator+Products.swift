import AnswerLanguage
import Wording

/// What a matrix product and a global pooling mean, read otherwise: `A @ B` taken the other way
/// round (`B.T @ A.T`, as in the maths' `W x`), which gives its transpose; a global average
/// (`adaptive_avg_pool2d(x, 1)`) taken as a small window's (`avg_pool2d(x, 2)`), local pooling
/// where the whole map is averaged at once.
extension MeaningGenerator {
    /// The window sides a global pooling is taken for.
    static let localWindows = [2, 3]

    mutating func productRules(_ root: ExpressionSyntax) {
        transposeRules(root)
        for node in Self.nodes(root) {
            switch node.kind {
            case .binary(.matmul, let left, let right):
                guard let a = shape(left), let b = shape(right), a.count == 2, b.count == 2,
                    let product = shape(node), product[0] != product[1]
                else { continue }
                let reversed = "(\(Self.transposed(text(right))) @ \(Self.transposed(text(left))))"
                add(
                    .productReversed, [(node.range, reversed)],
                    told: Phrase(MeaningKey.productReversed, ["theirs": text(node)]))
            case .call(let callee, let arguments):
                guard MutantGenerator.calleeName(callee) == "adaptive_avg_pool2d",
                    let input = arguments.first(where: { $0.name == nil || $0.name == "input" }),
                    let size = arguments.dropFirst().first(where: {
                        $0.name == nil || $0.name == "output_size"
                    }),
                    MutantGenerator.integer(size.value) == 1
                        || text(size.value).filter({ !$0.isWhitespace }) == "(1,1)",
                    let map = shape(input.value), map.count == 4
                else { continue }
                // A window that covers the whole map is global pooling itself (a 2 × 2 map).
                for window in Self.localWindows
                where window <= min(map[2], map[3]) && (window < map[2] || window < map[3]) {
                    add(
                        .localForGlobalPooling,
                        [(node.range, "F.avg_pool2d(\(text(input.value)), \(window))")],
                        told: Phrase(
                            MeaningKey.localForGlobalPooling,
                            ["window": window, "yours": "avg_pool2d(…, \(window))", "theirs": text(node)]))
                }
            default:
                continue
            }
        }
    }

    /// A square matrix multiplied as its transpose (`x @ W.T`, `F.linear(x, W)`): each such
    /// transpose left out (`x @ W`), one at a time and all together — on a square weight the
    /// product still runs, and gives another value.
    private mutating func transposeRules(_ root: ExpressionSyntax) {
        var dropped: [(range: SourceRange, name: String, written: String)] = []
        for node in Self.nodes(root) {
            guard case .binary(.matmul, _, let right) = node.kind,
                case .attribute(let base, "T", _) = right.kind,
                Self.isPlain(base), let square = shape(base), square.count == 2, square[0] == square[1],
                square[0] >= 2
            else { continue }
            dropped.append((right.range, text(base), text(base)))
        }
        // Said in the order they are written (the walk meets the outer product first).
        dropped.sort { $0.range.lowerBound.offset < $1.range.lowerBound.offset }
        for one in dropped {
            add(
                .transposeDropped, [(one.range, one.written)],
                told: Phrase(MeaningKey.transposeDropped, ["name": one.name]))
        }
        guard dropped.count >= 2 else { return }
        add(
            .transposeDropped, dropped.map { ($0.range, $0.written) },
            told: Phrase(
                MeaningKey.transposesDropped,
                ["names": dropped.map { "`\($0.name)`" }.joined(separator: ", ")]))
    }

    /// `text` transposed as code writes it: `w.T` for `w`, `x` for `x.T`, `(…).T` otherwise.
    static func transposed(_ text: String) -> String {
        if text.hasSuffix(".T"),
            !text.dropLast(2).contains(where: { !($0.isLetter || $0.isNumber || $0 == "_") })
        {
            return String(text.dropLast(2))
        }
        if text.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) { return "\(text).T" }
        return "(\(text)).T"
    }
}
