import AnswerLanguage

/// A window's sum typed by hand, product by product (`img[1, 2] * k[0, 0] + img[1, 3] * k[0, 1]
/// + …`), read against the reference's products (`MeaningGenerator.handSumRules`): which of them
/// the answer writes tells which one it left out, whatever the setup's data.
extension PreparedExercise {
    /// The products a hand-typed sum writes, each as `a[i, j]*b[k, l]` (its two factors in order
    /// of their text); nil when `source` is not a sum of products of elements indexed by numbers.
    static func typedProducts(_ source: String) -> [String]? {
        guard let typed = TypedAnswer(source), typed.statementCount == 1 else { return nil }
        func element(_ node: ExpressionSyntax) -> String? {
            guard case .subscript(let base, let items) = node.kind, case .name(let name) = base.kind else {
                return nil
            }
            var indices: [String] = []
            for item in items {
                guard case .index(let index) = item else { return nil }
                switch index.kind {
                case .integer(let value): indices.append("\(value)")
                default: return nil
                }
            }
            return "\(name)[\(indices.joined(separator: ", "))]"
        }
        var products: [String] = []
        func terms(_ node: ExpressionSyntax) -> Bool {
            switch node.kind {
            case .binary(.add, let left, let right): return terms(left) && terms(right)
            case .binary(.multiply, let left, let right):
                guard let a = element(left), let b = element(right) else { return false }
                products.append(Self.product(a, b))
                return true
            default: return false
            }
        }
        guard terms(typed.last), products.count >= 2 else { return nil }
        return products
    }

    /// One product as `typedProducts` writes it.
    static func product(_ a: String, _ b: String) -> String { [a, b].sorted().joined(separator: "*") }

    /// Whether the hand-typed sum `source` leaves out exactly the product `change` leaves out
    /// (its `piece`): it writes only products of the reference (`change.terms`; those worth 0,
    /// marked `0:`, may be left out too) and every other one. Nil when the answer is no hand-typed
    /// sum of products.
    static func leavesOut(_ source: String, _ change: Mutant.Change) -> Bool? {
        guard let typed = typedProducts(source) else { return nil }
        let zero = Set(change.terms.filter { $0.hasPrefix("0:") }.map { String($0.dropFirst(2)) })
        let worth = Set(change.terms.filter { !$0.hasPrefix("0:") })
        let written = Set(typed)
        guard written.count == typed.count, written.isSubset(of: worth.union(zero)) else { return false }
        return !written.contains(change.piece) && worth.subtracting([change.piece]).isSubset(of: written)
    }

    /// `leavesOut` of `mutant`'s change when the mutant is one change that names the sum's products;
    /// nil for any other mutant.
    static func leavesOut(_ source: String, _ mutant: Mutant) -> Bool? {
        guard mutant.changes.count == 1, !mutant.changes[0].terms.isEmpty else { return nil }
        return leavesOut(source, mutant.changes[0])
    }
}
