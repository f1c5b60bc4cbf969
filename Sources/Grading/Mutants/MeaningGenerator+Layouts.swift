import AnswerLanguage
import Wording

/// How a tensor's dimensions are laid out, as far as the exercise shows it. A sentence that names
/// a dimension ("one per channel", "the rows (dimension 1)") must name it as it is in *this*
/// tensor: an `(H, W, C)` image's dimension 0 is its rows, not its channels. Read from the
/// reference (`MeaningGenerator.inferLayouts`); when the evidence disagrees, or the dimensions
/// are moved inside the part a sentence speaks of, they are said by number only — a less specific
/// sentence rather than a wrong one.
enum TensorLayout: Equatable {
    /// Channels before the spatial dimensions: `[N, C, H, W]`, `[C, H, W]` — the convention of a
    /// convolution, assumed when nothing in the exercise says otherwise.
    case channelsFirst
    /// Channels last: `[N, H, W, C]`, `[H, W, C]`, as image files and many libraries keep them.
    case channelsLast
    /// Not known: dimensions said by number only.
    case unknown

    /// Two readings of one tensor together: the same, or not known.
    func joined(_ other: TensorLayout) -> TensorLayout { self == other ? self : .unknown }
}

extension MeaningGenerator {
    /// Calls whose result has its dimensions in another order or grouping than their operand's:
    /// inside a part that makes one, the operand's layout says nothing of the result's.
    static let layoutChanging: Set<String> = [
        "permute", "movedim", "moveaxis", "transpose", "swapaxes", "swapdims", "reshape", "view", "flatten",
        "unflatten", "t", "T", "mT", "einsum", "unfold",
    ]

    /// Names a convolution's weight goes by (lowercased).
    static let weightNames: Set<String> = [
        "w", "k", "kernel", "weight", "weights", "filter", "filters", "ker",
    ]

    /// Reads each setup tensor's layout from its name (`hwc`, `x_nchw`) and from what the
    /// reference does with it: a permutation that moves its last dimension to the channels' place
    /// (`hwc.permute(2, 0, 1)`, `movedim(-1, 0)`) or its channels to the end; a statistic that
    /// keeps only its last dimension (one value per colour of an `(H, W, 3)` image) or only the
    /// channels of `[C, H, W]`. A tensor with readings that disagree has no known layout.
    mutating func inferLayouts(_ root: ExpressionSyntax) {
        var evidence: [String: TensorLayout] = [:]
        func note(_ name: String, _ layout: TensorLayout) {
            evidence[name] = evidence[name].map { $0.joined(layout) } ?? layout
        }
        var ranks: [String: Int] = [:]
        for node in Self.nodes(root) {
            if case .name(let name) = node.kind, ranks[name] == nil, let rank = shape(node)?.count {
                ranks[name] = rank
                let lowered = name.lowercased()
                // A convolution's weight is `[C_out, C_in, kh, kw]`: no examples, and two kinds of
                // channel; its dimensions are said by number.
                if rank == 4, Self.weightNames.contains(lowered) || lowered.hasSuffix("weight") {
                    note(name, .unknown)
                }
                if rank >= 3, lowered.contains("hwc") { note(name, .channelsLast) }
                if rank >= 3, lowered.contains("chw") { note(name, .channelsFirst) }
            }
            if let call = methodCall(node), case .name(let name) = call.operand.kind,
                let rank = shape(call.operand)?.count, (3...4).contains(rank),
                let moved = Self.movedLayout(call.name, call.rest, rank: rank)
            {
                note(name, moved)
            }
            if let found = reduction(node), case .name(let name) = found.operand.kind {
                let rank = found.shape.count
                let kept = Set((0..<rank).filter { !found.dimensions.contains($0) && found.shape[$0] > 1 })
                // A batch's first dimension may be kept beside the channels (one value per
                // example and channel).
                let perImage = rank == 4 ? kept.subtracting([0]) : kept
                if rank == 3 || rank == 4, perImage == [rank - 1] { note(name, .channelsLast) }
                if rank == 3 || rank == 4, perImage == [rank - 3] { note(name, .channelsFirst) }
            }
        }
        nameLayouts = evidence
        var byRank: [Int: TensorLayout] = [:]
        for (name, rank) in ranks where (3...4).contains(rank) {
            let layout = evidence[name] ?? .channelsFirst
            byRank[rank] = byRank[rank].map { $0.joined(layout) } ?? layout
        }
        // A part that moves a tensor's dimensions makes a tensor of that rank in another layout.
        for node in Self.nodes(root) where movesDimensions(node) {
            if let rank = shape(node)?.count { byRank[rank] = .unknown }
        }
        rankLayouts = byRank
    }

