import CNN

/// `x[0, :, 1:3]`, `x[..., ::2]`, `x[None]`: PyTorch's basic indexing.
extension Evaluator {
    func index(_ tensor: Tensor, _ items: [SubscriptItem], in scope: Scope?, at range: SourceRange)
        throws(LanguageError)
        -> Tensor
    {
        var indices: [TensorIndex] = []
        for item in items {
            switch item {
            case .index(let expression):
                let value = try evaluate(expression, in: scope)
                switch value {
                case .none: indices.append(.newAxis)
                case .ellipsis: indices.append(.ellipsis)
                case .int(let position): indices.append(.at(position))
                case .bool(let flag): indices.append(.at(flag ? 1 : 0))
                case .tensor(let index) where index.count == 1 && index.kind == .integer:
                    indices.append(.at(Int(try engine(at: expression.range) { try index.item() })))
                default:
                    throw .type(
                        "tensors are indexed by ints, slices, None and ..., not \(value.typeName)"
                            + (value.tensor != nil
                                ? " (indexing with a tensor of indices or a mask is not supported)" : ""),
                        at: expression.range)
                }
            case .slice(let start, let stop, let step, let sliceRange):
                let from = try start.flatMap { (e) throws(LanguageError) in try sliceBound(e, in: scope) }
                let to = try stop.flatMap { (e) throws(LanguageError) in try sliceBound(e, in: scope) }
                let by = try step.flatMap { (e) throws(LanguageError) in try sliceBound(e, in: scope) }
                if let by, by <= 0 {
                    throw .value(
                        "slice step must be positive for tensors (PyTorch does not support negative steps; use torch.flip)",
                        at: sliceRange)
                }
                indices.append(.slice(from, to, step: by))
            }
        }
        return try engine(at: range) { try tensor.indexed(indices) }
    }
}
