import AnswerLanguage

/// The smaller of two values taken where the larger belongs, or the other way round: a box's
/// overlap runs from the larger of the left edges to the smaller of the right ones, and a learner
/// who pictures it the other way writes `torch.minimum` for `torch.maximum` (or `min` for `max`).
extension MutantGenerator {
    /// The function an element-wise minimum or maximum may be taken for.
    private static let extremumSwaps: [String: String] = [
        "minimum": "maximum", "maximum": "minimum", "fmin": "fmax", "fmax": "fmin", "min": "max",
        "max": "min",
    ]

    /// `torch.minimum(a, b)` → `torch.maximum(a, b)`, `min(a, b)` → `max(a, b)`, and back. A
    /// `min`/`max` with fewer than two values is a reduction (`t.max()`, `torch.max(t, dim=1)`),
    /// which `MutantGenerator+Swaps` swaps for other reductions.
    mutating func extremumRule(_ callee: ExpressionSyntax, _ name: String, _ arguments: [ArgumentSyntax]) {
        guard let other = Self.extremumSwaps[name] else { return }
        if name == "min" || name == "max" {
            guard arguments.count >= 2, arguments.allSatisfy({ $0.name == nil && !$0.isSpread }) else {
                return
            }
            switch callee.kind {
            case .name: break
            case .attribute(let base, _, _) where text(base) == "torch": break
            default: return
            }
        }
        let written: String
        switch callee.kind {
        case .name: written = other
        case .attribute(let base, _, _): written = text(base) + "." + other
        default: return
        }
        add(.extremumSwapped, [(callee.range, written)], piece: written)
    }

    /// The names of the function `written` (`torch.minimum`, `max`) is, however spelled: the
    /// element-wise smaller or larger.
    static func extremumFamily(_ written: String) -> [String] {
        let name = written.split(separator: ".").last.map(String.init) ?? written
        return name.contains("min") ? ["minimum", "min", "fmin"] : ["maximum", "max", "fmax"]
    }

    /// How many calls of a function named `name` (`minimum`, `max`) `source` makes.
    static func calls(of name: String, in source: String) -> Int {
        guard let program = try? Parser.parse(source) else { return 0 }
        var count = 0
        func visit(_ node: ExpressionSyntax) {
            if case .call(let callee, _) = node.kind, calleeName(callee) == name { count += 1 }
            for child in node.kind.children { visit(child) }
        }
        program.valueExpressions.forEach(visit)
        return count
    }
}
