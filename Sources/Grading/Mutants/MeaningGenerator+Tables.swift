import AnswerLanguage
import Wording

/// A share read off a square table of counts (a confusion matrix): one diagonal entry over the
/// total of its column or row (`cm[c, c] / cm[:, c].sum()`, a class's precision or recall). Its
/// meaning mutants: the entry over the whole table's total (a share of every case), the whole
/// diagonal over the whole table (the accuracy), and the same share of another class.
extension MeaningGenerator {
    /// The most classes whose every other class is a mutant.
    static let tableLimit = 10

    mutating func tableShareRules(_ root: ExpressionSyntax) {
        guard case .binary(.divide, let entry, let line) = root.kind,
            case .subscript(let base, let items) = entry.kind, case .name(let table) = base.kind,
            items.count == 2, case .index(let row) = items[0], case .index(let column) = items[1],
            text(row) == text(column), let shape = shape(base), shape.count == 2, shape[0] == shape[1],
            (2...Self.tableLimit).contains(shape[0])
        else { return }
        // The divisor is a total of the table's (`cm[:, c].sum()`, `cm.sum(0)[c]`, `cm[c].sum()`).
        let total = text(line)
        guard total.contains(table), total.contains("sum"), total.contains(text(row)) else { return }
        let told = ["entry": text(entry), "line": total, "table": table]
        add(
            .shareOfAll, [(line.range, "(\(table)).sum()")], told: Phrase(MeaningKey.shareOfAll, told),
            piece: table)
        add(
            .diagonalShare, [(root.range, "((\(table)).diag().sum() / (\(table)).sum())")],
            told: Phrase(MeaningKey.diagonalShare, told), piece: table)
        // The same share of another class, where the index is a name.
        guard case .name(let name) = row.kind, let index = scalar(row), index == index.rounded(), index >= 0,
            index < Double(shape[0])
        else { return }
        let uses = Self.nodes(root).filter { node in
            if case .name(name) = node.kind { return true }
            return false
        }
        for other in 0..<shape[0] where other != Int(index) {
            add(
                .otherClass, uses.map { ($0.range, "\(other)") },
                told: Phrase(MeaningKey.otherClass, ["yours": other, "name": name, "theirs": Int(index)]),
                piece: table + "[")
        }
    }
}
