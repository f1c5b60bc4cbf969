import CNN

/// `x[0, :, 1:3]`, `x[..., ::2]`, `x[None]`: PyTorch's basic indexing; and its advanced
/// indexing with one tensor or list: `x[mask]`, `x[x > 0]`, `x[[0, 2]]`, `x[:, idx]`.
extension Evaluator {
    func index(_ tensor: Tensor, _ items: [SubscriptItem], in scope: Scope?, at range: SourceRange)
        throws(LanguageError)
        -> Tensor
    {
        let indices = try indexItems(items, in: scope)
        return try engine(at: range) { try tensor.indexed(advanced: indices) }
    }

    /// The subscript's entries evaluated: ints, slices, `None`, `...`, and tensors or lists of
    /// indices or flags.
    func indexItems(_ items: [SubscriptItem], in scope: Scope?) throws(LanguageError) -> [AdvancedIndex] {
        var indices: [AdvancedIndex] = []
        for item in items {
            switch item {
            case .index(let expression):
                let value = try evaluate(expression, in: scope)
                switch value {
                case .none: indices.append(.basic(.newAxis))
                case .ellipsis: indices.append(.basic(.ellipsis))
                case .int(let position): indices.append(.basic(.at(position)))
                case .bool(let flag): indices.append(.basic(.at(flag ? 1 : 0)))
                case .tensor(let index) where index.rank == 0 && index.kind.isIntegral:
                    indices.append(
                        .basic(.at(Int(saturating: try engine(at: expression.range) { try index.item() }))))
                case .tensor(let index): indices.append(.tensor(index))
                case .list, .tuple:
                    guard let nested = Call.nested(value) else {
                        throw LanguageError(
                            .type, .said(.tensorIndexType, ["type": .text(value.typeName)]),
                            at: expression.range)
                    }
                    let made = try engine(at: expression.range) { try Tensor(nested: nested) }
                    indices.append(
                        .tensor(
                            Call.isAllBooleans(value)
                                ? try engine(at: expression.range) { try made.converted(to: .bool) } : made))
                default:
                    throw LanguageError(
                        .type, .said(.tensorIndexType, ["type": .text(value.typeName)]), at: expression.range)
                }
            case .slice(let start, let stop, let step, let sliceRange):
                let from = try start.flatMap { (e) throws(LanguageError) in try sliceBound(e, in: scope) }
                let to = try stop.flatMap { (e) throws(LanguageError) in try sliceBound(e, in: scope) }
                let by = try step.flatMap { (e) throws(LanguageError) in try sliceBound(e, in: scope) }
                if let by, by <= 0 {
                    throw LanguageError(.value, .said(.tensorSliceStep, [:]), at: sliceRange)
                }
                indices.append(.basic(.slice(from, to, step: by)))
            }
        }
        return indices
    }
}
