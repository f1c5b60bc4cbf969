import AnswerLanguage
import Wording

/// What a group normalisation means: each image's channels normalised in groups. A learner's
/// normalisation over other values is told by which: each channel by itself (one group per
/// channel: an instance norm, or a batch norm over one image), all of an image's channels together
/// (one group: a layer norm over the channels and positions), each channel over the whole batch (a
/// batch norm). Each is the reference's call with its groups (or its kind) changed, run in the
/// setup, so an answer written any way (`F.instance_norm(x)`, `nn.InstanceNorm2d(C)(x)`, the
/// formula by hand) is told by its value.
extension MeaningGenerator {
    /// The group normalisation `root` is, without learned scale and shift: `F.group_norm(x, G)`
    /// or a fresh `nn.GroupNorm(G, C)(x)`.
    mutating func groupRules(_ root: ExpressionSyntax) {
        guard let (input, groupsNode, eps) = groupNormalisation(root), let shape = shape(input),
            shape.count >= 3, let groups = scalar(groupsNode).flatMap({ Int(exactly: $0) }), groups >= 1,
            shape[1] % groups == 0
        else { return }
        let channels = shape[1]
        let x = text(input)
        let tail = eps.map { ", eps=\($0)" } ?? ""
        let told = ["groups": groups, "size": channels / groups, "channels": channels]
        if groups != channels {
            add(
                .normPerChannel, [(root.range, "F.group_norm(\(x), \(channels)\(tail))")],
                told: Phrase(MeaningKey.normEachChannel, told))
        }
        if groups != 1 {
            add(
                .normAllChannels, [(root.range, "F.group_norm(\(x), 1\(tail))")],
                told: Phrase(MeaningKey.normAllChannels, told))
        }
        // Over a batch of one image a batch norm is the per-channel one, told above.
        if shape[0] > 1 {
            add(
                .normOverBatch, [(root.range, "F.batch_norm(\(x), None, None, training=True\(tail))")],
                told: Phrase(MeaningKey.normOverBatch, told))
        }
    }

    /// Channels grouped by a reshape (`x.reshape(N, G, -1)` of an `[N, C, …]` tensor, G dividing
    /// C), as a group normalisation's statistics are taken: the channels one per group, all in
    /// one, or in groups of G (the number of groups taken for the group's size), told as such (the
    /// shape of the means per channel, `(2, 12)`, for the groups' `(2, 3)`).
    mutating func groupReshapeRules(_ root: ExpressionSyntax) {
        // The same grouping written several times (a normalisation by hand reshapes for its mean
        // and for its variance) is changed everywhere at once.
        var places: [String: [SourceRange]] = [:]
        var order: [(key: String, groups: Int, channels: Int)] = []
        for node in Self.nodes(root) {
            guard case .call(let callee, let arguments) = node.kind,
                case .attribute(let base, let method, _) = callee.kind, ["reshape", "view"].contains(method),
                arguments.count == 3, arguments.allSatisfy({ $0.name == nil && !$0.isSpread }),
                text(arguments[2].value).replacingOccurrences(of: " ", with: "") == "-1",
                let shape = shape(base), shape.count >= 3, scalar(arguments[0].value) == Double(shape[0]),
                let groups = scalar(arguments[1].value).flatMap({ Int(exactly: $0) }), groups > 1,
                groups < shape[1], shape[1] % groups == 0
            else { continue }
            let key = text(node)
            if places[key] == nil { order.append((key, groups, shape[1])) }
            places[key, default: []].append(arguments[1].value.range)
        }
        for (key, groups, channels) in order {
            let ranges = places[key] ?? []
            let told = ["groups": groups, "size": channels / groups, "channels": channels]
            let edits = { (written: String) in ranges.map { ($0, written) } }
            add(.normPerChannel, edits("\(channels)"), told: Phrase(MeaningKey.groupsPerChannel, told))
            add(.normAllChannels, edits("1"), told: Phrase(MeaningKey.groupsAllChannels, told))
            // The number of groups taken for the channels in each group.
            if channels / groups != groups {
                add(
                    .groupSizeForGroups, edits("\(channels / groups)"),
                    told: Phrase(MeaningKey.groupSizeForGroups, told))
            }
        }
    }

    /// The input, the groups and the `eps` as written of a group normalisation without learned
    /// scale and shift; nil for any other node.
    private func groupNormalisation(_ node: ExpressionSyntax) -> (
        input: ExpressionSyntax, groups: ExpressionSyntax, eps: String?
    )? {
        guard case .call(let callee, let arguments) = node.kind else { return nil }
        let argument = { (list: [ArgumentSyntax], name: String, position: Int) -> ExpressionSyntax? in
            if let named = list.first(where: { $0.name == name }) { return named.value }
            let positional = list.filter { $0.name == nil && !$0.isSpread }
            return position < positional.count ? positional[position].value : nil
        }
        if case .call(let maker, let settings) = callee.kind {
            // `nn.GroupNorm(G, C)(x)`: a fresh layer, scale 1 and shift 0.
            let known: Set<String> = ["num_groups", "num_channels", "eps", "affine"]
            guard MutantGenerator.calleeName(maker) == "GroupNorm", arguments.count == 1,
                arguments[0].name == nil, !arguments[0].isSpread,
                settings.allSatisfy({ $0.name.map(known.contains) ?? !$0.isSpread }),
                let groups = argument(settings, "num_groups", 0)
            else { return nil }
            return (arguments[0].value, groups, argument(settings, "eps", 99).map(text))
        }
        let known: Set<String> = ["input", "num_groups", "eps"]
        guard MutantGenerator.calleeName(callee) == "group_norm",
            arguments.allSatisfy({ $0.name.map(known.contains) ?? !$0.isSpread }),
            arguments.filter({ $0.name == nil }).count <= 2,
            let input = argument(arguments, "input", 0), let groups = argument(arguments, "num_groups", 1)
        else { return nil }
        return (input, groups, argument(arguments, "eps", 99).map(text))
    }
}