    /// The layout a permutation or `movedim` shows its operand has: its last dimension moved to
    /// the channels' place (`permute(2, 0, 1)`, `permute(0, 3, 1, 2)`, `movedim(-1, 0)`) — channels
    /// last; the channels moved to the end — channels first. nil for any other call.
    static func movedLayout(_ name: String, _ arguments: [ArgumentSyntax], rank: Int) -> TensorLayout? {
        let numbers = arguments.flatMap { argument -> [Int?] in
            switch argument.value.kind {
            case .tuple(let items), .list(let items): return items.map(Self.signedInteger)
            default: return [Self.signedInteger(argument.value)]
            }
        }
        guard numbers.allSatisfy({ $0 != nil }) else { return nil }
        let order = numbers.compactMap { $0 }.map { $0 < 0 ? $0 + rank : $0 }
        let channel = rank == 4 ? 1 : 0
        switch name {
        case "permute":
            guard order.count == rank, Set(order) == Set(0..<rank) else { return nil }
            if order[channel] == rank - 1, rank == 3 || order[0] == 0 { return .channelsLast }
            if order[rank - 1] == channel, rank == 3 || order[0] == 0 { return .channelsFirst }
            return nil
        case "movedim", "moveaxis":
            guard order.count == 2 else { return nil }
            if order == [rank - 1, channel] { return .channelsLast }
            if order == [channel, rank - 1] { return .channelsFirst }
            return nil
        default:
            return nil
        }
    }

    /// A whole number as written, negative ones included (`-1`).
    static func signedInteger(_ node: ExpressionSyntax) -> Int? {
        if case .unary(.negate, let operand) = node.kind {
            return MutantGenerator.integer(operand).map { -$0 }
        }
        return MutantGenerator.integer(node)
    }

    /// Whether `node` is a call or attribute that reorders or regroups the dimensions of a tensor
    /// of two or more (a vector reshaped to broadcast, `g.view(1, -1, 1, 1)`, only lines it up).
    mutating func movesDimensions(_ node: ExpressionSyntax) -> Bool {
        switch node.kind {
        case .call(let callee, _):
            guard let name = MutantGenerator.calleeName(callee), Self.layoutChanging.contains(name) else {
                return false
            }
            guard let call = methodCall(node) else { return true }
            return (shape(call.operand)?.count ?? 2) >= 2
        case .attribute(let base, let name, _):
            return ["T", "mT"].contains(name) && (shape(base)?.count ?? 2) >= 2
        default:
            return false
        }
    }

    /// The layout of the tensors of `rank` dimensions in `node`: the one its setup tensors of
    /// that rank share; not known when they disagree or `node` moves dimensions; the
    /// course's convention when it names none.
    mutating func layout(of node: ExpressionSyntax, rank: Int) -> TensorLayout {
        var found: TensorLayout?
        for part in Self.nodes(node) {
            if movesDimensions(part) { return .unknown }
            guard case .name(let name) = part.kind, shape(part)?.count == rank else { continue }
            let layout = nameLayouts[name] ?? .channelsFirst
            found = found.map { $0.joined(layout) } ?? layout
        }
        return found ?? rankLayout(rank)
    }

    /// The layout of the reference's tensors of `rank` dimensions together
    /// (`inferLayouts`).
    func rankLayout(_ rank: Int) -> TensorLayout { rankLayouts[rank] ?? .channelsFirst }

    /// "the channels (dimension 1)", or "dimension 4", for a tensor of `rank` dimensions of the
    /// reference.
    func axisPhrase(_ dimension: Int, rank: Int) -> Phrase {
        TensorAxes.phrase(dimension, rank: rank, layout: rankLayout(rank))
    }
}
