import AnswerLanguage
import Wording

/// Per-channel parameters: a 1-d parameter broadcast along another axis (`g[:, None]` lines up
/// with the rows, a bare vector with the columns), two same-shaped tensors swapped, a scale and
/// shift applied in the other order (`(x + b) * g`) or undone (`(x - b) / g`).
extension MeaningGenerator {
    /// A 1-d tensor of the setup lined up with an axis by the way it is written.
    struct Broadcast {
        var node: ExpressionSyntax
        var name: String
        /// The axis, counted from the right (0: the last dimension).
        var fromRight: Int
        /// The dimensions of the arithmetic it takes part in (`(img * lum[:, None, None]).sum(0)`
        /// broadcasts over 3 dimensions, though it gives 2).
        var rank: Int = 0
        /// How the dimensions of that arithmetic are laid out.
        var layout: TensorLayout = .channelsFirst
    }

    mutating func parameterRules(_ root: ExpressionSyntax) {
        let all = Self.nodes(root)
        var broadcasts: [Broadcast] = []
        for node in all {
            guard case .binary(let op, let left, let right) = node.kind,
                [.add, .subtract, .multiply, .divide].contains(op), let result = shape(node),
                result.count >= 2
            else { continue }
            for (operand, other) in [(left, right), (right, left)] {
                if var found = broadcast(operand), found.fromRight < result.count,
                    !broadcasts.contains(where: { $0.node.range == found.node.range })
                {
                    found.rank = result.count
                    found.layout = layout(of: other, rank: result.count)
                    broadcasts.append(found)
                }
            }
        }
        let written = { (name: String, fromRight: Int) in
            fromRight == 0 ? name : "\(name)[:" + String(repeating: ", None", count: fromRight) + "]"
        }
        let axis = { (found: Broadcast, fromRight: Int) in
            TensorAxes.phrase(found.rank - 1 - fromRight, rank: found.rank, layout: found.layout)
        }
        for found in broadcasts {
            for other in 0..<min(found.rank, 4) where other != found.fromRight {
                add(
                    .parameterOnOtherAxis, [(found.node.range, written(found.name, other))],
                    told: Phrase(
                        MeaningKey.parameterOnAxis,
                        [
                            "name": found.name, "yours": axis(found, other),
                            "theirs": axis(found, found.fromRight),
                        ]))
            }
        }
        // Every parameter moved alike, where they share one axis.
        let names = broadcasts.map(\.name).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        if names.count == 2, Set(broadcasts.map(\.fromRight)).count == 1,
            Set(broadcasts.map(\.rank)).count == 1,
            let first = broadcasts.first
        {
            for other in 0..<min(first.rank, 4) where other != first.fromRight {
                add(
                    .parameterOnOtherAxis, broadcasts.map { ($0.node.range, written($0.name, other)) },
                    told: Phrase(
                        MeaningKey.parametersOnAxis,
                        [
                            "name": names[0], "other": names[1], "yours": axis(first, other),
                            "theirs": axis(first, first.fromRight),
                        ]))
            }
        }
        guard let result = shape(root), result.count >= 2 else { return }
        swapRules(all)
        scaleShiftRules(all)
    }

    /// How `node` lines a 1-d tensor of the setup up: `g` (the last axis), or `g` reshaped by a
    /// chain of `view`, `reshape`, `unsqueeze` and `None`-subscripts (`g[None, :, None, None]`,
    /// `g.view(1, -1, 1, 1)`, `g.unsqueeze(-1).unsqueeze(-1)`), read from the shape it has: every
    /// size 1 but one, the vector's own length.
    private mutating func broadcast(_ node: ExpressionSyntax) -> Broadcast? {
        var root = node
        while true {
            switch root.kind {
            case .call(let callee, _):
                guard case .attribute(let base, let method, _) = callee.kind,
                    ["view", "reshape", "unsqueeze"].contains(method)
                else { return nil }
                root = base
                continue
            case .subscript(let base, let items):
                let reshapes = items.allSatisfy { item in
                    switch item {
                    case .slice(nil, nil, nil, _): true
                    case .index(let value): if case .none = value.kind { true } else { false }
                    default: false
                    }
                }
                guard reshapes else { return nil }
                root = base
                continue
            default:
                break
            }
            break
        }
        // A vector computed element by element from the setup's (`(g / torch.sqrt(v + eps))`) is
        // lined up as a name is; it is written in brackets where it is moved.
        let name: String
        switch root.kind {
        case .name(let written): name = written
        case .binary, .call, .unary:
            guard Self.isPlain(root) else { return nil }
            let written = text(root)
            name = Self.isBracketed(written) ? written : "(\(written))"
        default: return nil
        }
        guard let vector = shape(root), vector.count == 1, vector[0] >= 2,
            let shape = shape(node), shape.filter({ $0 != 1 }) == [vector[0]],
            let place = shape.lastIndex(of: vector[0])
        else { return nil }
        return Broadcast(node: node, name: name, fromRight: shape.count - 1 - place)
    }

