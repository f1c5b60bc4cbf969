import Wording

/// A nested list of numbers as a learner writes it (`[[1, 2], [3, 4]]`), before it becomes a
/// tensor with `Tensor(nested:)`.
public indirect enum NestedScalars: Sendable, Hashable {
    /// A whole number (makes an integer tensor when every leaf is one).
    case integer(Int)
    /// A real number.
    case real(Double)
    /// A list of nested values; all siblings must have the same shape.
    case list([NestedScalars])

    /// The shape this nesting describes.
    /// - Throws: `CNNError` for ragged lists or a list mixing numbers and lists.
    func shape(depth: Int = 0) throws(CNNError) -> [Int] {
        guard case .list(let items) = self else { return [] }
        guard let first = items.first else { return [0] }
        let inner = try first.shape(depth: depth + 1)
        for item in items.dropFirst() {
            let other = try item.shape(depth: depth + 1)
            guard other == inner else {
                // Report the outermost dimension where the siblings disagree, as PyTorch does.
                let k = zip(inner, other).prefix { $0 == $1 }.count
                let expected = k < inner.count ? "\(inner[k])" : "0 (a number)"
                let got = k < other.count ? "\(other[k])" : "a number"
                throw .shape(.raggedNesting, ["expected": expected, "dim": depth + 1 + k, "got": got])
            }
        }
        return [items.count] + inner
    }

    /// Appends the leaves in row-major order.
    func flatten(into out: inout [Double]) {
        switch self {
        case .integer(let value): out.append(Double(value))
        case .real(let value): out.append(value)
        case .list(let items): for item in items { item.flatten(into: &out) }
        }
    }

    /// True when every leaf is an `.integer` (PyTorch then makes an `int64` tensor).
    var isAllIntegers: Bool {
        switch self {
        case .integer: true
        case .real: false
        case .list(let items): items.allSatisfy(\.isAllIntegers)
        }
    }
}
