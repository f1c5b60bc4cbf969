import AnswerLanguage
import Wording

/// A group normalisation written as a call (`F.group_norm(x, G)`, a fresh `nn.GroupNorm(G, C)(x)`,
/// whose scale is 1 and shift 0) means its formula: each image's channels split into `G` groups,
/// and within each group the mean subtracted and the biased standard deviation divided. The
/// statistics computed by hand otherwise are meaning mutants of that formula: taken across the
/// groups at each place, the unbiased standard deviation, the variance for the standard
/// deviation, the mean subtracted only. (Other groupings — each channel, all channels, the batch —
/// are `MeaningGenerator+Groups`'.)
extension MeaningGenerator {
    /// A group normalisation's input (as written), groups, input shape and `eps`.
    struct GroupStatistics {
        var input: String
        var groups: Int
        var shape: [Int]
        var eps: String

        var channels: Int { shape[1] }
        /// The values each statistic is taken over.
        var count: Int { shape.dropFirst(2).reduce(channels / groups, *) }

        /// The formula, its statistics over dimension `dim` of the grouped
        /// input (2: within a group, 1: across the groups), divided by the standard deviation
        /// (`root`) or the variance, biased or not, or not divided at all (`scaled`).
        func formula(
            dim: Int = 2, unbiased: Bool = false, root: Bool = true, scaled: Bool = true
        ) -> String {
            let grouped = "(\(input)).reshape(\(shape[0]), \(groups), -1)"
            let centred = "(\(grouped) - \(grouped).mean(dim=\(dim), keepdim=True))"
            let variance =
                "\(grouped).var(dim=\(dim), \(unbiased ? "" : "unbiased=False, ")keepdim=True) + \(eps)"
            let body =
                scaled ? "\(centred) / " + (root ? "torch.sqrt(\(variance))" : "(\(variance))") : centred
            return "(\(body)).reshape((\(input)).shape)"
        }
    }

    /// The group normalisation `node` computes, when it is one without a learned scale and shift.
    mutating func groupStatistics(_ node: ExpressionSyntax) -> GroupStatistics? {
        guard case .call(let callee, let arguments) = node.kind, !arguments.contains(where: \.isSpread)
        else { return nil }
        let source = self.source
        let keyword = { (name: String) in arguments.first(where: { $0.name == name }).map { source($0.value) }
        }
        let positional = arguments.filter { $0.name == nil }
        var input: ExpressionSyntax?
        var groups: ExpressionSyntax?
        var eps = "1e-05"
        switch callee.kind {
        case .attribute(_, "group_norm", _):
            // No weight or bias: the plain formula.
            guard arguments.allSatisfy({ $0.name == nil || $0.name == "num_groups" || $0.name == "eps" }),
                positional.count == (keyword("num_groups") == nil ? 2 : 1)
            else { return nil }
            input = positional[0].value
            groups =
                positional.count == 2
                ? positional[1].value : arguments.first { $0.name == "num_groups" }?.value
            if let given = keyword("eps") { eps = given }
        case .call(let maker, let settings):
            // `nn.GroupNorm(G, C)(x)`: a fresh layer (scale 1, shift 0).
            guard MutantGenerator.calleeName(maker) == "GroupNorm", positional.count == 1,
                arguments.count == 1,
                settings.allSatisfy({
                    [nil, "num_groups", "num_channels", "eps", "affine"].contains($0.name)
                }),
                let first = settings.first(where: { $0.name == nil || $0.name == "num_groups" })
            else { return nil }
            if let given = settings.first(where: { $0.name == "eps" }) { eps = text(given.value) }
            input = positional[0].value
            groups = first.value
        default:
            return nil
        }
        guard let input, let groups, let shape = shape(input), shape.count >= 3, let count = scalar(groups),
            count == count.rounded(), count >= 1, count <= Double(shape[1]), shape[1] % Int(count) == 0
        else { return nil }
        return GroupStatistics(input: text(input), groups: Int(count), shape: shape, eps: eps)
    }

    /// The meaning mutants of a group normalisation's statistics, where it is the whole reference.
    mutating func groupStatisticsRules(_ root: ExpressionSyntax) {
        guard let found = groupStatistics(root) else { return }
        let whole = root.range
        if found.groups != 1 {
            add(
                .statisticsAcrossGroups, [(whole, found.formula(dim: 1))],
                told: Phrase(MeaningKey.statisticsAcrossGroups, ["groups": found.groups]))
        }
        guard found.count >= 2 else { return }
        add(
            .varianceCorrection, [(whole, found.formula(unbiased: true))],
            told: Phrase(MeaningKey.unbiasedVariance, ["fewer": found.count - 1, "count": found.count]))
        add(
            .varianceForDeviation, [(whole, found.formula(root: false))],
            told: Phrase(MeaningKey.varianceForDeviation))
        add(.centredOnly, [(whole, found.formula(scaled: false))], told: Phrase(MeaningKey.centredOnly))
    }
}