    /// Two tensors of the setup of one shape, each written where the other belongs.
    private mutating func swapRules(_ all: [ExpressionSyntax]) {
        var places: [String: [SourceRange]] = [:]
        var order: [String] = []
        for node in all {
            guard case .name(let name) = node.kind, let shape = shape(node), !shape.isEmpty,
                shape.reduce(1, *) >= 2
            else { continue }
            if places[name] == nil { order.append(name) }
            places[name, default: []].append(node.range)
        }
        var pairs = 0
        for (index, a) in order.enumerated() {
            for b in order.dropFirst(index + 1) where pairs < 3 {
                guard let sa = shapes[a].flatMap({ $0 }), let sb = shapes[b].flatMap({ $0 }), sa == sb else {
                    continue
                }
                pairs += 1
                let edits = (places[a] ?? []).map { ($0, b) } + (places[b] ?? []).map { ($0, a) }
                add(
                    .parametersSwapped, edits,
                    told: Phrase(MisconceptionKey.change(.namesSwapped), ["first": a, "second": b]))
            }
        }
    }

    /// `g * x + b` (in any order of its parts) where the scale `g` and shift `b` are smaller than
    /// the data `x`: `(x + b) * g`, the shift before the scale, and `(x - b) / g`, the transform
    /// undone.
    private mutating func scaleShiftRules(_ all: [ExpressionSyntax]) {
        for node in all {
            guard case .binary(.add, let left, let right) = node.kind, let whole = shape(node) else {
                continue
            }
            for (product, shift) in [(left, right), (right, left)] {
                guard case .binary(.multiply, let a, let b) = product.kind, let sa = shape(a),
                    let sb = shape(b),
                    let ss = shape(shift)
                else { continue }
                let size = { (shape: [Int]) in shape.reduce(1, *) }
                let (scale, data) = size(sa) < size(sb) ? (a, b) : (b, a)
                guard size(sa) != size(sb), size(ss) < size(whole), size(ss) >= 2 else { continue }
                let (g, x, s) = (text(scale), text(data), text(shift))
                let told = ["scale": parameterName(scale), "shift": parameterName(shift)]
                add(
                    .shiftBeforeScale, [(node.range, "((\(x) + \(s)) * \(g))")],
                    told: Phrase(MeaningKey.shiftBeforeScale, told))
                add(
                    .transformUndone, [(node.range, "((\(x) - \(s)) / \(g))")],
                    told: Phrase(MeaningKey.transformUndone, told))
            }
        }
    }

    /// A parameter as a sentence names it: the name it broadcasts (`gamma` for
    /// `gamma[None, :, None, None]`), or its text.
    private func parameterName(_ node: ExpressionSyntax) -> String {
        switch node.kind {
        case .name(let name): return name
        case .subscript(let base, _): if case .name(let name) = base.kind { return name }
        case .call(let callee, _):
            if case .attribute(let base, _, _) = callee.kind, case .name(let name) = base.kind { return name }
        default: break
        }
        return text(node)
    }

    /// Whether `code` is one bracketed expression: `(a / b)`, not `(a) * (b)`.
    static func isBracketed(_ code: String) -> Bool {
        guard code.hasPrefix("("), code.hasSuffix(")") else { return false }
        var depth = 0
        for (offset, character) in code.enumerated() {
            if character == "(" { depth += 1 }
            if character == ")" { depth -= 1 }
            if depth == 0 { return offset == code.count - 1 }
        }
        return false
    }
}
