import AnswerLanguage

/// Whether an answer's typing could mirror, turn or flip anything. The built-in diagnosis reads
/// "mirrored left to right", "upside down" and "rotated by 180°" from the values alone; an answer
/// that only reorders dimensions (`img.permute(2, 1, 0)`) and reverses nothing has such a value
/// only through the symmetry of this data (a ramp taken modulo 7), which no other image shares:
/// its differing cells are said instead.
extension TypedAnswer {
    /// The calls that reorder dimensions.
    static let reorderings: Set<String> = [
        "permute", "transpose", "movedim", "moveaxis", "swapaxes", "swapdims", "t",
    ]
    /// The calls that reverse an order.
    static let reversals: Set<String> = [
        "flip", "fliplr", "flipud", "rot90", "roll", "index_select", "gather",
    ]

    /// Whether `source` reorders dimensions (a call above, `.T`, `.mT`) and writes nothing that
    /// could reverse an order: no reversing call, no slice with a step, no index list or tensor.
    static func permutesWithoutReversing(_ source: String) -> Bool {
        guard let program = try? Parser.parse(source) else { return false }
        var reorders = false
        var reverses = false
        func visit(_ node: ExpressionSyntax) {
            switch node.kind {
            case .call(let callee, _):
                if let name = MutantGenerator.calleeName(callee) {
                    if reorderings.contains(name) { reorders = true }
                    if reversals.contains(name) { reverses = true }
                }
            case .attribute(_, let name, _):
                if name == "T" || name == "mT" { reorders = true }
            case .subscript(_, let items):
                for item in items {
                    switch item {
                    case .slice(_, _, let step, _): if step != nil { reverses = true }
                    case .index(let index):
                        switch index.kind {
                        case .integer, .none, .ellipsis: break
                        case .unary(.negate, _): break
                        default: reverses = true
                        }
                    }
                }
            default: break
            }
            for child in node.kind.children { visit(child) }
        }
        guard program.valueExpressions.count == program.statements.count else { return false }
        program.valueExpressions.forEach(visit)
        return reorders && !reverses
    }
}
