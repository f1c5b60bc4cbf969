import AnswerLanguage

/// A normalisation written as a call (`F.batch_norm(x, None, None, training=True)`,
/// `F.instance_norm(x)`, `F.layer_norm(x, shape)`, `nn.BatchNorm2d(C)(x)` fresh, in training)
/// means its formula: the mean subtracted and the biased standard deviation divided over its
/// dimensions. The meaning mutants are made from that formula.
extension MeaningGenerator {
    /// The formula `node` computes, when it is such a call without learned scale and shift.
    mutating func normalisationFormula(_ node: ExpressionSyntax) -> String? {
        guard case .call(let callee, let arguments) = node.kind else { return nil }
        let source = self.source
        let keyword = { (name: String) in arguments.first(where: { $0.name == name }).map { source($0.value) }
        }
        let positional = arguments.filter { $0.name == nil && !$0.isSpread }
        var input: ExpressionSyntax?
        var dimensions: [Int] = []
        var eps = keyword("eps") ?? "1e-05"
        switch callee.kind {
        case .attribute(_, "batch_norm", _):
            // Batch statistics only: no running statistics, no weight or bias.
            guard positional.count == 3, keyword("training") == "True",
                positional.dropFirst().allSatisfy({ text($0.value) == "None" }),
                keyword("weight") == nil, keyword("bias") == nil, let x = positional.first?.value,
                let rank = shape(x)?.count, rank >= 2
            else { return nil }
            input = x
            dimensions = [0] + Array(2..<rank)
        case .attribute(_, "instance_norm", _):
            guard positional.count == 1,
                arguments.count == positional.count + (keyword("eps") == nil ? 0 : 1),
                let x = positional.first?.value, let rank = shape(x)?.count, rank >= 3
            else { return nil }
            input = x
            dimensions = Array(2..<rank)
        case .attribute(_, "layer_norm", _):
            guard positional.count == 2, arguments.count == 2 + (keyword("eps") == nil ? 0 : 1),
                let x = positional.first?.value, let rank = shape(x)?.count,
                let normalised = evaluate(text(positional[1].value)), normalised.rank == 1,
                let count = normalised.shape.first, count >= 1, count <= rank
            else { return nil }
            input = x
            dimensions = Array((rank - count)..<rank)
        case .call(let maker, let settings):
            // `nn.BatchNorm2d(C)(x)`: a fresh layer (scale 1, shift 0) in training mode.
            guard MutantGenerator.calleeName(maker) == "BatchNorm2d", positional.count == 1,
                arguments.count == 1,
                settings.allSatisfy({ $0.name == nil || $0.name == "eps" || $0.name == "num_features" }),
                let x = positional.first?.value, shape(x)?.count == 4
            else { return nil }
            if let given = settings.first(where: { $0.name == "eps" }) { eps = text(given.value) }
            input = x
            dimensions = [0, 2, 3]
        default:
            return nil
        }
        guard let input, !dimensions.isEmpty else { return nil }
        let x = text(input)
        let dim = TensorAxes.written(Set(dimensions))
        return "((\(x)) - (\(x)).mean(dim=\(dim), keepdim=True)) / torch.sqrt((\(x)).var(dim=\(dim), "
            + "unbiased=False, keepdim=True) + \(eps))"
    }
}
