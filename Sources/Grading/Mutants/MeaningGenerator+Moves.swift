import AnswerLanguage
import Wording

/// What moving a tensor's dimensions means (`x.permute(2, 0, 1)`, `movedim`, `transpose`, `.T`):
/// each value goes with its own row, column and channel. Its misreading: `reshape` (or `view`) to
/// the same shape, which keeps the values in their order in memory and only cuts them anew — the
/// shape is right, the values are not where they belong. And an order written as an index list
/// (`img[[2, 1, 0]]`, the channels reversed) taken as another order of the same indices (rotated,
/// two exchanged).
extension MeaningGenerator {
    /// Calls (and attributes) that move whole dimensions.
    static let movingCalls: Set<String> = [
        "permute", "movedim", "moveaxis", "transpose", "swapaxes", "swapdims", "t", "T", "mT",
    ]

    mutating func moveRules(_ root: ExpressionSyntax) {
        for node in Self.nodes(root) {
            let operand: ExpressionSyntax
            switch node.kind {
            case .call:
                guard let call = methodCall(node), Self.movingCalls.contains(call.name) else { continue }
                operand = call.operand
            case .attribute(let base, let name, _):
                guard ["T", "mT"].contains(name) else { continue }
                operand = base
            default:
                continue
            }
            guard let before = shape(operand), before.count >= 2, let after = shape(node),
                after.count == before.count
            else { continue }
            let sizes = after.map(String.init).joined(separator: ", ")
            let reshaped = "\(Self.grouped(text(operand))).reshape(\(sizes))"
            add(
                .reshapeForMove, [(node.range, reshaped)],
                told: Phrase(
                    MeaningKey.reshapedForMoved,
                    ["yours": "reshape(\(sizes))", "theirs": text(node)]))
        }
    }

    /// The longest dimension whose every other order is a mutant (3! − 1 = 5 runs); a longer
    /// one gets its rotations and its reversal.
    static let longestReordered = 3

    /// `x[[2, 1, 0]]` (a permutation of a whole dimension, as a list of whole numbers): the same
    /// indices in each other order.
    mutating func indexOrderRules(_ root: ExpressionSyntax) {
        for node in Self.nodes(root) {
            guard case .subscript(let base, let items) = node.kind, let shape = shape(base) else { continue }
            var dimension = 0
            for item in items {
                defer { dimension += 1 }
                guard case .index(let index) = item, case .list(let elements) = index.kind,
                    dimension < shape.count
                else { continue }
                let order = elements.compactMap(MutantGenerator.integer)
                let size = shape[dimension]
                guard order.count == elements.count, order.count == size, (3...6).contains(size),
                    Set(order) == Set(0..<size)
                else { continue }
                var others: [[Int]] = []
                if size <= Self.longestReordered {
                    others = Self.permutations(of: order)
                } else {
                    others = (1..<size).map { Array(order[$0...] + order[..<$0]) } + [order.reversed()]
                }
                for other in others where other != order {
                    let written = "[" + other.map(String.init).joined(separator: ", ") + "]"
                    add(
                        .indexOrderChanged, [(index.range, written)],
                        told: Phrase(
                            MeaningKey.otherIndexOrder,
                            [
                                "axis": TensorAxes.phrase(
                                    dimension, rank: shape.count, layout: layout(of: base, rank: shape.count)),
                                "yours": written, "theirs": text(index),
                            ]))
                }
            }
        }
    }

    /// Every order of `items`.
    static func permutations(of items: [Int]) -> [[Int]] {
        guard items.count > 1 else { return [items] }
        return items.indices.flatMap { index in
            var rest = items
            let first = rest.remove(at: index)
            return permutations(of: rest).map { [first] + $0 }
        }
    }
}
